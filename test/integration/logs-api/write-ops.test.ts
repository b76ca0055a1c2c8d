import { afterEach, describe, expect, it } from 'vitest';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { LogStore } from '../../../src-main/core/logs/log-store';
import { awsError, startLogsApi, type LogsHarness } from './logs-harness';

let harness: LogsHarness | undefined;
afterEach(async () => harness?.close());

const NOW = 1_750_000_000_000;
const HOUR = 3_600_000;

async function withGroupAndStream(): Promise<LogsHarness> {
  const store = new LogStore(undefined, () => NOW);
  harness = await startLogsApi(store, { now: () => NOW });
  await harness.client.send(new CreateLogGroupCommand({ logGroupName: '/local/app' }));
  await harness.client.send(
    new CreateLogStreamCommand({ logGroupName: '/local/app', logStreamName: 'main' }),
  );
  return harness;
}

describe('CreateLogGroup / CreateLogStream', () => {
  it('creates empty groups and streams that the describe operations list', async () => {
    const h = await withGroupAndStream();
    const groups = await h.client.send(new DescribeLogGroupsCommand({}));
    expect(groups.logGroups?.map((g) => [g.logGroupName, g.storedBytes])).toEqual([
      ['/local/app', 0],
    ]);
    const streams = await h.client.send(
      new DescribeLogStreamsCommand({ logGroupName: '/local/app' }),
    );
    expect(streams.logStreams?.map((s) => s.logStreamName)).toEqual(['main']);
  });

  it('answers AWS errors for duplicates, a missing group and bad names', async () => {
    const h = await withGroupAndStream();
    expect(
      await awsError(h.client.send(new CreateLogGroupCommand({ logGroupName: '/local/app' }))),
    ).toEqual({
      name: 'ResourceAlreadyExistsException',
      message: 'The specified log group already exists',
      status: 400,
    });
    expect(
      await awsError(
        h.client.send(
          new CreateLogStreamCommand({ logGroupName: '/local/app', logStreamName: 'main' }),
        ),
      ),
    ).toEqual({
      name: 'ResourceAlreadyExistsException',
      message: 'The specified log stream already exists',
      status: 400,
    });
    expect(
      await awsError(
        h.client.send(new CreateLogStreamCommand({ logGroupName: '/nope', logStreamName: 'main' })),
      ),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
    expect(
      await awsError(h.client.send(new CreateLogGroupCommand({ logGroupName: 'bad name!' }))),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value 'bad name!' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
    });
    expect(
      await awsError(h.client.send(new CreateLogGroupCommand({ logGroupName: 'x'.repeat(513) }))),
    ).toMatchObject({
      message: 'Invalid LogGroup or LogStream, both must have length less than or equal to 512.',
    });
  });
});

describe('PutLogEvents', () => {
  it('stores events that GetLogEvents then returns, with a sequence token', async () => {
    const h = await withGroupAndStream();
    const out = await h.client.send(
      new PutLogEventsCommand({
        logGroupName: '/local/app',
        logStreamName: 'main',
        logEvents: [
          { timestamp: NOW - 2_000, message: 'one' },
          { timestamp: NOW - 1_000, message: 'two' },
        ],
      }),
    );
    expect(out.nextSequenceToken).toMatch(/^\d{56}$/);
    expect(out.rejectedLogEventsInfo).toBeUndefined();
    const got = await h.client.send(
      new GetLogEventsCommand({ logGroupName: '/local/app', logStreamName: 'main' }),
    );
    expect(got.events).toEqual([
      { timestamp: NOW - 2_000, message: 'one', ingestionTime: NOW },
      { timestamp: NOW - 1_000, message: 'two', ingestionTime: NOW },
    ]);
  });

  it('rejects too old and too new events, storing the rest', async () => {
    const h = await withGroupAndStream();
    const put = (logEvents: { timestamp: number; message: string }[]) =>
      h.client.send(
        new PutLogEventsCommand({ logGroupName: '/local/app', logStreamName: 'main', logEvents }),
      );
    const old = await put([
      { timestamp: NOW - 14 * 24 * HOUR - HOUR, message: 'ancient' },
      { timestamp: NOW - 14 * 24 * HOUR + HOUR, message: 'kept' },
    ]);
    expect(old.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 1 });
    const future = await put([
      { timestamp: NOW, message: 'now' },
      { timestamp: NOW + 3 * HOUR, message: 'future' },
    ]);
    expect(future.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 1 });
    expect(h.store.events('/local/app', 'main')?.map((e) => e.message)).toEqual(['kept', 'now']);
  });

  it('rejects a batch spanning more than 24 hours', async () => {
    const h = await withGroupAndStream();
    const logEvents = [
      { timestamp: NOW - 25 * HOUR, message: 'a' },
      { timestamp: NOW, message: 'b' },
    ];
    expect(
      await awsError(
        h.client.send(
          new PutLogEventsCommand({ logGroupName: '/local/app', logStreamName: 'main', logEvents }),
        ),
      ),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message:
        'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.',
    });
  });

  it('rejects events out of chronological order and unknown streams', async () => {
    const h = await withGroupAndStream();
    expect(
      await awsError(
        h.client.send(
          new PutLogEventsCommand({
            logGroupName: '/local/app',
            logStreamName: 'main',
            logEvents: [
              { timestamp: NOW, message: 'b' },
              { timestamp: NOW - 1, message: 'a' },
            ],
          }),
        ),
      ),
    ).toEqual({
      name: 'InvalidParameterException',
      message: 'Log events in a single PutLogEvents request must be in chronological order.',
      status: 400,
    });
    expect(
      await awsError(
        h.client.send(
          new PutLogEventsCommand({
            logGroupName: '/local/app',
            logStreamName: 'nope',
            logEvents: [{ timestamp: NOW, message: 'x' }],
          }),
        ),
      ),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
    });
  });
});

describe('retention and deletion', () => {
  it('sets and removes a retention policy, rejecting values outside the enum', async () => {
    const h = await withGroupAndStream();
    await h.client.send(
      new PutRetentionPolicyCommand({ logGroupName: '/local/app', retentionInDays: 14 }),
    );
    let groups = await h.client.send(new DescribeLogGroupsCommand({}));
    expect(groups.logGroups?.[0]?.retentionInDays).toBe(14);
    expect(
      await awsError(
        h.client.send(
          new PutRetentionPolicyCommand({ logGroupName: '/local/app', retentionInDays: 2 }),
        ),
      ),
    ).toMatchObject({ name: 'InvalidParameterException' });
    await h.client.send(new DeleteRetentionPolicyCommand({ logGroupName: '/local/app' }));
    groups = await h.client.send(new DescribeLogGroupsCommand({}));
    expect(groups.logGroups?.[0]?.retentionInDays).toBeUndefined();
  });

  it('deletes streams and groups, then answers ResourceNotFoundException', async () => {
    const h = await withGroupAndStream();
    await h.client.send(
      new DeleteLogStreamCommand({ logGroupName: '/local/app', logStreamName: 'main' }),
    );
    expect(
      await awsError(
        h.client.send(
          new DeleteLogStreamCommand({ logGroupName: '/local/app', logStreamName: 'main' }),
        ),
      ),
    ).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
    });
    await h.client.send(new DeleteLogGroupCommand({ logGroupName: '/local/app' }));
    expect(h.store.groups()).toEqual([]);
    expect(
      await awsError(h.client.send(new DeleteLogGroupCommand({ logGroupName: '/local/app' }))),
    ).toEqual({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
      status: 400,
    });
  });
});
