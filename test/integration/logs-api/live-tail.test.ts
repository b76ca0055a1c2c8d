import { afterEach, describe, expect, it } from 'vitest';
import {
  SessionTimeoutException,
  StartLiveTailCommand,
  type StartLiveTailCommandInput,
  type StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import { LogStore } from '../../../src-main/core/logs/log-store';
import { awsError, startLogsApi, type LogsHarness } from './logs-harness';

let harness: LogsHarness | undefined;
afterEach(async () => harness?.close());

const ARN = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn';

async function tail(input: StartLiveTailCommandInput, abortSignal?: AbortSignal) {
  const out = await harness!.client.send(new StartLiveTailCommand(input), { abortSignal });
  if (!out.responseStream) throw new Error('no response stream');
  return out.responseStream[Symbol.asyncIterator]();
}

/** The next event of the stream, undefined at its end. */
async function nextEvent(
  stream: AsyncIterator<StartLiveTailResponseStream>,
): Promise<StartLiveTailResponseStream | undefined> {
  const next = await stream.next();
  return next.done ? undefined : next.value;
}

/** Reads updates until `count` results arrived (or `maxUpdates` updates passed). */
async function results(
  stream: AsyncIterator<StartLiveTailResponseStream>,
  count: number,
  maxUpdates = 20,
): Promise<{ messages: string[]; updates: number }> {
  const messages: string[] = [];
  let updates = 0;
  while (messages.length < count && updates < maxUpdates) {
    const next = await stream.next();
    if (next.done) break;
    if (next.value.sessionUpdate) {
      updates += 1;
      messages.push(...(next.value.sessionUpdate.sessionResults ?? []).map((r) => r.message ?? ''));
    }
  }
  return { messages, updates };
}

async function started(options: { updateIntervalMs?: number; maxSessionMs?: number } = {}) {
  const store = new LogStore();
  store.createGroup('/aws/lambda/fn');
  store.createGroup('/aws/lambda/other');
  harness = await startLogsApi(store, { liveTail: { updateIntervalMs: 50, ...options } });
  return harness;
}

describe('StartLiveTail over HTTP/1.1 with the real SDK', () => {
  it('sends sessionStart, then sessionUpdates with the events appended meanwhile', async () => {
    const h = await started();
    const stream = await tail({ logGroupIdentifiers: [ARN] });
    const first = await nextEvent(stream);
    expect(first?.sessionStart).toMatchObject({ logGroupIdentifiers: [ARN] });
    expect(first?.sessionStart?.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first?.sessionStart?.requestId).toMatch(/^[0-9a-f-]{36}$/);

    h.store.append('/aws/lambda/fn', 'stream-1', 'hello\n', 1_234);
    h.store.append('/aws/lambda/other', 'stream-1', 'not followed\n');
    const update = (await nextEvent(stream))?.sessionUpdate;
    expect(update?.sessionMetadata).toEqual({ sampled: false });
    const later = update?.sessionResults?.length ? [] : (await results(stream, 1)).messages;
    expect([...(update?.sessionResults ?? []).map((r) => r.message), ...later]).toEqual([
      'hello\n',
    ]);
    await stream.return?.();
  });

  it('reports each result with its stream, group identifier and times', async () => {
    const h = await started();
    const stream = await tail({ logGroupIdentifiers: [ARN] });
    await stream.next();
    h.store.append('/aws/lambda/fn', 's', 'x\n', 1_000);
    for (;;) {
      const result = (await nextEvent(stream))?.sessionUpdate?.sessionResults?.[0];
      if (!result) continue;
      expect(result).toMatchObject({
        logStreamName: 's',
        logGroupIdentifier: ARN,
        message: 'x\n',
        timestamp: 1_000,
      });
      expect(result.ingestionTime).toBeTypeOf('number');
      break;
    }
  });

  it('applies the filter pattern and stream prefixes', async () => {
    const h = await started();
    const stream = await tail({
      logGroupIdentifiers: [ARN],
      logStreamNamePrefixes: ['2025/'],
      logEventFilterPattern: '{ $.level = "ERROR" }',
    });
    const first = await nextEvent(stream);
    expect(first?.sessionStart).toMatchObject({
      logStreamNamePrefixes: ['2025/'],
      logEventFilterPattern: '{ $.level = "ERROR" }',
    });
    h.store.append('/aws/lambda/fn', '2025/a', '{"level":"INFO"}\n');
    h.store.append('/aws/lambda/fn', '2024/a', '{"level":"ERROR","n":0}\n');
    h.store.append('/aws/lambda/fn', '2025/a', '{"level":"ERROR","n":1}\n');
    expect((await results(stream, 1)).messages).toEqual(['{"level":"ERROR","n":1}\n']);
  });

  it('samples bursts above 500 events per update', async () => {
    const h = await started({ updateIntervalMs: 300 });
    const stream = await tail({ logGroupIdentifiers: ['/aws/lambda/fn'] });
    await stream.next();
    for (let i = 0; i < 1_200; i += 1) h.store.append('/aws/lambda/fn', 's', `${i}\n`);
    for (;;) {
      const update = (await nextEvent(stream))?.sessionUpdate;
      if (!update?.sessionResults?.length) continue;
      expect(update.sessionResults).toHaveLength(500);
      expect(update.sessionMetadata?.sampled).toBe(true);
      break;
    }
  });

  it('ends with SessionTimeoutException when the session outlives its limit', async () => {
    await started({ maxSessionMs: 200 });
    const stream = await tail({ logGroupIdentifiers: [ARN] });
    const error = await (async () => {
      try {
        for (;;) if ((await stream.next()).done) return undefined;
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SessionTimeoutException);
  });

  it('closes the session when the client aborts', async () => {
    const h = await started();
    const abort = new AbortController();
    const stream = await tail({ logGroupIdentifiers: [ARN] }, abort.signal);
    await stream.next();
    abort.abort();
    await expect(stream.next()).rejects.toThrow();
    for (let i = 0; i < 50 && h.closedStreams() === 0; i += 1)
      await new Promise((r) => setTimeout(r, 20));
    expect(h.closedStreams()).toBe(1);
  });

  it('rejects missing groups, bad patterns and stream filters across groups', async () => {
    await started();
    expect(await awsError(tail({ logGroupIdentifiers: [`${ARN}-missing`] }))).toMatchObject({
      name: 'ResourceNotFoundException',
      status: 400,
    });
    expect(
      await awsError(tail({ logGroupIdentifiers: [ARN], logEventFilterPattern: '{ $.a' })),
    ).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Invalid filter pattern',
    });
    expect(
      await awsError(
        tail({ logGroupIdentifiers: [ARN, '/aws/lambda/other'], logStreamNames: ['s'] }),
      ),
    ).toMatchObject({ name: 'InvalidParameterException' });
    expect(
      await awsError(
        tail({ logGroupIdentifiers: [ARN], logStreamNames: ['s'], logStreamNamePrefixes: ['s'] }),
      ),
    ).toMatchObject({ name: 'InvalidParameterException' });
  });
});
