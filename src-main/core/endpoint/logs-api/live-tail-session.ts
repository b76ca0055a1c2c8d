import { randomUUID } from 'node:crypto';
import type { LogMatcher } from '../../logs/filter-pattern';
import type { LogAppended, LogStore } from '../../logs/log-store';
import { eventFrame, exceptionFrame } from './event-stream';

/** What a live tail session follows. */
export interface LiveTailScope {
  /** Group name -> the identifier the client gave for it (echoed in results). */
  readonly groups: ReadonlyMap<string, string>;
  readonly streamNames?: readonly string[];
  readonly streamPrefixes?: readonly string[];
  readonly matches: LogMatcher;
  /** The sessionStart payload. */
  readonly start: Readonly<Record<string, unknown>>;
}

/** Timings of a session (tests shorten them). */
export interface LiveTailTimings {
  readonly updateIntervalMs: number;
  readonly maxSessionMs: number;
}

/** AWS: a sessionUpdate every second, sessions end after 3 hours (reference 8.3). */
export const DEFAULT_LIVE_TAIL_TIMINGS: LiveTailTimings = {
  updateIntervalMs: 1_000,
  maxSessionMs: 3 * 60 * 60 * 1_000,
};

const MAX_RESULTS_PER_UPDATE = 500;
const MAX_BUFFERED_EVENTS = 5_000;
const MAX_QUEUED_UPDATES = 10;

interface Frame {
  readonly bytes: Buffer;
  readonly droppable: boolean;
}

/** Every `step`-th result, so a burst is sampled evenly rather than cut at its start. */
function sample<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)] as T);
}

/**
 * A StartLiveTail response body: `initial-response`, `sessionStart`, then a `sessionUpdate` per
 * interval with the matching events appended meanwhile (<= 500, sampled above). A slow reader
 * keeps at most 10 updates and 5,000 events, dropping the oldest. Closing (`return()`, e.g. on
 * client disconnect) unsubscribes at once.
 */
export class LiveTailSession implements AsyncIterableIterator<Buffer> {
  private readonly frames: Frame[] = [];
  private buffered: Record<string, unknown>[] = [];
  private waiting: ((result: IteratorResult<Buffer>) => void) | undefined;
  private finished = false;
  private readonly unsubscribe: () => void;
  private readonly ticker: NodeJS.Timeout;
  private readonly deadline: NodeJS.Timeout;

  constructor(store: LogStore, scope: LiveTailScope, requestId: string, timings: LiveTailTimings) {
    this.push({ bytes: eventFrame('initial-response', {}), droppable: false });
    const start = { requestId, sessionId: randomUUID(), ...scope.start };
    this.push({ bytes: eventFrame('sessionStart', start), droppable: false });
    this.unsubscribe = store.subscribe((appended) => this.collect(scope, appended));
    this.ticker = setInterval(() => this.update(), timings.updateIntervalMs);
    this.deadline = setTimeout(() => {
      // Wording unverified; the 3-hour limit and the exception type are documented.
      this.push({
        bytes: exceptionFrame('SessionTimeoutException', 'Session timed out after 3 hours.'),
        droppable: false,
      });
      this.close();
    }, timings.maxSessionMs);
    this.ticker.unref();
    this.deadline.unref();
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Buffer> {
    return this;
  }

  next(): Promise<IteratorResult<Buffer>> {
    const frame = this.frames.shift();
    if (frame) return Promise.resolve({ value: frame.bytes, done: false });
    if (this.finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  return(): Promise<IteratorResult<Buffer>> {
    this.frames.length = 0;
    this.close();
    return Promise.resolve({ value: undefined, done: true });
  }

  private collect(scope: LiveTailScope, { group, stream, event }: LogAppended): void {
    const identifier = scope.groups.get(group);
    if (identifier === undefined) return;
    if (scope.streamNames && !scope.streamNames.includes(stream)) return;
    if (scope.streamPrefixes && !scope.streamPrefixes.some((p) => stream.startsWith(p))) return;
    if (!scope.matches(event.message)) return;
    this.buffered.push({
      logStreamName: stream,
      logGroupIdentifier: identifier,
      message: event.message,
      timestamp: event.timestamp,
      ingestionTime: event.ingestionTime,
    });
    if (this.buffered.length > MAX_BUFFERED_EVENTS) this.buffered.shift();
  }

  private update(): void {
    const results = sample(this.buffered, MAX_RESULTS_PER_UPDATE);
    const sampled = results.length < this.buffered.length;
    this.buffered = [];
    const payload = { sessionMetadata: { sampled }, sessionResults: results };
    this.push({ bytes: eventFrame('sessionUpdate', payload), droppable: true });
    const queued = this.frames.filter((f) => f.droppable).length;
    if (queued > MAX_QUEUED_UPDATES) {
      this.frames.splice(
        this.frames.findIndex((f) => f.droppable),
        1,
      );
    }
  }

  private push(frame: Frame): void {
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = undefined;
      waiting({ value: frame.bytes, done: false });
    } else {
      this.frames.push(frame);
    }
  }

  private close(): void {
    if (this.finished) return;
    this.finished = true;
    clearInterval(this.ticker);
    clearTimeout(this.deadline);
    this.unsubscribe();
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.({ value: undefined, done: true });
  }
}
