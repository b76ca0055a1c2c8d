import { afterEach, describe, expect, it } from 'vitest';
import {
  GetLogEventsCommand,
  type GetLogEventsCommandInput,
} from '@aws-sdk/client-cloudwatch-logs';
import { LogStore } from '../../../src-main/core/logs/log-store';
import { awsError, startLogsApi, type LogsHarness } from './logs-harness';

let harness: LogsHarness | undefined;
afterEach(async () => harness?.close());

const GROUP = '/aws/lambda/fn';
const STREAM = '2025/11/24/[$LATEST]0123456789abcdef0123456789abcdef';

/** Ten events e0..e9 at timestamps 1000, 1100, ... 1900. */
async function tenEvents(): Promise<LogsHarness> {
  const clock = { t: 50_000 };
  const store = new LogStore(undefined, () => clock.t);
  for (let i = 0; i < 10; i += 1) {
    clock.t += 1;
    store.append(GROUP, STREAM, `e${i}\n`, 1_000 + i * 100);
  }
  return startLogsApi(store);
}

async function get(input: Partial<GetLogEventsCommandInput>) {
  const out = await harness!.client.send(
    new GetLogEventsCommand({ logGroupName: GROUP, logStreamName: STREAM, ...input }),
  );
  return { ...out, messages: (out.events ?? []).map((e) => e.message?.trim()) };
}

describe('GetLogEvents', () => {
  it('returns the newest page by default (startFromHead false), oldest first within it', async () => {
    harness = await tenEvents();
    const page = await get({ limit: 3 });
    expect(page.messages).toEqual(['e7', 'e8', 'e9']);
    expect(page.events?.[0]).toEqual({ timestamp: 1_700, message: 'e7\n', ingestionTime: 50_008 });
    expect(page.nextForwardToken).toMatch(/^f\/\d{56}\/s$/);
    expect(page.nextBackwardToken).toMatch(/^b\/\d{56}\/s$/);
  });

  it('returns the oldest page with startFromHead true and pages forward to the end', async () => {
    harness = await tenEvents();
    const seen: string[] = [];
    let page = await get({ startFromHead: true, limit: 4 });
    seen.push(...page.messages.map(String));
    for (;;) {
      const token = page.nextForwardToken;
      page = await get({ startFromHead: true, limit: 4, nextToken: token });
      if (page.events?.length === 0) {
        // At the end AWS hands back the token it was sent (reference 8.2).
        expect(page.nextForwardToken).toBe(token);
        break;
      }
      seen.push(...page.messages.map(String));
    }
    expect(seen).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9']);
  });

  it('pages backward from the newest page to the start', async () => {
    harness = await tenEvents();
    let page = await get({ limit: 4 });
    const pages = [page.messages];
    for (;;) {
      const token = page.nextBackwardToken;
      page = await get({ limit: 4, nextToken: token });
      if (page.events?.length === 0) {
        expect(page.nextBackwardToken).toBe(token);
        break;
      }
      pages.push(page.messages);
    }
    expect(pages).toEqual([
      ['e6', 'e7', 'e8', 'e9'],
      ['e2', 'e3', 'e4', 'e5'],
      ['e0', 'e1'],
    ]);
  });

  it('picks up events appended after a forward token', async () => {
    harness = await tenEvents();
    const page = await get({});
    expect(page.messages).toHaveLength(10);
    harness.store.append(GROUP, STREAM, 'late\n', 2_500);
    const next = await get({ startFromHead: true, nextToken: page.nextForwardToken });
    expect(next.messages).toEqual(['late']);
  });

  it('includes startTime and excludes endTime', async () => {
    harness = await tenEvents();
    const page = await get({ startFromHead: true, startTime: 1_200, endTime: 1_500 });
    expect(page.messages).toEqual(['e2', 'e3', 'e4']);
  });

  it('orders by timestamp, not arrival', async () => {
    const store = new LogStore();
    store.append(GROUP, STREAM, 'late\n', 3_000);
    store.append(GROUP, STREAM, 'early\n', 1_000);
    harness = await startLogsApi(store);
    expect((await get({ startFromHead: true })).messages).toEqual(['early', 'late']);
  });

  it('answers tokens even for an empty stream', async () => {
    const store = new LogStore();
    store.createGroup(GROUP);
    store.createStream(GROUP, STREAM);
    harness = await startLogsApi(store);
    const page = await get({});
    expect(page.events).toEqual([]);
    expect(page.nextForwardToken).toMatch(/^f\//);
    expect(page.nextBackwardToken).toMatch(/^b\//);
  });

  it('rejects a limit above 10,000 and a garbled token with AWS wordings', async () => {
    harness = await tenEvents();
    expect(await awsError(get({ limit: 10_001 }))).toEqual({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value '10001' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000",
      status: 400,
    });
    expect(await awsError(get({ nextToken: 'f/123' }))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'The specified nextToken is invalid.',
    });
  });

  it('answers ResourceNotFoundException for a missing group or stream', async () => {
    harness = await tenEvents();
    expect(await awsError(get({ logGroupName: '/nope' }))).toEqual({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
      status: 400,
    });
    expect(await awsError(get({ logStreamName: 'nope' }))).toEqual({
      name: 'ResourceNotFoundException',
      message: 'The specified log stream does not exist.',
      status: 400,
    });
  });

  it('accepts logGroupIdentifier as an ARN', async () => {
    harness = await tenEvents();
    const out = await harness.client.send(
      new GetLogEventsCommand({
        logGroupIdentifier: `arn:aws:logs:us-east-1:123456789012:log-group:${GROUP}`,
        logStreamName: STREAM,
        limit: 1,
      }),
    );
    expect(out.events?.map((e) => e.message)).toEqual(['e9\n']);
  });
});
