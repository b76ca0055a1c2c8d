import { describe, it, expect, vi } from 'vitest';
import {
  DEFAULT_LOG_LIMITS,
  LogStore,
  type LogAppended,
  type LogStoreLimits,
} from '../../../src-main/core/logs/log-store';

const GROUP = '/aws/lambda/orders';
const STREAM = '2025/11/24/[$LATEST]0123456789abcdef0123456789abcdef';

/** A store with a hand-driven clock. */
function storeWith(limits: Partial<LogStoreLimits> = {}, start = 1_000) {
  const clock = { t: start };
  const store = new LogStore({ ...DEFAULT_LOG_LIMITS, ...limits }, () => clock.t);
  return { store, clock };
}

/** A message of exactly `bytes` UTF-8 bytes, ending in a newline as Lambda's events do. */
function msg(bytes: number, fill = 'x'): string {
  return `${fill.repeat(bytes - 1)}\n`;
}

describe('LogStore defaults', () => {
  it('caps at 10,000 events or 4 MB per stream and 500 streams per group', () => {
    expect(DEFAULT_LOG_LIMITS).toEqual({
      maxEventsPerStream: 10_000,
      maxBytesPerStream: 4_194_304,
      maxStreamsPerGroup: 500,
    });
  });
});

describe('LogStore.append', () => {
  it('creates the group and stream on first use and returns the stored event', () => {
    const { store, clock } = storeWith();
    clock.t = 5_000;
    const event = store.append(GROUP, STREAM, 'hello\n', 4_200);
    expect(event).toMatchObject({ timestamp: 4_200, ingestionTime: 5_000, message: 'hello\n' });
    expect(store.groups()).toEqual([{ logGroupName: GROUP, creationTime: 5_000, storedBytes: 6 }]);
    expect(store.events(GROUP, STREAM)).toEqual([event]);
  });

  it('defaults the timestamp to the clock', () => {
    const { store, clock } = storeWith();
    clock.t = 77_000;
    expect(store.append(GROUP, STREAM, 'a\n').timestamp).toBe(77_000);
  });

  it('gives unique, increasing event ids across streams and groups', () => {
    const { store } = storeWith();
    const ids = [
      store.append(GROUP, 's1', 'a\n').eventId,
      store.append(GROUP, 's2', 'b\n').eventId,
      store.append('/aws/lambda/other', 's1', 'c\n').eventId,
      store.append(GROUP, 's1', 'd\n').eventId,
    ];
    expect(new Set(ids).size).toBe(4);
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps events of one stream in arrival order', () => {
    const { store } = storeWith();
    store.append(GROUP, STREAM, 'one\n', 30);
    store.append(GROUP, STREAM, 'two\n', 10);
    store.append(GROUP, STREAM, 'three\n', 20);
    expect(store.events(GROUP, STREAM)?.map((e) => e.message)).toEqual([
      'one\n',
      'two\n',
      'three\n',
    ]);
  });

  it('answers undefined for unknown groups and streams', () => {
    const { store } = storeWith();
    store.append(GROUP, STREAM, 'x\n');
    expect(store.streams('/aws/lambda/nope')).toBeUndefined();
    expect(store.events('/aws/lambda/nope', STREAM)).toBeUndefined();
    expect(store.events(GROUP, 'nope')).toBeUndefined();
  });
});

describe('LogStore.groups', () => {
  it('lists groups ASCII-sorted (upper case before "_" before lower case)', () => {
    const { store } = storeWith();
    for (const name of ['/aws/lambda/b', '/aws/lambda/_x', '/aws/lambda/a', '/aws/lambda/B', '/a'])
      store.append(name, STREAM, 'x\n');
    expect(store.groups().map((g) => g.logGroupName)).toEqual([
      '/a',
      '/aws/lambda/B',
      '/aws/lambda/_x',
      '/aws/lambda/a',
      '/aws/lambda/b',
    ]);
  });

  it('sums storedBytes over streams in UTF-8 bytes, not characters', () => {
    const { store } = storeWith();
    store.append(GROUP, 's1', 'héllo\n'); // 7 bytes
    store.append(GROUP, 's2', '€\n'); // 4 bytes
    store.append(GROUP, 's2', 'ab\n'); // 3 bytes
    expect(store.groups()[0]?.storedBytes).toBe(14);
  });
});

