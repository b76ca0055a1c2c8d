import { describe, expect, it } from 'vitest';
import {
  LogStore,
  type LogEvent,
  type LogStoreChange,
} from '../../../src-main/core/logs/log-store';

function recording(limits?: ConstructorParameters<typeof LogStore>[0]) {
  const clock = { t: 1_000 };
  const store = new LogStore(limits, () => clock.t);
  const changes: LogStoreChange[] = [];
  store.onChange((c) => changes.push(c));
  return { store, clock, changes };
}

describe('LogStore creation and deletion', () => {
  it('creates empty groups and streams, refusing duplicates and streams of unknown groups', () => {
    const { store, changes } = recording();
    expect(store.createGroup('/g')).toBe(true);
    expect(store.createGroup('/g')).toBe(false);
    expect(store.createStream('/g', 's')).toBe('created');
    expect(store.createStream('/g', 's')).toBe('exists');
    expect(store.createStream('/nope', 's')).toBe('no-group');
    expect(store.hasGroup('/g')).toBe(true);
    expect(store.events('/g', 's')).toEqual([]);
    expect(changes).toEqual([
      { kind: 'group-created', group: '/g', creationTime: 1_000 },
      { kind: 'stream-created', group: '/g', stream: 's', creationTime: 1_000 },
    ]);
  });

  it('announces groups and streams that append creates, and deletions', () => {
    const { store, changes } = recording();
    store.append('/g', 's', 'x\n');
    store.append('/g', 's', 'y\n');
    expect(store.deleteStream('/g', 's')).toBe(true);
    expect(store.deleteStream('/g', 's')).toBe(false);
    expect(store.deleteGroup('/g')).toBe(true);
    expect(changes.map((c) => c.kind)).toEqual([
      'group-created',
      'stream-created',
      'stream-deleted',
      'group-deleted',
    ]);
  });

  it('announces the stream the streams-per-group cap removes', () => {
    const { store, changes } = recording({
      maxEventsPerStream: 10,
      maxBytesPerStream: 100,
      maxStreamsPerGroup: 1,
    });
    store.append('/g', 'old', 'x\n');
    store.append('/g', 'new', 'x\n');
    expect(changes.at(-1)).toEqual({ kind: 'stream-deleted', group: '/g', stream: 'old' });
  });

  it('sets and clears retention, reported by groups() only when set', () => {
    const { store, changes } = recording();
    store.createGroup('/g');
    expect(store.setRetention('/g', 7)).toBe(true);
    expect(store.groups()[0]).toEqual({
      logGroupName: '/g',
      creationTime: 1_000,
      storedBytes: 0,
      retentionInDays: 7,
    });
    store.setRetention('/g', undefined);
    expect(store.groups()[0]).toEqual({ logGroupName: '/g', creationTime: 1_000, storedBytes: 0 });
    expect(store.setRetention('/nope', 7)).toBe(false);
    expect(changes.filter((c) => c.kind === 'retention-set')).toHaveLength(2);
  });
});

describe('LogStore restore', () => {
  const event = (n: number, message = `e${n}\n`): LogEvent => ({
    timestamp: 100 + n,
    ingestionTime: 200 + n,
    message,
    eventId: String(n).padStart(20, '0'),
  });

  it('puts back groups and streams with their times, and continues ids after the highest', () => {
    const { store, clock } = recording();
    store.restoreGroup('/g', 50, 30);
    expect(store.restoreStream('/g', 's', 60, [event(7), event(41)])).toBe(2);
    clock.t = 5_000;
    expect(store.groups()).toEqual([
      { logGroupName: '/g', creationTime: 50, storedBytes: 7, retentionInDays: 30 },
    ]);
    expect(store.streams('/g')?.[0]).toMatchObject({
      creationTime: 60,
      lastIngestionTime: 241,
      droppedEvents: 0,
    });
    expect(store.append('/g', 's', 'next\n').eventId).toBe('00000000000000000042');
  });

  it('keeps the newest events that fit the caps exactly, counting the rest as dropped', () => {
    const { store } = recording({
      maxEventsPerStream: 3,
      maxBytesPerStream: 1_000,
      maxStreamsPerGroup: 5,
    });
    const events = [1, 2, 3, 4, 5].map((n) => event(n));
    expect(store.restoreStream('/g', 's', 1, events)).toBe(3);
    expect(store.events('/g', 's')?.map((e) => e.message)).toEqual(['e3\n', 'e4\n', 'e5\n']);
    expect(store.streams('/g')?.[0]?.droppedEvents).toBe(2);
    const bytes = recording({
      maxEventsPerStream: 100,
      maxBytesPerStream: 7,
      maxStreamsPerGroup: 5,
    });
    expect(bytes.store.restoreStream('/g', 's', 1, [event(1), event(2), event(3)])).toBe(2);
  });
});
