import { readFile, rename, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { nameOfFile, STREAM_FILE_EXTENSION, type StreamHeader } from './log-files';
import { parseStreamFile, type ParsedStreamFile } from './parse-stream-file';

/** One stream file read from disk. */
export interface LoadedStream {
  readonly file: string;
  /** From the file's first line, or rebuilt from its name when that line is missing. */
  readonly header: StreamHeader;
  readonly parsed: ParsedStreamFile;
  /** UTF-8 bytes of the messages read. */
  readonly bytes: number;
}

/**
 * Reads one stream file, reporting a torn last line or bad lines in `warnings`. A file with
 * nothing usable is moved aside to `<file>.corrupt` and skipped; undefined then.
 */
export async function loadStreamFile(
  file: string,
  warnings: string[],
): Promise<LoadedStream | undefined> {
  let parsed: ParsedStreamFile;
  let mtime: number;
  try {
    parsed = parseStreamFile(await readFile(file, 'utf8'));
    mtime = (await stat(file)).mtimeMs;
  } catch (error) {
    warnings.push(
      `${file}: unreadable (${error instanceof Error ? error.message : String(error)}); skipped`,
    );
    return undefined;
  }
  const name = parsed.header?.logStreamName ?? nameOfFile(basename(file, STREAM_FILE_EXTENSION));
  const nothingUsable = !parsed.header && parsed.events.length === 0 && parsed.badLines.length > 0;
  if (name === undefined || nothingUsable) {
    warnings.push(`${file}: no usable content; moved aside to ${basename(file)}.corrupt`);
    await rename(file, `${file}.corrupt`).catch(() => undefined);
    return undefined;
  }
  if (parsed.tornLast) warnings.push(`${file}: skipped a torn last line (an interrupted write)`);
  if (parsed.badLines.length > 0) {
    const lines = parsed.badLines.length === 1 ? 'line' : 'lines';
    warnings.push(
      `${file}: skipped ${parsed.badLines.length} corrupt ${lines} (first: line ${parsed.badLines[0]}); the original is kept as ${basename(file)}.corrupt`,
    );
  }
  const header = parsed.header ?? {
    logStreamName: name,
    creationTime: parsed.events.reduce((min, e) => Math.min(min, e.ingestionTime), mtime),
  };
  const bytes = parsed.events.reduce((sum, e) => sum + Buffer.byteLength(e.message), 0);
  return { file, header, parsed, bytes };
}
