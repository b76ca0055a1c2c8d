import {
  compileFilterPattern,
  FilterPatternError,
  INVALID_FILTER_PATTERN,
  type LogMatcher,
} from '../../logs/filter-pattern';
import type { LogEvent } from '../../logs/log-store';
import { compareEvents, eventBytes, MAX_PAGE_BYTES, type EventKey } from './event-order';
import { existingGroup, type LogsContext } from './logs-context';
import {
  decodeToken,
  encodeToken,
  invalidValue,
  limitParam,
  logsError,
  optionalInteger,
  optionalString,
  optionalStringList,
  type LogsInput,
} from './logs-params';

interface Found extends EventKey {
  readonly stream: string;
  readonly event: LogEvent;
}

const isKey = (v: unknown): v is [number, string] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string';

/** Compiles the request's pattern; malformed ones answer AWS's "Invalid filter pattern". */
export function matcherFor(pattern: string | undefined): LogMatcher {
  try {
    return compileFilterPattern(pattern);
  } catch (error) {
    if (error instanceof FilterPatternError)
      throw logsError('InvalidParameterException', INVALID_FILTER_PATTERN);
    throw error;
  }
}

function streamsToSearch(ctx: LogsContext, group: string, input: LogsInput): string[] {
  const names = optionalStringList(input, 'logStreamNames');
  const prefix = optionalString(input, 'logStreamNamePrefix');
  if (names !== undefined && prefix !== undefined) {
    // Documented as an InvalidParameterException; the wording is what emulators use (unverified).
    throw logsError(
      'InvalidParameterException',
      'Cannot specify both logStreamNames and logStreamNamePrefix.',
    );
  }
  if (names !== undefined && (names.length < 1 || names.length > 100)) {
    const bound = names.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 100';
    throw invalidValue(
      'logStreamNames',
      `[${names.join(', ')}]`,
      `Member must have length ${bound}`,
    );
  }
  const all = (ctx.store.streams(group) ?? []).map((s) => s.logStreamName);
  if (names !== undefined) return all.filter((s) => names.includes(s));
  return prefix === undefined ? all : all.filter((s) => s.startsWith(prefix));
}

/**
 * FilterLogEvents: events of the chosen streams in [startTime, endTime] (both inclusive) that
 * match the filter pattern, ordered by timestamp across streams; nextToken only while more
 * remain; searchedLogStreams is always empty, as on AWS today (reference 8.2).
 */
export function filterLogEvents(ctx: LogsContext, input: LogsInput): Record<string, unknown> {
  const group = existingGroup(ctx, input);
  const streams = streamsToSearch(ctx, group, input);
  const startTime = optionalInteger(input, 'startTime');
  const endTime = optionalInteger(input, 'endTime');
  const limit = limitParam(input, 10_000);
  const matches = matcherFor(optionalString(input, 'filterPattern'));
  const after = decodeToken(optionalString(input, 'nextToken'), isKey);
  const afterKey = after && { timestamp: after[0], eventId: after[1] };

  const candidates: Found[] = [];
  for (const stream of streams) {
    for (const event of ctx.store.events(group, stream) ?? []) {
      if (startTime !== undefined && event.timestamp < startTime) continue;
      if (endTime !== undefined && event.timestamp > endTime) continue;
      if (afterKey && compareEvents(event, afterKey) <= 0) continue;
      candidates.push({ timestamp: event.timestamp, eventId: event.eventId, stream, event });
    }
  }
  candidates.sort(compareEvents);

  const page: Found[] = [];
  let bytes = 0;
  let more = false;
  for (const found of candidates) {
    if (!matches(found.event.message)) continue;
    bytes += eventBytes(found.event);
    if (page.length >= limit || (bytes > MAX_PAGE_BYTES && page.length > 0)) {
      more = true;
      break;
    }
    page.push(found);
  }
  const events = page.map(({ stream, event }) => ({
    logStreamName: stream,
    timestamp: event.timestamp,
    message: event.message,
    ingestionTime: event.ingestionTime,
    eventId: event.eventId,
  }));
  const last = page.at(-1);
  return more && last
    ? { events, searchedLogStreams: [], nextToken: encodeToken([last.timestamp, last.eventId]) }
    : { events, searchedLogStreams: [] };
}
