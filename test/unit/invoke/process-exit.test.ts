import { describe, it, expect } from 'vitest';
import { describeExit, exitErrorMessage } from '../../../src-main/core/invoke/process-exit';

const RID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('describeExit', () => {
  it('words exit codes as Go does: "exit status N"', () => {
    expect(describeExit({ code: 3, signal: null })).toBe('exit status 3');
    expect(describeExit({ code: 127, signal: null })).toBe('exit status 127');
    expect(describeExit({ code: 129, signal: null })).toBe('exit status 129');
    expect(describeExit({ code: 0, signal: null })).toBe('exit status 0');
  });

  it('words signals as Go does', () => {
    expect(describeExit({ code: null, signal: 'SIGKILL' })).toBe('signal: killed');
    expect(describeExit({ code: null, signal: 'SIGSEGV' })).toBe(
      'signal: segmentation fault (core dumped)',
    );
    expect(describeExit({ code: null, signal: 'SIGABRT' })).toBe('signal: aborted (core dumped)');
    expect(describeExit({ code: null, signal: 'SIGTERM' })).toBe('signal: terminated');
  });

  it('prefers the signal over a code', () => {
    expect(describeExit({ code: 137, signal: 'SIGKILL' })).toBe('signal: killed');
  });

  it('reports a spawn failure as given', () => {
    expect(
      describeExit({ code: null, signal: null, spawnError: 'spawn /x/bootstrap ENOENT' }),
    ).toBe('spawn /x/bootstrap ENOENT');
  });
});

describe('exitErrorMessage', () => {
  it('non-zero exit: "RequestId: <rid> Error: Runtime exited with error: exit status N"', () => {
    expect(exitErrorMessage(RID, { code: 3, signal: null })).toBe(
      `RequestId: ${RID} Error: Runtime exited with error: exit status 3`,
    );
  });

  it('killed: "... Runtime exited with error: signal: killed"', () => {
    expect(exitErrorMessage(RID, { code: null, signal: 'SIGKILL' })).toBe(
      `RequestId: ${RID} Error: Runtime exited with error: signal: killed`,
    );
  });

  it('exit 0: "Runtime exited without providing a reason"', () => {
    expect(exitErrorMessage(RID, { code: 0, signal: null })).toBe(
      `RequestId: ${RID} Error: Runtime exited without providing a reason`,
    );
  });
});
