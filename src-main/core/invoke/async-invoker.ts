import { isLambdaError } from '../errors/lambda-error';
import type { InvokeOptions, InvokeResult } from './invoke-types';

/** Lambda's default retry schedule for failed asynchronous invocations: about 1 minute, then 2 minutes. */
export const DEFAULT_ASYNC_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];

/** Backoff for throttled events (Lambda: 1 s growing to 5 min), capped locally at 1 minute. */
const THROTTLE_BACKOFF_MS = [1_000, 2_000, 5_000, 10_000, 30_000, 60_000];

/** The record of one Event invocation, from queueing to its final outcome. */
export interface AsyncInvocationRecord {
  readonly requestId: string;
  readonly functionName: string;
  readonly version: string;
  readonly queuedAt: number;
  status: 'queued' | 'running' | 'retrying' | 'succeeded' | 'failed';
  /** Number of times the function ran (1 + retries). */
  attempts: number;
  /** Lambda's destination condition once finished. */
  condition?: 'Success' | 'RetriesExhausted';
  lastResult?: InvokeResult;
  finishedAt?: number;
}

type SyncInvoke = (name: string, payload: Buffer, options: InvokeOptions) => Promise<InvokeResult>;

/** Queues Event invocations and runs them with Lambda's retry policy (two retries on function errors). */
export class AsyncInvoker {
  private readonly records: AsyncInvocationRecord[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly invoke: SyncInvoke,
    private readonly onRecord: (record: AsyncInvocationRecord) => void,
    private readonly retryDelaysMs: readonly number[] = DEFAULT_ASYNC_RETRY_DELAYS_MS,
    private readonly keep = 1000,
  ) {}

  /** Queues an Event invocation; returns its record at once (the caller gets 202). */
  enqueue(
    name: string,
    version: string,
    payload: Buffer,
    options: InvokeOptions & { requestId: string },
  ): AsyncInvocationRecord {
    const record: AsyncInvocationRecord = {
      requestId: options.requestId,
      functionName: name,
      version,
      queuedAt: Date.now(),
      status: 'queued',
      attempts: 0,
    };
    this.records.push(record);
    if (this.records.length > this.keep) this.records.shift();
    this.schedule(0, () => this.attempt(record, payload, options, 0));
    this.onRecord(record);
    return record;
  }

  /** Recent Event invocations, oldest first. */
  list(): readonly AsyncInvocationRecord[] {
    return this.records;
  }

  /** Cancels pending retries (engine shutdown). */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(delayMs: number, run: () => Promise<void>): void {
    // An attempt still running at shutdown must not schedule a retry against a stopped engine.
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void run();
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(
    record: AsyncInvocationRecord,
    payload: Buffer,
    options: InvokeOptions,
    throttles: number,
  ): Promise<void> {
    record.status = 'running';
    let result: InvokeResult;
    try {
      result = await this.invoke(record.functionName, payload, {
        ...options,
        version: record.version,
      });
    } catch (error) {
      if (isLambdaError(error) && error.statusCode === 429) {
        // Throttled events go back to the queue with backoff; they do not use up retries.
        record.status = 'queued';
        const delay =
          THROTTLE_BACKOFF_MS[Math.min(throttles, THROTTLE_BACKOFF_MS.length - 1)] ?? 60_000;
        this.schedule(delay, () => this.attempt(record, payload, options, throttles + 1));
        return;
      }
      record.status = 'failed';
      record.condition = 'RetriesExhausted';
      record.finishedAt = Date.now();
      this.onRecord(record);
      return;
    }
    record.attempts += 1;
    record.lastResult = result;
    if (!result.functionError) {
      record.status = 'succeeded';
      record.condition = 'Success';
      record.finishedAt = Date.now();
    } else if (record.attempts <= this.retryDelaysMs.length) {
      record.status = 'retrying';
      const delay = this.retryDelaysMs[record.attempts - 1] ?? 0;
      this.schedule(delay, () => this.attempt(record, payload, options, throttles));
    } else {
      record.status = 'failed';
      record.condition = 'RetriesExhausted';
      record.finishedAt = Date.now();
    }
    this.onRecord(record);
  }
}