describe('LogStore.streams', () => {
  it('reports creation time, first/last event timestamps, last ingestion and stored bytes', () => {
    const { store, clock } = storeWith();
    clock.t = 2_000;
    store.append(GROUP, STREAM, 'first\n', 1_500);
    clock.t = 2_600;
    store.append(GROUP, STREAM, 'second\n', 2_500);
    clock.t = 3_100;
    store.append(GROUP, STREAM, 'third\n', 3_000);
    expect(store.streams(GROUP)).toEqual([
      {
        logStreamName: STREAM,
        creationTime: 2_000,
        firstEventTimestamp: 1_500,
        lastEventTimestamp: 3_000,
        lastIngestionTime: 3_100,
        storedBytes: 19,
        droppedEvents: 0,
      },
    ]);
  });

  it('lists every stream of a group', () => {
    const { store } = storeWith();
    store.append(GROUP, 'a', 'x\n');
    store.append(GROUP, 'b', 'x\n');
    store.append('/other', 'c', 'x\n');
    expect(
      store
        .streams(GROUP)
        ?.map((s) => s.logStreamName)
        .sort(),
    ).toEqual(['a', 'b']);
  });
});

describe('LogStore eviction', () => {
  it('past the event cap, evicts the oldest down to 90% and counts them as dropped', () => {
    const { store } = storeWith({ maxEventsPerStream: 10 });
    for (let i = 0; i < 10; i += 1) store.append(GROUP, STREAM, `e${i}\n`, 100 + i);
    expect(store.events(GROUP, STREAM)).toHaveLength(10);
    expect(store.streams(GROUP)?.[0]?.droppedEvents).toBe(0);

    store.append(GROUP, STREAM, 'e10\n', 110);
    expect(store.events(GROUP, STREAM)?.map((e) => e.message)).toEqual(
      ['e2', 'e3', 'e4', 'e5', 'e6', 'e7', 'e8', 'e9', 'e10'].map((m) => `${m}\n`),
    );
    const info = store.streams(GROUP)?.[0];
    expect(info?.droppedEvents).toBe(2);
    expect(info?.firstEventTimestamp).toBe(102);
    expect(info?.lastEventTimestamp).toBe(110);
    expect(info?.storedBytes).toBe(8 * 3 + 4);
  });

  it('past the byte cap, evicts the oldest down to 90% of the bytes', () => {
    const { store } = storeWith({ maxBytesPerStream: 100 });
    for (let i = 0; i < 10; i += 1) store.append(GROUP, STREAM, msg(10, String(i)), i);
    expect(store.streams(GROUP)?.[0]?.storedBytes).toBe(100);
    expect(store.streams(GROUP)?.[0]?.droppedEvents).toBe(0);

    store.append(GROUP, STREAM, msg(10, 'z'), 10);
    const info = store.streams(GROUP)?.[0];
    expect(info?.storedBytes).toBe(90);
    expect(info?.droppedEvents).toBe(2);
    expect(store.events(GROUP, STREAM)).toHaveLength(9);
    expect(store.events(GROUP, STREAM)?.[0]?.message).toBe(msg(10, '2'));
    expect(store.groups()[0]?.storedBytes).toBe(90);
  });

  it('keeps counting drops over several evictions', () => {
    const { store } = storeWith({ maxEventsPerStream: 10 });
    for (let i = 0; i < 25; i += 1) store.append(GROUP, STREAM, `${i}\n`);
    const kept = store.events(GROUP, STREAM)?.length ?? 0;
    expect(kept).toBeLessThanOrEqual(10);
    expect(store.streams(GROUP)?.[0]?.droppedEvents).toBe(25 - kept);
    expect(store.events(GROUP, STREAM)?.at(-1)?.message).toBe('24\n');
  });

  it('always keeps at least the newest event, even when it alone exceeds the byte cap', () => {
    const { store } = storeWith({ maxBytesPerStream: 100 });
    store.append(GROUP, STREAM, msg(10, 'a'));
    store.append(GROUP, STREAM, msg(10, 'b'));
    store.append(GROUP, STREAM, msg(500, 'c'));
    expect(store.events(GROUP, STREAM)?.map((e) => e.message)).toEqual([msg(500, 'c')]);
    const info = store.streams(GROUP)?.[0];
    expect(info?.storedBytes).toBe(500);
    expect(info?.droppedEvents).toBe(2);
  });

  it('keeps a single oversized event in an empty stream', () => {
    const { store } = storeWith({ maxBytesPerStream: 100 });
    store.append(GROUP, STREAM, msg(1_000));
    expect(store.events(GROUP, STREAM)).toHaveLength(1);
    expect(store.streams(GROUP)?.[0]?.droppedEvents).toBe(0);
  });

  it('evicts per stream: other streams of the group are untouched', () => {
    const { store } = storeWith({ maxEventsPerStream: 10 });
    store.append(GROUP, 'quiet', 'q\n');
    for (let i = 0; i < 11; i += 1) store.append(GROUP, 'chatty', `${i}\n`);
    expect(store.events(GROUP, 'quiet')).toHaveLength(1);
    expect(store.streams(GROUP)?.find((s) => s.logStreamName === 'quiet')?.droppedEvents).toBe(0);
  });

  it('past the streams-per-group cap, removes the oldest stream', () => {
    const { store } = storeWith({ maxStreamsPerGroup: 3 });
    store.append(GROUP, 's1', msg(10));
    store.append(GROUP, 's2', msg(20));
    store.append(GROUP, 's3', msg(30));
    expect(store.streams(GROUP)).toHaveLength(3);
    store.append(GROUP, 's4', msg(40));
    expect(
      store
        .streams(GROUP)
        ?.map((s) => s.logStreamName)
        .sort(),
    ).toEqual(['s2', 's3', 's4']);
    expect(store.events(GROUP, 's1')).toBeUndefined();
    expect(store.events(GROUP, 's4')?.map((e) => e.message)).toEqual([msg(40)]);
    expect(store.groups()[0]?.storedBytes).toBe(90);
  });

  it('does not remove streams when appending to an existing one at the cap', () => {
    const { store } = storeWith({ maxStreamsPerGroup: 2 });
    store.append(GROUP, 's1', 'a\n');
    store.append(GROUP, 's2', 'b\n');
    store.append(GROUP, 's1', 'c\n');
    expect(
      store
        .streams(GROUP)
        ?.map((s) => s.logStreamName)
        .sort(),
    ).toEqual(['s1', 's2']);
  });
});

