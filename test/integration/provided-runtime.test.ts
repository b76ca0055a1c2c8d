import { afterAll, describe, expect, it } from 'vitest';
import { fixture, json, startEngine } from './engine-harness';

const harness = startEngine();
const { engine } = harness;
afterAll(() => harness.close());

describe('custom runtime (provided.al2023) with a bash + curl bootstrap', () => {
  it('runs the bootstrap, which speaks the Runtime API with curl', async () => {
    await engine.deploy({
      name: 'bash-echo',
      runtime: 'provided.al2023',
      handler: 'function.handler',
      code: fixture('provided', 'bash-echo'),
    });
    const first = await engine.invoke('bash-echo', '{"hello":"bash"}');
    expect(first.functionError).toBeUndefined();
    expect(json(first)).toEqual({ echo: { hello: 'bash' }, function: 'bash-echo' });
    expect(first.logs).toContain('bootstrap started for bash-echo\n');
    expect(first.logs).toContain('handling: {"hello":"bash"}\n');
    const second = await engine.invoke('bash-echo', '{"n":2}');
    expect(second.coldStart).toBe(false);
    expect(json(second)).toMatchObject({ echo: { n: 2 } });
  });

  it('passes an error posted to /error through, booking the Function.* type', async () => {
    await engine.deploy({
      name: 'bash-error',
      runtime: 'provided.al2',
      handler: 'x.y',
      code: fixture('provided', 'bash-error'),
    });
    const result = await engine.invoke('bash-error', '{}');
    expect(result.functionError).toBe('Unhandled');
    expect(json(result)).toEqual({ errorMessage: 'bash said no', errorType: 'BashFailure' });
    expect(result.logs).toMatch(/\tStatus: error\tError Type: Function\.BashFailure\n$/);
  });

  it('reports a missing bootstrap as Runtime.InvalidEntrypoint', async () => {
    const dir = fixture('provided', 'no-bootstrap');
    await engine.deploy({
      name: 'no-bootstrap',
      runtime: 'provided.al2023',
      handler: 'x.y',
      code: dir,
    });
    const result = await engine.invoke('no-bootstrap', '{}');
    expect(result.errorType).toBe('Runtime.InvalidEntrypoint');
    expect(json<{ errorMessage: string }>(result).errorMessage).toBe(
      `RequestId: ${result.requestId} Error: Couldn't find valid bootstrap(s): [${dir}/bootstrap]`,
    );
    expect(engine.logs.streams('/aws/lambda/no-bootstrap')?.length).toBe(1);
  });
});
