/** How a runtime process ended. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Set when the executable could not be started at all. */
  readonly spawnError?: string;
}

/** Go's wording for signals, which Lambda's platform (written in Go) prints: `signal: killed`. */
const SIGNAL_WORDS: Partial<Record<NodeJS.Signals, string>> = {
  SIGKILL: 'killed',
  SIGABRT: 'aborted (core dumped)',
  SIGSEGV: 'segmentation fault (core dumped)',
  SIGTERM: 'terminated',
  SIGINT: 'interrupt',
  SIGBUS: 'bus error (core dumped)',
  SIGFPE: 'floating point exception (core dumped)',
  SIGILL: 'illegal instruction (core dumped)',
};

/** `exit status 3`, `signal: killed`, as in `Runtime exited with error: ...`. */
export function describeExit(exit: ProcessExit): string {
  if (exit.spawnError) return exit.spawnError;
  if (exit.signal) return `signal: ${SIGNAL_WORDS[exit.signal] ?? exit.signal.toLowerCase()}`;
  return `exit status ${exit.code ?? 0}`;
}

/** Lambda's message for a runtime that exited during an invocation. */
export function exitErrorMessage(requestId: string, exit: ProcessExit): string {
  if (exit.code === 0 && !exit.signal && !exit.spawnError) {
    return `RequestId: ${requestId} Error: Runtime exited without providing a reason`;
  }
  return `RequestId: ${requestId} Error: Runtime exited with error: ${describeExit(exit)}`;
}
