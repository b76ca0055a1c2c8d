import { checkStreamName, existingGroup, streamNotFound, type LogsContext } from './logs-context';
import { invalidValue, logsError, requiredString, type LogsInput } from './logs-params';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** "The maximum batch size is 1,048,576 bytes ... the sum of all event messages in UTF-8, plus 26 bytes for each log event" (PutLogEvents API reference). */
const MAX_BATCH_BYTES = 1_048_576;

interface InputEvent {
  readonly timestamp: number;
  readonly message: string;
}

function readEvents(input: LogsInput): InputEvent[] {
  const raw = input['logEvents'];
  if (!Array.isArray(raw)) throw invalidValue('logEvents', null, 'Member must not be null');
  if (raw.length < 1 || raw.length > 10_000) {
    const bound = raw.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 10000';
    throw invalidValue('logEvents', `[${raw.length} events]`, `Member must have length ${bound}`);
  }
  return raw.map((e: unknown) => {
    const event = (e ?? {}) as Record<string, unknown>;
    const { timestamp, message } = event;
    if (typeof timestamp !== 'number' || !Number.isInteger(timestamp) || timestamp < 0) {
      throw invalidValue(
        'logEvents.member.timestamp',
        timestamp,
        'Member must have value greater than or equal to 0',
      );
    }
    if (typeof message !== 'string' || message.length < 1) {
      throw invalidValue(
        'logEvents.member.message',
        message,
        'Member must have length greater than or equal to 1',
      );
    }
    return { timestamp, message };
  });
}

/**
 * PutLogEvents into an existing stream. Events must be in chronological order and span at most
 * 24 hours; those more than 14 days old, older than the retention or more than 2 hours ahead are
 * rejected and reported in rejectedLogEventsInfo, the rest are stored (PutLogEvents API reference).
 */
export function putLogEvents(ctx: LogsContext, input: LogsInput): Record<string, unknown> {
  const group = existingGroup(ctx, input);
  const stream = requiredString(input, 'logStreamName');
  checkStreamName(stream);
  if (!ctx.store.events(group, stream)) throw streamNotFound();
  const events = readEvents(input);
  for (let i = 1; i < events.length; i += 1) {
    if ((events[i]?.timestamp ?? 0) < (events[i - 1]?.timestamp ?? 0)) {
      // Recorded on AWS (localstack test_logs_events.snapshot.json, 2026-02).
      throw logsError(
        'InvalidParameterException',
        'Log events in a single PutLogEvents request must be in chronological order.',
      );
    }
  }
  if ((events.at(-1)?.timestamp ?? 0) - (events[0]?.timestamp ?? 0) > DAY) {
    throw logsError(
      'InvalidParameterException',
      'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    );
  }
  const batchBytes = events.reduce((sum, e) => sum + Buffer.byteLength(e.message) + 26, 0);
  if (batchBytes > MAX_BATCH_BYTES) {
    // Wording unverified; the limit is documented.
    throw logsError(
      'InvalidParameterException',
      `Upload too large: ${batchBytes} bytes exceeds limit of ${MAX_BATCH_BYTES}`,
    );
  }

  const now = ctx.now();
  const retention = ctx.store.groups().find((g) => g.logGroupName === group)?.retentionInDays;
  const oldest = Math.max(now - 14 * DAY, retention === undefined ? 0 : now - retention * DAY);
  let tooOldEnd: number | undefined;
  let expiredEnd: number | undefined;
  let tooNewStart: number | undefined;
  let lastId = '0';
  events.forEach((e, index) => {
    if (e.timestamp < now - 14 * DAY) tooOldEnd = index + 1;
    else if (e.timestamp < oldest) expiredEnd = index + 1;
    else if (e.timestamp > now + 2 * HOUR) tooNewStart ??= index;
    else lastId = ctx.store.append(group, stream, e.message, e.timestamp).eventId;
  });
  const rejected = {
    ...(tooNewStart === undefined ? {} : { tooNewLogEventStartIndex: tooNewStart }),
    ...(tooOldEnd === undefined ? {} : { tooOldLogEventEndIndex: tooOldEnd }),
    ...(expiredEnd === undefined ? {} : { expiredLogEventEndIndex: expiredEnd }),
  };
  return {
    nextSequenceToken: lastId.replace(/^0+/, '').padStart(56, '0'),
    ...(Object.keys(rejected).length > 0 ? { rejectedLogEventsInfo: rejected } : {}),
  };
}
