import {
  DEFAULT_LOG_LIMITS,
  type LogAppended,
  type LogEvent,
  type LogGroupInfo,
  type LogStoreChange,
  type LogStoreLimits,
  type LogStreamInfo,
} from './log-store-types';
import { newestWithinCaps } from './log-caps';

// The store's types live beside it; importers keep using this module for both.
export * from './log-store-types';

interface StreamState {
  name: string;
  creationTime: number;
  events: LogEvent[];
  bytes: number;
  dropped: number;
  lastIngestionTime?: number;
}

interface GroupState {
  name: string;
  creationTime: number;
  retentionInDays?: number;
  streams: Map<string, StreamState>;
}

/** Log groups and streams of the engine, bounded, with live subscribers (the log tail and the Logs API build on it). */
export class LogStore {
  private readonly groupsByName = new Map<string, GroupState>();
  private readonly listeners = new Set<(appended: LogAppended) => void>();
  private readonly changeListeners = new Set<(change: LogStoreChange) => void>();
  private sequence = 0;

  constructor(
    private readonly limits: LogStoreLimits = DEFAULT_LOG_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Appends one event, creating the group and stream on first use; evicts the oldest past the caps. */
  append(group: string, stream: string, message: string, timestamp = this.now()): LogEvent {
    const state = this.streamState(group, stream);
    const ingestionTime = this.now();
    this.sequence += 1;
    const event: LogEvent = {
      timestamp,
      ingestionTime,
      message,
      eventId: String(this.sequence).padStart(20, '0'),
    };
    state.events.push(event);
    state.bytes += Buffer.byteLength(message);
    state.lastIngestionTime = ingestionTime;
    this.evict(state);
    for (const listener of this.listeners) listener({ group, stream, event });
    return event;
  }

  /** Subscribes to every appended event; returns the unsubscribe function. */
  subscribe(listener: (appended: LogAppended) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes to groups and streams being created or deleted and retention changes. */
  onChange(listener: (change: LogStoreChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** All groups, ASCII-sorted by name as CloudWatch lists them. */
  groups(): LogGroupInfo[] {
    return [...this.groupsByName.values()]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((g) => ({
        logGroupName: g.name,
        creationTime: g.creationTime,
        storedBytes: [...g.streams.values()].reduce((sum, s) => sum + s.bytes, 0),
        ...(g.retentionInDays === undefined ? {} : { retentionInDays: g.retentionInDays }),
      }));
  }

  /** Whether a group exists. */
  hasGroup(group: string): boolean {
    return this.groupsByName.has(group);
  }

  /** The streams of a group, or undefined when the group does not exist. */
  streams(group: string): LogStreamInfo[] | undefined {
    const g = this.groupsByName.get(group);
    if (!g) return undefined;
    return [...g.streams.values()].map((s) => ({
      logStreamName: s.name,
      creationTime: s.creationTime,
      firstEventTimestamp: s.events[0]?.timestamp,
      lastEventTimestamp: s.events.at(-1)?.timestamp,
      lastIngestionTime: s.lastIngestionTime,
      storedBytes: s.bytes,
      droppedEvents: s.dropped,
    }));
  }

  /** The events of one stream in arrival order, or undefined when it does not exist. */
  events(group: string, stream: string): readonly LogEvent[] | undefined {
    return this.groupsByName.get(group)?.streams.get(stream)?.events;
  }

  /** Creates an empty group (CreateLogGroup); false when it already exists. */
  createGroup(group: string): boolean {
    if (this.groupsByName.has(group)) return false;
    this.groupState(group);
    return true;
  }

  /** Creates an empty stream (CreateLogStream). */
  createStream(group: string, stream: string): 'created' | 'exists' | 'no-group' {
    const g = this.groupsByName.get(group);
    if (!g) return 'no-group';
    if (g.streams.has(stream)) return 'exists';
    this.streamState(group, stream);
    return 'created';
  }

  /** Removes a group and its streams; false when it did not exist. */
  deleteGroup(group: string): boolean {
    const existed = this.groupsByName.delete(group);
    if (existed) this.changed({ kind: 'group-deleted', group });
    return existed;
  }

  /** Removes one stream; false when it did not exist. */
  deleteStream(group: string, stream: string): boolean {
    const existed = this.groupsByName.get(group)?.streams.delete(stream) ?? false;
    if (existed) this.changed({ kind: 'stream-deleted', group, stream });
    return existed;
  }

  /** Sets (or with undefined, removes) a group's retention; false when the group does not exist. */
  setRetention(group: string, retentionInDays: number | undefined): boolean {
    const g = this.groupsByName.get(group);
    if (!g) return false;
    g.retentionInDays = retentionInDays;
    this.changed({ kind: 'retention-set', group, retentionInDays });
    return true;
  }

  /** Puts back a group read from disk, keeping its creation time and retention. */
  restoreGroup(group: string, creationTime: number, retentionInDays?: number): void {
    const g = this.groupState(group, creationTime);
    g.creationTime = creationTime;
    g.retentionInDays = retentionInDays;
  }

  /**
   * Puts back a stream read from disk (events oldest first), keeping the newest that fit the caps
   * exactly; ids continue after the highest restored one. Returns how many events were kept.
   */
  restoreStream(group: string, stream: string, creationTime: number, events: LogEvent[]): number {
    const s = this.streamState(group, stream, creationTime);
    const kept = newestWithinCaps(events, this.limits);
    s.events = events.slice(events.length - kept.count);
    s.bytes = kept.bytes;
    s.dropped = events.length - kept.count;
    s.lastIngestionTime = s.events.reduce<number | undefined>(
      (max, e) => (max === undefined || e.ingestionTime > max ? e.ingestionTime : max),
      undefined,
    );
    for (const e of s.events) {
      const n = /^\d+$/.test(e.eventId) ? Number(e.eventId) : 0;
      if (n > this.sequence) this.sequence = n;
    }
    return kept.count;
  }

  private groupState(group: string, creationTime = this.now()): GroupState {
    let g = this.groupsByName.get(group);
    if (!g) {
      g = { name: group, creationTime, streams: new Map() };
      this.groupsByName.set(group, g);
      this.changed({ kind: 'group-created', group, creationTime });
    }
    return g;
  }

  private streamState(group: string, stream: string, creationTime = this.now()): StreamState {
    const g = this.groupState(group, creationTime);
    let s = g.streams.get(stream);
    if (!s) {
      s = { name: stream, creationTime, events: [], bytes: 0, dropped: 0 };
      g.streams.set(stream, s);
      this.changed({ kind: 'stream-created', group, stream, creationTime });
      if (g.streams.size > this.limits.maxStreamsPerGroup) {
        // Maps iterate in insertion order: the first key is the oldest stream.
        const oldest = g.streams.keys().next().value;
        if (oldest !== undefined) this.deleteStream(group, oldest);
      }
    }
    return s;
  }

  private changed(change: LogStoreChange): void {
    for (const listener of this.changeListeners) listener(change);
  }

  private evict(s: StreamState): void {
    const { maxEventsPerStream, maxBytesPerStream } = this.limits;
    if (s.events.length <= maxEventsPerStream && s.bytes <= maxBytesPerStream) return;
    // Evict down to 90% of the caps in one splice, so a flood does not pay a splice per line.
    const eventTarget = Math.floor(maxEventsPerStream * 0.9);
    const byteTarget = Math.floor(maxBytesPerStream * 0.9);
    let drop = 0;
    let bytes = s.bytes;
    while (
      s.events.length - drop > 1 &&
      (s.events.length - drop > eventTarget || bytes > byteTarget)
    ) {
      bytes -= Buffer.byteLength(s.events[drop]?.message ?? '');
      drop += 1;
    }
    s.events.splice(0, drop);
    s.bytes = bytes;
    s.dropped += drop;
  }
}
