import { copyFile, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { LogStore } from '../log-store';
import type { LogStoreLimits } from '../log-store-types';
import {
  GROUP_META_FILE,
  isGroupMeta,
  nameOfFile,
  STREAM_FILE_EXTENSION,
  streamFileContents,
  writeAtomically,
  type GroupMeta,
} from './log-files';
import type { ParsedStreamFile } from './parse-stream-file';
import { PathBook } from './path-book';
import { loadStreamFile, type LoadedStream } from './load-stream-file';

/** What loading found: where things live, group metadata, per-file sizes, and the problems. */
export interface LoadedLogs {
  readonly book: PathBook;
  readonly metas: Map<string, GroupMeta>;
  readonly sizes: Map<string, { events: number; bytes: number }>;
  readonly warnings: string[];
}

const DAY = 86_400_000;

async function readGroupMeta(dir: string, warnings: string[]): Promise<GroupMeta | undefined> {
  const path = join(dir, GROUP_META_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    if (isGroupMeta(value)) return value;
  } catch {
    // reported below
  }
  warnings.push(`${path}: not a valid group description; using the directory name`);
  return undefined;
}

/** Reads `<root>/<group>/` directories into the store, within its caps; repairs files as it goes. */
export async function loadLogs(
  root: string,
  store: LogStore,
  limits: LogStoreLimits,
  now: number,
): Promise<LoadedLogs> {
  const loaded: LoadedLogs = {
    book: new PathBook(root),
    metas: new Map(),
    sizes: new Map(),
    warnings: [],
  };
  const entries = await readdir(root, { withFileTypes: true });
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const dir = join(root, entry.name);
    try {
      await loadGroupDir(dir, entry.name, loaded, store, limits, now);
    } catch (error) {
      // One bad directory (permissions, a full disk while repairing) never stops the others.
      const reason = error instanceof Error ? error.message : String(error);
      loaded.warnings.push(`${dir}: could not be loaded (${reason})`);
    }
  }
  return loaded;
}

async function loadGroupDir(
  dir: string,
  dirName: string,
  loaded: LoadedLogs,
  store: LogStore,
  limits: LogStoreLimits,
  now: number,
): Promise<void> {
  const meta = await readGroupMeta(dir, loaded.warnings);
  const group = meta?.logGroupName ?? nameOfFile(dirName);
  if (group === undefined) {
    loaded.warnings.push(`${dir}: cannot tell which log group this is; skipped`);
    return;
  }
  const files = (await readdir(dir)).filter((f) => f.endsWith(STREAM_FILE_EXTENSION));
  const streams: LoadedStream[] = [];
  for (const file of files) {
    const stream = await loadStreamFile(join(dir, file), loaded.warnings);
    if (stream) streams.push(stream);
  }
  const retention = meta?.retentionInDays;
  const oldest = retention === undefined ? -Infinity : now - retention * DAY;
  // The newest streams win the streams-per-group cap, as they would have at runtime.
  streams.sort((a, b) => a.header.creationTime - b.header.creationTime);
  const excess = streams.splice(0, Math.max(0, streams.length - limits.maxStreamsPerGroup));
  for (const gone of excess) await rm(gone.file, { force: true });
  const creationTime =
    meta?.creationTime ?? streams.reduce((min, s) => Math.min(min, s.header.creationTime), now);
  store.restoreGroup(group, creationTime, retention);
  loaded.book.adoptGroup(group, dir);
  const groupMeta = {
    logGroupName: group,
    creationTime,
    ...(retention ? { retentionInDays: retention } : {}),
  };
  loaded.metas.set(group, groupMeta);
  if (!meta) await writeAtomically(join(dir, GROUP_META_FILE), JSON.stringify(groupMeta));
  for (const s of streams) {
    const live = s.parsed.events.filter((e) => e.timestamp >= oldest);
    const kept = store.restoreStream(group, s.header.logStreamName, s.header.creationTime, live);
    loaded.book.adoptStream(group, s.header.logStreamName, s.file);
    const events = store.events(group, s.header.logStreamName) ?? [];
    const size = { events: s.parsed.lineCount, bytes: s.bytes };
    if (needsRewrite(s.parsed, s.header !== s.parsed.header, live.length, limits, size)) {
      if (s.parsed.badLines.length > 0) await copyFile(s.file, `${s.file}.corrupt`);
      await writeAtomically(s.file, streamFileContents(s.header, events));
      size.events = kept;
      size.bytes = events.reduce((sum, e) => sum + Buffer.byteLength(e.message), 0);
    }
    loaded.sizes.set(s.file, size);
  }
}

/** Damaged files, files with expired events and files far over the caps (2x) are rewritten. */
function needsRewrite(
  parsed: ParsedStreamFile,
  headerRebuilt: boolean,
  live: number,
  limits: LogStoreLimits,
  size: { events: number; bytes: number },
): boolean {
  return (
    !parsed.endsClean ||
    parsed.tornLast ||
    parsed.badLines.length > 0 ||
    headerRebuilt ||
    live < parsed.events.length ||
    size.events > 2 * limits.maxEventsPerStream ||
    size.bytes > 2 * limits.maxBytesPerStream
  );
}
