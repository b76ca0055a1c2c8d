/** Lambda's platform log lines (START, END, REPORT, INIT_*), byte for byte as in CloudWatch (fidelity reference 5.1-5.2). */

/** Figures that go into a REPORT line. */
export interface ReportFigures {
  readonly requestId: string;
  readonly durationMs: number;
  readonly billedDurationMs: number;
  readonly memorySizeMb: number;
  readonly maxMemoryUsedMb: number;
  /** Only on the first invoke of an environment. */
  readonly initDurationMs?: number;
  /** `timeout`, or `error` with an error type; absent on success. */
  readonly status?: 'timeout' | 'error';
  readonly errorType?: string;
}

/** Two decimals, as Lambda prints durations. */
export function ms2(value: number): string {
  return value.toFixed(2);
}

/** `INIT_START Runtime Version: ...\tRuntime Version ARN: ...` */
export function initStartLine(runtimeVersion: string, runtimeVersionArn: string): string {
  return `INIT_START Runtime Version: ${runtimeVersion}\tRuntime Version ARN: ${runtimeVersionArn}`;
}

/** `INIT_REPORT Init Duration: ... ms\tPhase: init|invoke\tStatus: error|timeout[\tError Type: ...]` for a failed INIT. */
export function initReportLine(
  initDurationMs: number,
  phase: 'init' | 'invoke',
  status: 'error' | 'timeout',
  errorType?: string,
): string {
  const type = status === 'error' && errorType ? `\tError Type: ${errorType}` : '';
  return `INIT_REPORT Init Duration: ${ms2(initDurationMs)} ms\tPhase: ${phase}\tStatus: ${status}${type}`;
}

/** `START RequestId: <rid> Version: <v>` (a space, not a tab, before Version). */
export function startLine(requestId: string, version: string): string {
  return `START RequestId: ${requestId} Version: ${version}`;
}

/** `END RequestId: <rid>` */
export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

/** The REPORT line, with Lambda's trailing tab after the last field. */
export function reportLine(f: ReportFigures): string {
  let line =
    `REPORT RequestId: ${f.requestId}\tDuration: ${ms2(f.durationMs)} ms\t` +
    `Billed Duration: ${f.billedDurationMs} ms\tMemory Size: ${f.memorySizeMb} MB\t` +
    `Max Memory Used: ${f.maxMemoryUsedMb} MB\t`;
  if (f.initDurationMs !== undefined) line += `Init Duration: ${ms2(f.initDurationMs)} ms\t`;
  if (f.status === 'timeout') line += 'Status: timeout';
  else if (f.status === 'error')
    line += `Status: error\tError Type: ${f.errorType ?? 'Runtime.Unknown'}`;
  return line;
}

/** Seconds as Lambda words a timeout: the measured time with two decimals. */
export function timeoutSeconds(elapsedMs: number): string {
  return (elapsedMs / 1000).toFixed(2);
}

/** The log line Lambda writes when an invocation times out. */
export function timeoutLogLine(isoTimestamp: string, requestId: string, elapsedMs: number): string {
  return `${isoTimestamp} ${requestId} Task timed out after ${timeoutSeconds(elapsedMs)} seconds`;
}
