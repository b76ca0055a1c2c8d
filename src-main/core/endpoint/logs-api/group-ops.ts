import {
  checkGroupName,
  checkStreamName,
  groupNotFound,
  streamNotFound,
  type LogsContext,
} from './logs-context';
import {
  invalidValue,
  logsError,
  optionalInteger,
  requiredString,
  type LogsInput,
} from './logs-params';

type Empty = Record<string, never>;

/** The retention values PutRetentionPolicy accepts (the model's enum for retentionInDays). */
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
];

function groupName(input: LogsInput): string {
  const name = requiredString(input, 'logGroupName');
  checkGroupName(name);
  return name;
}

/** CreateLogGroup; "The specified log group already exists" is AWS's recorded wording (no period). */
export function createLogGroup(ctx: LogsContext, input: LogsInput): Empty {
  const name = groupName(input);
  if (!ctx.store.createGroup(name)) {
    throw logsError('ResourceAlreadyExistsException', 'The specified log group already exists');
  }
  return {};
}

/** CreateLogStream; "The specified log stream already exists" as recorded on AWS. */
export function createLogStream(ctx: LogsContext, input: LogsInput): Empty {
  const group = groupName(input);
  const stream = requiredString(input, 'logStreamName');
  checkStreamName(stream);
  const outcome = ctx.store.createStream(group, stream);
  if (outcome === 'no-group') throw groupNotFound();
  if (outcome === 'exists') {
    throw logsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
  }
  return {};
}

/** DeleteLogGroup, with its streams and events. */
export function deleteLogGroup(ctx: LogsContext, input: LogsInput): Empty {
  if (!ctx.store.deleteGroup(groupName(input))) throw groupNotFound();
  return {};
}

/** DeleteLogStream. */
export function deleteLogStream(ctx: LogsContext, input: LogsInput): Empty {
  const group = groupName(input);
  const stream = requiredString(input, 'logStreamName');
  if (!ctx.store.hasGroup(group)) throw groupNotFound();
  if (!ctx.store.deleteStream(group, stream)) throw streamNotFound();
  return {};
}

/** PutRetentionPolicy: stored and reported; the persistent store drops expired events on load. */
export function putRetentionPolicy(ctx: LogsContext, input: LogsInput): Empty {
  const group = groupName(input);
  const days = optionalInteger(input, 'retentionInDays');
  if (days === undefined) throw invalidValue('retentionInDays', null, 'Member must not be null');
  if (!RETENTION_DAYS.includes(days)) {
    throw invalidValue(
      'retentionInDays',
      days,
      `Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`,
    );
  }
  if (!ctx.store.setRetention(group, days)) throw groupNotFound();
  return {};
}

/** DeleteRetentionPolicy: back to "never expire". */
export function deleteRetentionPolicy(ctx: LogsContext, input: LogsInput): Empty {
  if (!ctx.store.setRetention(groupName(input), undefined)) throw groupNotFound();
  return {};
}
