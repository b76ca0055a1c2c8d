import { describe, expect, it } from 'vitest';
import { LambdaError } from '../../../src-main/core/errors/lambda-error';
import { parseReportLine } from '../../../src-main/core/logs/report-parser';
import { Router, type Handlers } from '../../../src-main/router/router';

const account = { id: 'local', name: 'Local', kind: 'local' as const, defaultRegion: 'us-east-1' };

function router(overrides: Partial<Handlers> = {}): Router {
  const handlers: Handlers = {
    'accounts:list': async () => [account],
    'functions:list': async () => [],
    'functions:get': async () => {
      throw new LambdaError(
        'ResourceNotFoundException',
        'Function not found: arn:...:function:x',
        404,
      );
    },
    'invoke:run': async () => ({ statusCode: 200, payload: '{}', logs: '' }),
    ...overrides,
  };
  return new Router(handlers);
}

describe('Router', () => {
  it('wraps a handler value as { ok: true, value }', async () => {
    expect(await router().handle('accounts:list', {})).toEqual({ ok: true, value: [account] });
  });

  it('answers an unknown channel as an error, never a throw', async () => {
    expect(await router().handle('shell:exec', {})).toEqual({
      ok: false,
      error: { code: 'UnknownChannel', message: 'No such channel: shell:exec' },
    });
  });

  it('checks requests on arrival and names the bad field', async () => {
    const result = await router().handle('functions:list', {
      accountId: 'local',
      region: 'moon-1',
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('InvalidRequest');
      expect(result.error.message).toContain('region');
    }
  });

  it("carries AWS's error code and a hint", async () => {
    expect(
      await router().handle('functions:get', {
        accountId: 'local',
        region: 'us-east-1',
        name: 'x',
      }),
    ).toEqual({
      ok: false,
      error: {
        code: 'ResourceNotFoundException',
        message: 'Function not found: arn:...:function:x',
        hint: 'It may have been deleted or renamed: refresh the function list.',
      },
    });
  });

  it('refuses a response that does not match the contract', async () => {
    const broken = router({ 'accounts:list': async () => [{ id: 'x' }] as never });
    const result = await broken.handle('accounts:list', {});
    expect(result.ok).toBe(false);
  });
});

describe('parseReportLine', () => {
  it('reads the last REPORT line of a log tail, with Init Duration on cold starts', () => {
    const logs =
      'START RequestId: r1 Version: $LATEST\nEND RequestId: r1\n' +
      'REPORT RequestId: r1\tDuration: 3.01 ms\tBilled Duration: 77 ms\tMemory Size: 128 MB\tMax Memory Used: 44 MB\tInit Duration: 73.50 ms\t\n';
    expect(parseReportLine(logs)).toEqual({
      requestId: 'r1',
      durationMs: 3.01,
      billedDurationMs: 77,
      memorySizeMb: 128,
      maxMemoryUsedMb: 44,
      initDurationMs: 73.5,
    });
    expect(
      parseReportLine(
        'REPORT RequestId: r2\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 256 MB\tMax Memory Used: 50 MB\t\n',
      )?.initDurationMs,
    ).toBeUndefined();
    expect(parseReportLine('no report here')).toBeUndefined();
  });
});
