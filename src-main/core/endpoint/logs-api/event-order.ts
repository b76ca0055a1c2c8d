import type { LogEvent } from '../../logs/log-store';

/** Where an event sits in CloudWatch's order: by timestamp, then by arrival (event id). */
export interface EventKey {
  readonly timestamp: number;
  readonly eventId: string;
}

/** The most a page of events may carry: "as many log events as can fit in a response size of 1 MB". */
export const MAX_PAGE_BYTES = 1_048_576;

/** An event's share of a page: its UTF-8 bytes plus the 26 bytes AWS counts per event. */
export function eventBytes(event: LogEvent): number {
  return Buffer.byteLength(event.message) + 26;
}

function compareIds(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Orders events by timestamp, then id; ids are digit strings of any padding. */
export function compareEvents(a: EventKey, b: EventKey): number {
  return a.timestamp !== b.timestamp ? a.timestamp - b.timestamp : compareIds(a.eventId, b.eventId);
}

/** The events in CloudWatch's order; the stored array itself when it already is (the usual case). */
export function inTimeOrder<T extends EventKey>(events: readonly T[]): readonly T[] {
  for (let i = 1; i < events.length; i += 1) {
    const previous = events[i - 1];
    const current = events[i];
    if (previous && current && compareEvents(previous, current) > 0) {
      return [...events].sort(compareEvents);
    }
  }
  return events;
}
