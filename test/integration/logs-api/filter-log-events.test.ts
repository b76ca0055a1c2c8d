import { afterEach, describe, expect, it } from 'vitest';
import {
  FilterLogEventsCommand,
  paginateFilterLogEvents,
  type FilterLogEventsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { LogStore } from '../../../src-main/core/logs/log-store';
import { awsError, startLogsApi, type LogsHarness } from './logs-harness';

let harness: LogsHarness | undefined;
afterEach(async () => harness?.close());

const GROUP = '/aws/lambda/orders';

/** Two streams whose events interleave in time. */
async function interleaved(): Promise<LogsHarness> {
  const store = new LogStore();
  store.append(GROUP, 'a', 'a1\n', 1_000);
  store.append(GROUP, 'b', 'b1\n', 1_500);
  store.append(GROUP, 'a', 'a2\n', 2_000);
  store.append(GROUP, 'b', 'b2\n', 2_500);
  store.append(GROUP, 'c-other', 'c1\n', 3_000);
  return startLogsApi(store);
}

async function filter(input: Partial<FilterLogEventsCommandInput>) {
  const out = await harness!.client.send(
    new FilterLogEventsCommand({ logGroupName: GROUP, ...input }),
  );
  return { ...out, messages: (out.events ?? []).map((e) => e.message?.trim()) };
}

describe('FilterLogEvents', () => {
  it('merges streams by timestamp, with stream names, event ids and searchedLogStreams []', async () => {
    harness = await interleaved();
    const out = await filter({});
    expect(out.messages).toEqual(['a1', 'b1', 'a2', 'b2', 'c1']);
    expect(out.events?.[1]).toMatchObject({
      logStreamName: 'b',
      timestamp: 1_500,
      message: 'b1\n',
    });
    expect(out.events?.[1]?.eventId).toMatch(/^\d+$/);
    expect(out.events?.[1]?.ingestionTime).toBeTypeOf('number');
    expect(out.searchedLogStreams).toEqual([]);
    expect(out.nextToken).toBeUndefined();
  });

  it('limits to logStreamNames or logStreamNamePrefix, never both', async () => {
    harness = await interleaved();
    expect((await filter({ logStreamNames: ['b', 'missing'] })).messages).toEqual(['b1', 'b2']);
    expect((await filter({ logStreamNamePrefix: 'c-' })).messages).toEqual(['c1']);
    expect(
      await awsError(filter({ logStreamNames: ['a'], logStreamNamePrefix: 'a' })),
    ).toMatchObject({
      name: 'InvalidParameterException',
      status: 400,
    });
  });

  it('includes both startTime and endTime', async () => {
    harness = await interleaved();
    expect((await filter({ startTime: 1_500, endTime: 2_500 })).messages).toEqual([
      'b1',
      'a2',
      'b2',
    ]);
  });

  it('gives a nextToken only while more events remain', async () => {
    harness = await interleaved();
    const first = await filter({ limit: 2 });
    expect(first.messages).toEqual(['a1', 'b1']);
    expect(first.nextToken).toBeTypeOf('string');
    const second = await filter({ limit: 2, nextToken: first.nextToken });
    expect(second.messages).toEqual(['a2', 'b2']);
    const third = await filter({ limit: 2, nextToken: second.nextToken });
    expect(third.messages).toEqual(['c1']);
    expect(third.nextToken).toBeUndefined();
    const exact = await filter({ limit: 5 });
    expect(exact.nextToken).toBeUndefined();

    const all: string[] = [];
    for await (const page of paginateFilterLogEvents(
      { client: harness.client, pageSize: 2 },
      { logGroupName: GROUP },
    )) {
      all.push(...(page.events ?? []).map((e) => e.message?.trim() ?? ''));
    }
    expect(all).toEqual(['a1', 'b1', 'a2', 'b2', 'c1']);
  });

  it('follows like `aws logs tail --follow`: new events after the last one seen', async () => {
    harness = await interleaved();
    const seen = await filter({ startTime: 0 });
    const newest = Math.max(...(seen.events ?? []).map((e) => e.timestamp ?? 0));
    harness.store.append(GROUP, 'a', 'a3\n', 4_000);
    const again = await filter({ startTime: newest });
    expect(again.messages).toEqual(['c1', 'a3']);
  });

  it('rejects limits above 10,000, garbled tokens and missing groups', async () => {
    harness = await interleaved();
    expect(await awsError(filter({ limit: 10_001 }))).toMatchObject({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
    });
    expect(await awsError(filter({ nextToken: 'garbage' }))).toMatchObject({
      message: 'The specified nextToken is invalid.',
    });
    expect(await awsError(filter({ logGroupName: '/nope' }))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
    });
  });
});

