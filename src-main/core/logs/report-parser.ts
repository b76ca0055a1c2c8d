import type { ReportFigures } from './platform-lines';

/** The figures of a REPORT line: what platform-lines writes, read back. */
export type ReportFields = Omit<ReportFigures, 'status' | 'errorType'>;

const REPORT =
  /REPORT RequestId: (\S+)\tDuration: ([\d.]+) ms\tBilled Duration: (\d+) ms\tMemory Size: (\d+) MB\tMax Memory Used: (\d+) MB(?:\tInit Duration: ([\d.]+) ms)?/;

/** Reads the last REPORT line of a log tail (X-Amz-Log-Result decoded); undefined when there is none. */
export function parseReportLine(logs: string): ReportFields | undefined {
  const lines = logs.split('\n').filter((line) => line.startsWith('REPORT RequestId: '));
  const match = REPORT.exec(lines.at(-1) ?? '');
  if (!match) return undefined;
  return {
    requestId: match[1] as string,
    durationMs: Number(match[2]),
    billedDurationMs: Number(match[3]),
    memorySizeMb: Number(match[4]),
    maxMemoryUsedMb: Number(match[5]),
    initDurationMs: match[6] === undefined ? undefined : Number(match[6]),
  };
}
