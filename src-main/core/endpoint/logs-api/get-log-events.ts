import type { LogEvent } from '../../logs/log-store';
import {
  compareEvents,
  eventBytes,
  inTimeOrder,
  MAX_PAGE_BYTES,
  type EventKey,
} from './event-order';
import { checkStreamName, existingGroup, streamNotFound, type LogsContext } from './logs-context';
import {
  invalidToken,
  limitParam,
  optionalBoolean,
  optionalInteger,
  optionalString,
  requiredString,
  type LogsInput,
} from './logs-params';

type Direction = 'f' | 'b';

/** `f/` or `b/`, 56 digits (19 of timestamp, 37 of event id), `/s`: shaped like AWS's tokens. */
function encodePosition(direction: Direction, key: EventKey): string {
  const id = key.eventId.replace(/^0+/, '') || '0';
  return `${direction}/${String(key.timestamp).padStart(19, '0')}${id.padStart(37, '0')}/s`;
}

function decodePosition(token: string): { direction: Direction; key: EventKey } {
  const match = /^([fb])\/(\d{19})(\d{37})\/s$/.exec(token);
  if (!match) throw invalidToken();
  return {
    direction: match[1] === 'f' ? 'f' : 'b',
    key: { timestamp: Number(match[2]), eventId: match[3] ?? '0' },
  };
}

const ORIGIN: EventKey = { timestamp: 0, eventId: '0' };

/** Takes up to `limit` events (and 1 MB) from the front, or from the back when `fromEnd`. */
function takePage(events: readonly LogEvent[], limit: number, fromEnd: boolean): LogEvent[] {
  const page: LogEvent[] = [];
  let bytes = 0;
  for (let n = 0; n < events.length && page.length < limit; n += 1) {
    const event = events[fromEnd ? events.length - 1 - n : n];
    if (!event) break;
    bytes += eventBytes(event);
    if (bytes > MAX_PAGE_BYTES && page.length > 0) break;
    page.push(event);
  }
  return fromEnd ? page.reverse() : page;
}

/**
 * GetLogEvents: startTime inclusive, endTime exclusive, startFromHead false by default (newest
 * page first). Tokens mark positions; a forward token returns what follows it, a backward token
 * what precedes it, and at either end the token sent comes back unchanged (reference 8.2).
 */
export function getLogEvents(ctx: LogsContext, input: LogsInput): Record<string, unknown> {
  const streamName = requiredString(input, 'logStreamName');
  checkStreamName(streamName);
  const group = existingGroup(ctx, input);
  const stored = ctx.store.events(group, streamName);
  if (!stored) throw streamNotFound();
  const startTime = optionalInteger(input, 'startTime');
  const endTime = optionalInteger(input, 'endTime');
  const limit = limitParam(input, 10_000);
  const startFromHead = optionalBoolean(input, 'startFromHead') ?? false;
  const token = optionalString(input, 'nextToken');
  const position = token === undefined ? undefined : decodePosition(token);

  const inWindow = inTimeOrder(stored).filter(
    (e) =>
      (startTime === undefined || e.timestamp >= startTime) &&
      (endTime === undefined || e.timestamp < endTime),
  );
  let page: LogEvent[];
  if (!position) {
    page = takePage(inWindow, limit, !startFromHead);
  } else if (position.direction === 'f') {
    page = takePage(
      inWindow.filter((e) => compareEvents(e, position.key) > 0),
      limit,
      false,
    );
  } else {
    page = takePage(
      inWindow.filter((e) => compareEvents(e, position.key) < 0),
      limit,
      true,
    );
  }

  const first = page[0];
  const last = page.at(-1);
  const edge = position?.key ?? ORIGIN;
  return {
    events: page.map((e) => ({
      timestamp: e.timestamp,
      message: e.message,
      ingestionTime: e.ingestionTime,
    })),
    nextForwardToken: last
      ? encodePosition('f', last)
      : position?.direction === 'f'
        ? token
        : encodePosition('f', edge),
    nextBackwardToken: first
      ? encodePosition('b', first)
      : position?.direction === 'b'
        ? token
        : encodePosition('b', edge),
  };
}
