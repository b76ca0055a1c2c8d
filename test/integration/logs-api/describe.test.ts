import { afterEach, describe, expect, it } from 'vitest';
import {
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  paginateDescribeLogGroups,
} from '@aws-sdk/client-cloudwatch-logs';
import { LogStore } from '../../../src-main/core/logs/log-store';
import { awsError, startLogsApi, type LogsHarness } from './logs-harness';

let harness: LogsHarness | undefined;
afterEach(async () => harness?.close());

function clockedStore() {
  const clock = { t: 1_700_000_000_000 };
  return { clock, store: new LogStore(undefined, () => clock.t) };
}

describe('DescribeLogGroups', () => {
  it('lists groups ASCII-sorted with both ARN forms, storedBytes and STANDARD class', async () => {
    const { store, clock } = clockedStore();
    store.append('/aws/lambda/b', 's', 'hello\n');
    clock.t += 1;
    store.append('/aws/lambda/B', 's', 'x\n');
    store.append('/aws/lambda/_', 's', 'x\n');
    store.setRetention('/aws/lambda/b', 7);
    harness = await startLogsApi(store);
    const { logGroups } = await harness.client.send(new DescribeLogGroupsCommand({}));
    expect(logGroups?.map((g) => g.logGroupName)).toEqual([
      '/aws/lambda/B',
      '/aws/lambda/_',
      '/aws/lambda/b',
    ]);
    expect(logGroups?.[2]).toEqual({
      logGroupName: '/aws/lambda/b',
      creationTime: 1_700_000_000_000,
      retentionInDays: 7,
      metricFilterCount: 0,
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/b:*',
      logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/b',
      storedBytes: 6,
      logGroupClass: 'STANDARD',
      deletionProtectionEnabled: false,
    });
    expect(logGroups?.[0]?.retentionInDays).toBeUndefined();
  });

  it('filters by prefix, or by a case-sensitive substring pattern (which omits storedBytes)', async () => {
    const store = new LogStore();
    for (const g of ['/aws/lambda/DataLogs', '/aws/lambda/datalogs', '/other/GroupDataLogs'])
      store.createGroup(g);
    harness = await startLogsApi(store);
    const byPrefix = await harness.client.send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/' }),
    );
    expect(byPrefix.logGroups?.map((g) => g.logGroupName)).toEqual([
      '/aws/lambda/DataLogs',
      '/aws/lambda/datalogs',
    ]);
    const byPattern = await harness.client.send(
      new DescribeLogGroupsCommand({ logGroupNamePattern: 'DataLogs' }),
    );
    expect(byPattern.logGroups?.map((g) => g.logGroupName)).toEqual([
      '/aws/lambda/DataLogs',
      '/other/GroupDataLogs',
    ]);
    expect(byPattern.logGroups?.[0]?.storedBytes).toBeUndefined();
  });

  it('rejects prefix with pattern, and limits above 50, with AWS wordings', async () => {
    harness = await startLogsApi();
    expect(
      await awsError(
        harness.client.send(
          new DescribeLogGroupsCommand({ logGroupNamePrefix: 'a', logGroupNamePattern: 'b' }),
        ),
      ),
    ).toEqual({
      name: 'InvalidParameterException',
      message: 'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
      status: 400,
    });
    expect(
      await awsError(harness.client.send(new DescribeLogGroupsCommand({ limit: 51 }))),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
    });
  });

  it('pages with nextToken, which the SDK paginator follows', async () => {
    const store = new LogStore();
    for (let i = 0; i < 7; i += 1) store.createGroup(`/g/${i}`);
    harness = await startLogsApi(store);
    const first = await harness.client.send(new DescribeLogGroupsCommand({ limit: 3 }));
    expect(first.logGroups?.map((g) => g.logGroupName)).toEqual(['/g/0', '/g/1', '/g/2']);
    expect(first.nextToken).toBeTypeOf('string');
    const names: string[] = [];
    for await (const page of paginateDescribeLogGroups(
      { client: harness.client, pageSize: 3 },
      {},
    )) {
      names.push(...(page.logGroups ?? []).map((g) => g.logGroupName ?? ''));
    }
    expect(names).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `/g/${i}`));
    const last = await harness.client.send(new DescribeLogGroupsCommand({ limit: 7 }));
    expect(last.nextToken).toBeUndefined();
  });

  it('answers InvalidParameterException for a garbled nextToken', async () => {
    harness = await startLogsApi();
    expect(
      await awsError(harness.client.send(new DescribeLogGroupsCommand({ nextToken: 'nope' }))),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'The specified nextToken is invalid.',
    });
  });
});

