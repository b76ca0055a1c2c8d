import type { EndpointResponse } from '../endpoint-types';
import { EVENT_STREAM_CONTENT_TYPE } from './event-stream';
import { matcherFor } from './filter-log-events';
import { LiveTailSession, type LiveTailTimings } from './live-tail-session';
import { groupNameOf, groupNotFound, type LogsContext } from './logs-context';
import {
  invalidValue,
  logsError,
  optionalString,
  optionalStringList,
  type LogsInput,
} from './logs-params';

/**
 * StartLiveTail: 1-10 log group identifiers (ARNs as AWS asks, plain names accepted too),
 * logStreamNames xor logStreamNamePrefixes (single group only), an optional filter pattern.
 * Answers an `application/vnd.amazon.eventstream` body (reference 8.3).
 */
export function startLiveTail(
  ctx: LogsContext,
  input: LogsInput,
  timings: LiveTailTimings,
): EndpointResponse {
  const identifiers = optionalStringList(input, 'logGroupIdentifiers');
  if (!identifiers) throw invalidValue('logGroupIdentifiers', null, 'Member must not be null');
  if (identifiers.length < 1 || identifiers.length > 10) {
    const bound =
      identifiers.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 10';
    throw invalidValue(
      'logGroupIdentifiers',
      `[${identifiers.join(', ')}]`,
      `Member must have length ${bound}`,
    );
  }
  const groups = new Map<string, string>();
  for (const identifier of identifiers) {
    const group = groupNameOf(identifier);
    if (!ctx.store.hasGroup(group)) throw groupNotFound();
    groups.set(group, identifier);
  }
  const streamNames = optionalStringList(input, 'logStreamNames');
  const streamPrefixes = optionalStringList(input, 'logStreamNamePrefixes');
  // Both rules are documented for StartLiveTail; the wordings are ours (unverified).
  if (streamNames && streamPrefixes) {
    throw logsError(
      'InvalidParameterException',
      'logStreamNames and logStreamNamePrefixes are mutually exclusive.',
    );
  }
  if ((streamNames || streamPrefixes) && identifiers.length > 1) {
    throw logsError(
      'InvalidParameterException',
      'logStreamNames and logStreamNamePrefixes can only be used with a single log group.',
    );
  }
  const pattern = optionalString(input, 'logEventFilterPattern');
  const matches = matcherFor(pattern);
  const start = {
    logGroupIdentifiers: identifiers,
    ...(streamNames ? { logStreamNames: streamNames } : {}),
    ...(streamPrefixes ? { logStreamNamePrefixes: streamPrefixes } : {}),
    ...(pattern === undefined ? {} : { logEventFilterPattern: pattern }),
  };
  const scope = { groups, streamNames, streamPrefixes, matches, start };
  return {
    status: 200,
    headers: { 'content-type': EVENT_STREAM_CONTENT_TYPE, 'x-amzn-requestid': ctx.requestId },
    body: new LiveTailSession(ctx.store, scope, ctx.requestId, timings),
  };
}
