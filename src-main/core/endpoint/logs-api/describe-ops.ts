import type { LogStreamInfo } from '../../logs/log-store';
import { existingGroup, groupArn, groupNameOf, streamArn, type LogsContext } from './logs-context';
import {
  decodeToken,
  encodeToken,
  invalidValue,
  limitParam,
  logsError,
  optionalBoolean,
  optionalString,
  optionalStringList,
  type LogsInput,
} from './logs-params';

const isString = (v: unknown): v is string => typeof v === 'string';

/**
 * DescribeLogGroups: prefix xor case-sensitive substring pattern (or identifiers), limit <= 50,
 * ASCII order.
 * With a pattern AWS leaves out storedBytes (localstack test_logs_groups.snapshot.json).
 */
export function describeLogGroups(ctx: LogsContext, input: LogsInput): Record<string, unknown> {
  const prefix = optionalString(input, 'logGroupNamePrefix');
  const pattern = optionalString(input, 'logGroupNamePattern');
  if (prefix !== undefined && pattern !== undefined) {
    throw logsError(
      'InvalidParameterException',
      'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
    );
  }
  const limit = limitParam(input, 50);
  const after = decodeToken(optionalString(input, 'nextToken'), isString);
  const groupClass = optionalString(input, 'logGroupClass');
  const identifiers = optionalStringList(input, 'logGroupIdentifiers')?.map(groupNameOf);
  const matching = ctx.store
    .groups()
    .filter((g) => prefix === undefined || g.logGroupName.startsWith(prefix))
    .filter((g) => pattern === undefined || g.logGroupName.includes(pattern))
    .filter(() => groupClass === undefined || groupClass === 'STANDARD')
    .filter((g) => identifiers === undefined || identifiers.includes(g.logGroupName))
    .filter((g) => after === undefined || g.logGroupName > after);
  const page = matching.slice(0, limit);
  const logGroups = page.map((g) => ({
    logGroupName: g.logGroupName,
    creationTime: g.creationTime,
    ...(g.retentionInDays === undefined ? {} : { retentionInDays: g.retentionInDays }),
    metricFilterCount: 0,
    arn: `${groupArn(ctx, g.logGroupName)}:*`,
    ...(pattern === undefined ? { storedBytes: g.storedBytes } : {}),
    logGroupClass: 'STANDARD',
    logGroupArn: groupArn(ctx, g.logGroupName),
    deletionProtectionEnabled: false,
  }));
  const last = page.at(-1);
  return matching.length > limit && last
    ? { logGroups, nextToken: encodeToken(last.logGroupName) }
    : { logGroups };
}

type StreamKey = [number, string];
const isStreamKey = (v: unknown): v is StreamKey =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string';

function compareKeys(a: StreamKey, b: StreamKey): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

/**
 * DescribeLogStreams: by name (ASCII) or LastEventTime, optionally descending; a prefix cannot
 * be combined with LastEventTime ("Cannot order by LastEventTime with a logStreamNamePrefix.",
 * the wording moto's tests assert against AWS). storedBytes is always 0, as AWS reports since 2019.
 */
export function describeLogStreams(ctx: LogsContext, input: LogsInput): Record<string, unknown> {
  const group = existingGroup(ctx, input);
  const prefix = optionalString(input, 'logStreamNamePrefix');
  const orderBy = optionalString(input, 'orderBy') ?? 'LogStreamName';
  if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
    throw invalidValue(
      'orderBy',
      orderBy,
      'Member must satisfy enum value set: [LogStreamName, LastEventTime]',
    );
  }
  if (orderBy === 'LastEventTime' && prefix !== undefined) {
    throw logsError(
      'InvalidParameterException',
      'Cannot order by LastEventTime with a logStreamNamePrefix.',
    );
  }
  const descending = optionalBoolean(input, 'descending') ?? false;
  const limit = limitParam(input, 50);
  const after = decodeToken(optionalString(input, 'nextToken'), isStreamKey);
  const keyOf = (s: LogStreamInfo): StreamKey =>
    orderBy === 'LastEventTime'
      ? [s.lastEventTimestamp ?? 0, s.logStreamName]
      : [0, s.logStreamName];
  const direction = descending ? -1 : 1;
  const matching = (ctx.store.streams(group) ?? [])
    .filter((s) => prefix === undefined || s.logStreamName.startsWith(prefix))
    .sort((a, b) => direction * compareKeys(keyOf(a), keyOf(b)))
    .filter((s) => after === undefined || direction * compareKeys(keyOf(s), after) > 0);
  const page = matching.slice(0, limit);
  const logStreams = page.map((s) => ({
    logStreamName: s.logStreamName,
    creationTime: s.creationTime,
    ...(s.firstEventTimestamp === undefined
      ? {}
      : {
          firstEventTimestamp: s.firstEventTimestamp,
          lastEventTimestamp: s.lastEventTimestamp,
          lastIngestionTime: s.lastIngestionTime,
        }),
    arn: streamArn(ctx, group, s.logStreamName),
    storedBytes: 0,
  }));
  const last = page.at(-1);
  return matching.length > limit && last
    ? { logStreams, nextToken: encodeToken(keyOf(last)) }
    : { logStreams };
}
