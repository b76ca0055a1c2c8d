import { afterEach, describe, expect, it } from 'vitest';
import { RuntimeApiServer } from '../../src-main/core/invoke/runtime-api-server';
import type { RuntimeInvocation } from '../../src-main/core/invoke/runtime-api-types';

let server: RuntimeApiServer | undefined;
afterEach(async () => server?.close());

async function start(events: string[] = []) {
  server = new RuntimeApiServer({
    onWaitingForNext: () => events.push('waiting'),
    onInitError: (type, body) => events.push(`init-error ${type} ${body.toString()}`),
  });
  const host = await server.listen();
  const base = `http://${host}/2018-06-01/runtime`;
  return { server, base, events };
}

function invocation(overrides: Partial<RuntimeInvocation> = {}): RuntimeInvocation {
  return {
    requestId: '8476a536-e9f4-11e8-9739-2dfe598c3fcd',
    deadlineMs: 1_542_409_706_888,
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
    traceId: 'Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1',
    payload: Buffer.from('{"hello":"world"}'),
    ...overrides,
  };
}

describe('Runtime API 2018-06-01', () => {
  it('serves /next with the event and the Lambda-Runtime-* headers, omitting empty ones', async () => {
    const { server: api, base, events } = await start();
    const next = fetch(`${base}/invocation/next`);
    await new Promise((r) => setTimeout(r, 20));
    expect(events).toEqual(['waiting']);
    const outcome = api.deliver(invocation({ clientContext: '{"custom":{"a":"b"}}' }));
    const res = await next;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('{"hello":"world"}');
    expect(res.headers.get('lambda-runtime-aws-request-id')).toBe(
      '8476a536-e9f4-11e8-9739-2dfe598c3fcd',
    );
    expect(res.headers.get('lambda-runtime-deadline-ms')).toBe('1542409706888');
    expect(res.headers.get('lambda-runtime-invoked-function-arn')).toBe(
      'arn:aws:lambda:us-east-1:123456789012:function:fn',
    );
    expect(res.headers.get('lambda-runtime-trace-id')).toMatch(/^Root=1-/);
    expect(res.headers.get('lambda-runtime-client-context')).toBe('{"custom":{"a":"b"}}');
    expect(res.headers.has('lambda-runtime-cognito-identity')).toBe(false);
    expect(res.headers.get('content-type')).toBe('application/json');
    const post = await fetch(`${base}/invocation/8476a536-e9f4-11e8-9739-2dfe598c3fcd/response`, {
      method: 'POST',
      body: '"done"',
    });
    expect(post.status).toBe(202);
    expect(await post.json()).toEqual({ status: 'OK' });
    expect(await outcome).toEqual({ kind: 'response', payload: Buffer.from('"done"') });
  });

  it('answers 400 InvalidRequestID for an unknown id and 403 for a second answer', async () => {
    const { server: api, base } = await start();
    const outcome = api.deliver(invocation());
    await (await fetch(`${base}/invocation/next`)).text();
    const unknown = await fetch(`${base}/invocation/nope/response`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({
      errorMessage: 'Invalid request ID',
      errorType: 'InvalidRequestID',
    });
    const id = '8476a536-e9f4-11e8-9739-2dfe598c3fcd';
    await fetch(`${base}/invocation/${id}/response`, { method: 'POST', body: '{}' });
    await outcome;
    const again = await fetch(`${base}/invocation/${id}/response`, { method: 'POST', body: '{}' });
    expect(again.status).toBe(403);
    expect(((await again.json()) as { errorType: string }).errorType).toBe(
      'InvalidStateTransition',
    );
  });

  it('returns a posted /error with its error type header and body', async () => {
    const { server: api, base } = await start();
    const outcome = api.deliver(invocation());
    await (await fetch(`${base}/invocation/next`)).text();
    const body = '{"errorMessage":"x","errorType":"MyError","stackTrace":[]}';
    const res = await fetch(`${base}/invocation/8476a536-e9f4-11e8-9739-2dfe598c3fcd/error`, {
      method: 'POST',
      headers: { 'Lambda-Runtime-Function-Error-Type': 'Function.MyError' },
      body,
    });
    expect(res.status).toBe(202);
    expect(await outcome).toEqual({
      kind: 'error',
      errorType: 'Function.MyError',
      payload: Buffer.from(body),
    });
  });

  it('refuses /next while an invocation is in flight', async () => {
    const { server: api, base } = await start();
    void api.deliver(invocation());
    await (await fetch(`${base}/invocation/next`)).text();
    const res = await fetch(`${base}/invocation/next`);
    expect(res.status).toBe(403);
  });

  it('answers 413 to an oversized response and reports Function.ResponseSizeTooLarge', async () => {
    const { server: api, base } = await start();
    const outcome = api.deliver(invocation());
    await (await fetch(`${base}/invocation/next`)).text();
    const res = await fetch(`${base}/invocation/8476a536-e9f4-11e8-9739-2dfe598c3fcd/response`, {
      method: 'POST',
      body: 'x'.repeat(6_291_557),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      errorMessage: 'Exceeded maximum allowed payload size (6291556 bytes).',
      errorType: 'RequestEntityTooLarge',
    });
    expect(await outcome).toMatchObject({
      kind: 'error',
      errorType: 'Function.ResponseSizeTooLarge',
    });
  });

  it('passes /init/error to the environment', async () => {
    const { base, events } = await start();
    const res = await fetch(`${base}/init/error`, {
      method: 'POST',
      headers: { 'Lambda-Runtime-Function-Error-Type': 'Runtime.ImportModuleError' },
      body: '{"errorType":"Runtime.ImportModuleError"}',
    });
    expect(res.status).toBe(202);
    expect(events).toEqual([
      'init-error Runtime.ImportModuleError {"errorType":"Runtime.ImportModuleError"}',
    ]);
  });

  it('rejects an unknown response mode with 400', async () => {
    const { server: api, base } = await start();
    void api.deliver(invocation());
    await (await fetch(`${base}/invocation/next`)).text();
    const res = await fetch(`${base}/invocation/8476a536-e9f4-11e8-9739-2dfe598c3fcd/response`, {
      method: 'POST',
      headers: { 'Lambda-Runtime-Function-Response-Mode': 'weird' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errorType: string }).errorType).toBe(
      'InvalidFunctionResponseMode',
    );
  });
});
