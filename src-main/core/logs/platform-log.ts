import type { LogFormat } from '../functions/function-definition';
import {
  endLine,
  initReportLine,
  initStartLine,
  reportLine,
  startLine,
  type ReportFigures,
} from './platform-lines';

/** The platform's own log events for one function, in its log format (Text lines or JSON records). */
export interface PlatformLog {
  initStart(runtimeVersion: string, runtimeVersionArn: string, initializationType: string): string;
  initReport(
    durationMs: number,
    phase: 'init' | 'invoke',
    status: 'error' | 'timeout',
    errorType?: string,
  ): string;
  start(requestId: string, version: string): string;
  end(requestId: string, status: 'success' | 'error' | 'timeout', errorType?: string): string;
  report(figures: ReportFigures): string;
}

const text: PlatformLog = {
  initStart: (version, arn) => initStartLine(version, arn),
  initReport: (durationMs, phase, status, errorType) =>
    initReportLine(durationMs, phase, status, errorType),
  start: (requestId, version) => startLine(requestId, version),
  end: (requestId) => endLine(requestId),
  report: (figures) => reportLine(figures),
};

/** JSON records as CloudWatch shows them with LogFormat JSON (Telemetry API `platform.*` schemas). */
const json: PlatformLog = {
  initStart: (runtimeVersion, runtimeVersionArn, initializationType) =>
    record('platform.initStart', {
      initializationType,
      phase: 'init',
      runtimeVersion,
      runtimeVersionArn,
    }),
  initReport: (durationMs, phase, status, errorType) =>
    record('platform.initReport', {
      initializationType: 'on-demand',
      phase,
      status,
      ...(errorType ? { errorType } : {}),
      metrics: { durationMs: round3(durationMs) },
    }),
  start: (requestId, version) => record('platform.start', { requestId, version }),
  end: (requestId, status, errorType) =>
    record('platform.runtimeDone', { requestId, status, ...(errorType ? { errorType } : {}) }),
  report: (f) =>
    record('platform.report', {
      requestId: f.requestId,
      metrics: {
        durationMs: round3(f.durationMs),
        billedDurationMs: f.billedDurationMs,
        memorySizeMB: f.memorySizeMb,
        maxMemoryUsedMB: f.maxMemoryUsedMb,
        ...(f.initDurationMs !== undefined ? { initDurationMs: round3(f.initDurationMs) } : {}),
      },
      status: f.status ?? 'success',
      ...(f.status === 'error' && f.errorType ? { errorType: f.errorType } : {}),
    }),
};

/** The platform log writer for a function's log format. */
export function platformLogFor(format: LogFormat): PlatformLog {
  return format === 'JSON' ? json : text;
}

function record(type: string, body: Record<string, unknown>): string {
  return JSON.stringify({ time: new Date().toISOString(), type, record: body });
}

function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
