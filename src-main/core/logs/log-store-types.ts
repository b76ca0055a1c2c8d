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
  /** Present only when a retention policy is set (CloudWatch omits it for "never expire"). */
  readonly retentionInDays?: number;
}

/** One appended event, as delivered to live subscribers. */
export interface LogAppended {
  readonly group: string;
  readonly stream: string;
  readonly event: LogEvent;
}

/** A change to the shape of the store (not an appended event), for persistence. */
export type LogStoreChange =
  | { readonly kind: 'group-created'; readonly group: string; readonly creationTime: number }
  | { readonly kind: 'group-deleted'; readonly group: string }
  | { readonly kind: 'retention-set'; readonly group: string; readonly retentionInDays?: number }
  | {
      readonly kind: 'stream-created';
      readonly group: string;
      readonly stream: string;
      readonly creationTime: number;
    }
  /** Also sent when the streams-per-group cap removes the oldest stream. */
  | { readonly kind: 'stream-deleted'; readonly group: string; readonly stream: string };

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
