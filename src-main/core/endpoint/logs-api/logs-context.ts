import type { LogStore } from '../../logs/log-store';
import { invalidValue, logsError, optionalString, type LogsInput } from './logs-params';

/** What every operation handler sees. */
export interface LogsContext {
  readonly store: LogStore;
  /** Region of the request's credential scope (falls back to the configured one). */
  readonly region: string;
  readonly accountId: string;
  readonly requestId: string;
  readonly now: () => number;
}

const GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;
const STREAM_NAME = /^[^:*]*$/;

/** `arn:aws:logs:<region>:<account>:log-group:<name>` (DescribeLogGroups' `logGroupArn`; `arn` adds `:*`). */
export function groupArn(ctx: LogsContext, group: string): string {
  return `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${group}`;
}

/** The ARN DescribeLogStreams reports for a stream. */
export function streamArn(ctx: LogsContext, group: string, stream: string): string {
  return `${groupArn(ctx, group)}:log-stream:${stream}`;
}

/** A log group name from a name or an ARN (with or without the trailing `:*`). */
export function groupNameOf(identifier: string): string {
  const arn = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(identifier);
  return arn?.[1] ?? identifier;
}

/** Checks a group name against the model's pattern and AWS's length message. */
export function checkGroupName(name: string, param = 'logGroupName'): void {
  if (name.length > 512) {
    // Recorded on AWS (localstack test_logs_groups.snapshot.json, 2026-02).
    throw logsError(
      'InvalidParameterException',
      'Invalid LogGroup or LogStream, both must have length less than or equal to 512.',
    );
  }
  if (!GROUP_NAME.test(name)) {
    throw invalidValue(
      param,
      name,
      'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+',
    );
  }
}

/** Checks a stream name against the model's pattern. */
export function checkStreamName(name: string, param = 'logStreamName'): void {
  if (name.length > 512) checkGroupName(name, param);
  if (name.length < 1)
    throw invalidValue(param, name, 'Member must have length greater than or equal to 1');
  if (!STREAM_NAME.test(name)) {
    throw invalidValue(param, name, 'Member must satisfy regular expression pattern: [^:*]*');
  }
}

/** ResourceNotFoundException for a missing group (AWS wording, reference 8.1). */
export function groupNotFound(): Error {
  return logsError('ResourceNotFoundException', 'The specified log group does not exist.');
}

/** ResourceNotFoundException for a missing stream (AWS wording, reference 8.1). */
export function streamNotFound(): Error {
  return logsError('ResourceNotFoundException', 'The specified log stream does not exist.');
}

/**
 * The existing group named by `logGroupName` or `logGroupIdentifier` (name or ARN). Both at once
 * is a ValidationException recorded on AWS (localstack test_logs_streams.snapshot.json).
 */
export function existingGroup(ctx: LogsContext, input: LogsInput): string {
  const name = optionalString(input, 'logGroupName');
  const identifier = optionalString(input, 'logGroupIdentifier');
  if (name !== undefined && identifier !== undefined) {
    throw logsError(
      'ValidationException',
      'LogGroup name and LogGroup ARN are mutually exclusive parameters.',
    );
  }
  if (name === undefined && identifier === undefined) {
    throw invalidValue('logGroupName', null, 'Member must not be null');
  }
  const group = name ?? groupNameOf(identifier ?? '');
  if (!ctx.store.hasGroup(group)) throw groupNotFound();
  return group;
}
