/** How a caller invokes: synchronously, queued (Event), or just checked (DryRun). */
export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

/** Options of one invocation beyond the payload. */
export interface InvokeOptions {
  /** Version or alias the caller addressed; `$LATEST` by default. Engine-level: a version key. */
  readonly version?: string;
  /** ARN the caller used (keeps the alias); derived from name and version when absent. */
  readonly invokedFunctionArn?: string;
  /** Client context JSON text (already decoded from the X-Amz-Client-Context base64). */
  readonly clientContext?: string;
  readonly cognitoIdentity?: string;
  readonly tenantId?: string;
  readonly traceId?: string;
  readonly contentType?: string;
  /** Reuse an id (async retries keep theirs). */
  readonly requestId?: string;
}

/** Everything Lambda reports about one finished invocation, plus what the workbench shows. */
export interface InvokeResult {
  readonly requestId: string;
  readonly functionName: string;
  readonly executedVersion: string;
  /** Raw response bytes (the result, or the error JSON). */
  readonly payload: Buffer;
  /** `Unhandled` when the function failed, as X-Amz-Function-Error says. */
  readonly functionError?: 'Unhandled';
  readonly errorType?: string;
  readonly status: 'success' | 'error' | 'timeout';
  /** This invocation's log events (INIT on cold starts, START ... REPORT), newline-terminated. */
  readonly logs: string;
  /** Base64 of the last 4 KB of `logs`, as X-Amz-Log-Result carries it. */
  readonly logTailBase64: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly initDurationMs?: number;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number;
  readonly coldStart: boolean;
  readonly costUsd: number;
  /** Things the developer should know (e.g. local Node major differs from the runtime's). */
  readonly warnings: readonly string[];
}

/** Lambda's last-4-KB log tail, base64-encoded. */
export function logTail(logs: string): string {
  const bytes = Buffer.from(logs, 'utf8');
  return bytes.subarray(Math.max(0, bytes.length - 4096)).toString('base64');
}
