import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, lines, nodeFunction, startEngine } from './engine-harness';

const harness = startEngine();
const { engine } = harness;

beforeAll(async () => {
  const dirs = [
    'throw',
    'reject',
    'callback-error',
    'import-error',
    'syntax-error',
    'top-level-throw',
  ];
  for (const dir of [...dirs, 'process-exit', 'uncaught', 'never-settles', 'counter']) {
    await engine.deploy(nodeFunction(dir));
  }
  await engine.deploy(nodeFunction('handler-not-found', { handler: 'index.missing' }));
  await engine.deploy(nodeFunction('counter', { name: 'malformed', handler: 'nodot' }));
});
afterAll(() => harness.close());

interface NodeError {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

describe('Node.js runtime: errors in the handler', () => {
  it('reports a thrown Error with errorType, errorMessage and trace, FunctionError Unhandled', async () => {
    const result = await engine.invoke('throw', '{}');
    expect(result.functionError).toBe('Unhandled');
    expect(result.errorType).toBe('Error');
    const body = json<NodeError>(result);
    expect(body).toMatchObject({ errorType: 'Error', errorMessage: 'boom' });
    expect(body.trace[0]).toBe('Error: boom');
    expect(result.logs).toMatch(
      /\tERROR\tInvoke Error \t\{"errorType":"Error","errorMessage":"boom"/,
    );
    expect(lines(result).at(-1)).toMatch(/\tStatus: error\tError Type: Runtime\.Unknown$/);
  });

  it('keeps a custom error class name from a rejected promise', async () => {
    const result = await engine.invoke('reject', '{}');
    expect(json<NodeError>(result).errorType).toBe('CustomError');
    expect(result.functionError).toBe('Unhandled');
  });

  it('reports callback(error)', async () => {
    const body = json<NodeError>(await engine.invoke('callback-error', '{}'));
    expect(body).toMatchObject({ errorType: 'Error', errorMessage: 'cb boom' });
  });

  it('keeps the warm environment after a handled error', async () => {
    const first = await engine.invoke('throw', '{}');
    const second = await engine.invoke('throw', '{}');
    expect(second.coldStart).toBe(false);
    expect(second.logStreamName).toBe(first.logStreamName);
  });
});

describe('Node.js runtime: INIT failures', () => {
  it.each([
    [
      'import-error',
      'Runtime.ImportModuleError',
      /^Error: Cannot find module 'this-module-does-not-exist'/,
    ],
    [
      'handler-not-found',
      'Runtime.HandlerNotFound',
      /^index\.missing is undefined or not exported$/,
    ],
    ['syntax-error', 'Runtime.UserCodeSyntaxError', /SyntaxError/],
    ['top-level-throw', 'Error', /^top-level boom$/],
    ['malformed', 'Runtime.MalformedHandlerName', /^Bad handler$/],
  ])(
    '%s fails with %s, logged with INIT_REPORT and a suppressed-init retry',
    async (name, type, message) => {
      const result = await engine.invoke(name, '{}');
      expect(result.functionError).toBe('Unhandled');
      expect(result.errorType).toBe(type);
      expect(json<NodeError>(result).errorMessage).toMatch(message);
      const all = lines(result);
      // The platform books runtime-supplied types that are not Runtime.*/Function.* as Runtime.Unknown.
      const booked = (/^(Runtime|Function)\./.test(type) ? type : 'Runtime.Unknown').replace(
        '.',
        '\\.',
      );
      expect(all[0]).toMatch(/^INIT_START /);
      expect(all).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^INIT_REPORT Init Duration: \\d+\\.\\d{2} ms\\tPhase: init\\tStatus: error\\tError Type: ${booked}$`,
          ),
        ),
      );
      expect(all).toContainEqual(
        expect.stringMatching(/^INIT_REPORT .*\tPhase: invoke\tStatus: error/),
      );
      expect(all.at(-1)).toMatch(new RegExp(`\\tStatus: error\\tError Type: ${booked}$`));
      expect(result.initDurationMs).toBeUndefined();
      // The engine keeps serving: the next invoke starts a fresh environment and fails the same way.
      const again = await engine.invoke(name, '{}');
      expect(again.coldStart).toBe(true);
      expect(again.errorType).toBe(type);
    },
  );
});

describe('Node.js runtime: the process dies', () => {
  it('process.exit in the handler is Runtime.ExitError with the exit status, then a fresh environment', async () => {
    const result = await engine.invoke('process-exit', '{}');
    expect(json(result)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${result.requestId} Error: Runtime exited with error: exit status 3`,
    });
    expect(result.logs).toContain(
      `RequestId: ${result.requestId} Error: Runtime exited with error: exit status 3\nRuntime.ExitError\n`,
    );
    const next = await engine.invoke('process-exit', '{}');
    expect(next.coldStart).toBe(true);
  });

  it('an uncaught exception from a timer posts the error and ends the environment', async () => {
    const result = await engine.invoke('uncaught', '{}');
    expect(result.functionError).toBe('Unhandled');
    expect(result.logs).toMatch(/\tERROR\tUncaught Exception \t\{"errorType":"Error"/);
    const next = await engine.invoke('uncaught', '{}');
    expect(next.coldStart).toBe(true);
  });

  it('a promise that never settles with an empty event loop is Runtime.NodeJsExit', async () => {
    const result = await engine.invoke('never-settles', '{}');
    expect(result.errorType).toBe('Runtime.NodeJsExit');
  });
});
