import { createHash } from 'node:crypto';
import { rename, writeFile } from 'node:fs/promises';
import type { LogEvent } from '../log-store-types';

/** First line of a stream file: makes the file self-describing whatever its name. */
export interface StreamHeader {
  readonly logStreamName: string;
  readonly creationTime: number;
}

/** Contents of `group.json` in a group's directory. */
export interface GroupMeta {
  readonly logGroupName: string;
  readonly creationTime: number;
  readonly retentionInDays?: number;
}

/** Name of the metadata file in a group's directory (stream files end in `.jsonl`, so no clash). */
export const GROUP_META_FILE = 'group.json';
/** Extension of stream files. */
export const STREAM_FILE_EXTENSION = '.jsonl';

/**
 * A file or directory name for a group or stream: URL-encoded (so `/` and `$` are safe), a
 * leading dot escaped (no `.` or `..`), and long names cut with a hash (file names <= 255 bytes).
 */
export function fileNameOf(name: string): string {
  const encoded = encodeURIComponent(name).replace(/^\./, '%2E');
  if (encoded.length <= 200) return encoded;
  return `${encoded.slice(0, 150)}~${createHash('sha256').update(name).digest('hex').slice(0, 16)}`;
}

/** The name a file name stands for, when it was not cut; undefined otherwise. */
export function nameOfFile(fileName: string): string | undefined {
  if (fileName.includes('~')) return undefined;
  try {
    return decodeURIComponent(fileName);
  } catch {
    return undefined;
  }
}

/** One event as a JSON Lines line. */
export function eventLine(event: LogEvent): string {
  return `${JSON.stringify({
    timestamp: event.timestamp,
    ingestionTime: event.ingestionTime,
    eventId: event.eventId,
    message: event.message,
  })}\n`;
}

/** The header line of a stream file. */
export function headerLine(header: StreamHeader): string {
  return `${JSON.stringify(header)}\n`;
}

/** Whether a parsed line is a well-formed event. */
export function isLogEvent(value: unknown): value is LogEvent {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['timestamp'] === 'number' &&
    typeof v['ingestionTime'] === 'number' &&
    typeof v['eventId'] === 'string' &&
    /^\d+$/.test(v['eventId']) &&
    typeof v['message'] === 'string'
  );
}

/** Whether a parsed line is a stream header. */
export function isStreamHeader(value: unknown): value is StreamHeader {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v['logStreamName'] === 'string' && typeof v['creationTime'] === 'number';
}

/** Whether a parsed `group.json` is well-formed. */
export function isGroupMeta(value: unknown): value is GroupMeta {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v['logGroupName'] === 'string' &&
    typeof v['creationTime'] === 'number' &&
    (v['retentionInDays'] === undefined || typeof v['retentionInDays'] === 'number')
  );
}

/** Replaces a file in one step (temp file + rename), so a crash leaves the old or the new one. */
export async function writeAtomically(path: string, contents: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, contents);
  await rename(temp, path);
}

/** A stream file's full contents: header then events. */
export function streamFileContents(header: StreamHeader, events: readonly LogEvent[]): string {
  return headerLine(header) + events.map(eventLine).join('');
}
