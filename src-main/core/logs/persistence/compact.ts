import type { LogStore } from '../log-store';
import { streamFileContents, writeAtomically } from './log-files';

function notAfter(id: string, last: string): boolean {
  const a = id.replace(/^0+/, '');
  const b = last.replace(/^0+/, '');
  return a.length !== b.length ? a.length < b.length : a <= b;
}

/**
 * Rewrites a stream file (temp file + rename) with just the events the store still holds up to
 * `lastWrittenId`; later ones are still queued for appending. Returns the new size, or undefined
 * when the stream is gone.
 */
export async function compactStreamFile(
  store: LogStore,
  group: string,
  stream: string,
  file: string,
  lastWrittenId: string,
): Promise<{ events: number; bytes: number } | undefined> {
  const events = store.events(group, stream)?.filter((e) => notAfter(e.eventId, lastWrittenId));
  const info = store.streams(group)?.find((s) => s.logStreamName === stream);
  if (!events || !info) return undefined;
  await writeAtomically(
    file,
    streamFileContents({ logStreamName: stream, creationTime: info.creationTime }, events),
  );
  return {
    events: events.length,
    bytes: events.reduce((sum, e) => sum + Buffer.byteLength(e.message), 0),
  };
}
