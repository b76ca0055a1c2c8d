import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionInput } from '../../src-main/core/functions/function-definition';
import { fixture, json, lines, startEngine } from './engine-harness';

const harness = startEngine();
const { engine } = harness;

function python(dir: string, overrides: Partial<FunctionInput> = {}): FunctionInput {
  return {
    name: `py-${dir}`.replace(/_/g, '-'),
    runtime: 'python3.11',
    handler: 'app.handler',
    code: fixture('python', dir),
    ...overrides,
  };
}

beforeAll(async () => {
  const plain = [
    'context',
    'logging_demo',
    'counter',
    'raise',
    'custom_error',
    'import_error',
    'handler_not_found',
  ];
  for (const dir of [
    ...plain,
    'syntax_error',
    'top_level_raise',
    'sys_exit',
    'decimal',
    'unserialisable',
  ]) {
    await engine.deploy(python(dir));
  }
  await engine.deploy(python('basic', { handler: 'app.lambda_handler' }));
  await engine.deploy(python('nested', { handler: 'pkg/sub/mod.handler' }));
  await engine.deploy(python('timeout', { timeoutSec: 1 }));
  await engine.deploy(python('memory_hog', { memoryMb: 128 }));
  await engine.deploy(
    python('layer_consumer', { layers: [fixture('layers', 'python-greeting-layer')] }),
  );
  await engine.deploy(python('basic', { name: 'py-malformed', handler: 'nodot' }));
});
afterAll(() => harness.close());

interface PyError {
  errorMessage: string;
  errorType: string;
  requestId: string;
  stackTrace: string[];
}

describe('Python runtime', () => {
  it('runs module.function handlers, including package paths', async () => {
    expect(json(await engine.invoke('py-basic', '{"k":"v"}'))).toMatchObject({
      ok: true,
      event: { k: 'v' },
    });
    expect((await engine.invoke('py-nested', '{}')).functionError).toBeUndefined();
  });

  it('gives the context object and Lambda environment', async () => {
    const result = await engine.invoke('py-context', '{}');
    const body = json<Record<string, unknown>>(result);
    const text = JSON.stringify(body);
    expect(text).toContain(result.requestId);
    expect(text).toContain('"AWS_Lambda_python3.11"');
    expect(text).toContain('/aws/lambda/py-context');
    expect(text).toContain(':UTC');
    expect(text).not.toContain('AWS_SECRET_ACCESS_KEY');
  });

  it('logs in Lambda text format: logging records framed, print lines raw, logging.info silent', async () => {
    const result = await engine.invoke('py-logging-demo', '{}');
    const ts = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';
    expect(result.logs).toMatch(new RegExp(`\\[WARNING\\]\\t${ts}\\t${result.requestId}\\t`));
    expect(result.logs).toMatch(new RegExp(`\\[ERROR\\]\\t${ts}\\t${result.requestId}\\t`));
    expect(result.logs).not.toMatch(/\[INFO\]/);
  });

  it('reuses warm environments (module globals survive)', async () => {
    const a = await engine.invoke('py-counter', '{}');
    const b = await engine.invoke('py-counter', '{}');
    expect(b.coldStart).toBe(false);
    expect(JSON.stringify(json(b))).not.toBe(JSON.stringify(json(a)));
  });

  it('reports an exception with errorMessage, errorType, requestId and stackTrace', async () => {
    const result = await engine.invoke('py-raise', '{}');
    const body = json<PyError>(result);
    expect(body).toMatchObject({
      errorMessage: 'boom',
      errorType: 'Exception',
      requestId: result.requestId,
    });
    expect(body.stackTrace[0]).toMatch(/^ {2}File ".*app\.py", line \d+, in handler\n/);
    expect(result.logs).toMatch(
      /\[ERROR\] Exception: boom\nTraceback \(most recent call last\):\n/,
    );
    expect(json<PyError>(await engine.invoke('py-custom-error', '{}')).errorType).not.toBe(
      'Exception',
    );
  });

  it.each([
    [
      'py-import-error',
      'Runtime.ImportModuleError',
      /^Unable to import module 'app': No module named /,
    ],
    [
      'py-handler-not-found',
      'Runtime.HandlerNotFound',
      /^Handler 'handler' missing on module 'app'$/,
    ],
    ['py-syntax-error', 'Runtime.UserCodeSyntaxError', /^Syntax error in module 'app': /],
    [
      'py-malformed',
      'Runtime.MalformedHandlerName',
      /^Bad handler 'nodot': not enough values to unpack \(expected 2, got 1\)$/,
    ],
  ])('%s fails INIT with %s', async (name, type, message) => {
    const result = await engine.invoke(name, '{}');
    expect(result.errorType).toBe(type);
    expect(json<PyError>(result).errorMessage).toMatch(message);
    expect(lines(result)).toContainEqual(
      expect.stringMatching(/^INIT_REPORT .*\tPhase: invoke\tStatus: error/),
    );
  });

  it('keeps the class name of an exception raised at import', async () => {
    const result = await engine.invoke('py-top-level-raise', '{}');
    expect(result.functionError).toBe('Unhandled');
    expect(result.errorType).not.toMatch(/^Runtime\./);
  });

  it('sys.exit in the handler is Runtime.ExitError with its status', async () => {
    const result = await engine.invoke('py-sys-exit', '{}');
    expect(json(result)).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: `RequestId: ${result.requestId} Error: Runtime exited with error: exit status 2`,
    });
  });

  it('marshals Decimal exactly and reports unserialisable results as Runtime.MarshalError', async () => {
    expect((await engine.invoke('py-decimal', '{}')).payload.toString()).toMatch(/\d/);
    const bad = await engine.invoke('py-unserialisable', '{}');
    expect(json<PyError>(bad)).toMatchObject({ errorType: 'Runtime.MarshalError' });
    expect(json<PyError>(bad).errorMessage).toMatch(/^Unable to marshal response: /);
  });

  it('times out and runs out of memory as Lambda reports it', async () => {
    const slow = await engine.invoke('py-timeout', '{}');
    expect(json<{ errorType: string }>(slow).errorType).toBe('Sandbox.Timedout');
    expect(json<{ errorMessage: string }>(slow).errorMessage).toMatch(
      new RegExp(`^RequestId: ${slow.requestId} Error: Task timed out after 1\\.[01]\\d seconds$`),
    );
    expect((await engine.invoke('py-memory-hog', '{}')).errorType).toBe('Runtime.OutOfMemory');
  });

  it('finds layer code under python/ on the path', async () => {
    const result = await engine.invoke('py-layer-consumer', '{"name":"py"}');
    expect(JSON.stringify(json(result))).toContain('Hello, py! (from python-greeting-layer)');
  });

  it.each(['3.9', '3.10', '3.12', '3.13'])(
    'runs on python%s when that interpreter is installed',
    async (version) => {
      await engine.deploy(
        python('basic', {
          name: `py-${version.replace('.', '')}`,
          runtime: `python${version}`,
          handler: 'app.lambda_handler',
        }),
      );
      const result = await engine.invoke(`py-${version.replace('.', '')}`, '{}');
      expect(result.functionError).toBeUndefined();
    },
  );
});
