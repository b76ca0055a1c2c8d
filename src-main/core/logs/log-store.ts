/** One CloudWatch Logs event as the engine stores it. */
export interface LogEvent {
  readonly timestamp: number;
  readonly ingestionTime: number;
  /** The message; Lambda's events end with a newline, and so do ours. */
  readonly message: string;
  /** Opaque, unique, increasing id (CloudWatch's are 56 digits). */
  readonly eventId: string;
}

/** What DescribeLogStreams reports about a stream. */
export interface LogStreamInfo {
  readonly logStreamName: string;
  readonly creationTime: number;
  readonly firstEventTimestamp?: number;
  readonly lastEventTimestamp?: number;
  readonly lastIngestionTime?: number;
  readonly storedBytes: number;
  /** Events evicted because the stream reached its cap. */
  readonly droppedEvents: number;
}

/** What DescribeLogGroups reports about a group. */
export interface LogGroupInfo {
  readonly logGroupName: string;
  readonly creationTime: number;
  readonly storedBytes: number;
}

/** One appended event, as delivered to live subscribers. */
export interface LogAppended {
  readonly group: string;
  readonly stream: string;
  readonly event: LogEvent;
}

/** Caps that keep a chatty function from filling memory or disk. */
export interface LogStoreLimits {
  readonly maxEventsPerStream: number;
  readonly maxBytesPerStream: number;
  readonly maxStreamsPerGroup: number;
}

/** Defaults: 10,000 events or 4 MB per stream, 500 streams per group. */
export const DEFAULT_LOG_LIMITS: LogStoreLimits = {
  maxEventsPerStream: 10_000,
  maxBytesPerStream: 4 * 1024 * 1024,
  maxStreamsPerGroup: 500,
};

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
  streams: Map<string, StreamState>;
}

/** Log groups and streams of the engine, bounded, with live subscribers (the log tail and the Logs API build on it). */
export class LogStore {
  private readonly groupsByName = new Map<string, GroupState>();
  private readonly listeners = new Set<(appended: LogAppended) => void>();
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

  /** All groups, ASCII-sorted by name as CloudWatch lists them. */
  groups(): LogGroupInfo[] {
    return [...this.groupsByName.values()]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((g) => ({
        logGroupName: g.name,
        creationTime: g.creationTime,
        storedBytes: [...g.streams.values()].reduce((sum, s) => sum + s.bytes, 0),
      }));
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

  /** Removes a group and its streams; false when it did not exist. */
  deleteGroup(group: string): boolean {
    return this.groupsByName.delete(group);
  }

  private streamState(group: string, stream: string): StreamState {
    let g = this.groupsByName.get(group);
    if (!g) {
      g = { name: group, creationTime: this.now(), streams: new Map() };
      this.groupsByName.set(group, g);
    }
    let s = g.streams.get(stream);
    if (!s) {
      s = { name: stream, creationTime: this.now(), events: [], bytes: 0, dropped: 0 };
      g.streams.set(stream, s);
      if (g.streams.size > this.limits.maxStreamsPerGroup) {
        // Maps iterate in insertion order: the first key is the oldest stream.
        const oldest = g.streams.keys().next().value;
        if (oldest !== undefined) g.streams.delete(oldest);
      }
    }
    return s;
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
