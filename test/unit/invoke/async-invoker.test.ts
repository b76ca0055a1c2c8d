import { afterEach, beforeEach, describe, it, expect, vi } from 'vitest';
import { LambdaError } from '../../../src-main/core/errors/lambda-error';
import {
  AsyncInvoker,
  DEFAULT_ASYNC_RETRY_DELAYS_MS,
  type AsyncInvocationRecord,
} from '../../../src-main/core/invoke/async-invoker';
import { throttle } from '../../../src-main/core/invoke/concurrency-limiter';
import type { InvokeOptions, InvokeResult } from '../../../src-main/core/invoke/invoke-types';

const RID = '3f1d2c4b-5a69-4788-9a0b-1c2d3e4f5a6b';
const PAYLOAD = Buffer.from('{"order":42}');

function result(requestId: string, failed: boolean): InvokeResult {
  return {
    requestId,
    functionName: 'orders',
    executedVersion: '$LATEST',
    payload: Buffer.from(failed ? '{"errorType":"Error","errorMessage":"boom"}' : '"ok"'),
    ...(failed ? { functionError: 'Unhandled' as const, errorType: 'Error' } : {}),
    status: failed ? 'error' : 'success',
    logs: '',
    logTailBase64: '',
    logGroupName: '/aws/lambda/orders',
    logStreamName: 'stream',
    durationMs: 1,
    billedDurationMs: 1,
    memorySizeMb: 128,
    maxMemoryUsedMb: 40,
    coldStart: false,
    costUsd: 0,
    warnings: [],
  };
}

type Step = 'ok' | 'fail' | 'throttle' | Error;

/** A fake synchronous invoke that plays the given steps in order (the last one repeats). */
function fakeInvoke(steps: Step[]) {
  let call = 0;
  return vi.fn(async (_name: string, _payload: Buffer, options: InvokeOptions) => {
    const step = steps[Math.min(call, steps.length - 1)] ?? 'ok';
    call += 1;
    if (step === 'throttle') throw throttle('ReservedFunctionConcurrentInvocationLimitExceeded');
    if (step instanceof Error) throw step;
    return result(options.requestId ?? 'missing', step === 'fail');
  });
}

