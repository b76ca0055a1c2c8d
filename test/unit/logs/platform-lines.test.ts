import { describe, it, expect } from 'vitest';
import {
  endLine,
  initReportLine,
  initStartLine,
  ms2,
  reportLine,
  startLine,
  timeoutLogLine,
  timeoutSeconds,
} from '../../../src-main/core/logs/platform-lines';

const RID = '8f5c0c4e-1b7a-4c36-9d7e-2f0a9b1c3d4e';

describe('ms2', () => {
  it('prints two decimals', () => {
    expect(ms2(3.0123)).toBe('3.01');
    expect(ms2(110.1)).toBe('110.10');
    expect(ms2(0)).toBe('0.00');
    expect(ms2(1500)).toBe('1500.00');
  });
});

describe('START and END', () => {
  it('separates RequestId and Version with a space, not a tab', () => {
    expect(startLine(RID, '$LATEST')).toBe(`START RequestId: ${RID} Version: $LATEST`);
    expect(startLine(RID, '7')).toBe(`START RequestId: ${RID} Version: 7`);
    expect(startLine(RID, '$LATEST')).not.toContain('\t');
  });

  it('END carries only the request id', () => {
    expect(endLine(RID)).toBe(`END RequestId: ${RID}`);
  });
});

describe('REPORT', () => {
  const base = {
    requestId: RID,
    durationMs: 3.0149,
    billedDurationMs: 4,
    memorySizeMb: 128,
    maxMemoryUsedMb: 36,
  };

  it('uses tabs between fields and ends with a trailing tab', () => {
    expect(reportLine(base)).toBe(
      `REPORT RequestId: ${RID}\tDuration: 3.01 ms\tBilled Duration: 4 ms\t` +
        `Memory Size: 128 MB\tMax Memory Used: 36 MB\t`,
    );
  });

  it('adds Init Duration (2 decimals) only when given, keeping the trailing tab', () => {
    expect(reportLine({ ...base, initDurationMs: 110.1 })).toBe(
      `REPORT RequestId: ${RID}\tDuration: 3.01 ms\tBilled Duration: 4 ms\t` +
        `Memory Size: 128 MB\tMax Memory Used: 36 MB\tInit Duration: 110.10 ms\t`,
    );
    expect(reportLine(base)).not.toContain('Init Duration');
  });

  it('prints an init duration of 0 (it is given, even if zero)', () => {
    expect(reportLine({ ...base, initDurationMs: 0 })).toContain('\tInit Duration: 0.00 ms\t');
  });

  it('appends Status: timeout after the last tab', () => {
    expect(
      reportLine({ ...base, durationMs: 3000, billedDurationMs: 3000, status: 'timeout' }),
    ).toBe(
      `REPORT RequestId: ${RID}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\t` +
        `Memory Size: 128 MB\tMax Memory Used: 36 MB\tStatus: timeout`,
    );
  });

  it('appends Status: error and the error type separated by a tab', () => {
    expect(
      reportLine({
        ...base,
        initDurationMs: 200.456,
        status: 'error',
        errorType: 'Runtime.ExitError',
      }),
    ).toBe(
      `REPORT RequestId: ${RID}\tDuration: 3.01 ms\tBilled Duration: 4 ms\t` +
        `Memory Size: 128 MB\tMax Memory Used: 36 MB\tInit Duration: 200.46 ms\t` +
        `Status: error\tError Type: Runtime.ExitError`,
    );
  });
});

describe('INIT_START and INIT_REPORT', () => {
  it('INIT_START: runtime version and ARN separated by a tab', () => {
    const arn = `arn:aws:lambda:us-east-1::runtime:${'a'.repeat(64)}`;
    expect(initStartLine('python:3.10.v11', arn)).toBe(
      `INIT_START Runtime Version: python:3.10.v11\tRuntime Version ARN: ${arn}`,
    );
  });

  it('INIT_REPORT for a timed-out init', () => {
    expect(initReportLine(10000, 'init', 'timeout')).toBe(
      'INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout',
    );
  });

  it('INIT_REPORT for a failed init during the invoke phase', () => {
    expect(initReportLine(12.346, 'invoke', 'error')).toBe(
      'INIT_REPORT Init Duration: 12.35 ms\tPhase: invoke\tStatus: error',
    );
    expect(initReportLine(12.346, 'invoke', 'error', 'Runtime.ImportModuleError')).toBe(
      'INIT_REPORT Init Duration: 12.35 ms\tPhase: invoke\tStatus: error\tError Type: Runtime.ImportModuleError',
    );
  });
});

describe('timeout line', () => {
  it('words the measured seconds with two decimals', () => {
    expect(timeoutSeconds(3000)).toBe('3.00');
    expect(timeoutSeconds(1020)).toBe('1.02');
    expect(timeoutSeconds(30034)).toBe('30.03');
  });

  it('is "<ts> <rid> Task timed out after N.NN seconds"', () => {
    expect(timeoutLogLine('2025-11-24T23:12:34.123Z', RID, 3004)).toBe(
      `2025-11-24T23:12:34.123Z ${RID} Task timed out after 3.00 seconds`,
    );
  });
});