describe('LogStore subscribers', () => {
  it('delivers every appended event with its group and stream', () => {
    const { store } = storeWith();
    const seen: LogAppended[] = [];
    store.subscribe((a) => seen.push(a));
    const e1 = store.append(GROUP, STREAM, 'one\n');
    const e2 = store.append('/other', 's', 'two\n');
    expect(seen).toEqual([
      { group: GROUP, stream: STREAM, event: e1 },
      { group: '/other', stream: 's', event: e2 },
    ]);
  });

  it('stops delivering after unsubscribe, without affecting other subscribers', () => {
    const { store } = storeWith();
    const a = vi.fn();
    const b = vi.fn();
    const unsubscribeA = store.subscribe(a);
    store.subscribe(b);
    store.append(GROUP, STREAM, 'one\n');
    unsubscribeA();
    store.append(GROUP, STREAM, 'two\n');
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(2);
  });

  it('still delivers an event that caused an eviction', () => {
    const { store } = storeWith({ maxEventsPerStream: 1 });
    const listener = vi.fn();
    store.subscribe(listener);
    store.append(GROUP, STREAM, 'a\n');
    store.append(GROUP, STREAM, 'b\n');
    expect(listener).toHaveBeenCalledTimes(2);
    expect((listener.mock.calls[1]?.[0] as LogAppended).event.message).toBe('b\n');
  });
});

describe('LogStore.deleteGroup', () => {
  it('removes the group and its streams; false when it did not exist', () => {
    const { store, clock } = storeWith();
    store.append(GROUP, STREAM, 'x\n');
    store.append('/keep', STREAM, 'y\n');
    expect(store.deleteGroup(GROUP)).toBe(true);
    expect(store.groups().map((g) => g.logGroupName)).toEqual(['/keep']);
    expect(store.streams(GROUP)).toBeUndefined();
    expect(store.events(GROUP, STREAM)).toBeUndefined();
    expect(store.deleteGroup(GROUP)).toBe(false);

    clock.t = 9_999;
    store.append(GROUP, STREAM, 'again\n');
    expect(store.groups().find((g) => g.logGroupName === GROUP)).toEqual({
      logGroupName: GROUP,
      creationTime: 9_999,
      storedBytes: 6,
    });
    expect(store.events(GROUP, STREAM)).toHaveLength(1);
  });
});