function setup(steps: Step[], keep?: number) {
  const invoke = fakeInvoke(steps);
  const onRecord = vi.fn<(record: AsyncInvocationRecord) => void>();
  const invoker = new AsyncInvoker(invoke, onRecord, [10, 20], keep);
  return { invoke, onRecord, invoker };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('AsyncInvoker defaults', () => {
  it('retries about 1 minute, then 2 minutes apart', () => {
    expect(DEFAULT_ASYNC_RETRY_DELAYS_MS).toEqual([60_000, 120_000]);
  });
});

describe('AsyncInvoker.enqueue', () => {
  it('returns a queued record at once, before the function runs', () => {
    const { invoke, onRecord, invoker } = setup(['ok']);
    const record = invoker.enqueue('orders', '$LATEST', PAYLOAD, { requestId: RID });
    expect(record).toMatchObject({
      requestId: RID,
      functionName: 'orders',
      version: '$LATEST',
      status: 'queued',
      attempts: 0,
    });
    expect(record.condition).toBeUndefined();
    expect(invoke).not.toHaveBeenCalled();
    expect(onRecord).toHaveBeenCalledWith(record);
    expect(invoker.list()).toEqual([record]);
  });

  it('succeeds on the first try', async () => {
    const { invoke, onRecord, invoker } = setup(['ok']);
    const record = invoker.enqueue('orders', '3', PAYLOAD, { requestId: RID, tenantId: 't1' });
    await vi.advanceTimersByTimeAsync(0);
    expect(invoke).toHaveBeenCalledTimes(1);
    const [name, payload, options] = invoke.mock.calls[0] ?? [];
    expect(name).toBe('orders');
    expect(payload).toBe(PAYLOAD);
    expect(options).toMatchObject({ requestId: RID, version: '3', tenantId: 't1' });
    expect(record.status).toBe('succeeded');
    expect(record.condition).toBe('Success');
    expect(record.attempts).toBe(1);
    expect(record.lastResult?.requestId).toBe(RID);
    expect(record.finishedAt).toBeTypeOf('number');
    expect(onRecord).toHaveBeenLastCalledWith(expect.objectContaining({ status: 'succeeded' }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(invoke).toHaveBeenCalledTimes(1);
  });
});

describe('AsyncInvoker retries', () => {
  it('retries a function error twice with the configured delays, then RetriesExhausted', async () => {
    const { invoke, invoker } = setup(['fail']);
    const record = invoker.enqueue('orders', '$LATEST', PAYLOAD, { requestId: RID });

    await vi.advanceTimersByTimeAsync(0);
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(record.status).toBe('retrying');
    expect(record.attempts).toBe(1);

    await vi.advanceTimersByTimeAsync(9);
    expect(invoke).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(invoke).toHaveBeenCalledTimes(2);
    expect(record.status).toBe('retrying');

    await vi.advanceTimersByTimeAsync(19);
    expect(invoke).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(invoke).toHaveBeenCalledTimes(3);

    expect(record.status).toBe('failed');
    expect(record.condition).toBe('RetriesExhausted');
    expect(record.attempts).toBe(3);
    expect(record.lastResult?.functionError).toBe('Unhandled');
    expect(record.finishedAt).toBeTypeOf('number');
    // Same request id on every attempt (3 START lines, one id).
    expect(invoke.mock.calls.map((c) => c[2].requestId)).toEqual([RID, RID, RID]);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(invoke).toHaveBeenCalledTimes(3);
  });

  it('stops retrying once an attempt succeeds', async () => {
    const { invoke, invoker } = setup(['fail', 'ok']);
    const record = invoker.enqueue('orders', '$LATEST', PAYLOAD, { requestId: RID });
    await vi.advanceTimersByTimeAsync(100);
    expect(invoke).toHaveBeenCalledTimes(2);
    expect(record.status).toBe('succeeded');
    expect(record.condition).toBe('Success');
    expect(record.attempts).toBe(2);
  });

  it('with no retry delays, a function error fails at once', async () => {
    const invoke = fakeInvoke(['fail']);
    const invoker = new AsyncInvoker(invoke, () => undefined, []);
    const record = invoker.enqueue('orders', '$LATEST', PAYLOAD, { requestId: RID });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(record.condition).toBe('RetriesExhausted');
    expect(record.attempts).toBe(1);
  });
});

describe('AsyncInvoker throttling', () => {
  it('re-queues a 429 without using up retries', async () => {
    const { invoke, invoker } = setup(['throttle', 'throttle', 'ok']);
    const record = invoker.enqueue('orders', '$LATEST', PAYLOAD, { requestId: RID });
    await vi.advanceTimersByTimeAsync(0);
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(record.status).toBe('queued');
    expect(record.attempts).toBe(0);
    expect(record.condition).toBeUndefined();

    await vi.advanceTimersByTimeAsync(60_000);
    expect(invoke).toHaveBeenCalledTimes(3);
    expect(record.status).toBe('succeeded');
    expect(record.attempts).toBe(1);
    expect(invoke.mock.calls.map((c) => c[2].requestId)).toEqual([RID, RID, RID]);
  });

  it('backs off on throttles (not immediately retried)', async () => {
    const { invoke, invoker } = setup(['throttle', 'ok']);
    invoker.enqueue('orders', '$LATEST', PAYLOAD, { requestId: RID });
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(500);
    expect(invoke).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(invoke).toHaveBeenCalledTimes(2);
  });

  it('throttles between function errors still leave three function attempts', async () => {
    const { invoke, invoker } = setup(['fail', 'throttle', 'throttle', 'fail', 'fail']);
    const record = invoker.enqueue('orders', '$LATEST', PAYLOAD, { requestId: RID });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(invoke).toHaveBeenCalledTimes(5);
    expect(record.attempts).toBe(3);
    expect(record.condition).toBe('RetriesExhausted');
  });

  it('a non-throttle engine error ends the invocation as failed', async () => {
    const gone = new LambdaError('ResourceNotFoundException', 'Function not found: x', 404);
    const { invoke, invoker } = setup([gone]);
    const record = invoker.enqueue('orders', '$LATEST', PAYLOAD, { requestId: RID });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(record.status).toBe('failed');
    expect(record.condition).toBe('RetriesExhausted');
  });
});

describe('AsyncInvoker records', () => {
  it('keeps only the most recent `keep` records, oldest first', () => {
    const { invoker } = setup(['ok'], 2);
    invoker.enqueue('orders', '$LATEST', PAYLOAD, { requestId: 'r1' });
    invoker.enqueue('orders', '$LATEST', PAYLOAD, { requestId: 'r2' });
    invoker.enqueue('orders', '$LATEST', PAYLOAD, { requestId: 'r3' });
    expect(invoker.list().map((r) => r.requestId)).toEqual(['r2', 'r3']);
  });

  it('still runs an invocation whose record was pushed out of the list', async () => {
    const { invoke, invoker } = setup(['ok'], 1);
    const first = invoker.enqueue('orders', '$LATEST', PAYLOAD, { requestId: 'r1' });
    invoker.enqueue('orders', '$LATEST', PAYLOAD, { requestId: 'r2' });
    await vi.advanceTimersByTimeAsync(0);
    expect(invoke).toHaveBeenCalledTimes(2);
    expect(first.status).toBe('succeeded');
  });
});

describe('AsyncInvoker.stop', () => {
  it('cancels queued invocations and pending retries', async () => {
    const { invoke, invoker } = setup(['fail']);
    invoker.enqueue('orders', '$LATEST', PAYLOAD, { requestId: 'r1' });
    await vi.advanceTimersByTimeAsync(0);
    expect(invoke).toHaveBeenCalledTimes(1);
    invoker.enqueue('orders', '$LATEST', PAYLOAD, { requestId: 'r2' });
    invoker.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('schedules no retry for an attempt that was still running when stopped', async () => {
    let finish: (r: InvokeResult) => void = () => undefined;
    const invoke = vi.fn(
      (_n: string, _p: Buffer, _o: InvokeOptions) =>
        new Promise<InvokeResult>((resolve) => {
          finish = resolve;
        }),
    );
    const invoker = new AsyncInvoker(invoke, () => undefined, [10, 20]);
    invoker.enqueue('orders', '$LATEST', PAYLOAD, { requestId: RID });
    await vi.advanceTimersByTimeAsync(0);
    expect(invoke).toHaveBeenCalledTimes(1);
    invoker.stop(); // engine shutdown while the function runs
    finish(result(RID, true)); // the environment dies with the shutdown: a function error
    await vi.advanceTimersByTimeAsync(60_000);
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