describe('FilterLogEvents filter patterns', () => {
  const messages = [
    '[ERROR 400] BAD REQUEST',
    '[ERROR 401] UNAUTHORIZED REQUEST',
    '[ERROR 419] MISSING ARGUMENTS',
    '[INFO 200] INTERNAL SERVER ERROR handled',
    '{"level":"ERROR","latency":120,"user":{"id":7},"tags":["a","b"],"cause":null}',
    '{"level":"INFO","latency":15,"user":{"id":8},"ok":true}',
    '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534',
    '10.0.0.2 - - [10/Oct/2000:13:25:16 -0700] "GET /api HTTP/1.0" 200 99',
  ];

  async function matching(filterPattern: string): Promise<number[]> {
    const out = await filter({ filterPattern });
    return (out.events ?? []).map((e) => messages.indexOf(e.message ?? ''));
  }

  it.each([
    ['', [0, 1, 2, 3, 4, 5, 6, 7]],
    ['ERROR', [0, 1, 2, 3, 4]],
    ['ERROR ARGUMENT', [2]],
    ['error', []],
    ['?BAD ?MISSING', [0, 2]],
    ['ERROR -REQUEST', [2, 3, 4]],
    ['"INTERNAL SERVER ERROR"', [3]],
    ['-"[ERROR"', [3, 4, 5, 6, 7]],
    ['{ $.level = "ERROR" }', [4]],
    ['{ $.level != "ERROR" }', [5]],
    ['{ $.level = ERR* }', [4]],
    ['{ $.latency > 100 }', [4]],
    ['{ $.latency <= 15 && $.user.id = 8 }', [5]],
    ['{ ($.latency > 100) || ($.ok IS TRUE) }', [4, 5]],
    ['{ $.tags[1] = "b" }', [4]],
    ['{ $.cause IS NULL }', [4]],
    ['{ $.cause NOT EXISTS }', [5]],
    ['{ $.level = %^E.+R$% }', [4]],
    ['[ip, user, username, timestamp, request = "*html*", status_code = 4*, bytes]', [6]],
    ['[..., status_code = 200, bytes < 100]', [7]],
    ['[ip, ..., status_code >= 400 || status_code = 200, bytes]', [6, 7]],
    ['%ERROR 4[01]{2}%', [0, 1]],
    ['%ERROR 4[0-9]+%', [0, 1, 2]],
  ])('%s', async (pattern, expected) => {
    const store = new LogStore();
    messages.forEach((m, i) => store.append(GROUP, 's', m, 1_000 + i));
    harness = await startLogsApi(store);
    expect(await matching(pattern)).toEqual(expected);
  });

  it.each([
    'a,b',
    'user@example.com',
    '{ $.level = "ERROR"',
    '{ }',
    '{ $.a < "x" }',
    '[a, ..., ...]',
    '%(a)%',
    '"open',
  ])('answers "Invalid filter pattern" for %s', async (pattern) => {
    harness = await startLogsApi(new LogStore());
    harness.store.createGroup(GROUP);
    expect(await awsError(filter({ filterPattern: pattern }))).toEqual({
      name: 'InvalidParameterException',
      message: 'Invalid filter pattern',
      status: 400,
    });
  });
});