describe('DescribeLogStreams', () => {
  function streams() {
    const { store, clock } = clockedStore();
    store.append('/g', 'b', 'x\n', 3_000);
    clock.t += 10;
    store.append('/g', 'a', 'x\n', 1_000);
    store.append('/g', 'a', 'y\n', 5_000);
    clock.t += 10;
    store.append('/g', 'c', 'x\n', 2_000);
    store.createStream('/g', 'empty');
    return store;
  }

  it('orders by name by default and reports times, the stream ARN and storedBytes 0', async () => {
    harness = await startLogsApi(streams());
    const { logStreams } = await harness.client.send(
      new DescribeLogStreamsCommand({ logGroupName: '/g' }),
    );
    expect(logStreams?.map((s) => s.logStreamName)).toEqual(['a', 'b', 'c', 'empty']);
    expect(logStreams?.[0]).toEqual({
      logStreamName: 'a',
      creationTime: 1_700_000_000_010,
      firstEventTimestamp: 1_000,
      lastEventTimestamp: 5_000,
      lastIngestionTime: 1_700_000_000_010,
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/g:log-stream:a',
      storedBytes: 0,
    });
    expect(logStreams?.[3]).toEqual({
      logStreamName: 'empty',
      creationTime: 1_700_000_000_020,
      arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/g:log-stream:empty',
      storedBytes: 0,
    });
  });

  it('orders by LastEventTime, descending, and filters by prefix', async () => {
    harness = await startLogsApi(streams());
    const byTime = await harness.client.send(
      new DescribeLogStreamsCommand({
        logGroupName: '/g',
        orderBy: 'LastEventTime',
        descending: true,
      }),
    );
    expect(byTime.logStreams?.map((s) => s.logStreamName)).toEqual(['a', 'b', 'c', 'empty']);
    const ascending = await harness.client.send(
      new DescribeLogStreamsCommand({ logGroupName: '/g', orderBy: 'LastEventTime' }),
    );
    expect(ascending.logStreams?.map((s) => s.logStreamName)).toEqual(['empty', 'c', 'b', 'a']);
    const byName = await harness.client.send(
      new DescribeLogStreamsCommand({
        logGroupName: '/g',
        descending: true,
        logStreamNamePrefix: 'e',
      }),
    );
    expect(byName.logStreams?.map((s) => s.logStreamName)).toEqual(['empty']);
  });

  it('pages with limit and nextToken in either order', async () => {
    harness = await startLogsApi(streams());
    const names: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await harness.client.send(
        new DescribeLogStreamsCommand({
          logGroupName: '/g',
          orderBy: 'LastEventTime',
          descending: true,
          limit: 3,
          nextToken,
        }),
      );
      names.push(...(page.logStreams ?? []).map((s) => s.logStreamName ?? ''));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(names).toEqual(['a', 'b', 'c', 'empty']);
  });

  it('accepts logGroupIdentifier as a name or an ARN, not together with logGroupName', async () => {
    harness = await startLogsApi(streams());
    const arn = 'arn:aws:logs:us-east-1:123456789012:log-group:/g';
    for (const logGroupIdentifier of ['/g', arn, `${arn}:*`]) {
      const { logStreams } = await harness.client.send(
        new DescribeLogStreamsCommand({ logGroupIdentifier }),
      );
      expect(logStreams).toHaveLength(4);
    }
    expect(
      await awsError(
        harness.client.send(
          new DescribeLogStreamsCommand({ logGroupName: '/g', logGroupIdentifier: arn }),
        ),
      ),
    ).toEqual({
      name: 'ValidationException',
      message: 'LogGroup name and LogGroup ARN are mutually exclusive parameters.',
      status: 400,
    });
  });

  it('rejects a prefix with LastEventTime ordering, a bad orderBy, and a missing group', async () => {
    harness = await startLogsApi(streams());
    expect(
      await awsError(
        harness.client.send(
          new DescribeLogStreamsCommand({
            logGroupName: '/g',
            orderBy: 'LastEventTime',
            logStreamNamePrefix: 'a',
          }),
        ),
      ),
    ).toEqual({
      name: 'InvalidParameterException',
      message: 'Cannot order by LastEventTime with a logStreamNamePrefix.',
      status: 400,
    });
    expect(
      await awsError(
        harness.client.send(
          new DescribeLogStreamsCommand({ logGroupName: '/g', orderBy: 'Size' as 'LogStreamName' }),
        ),
      ),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value 'Size' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]",
    });
    expect(
      await awsError(harness.client.send(new DescribeLogStreamsCommand({ logGroupName: '/nope' }))),
    ).toEqual({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
      status: 400,
    });
  });
});
