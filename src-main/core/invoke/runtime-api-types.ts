/** One invocation as the Runtime API hands it to a runtime's `/next` call. */
export interface RuntimeInvocation {
  readonly requestId: string;
  /** Epoch milliseconds at which the invocation times out. */
  readonly deadlineMs: number;
  readonly invokedFunctionArn: string;
  readonly traceId: string;
  /** Client context JSON text, already base64-decoded (sync invokes only). */
  readonly clientContext?: string;
  readonly cognitoIdentity?: string;
  readonly tenantId?: string;
  readonly contentType?: string;
  readonly payload: Buffer;
}

/** What the runtime answered for an invocation. */
export type RuntimeOutcome =
  | { readonly kind: 'response'; readonly payload: Buffer }
  | { readonly kind: 'error'; readonly errorType: string; readonly payload: Buffer };

/** Callbacks through which the Runtime API server tells its environment about the runtime's state. */
export interface RuntimeApiListener {
  /** The runtime called `/next` and is now waiting: INIT is over, or the previous invoke is fully done. */
  onWaitingForNext(): void;
  /** The runtime reported an INIT failure through `/runtime/init/error`. */
  onInitError(errorType: string, payload: Buffer): void;
}

/** Max event delivered and max buffered response: 6 MiB + 100 bytes (fidelity reference 1.4). */
export const MAX_SYNC_PAYLOAD_BYTES = 6_291_556;

/** Runtime-supplied error types Lambda keeps as they are; others are booked as Runtime.Unknown (reference 1.3). */
export function normaliseErrorType(raw: string | undefined): string {
  if (!raw) return 'Runtime.Unknown';
  if (/^(Runtime|Function)\.[A-Z][a-zA-Z]+$/.test(raw)) return raw;
  return raw.startsWith('Function.') ? 'Function.Unknown' : 'Runtime.Unknown';
}
