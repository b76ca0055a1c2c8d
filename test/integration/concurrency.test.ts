import { afterAll, describe, expect, it } from 'vitest';
import type { AsyncInvocationRecord } from '../../src-main/core/invoke/async-invoker';
import { json, nodeFunction, startEngine } from './engine-harness';

const harness = startEngine({ asyncRetryDelaysMs: [50, 100], accountConcurrency: 150 });
const { engine } = harness;
afterAll(() => harness.close());

describe('concurrency', () => {
  it('throttles synchronous invokes past reserved concurrency with TooManyRequestsException', async () => {
    await engine.deploy(
      nodeFunction('callback-wait', { name: 'reserved-one', reservedConcurrency: 1 }),
    );
    const first = engine.invoke('reserved-one', '{}');
    await expect(engine.invoke('reserved-one', '{}')).rejects.toMatchObject({
      code: 'TooManyRequestsException',
      statusCode: 429,
      message: 'Rate Exceeded.',
      extra: { Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' },
    });
    expect((await first).functionError).toBeUndefined();
    expect(engine.running('reserved-one')).toBe(0);
  });

  it('runs concurrent invokes in separate environments', async () => {
    await engine.deploy(nodeFunction('callback-wait', { name: 'parallel' }));
    const results = await Promise.all([1, 2, 3].map(() => engine.invoke('parallel', '{}')));
    expect(new Set(results.map((r) => r.logStreamName)).size).toBe(3);
    expect(results.every((r) => r.coldStart)).toBe(true);
  });

  it('refuses reserved concurrency that leaves less than 100 unreserved', async () => {
    await expect(
      engine.deploy(nodeFunction('counter', { name: 'greedy', reservedConcurrency: 60 })),
    ).rejects.toThrow(
      "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
    );
  });

  it('provisioned concurrency initialises environments ahead, so the first invoke is warm', async () => {
    await engine.deploy(
      nodeFunction('context', {
        name: 'provisioned',
        provisionedConcurrency: 2,
        reservedConcurrency: 2,
      }),
    );
    const result = await engine.invoke('provisioned', '{}');
    expect(result.coldStart).toBe(false);
    expect(result.initDurationMs).toBeUndefined();
    expect(json<{ envNames: string[] }>(result).envNames).toContain(
      'AWS_LAMBDA_INITIALIZATION_TYPE',
    );
  });

  it('retries a failing Event invoke twice with the same request id, then records RetriesExhausted', async () => {
    await engine.deploy(nodeFunction('throw', { name: 'async-fail' }));
    const done = new Promise<AsyncInvocationRecord>((resolve) =>
      engine.on(
        'async',
        (record) => record.functionName === 'async-fail' && record.finishedAt && resolve(record),
      ),
    );
    const queued = engine.invokeAsync('async-fail', '{}');
    expect(queued.status).toBe('queued');
    const record = await done;
    expect(record).toMatchObject({ status: 'failed', condition: 'RetriesExhausted', attempts: 3 });
    const events = engine.logs
      .streams('/aws/lambda/async-fail')
      ?.flatMap((s) => engine.logs.events('/aws/lambda/async-fail', s.logStreamName) ?? []);
    const starts =
      events?.filter((e) => e.message.startsWith(`START RequestId: ${queued.requestId} `)) ?? [];
    expect(starts).toHaveLength(3);
  });

  it('records a successful Event invoke', async () => {
    await engine.deploy(nodeFunction('cjs-async', { name: 'async-ok' }));
    const done = new Promise<AsyncInvocationRecord>((resolve) =>
      engine.on(
        'async',
        (record) => record.functionName === 'async-ok' && record.finishedAt && resolve(record),
      ),
    );
    engine.invokeAsync('async-ok', '{"x":1}');
    expect(await done).toMatchObject({ status: 'succeeded', condition: 'Success', attempts: 1 });
  });
});
