import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  DeleteLayerVersionCommand,
  GetFunctionConfigurationCommand,
  GetLayerVersionByArnCommand,
  InvokeCommand,
  ListVersionsByFunctionCommand,
  PublishLayerVersionCommand,
  PutFunctionConcurrencyCommand,
  ResourceConflictException,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ECHO_ZIP, NODE_RUNTIME, ROLE, startEndpoint, zipOf } from './endpoint-harness';

let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
const waiter = () => ({ client: endpoint.lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 });
const SLOW_ZIP = zipOf({
  'index.js':
    "exports.handler = async () => { await new Promise((r) => setTimeout(r, 800)); return 'finished'; };",
  'package.json': '{"type":"commonjs"}',
});
const create = (name: string, extra: Record<string, unknown> = {}) =>
  endpoint.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: NODE_RUNTIME,
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: ECHO_ZIP },
      ...extra,
    }),
  );

beforeAll(async () => {
  endpoint = await startEndpoint({ settleMs: 100 });
});
afterAll(() => endpoint.close());

describe('consistency under concurrent changes', () => {
  it('lets one of two simultaneous creates of a name win; the other gets 409', async () => {
    const results = await Promise.allSettled([create('twin'), create('twin')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ResourceConflictException);
  });

  it('answers a second overlapping update with 409 instead of losing one', async () => {
    await waitUntilFunctionActiveV2(waiter(), { FunctionName: 'twin' });
    const results = await Promise.allSettled([
      endpoint.lambda.send(
        new UpdateFunctionConfigurationCommand({ FunctionName: 'twin', Timeout: 42 }),
      ),
      endpoint.lambda.send(
        new UpdateFunctionConfigurationCommand({ FunctionName: 'twin', MemorySize: 256 }),
      ),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    await waitUntilFunctionUpdatedV2(waiter(), { FunctionName: 'twin' });
    const config = await endpoint.lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'twin' }),
    );
    const won = (
      results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{
        Timeout?: number;
        MemorySize?: number;
      }>
    ).value;
    expect({ Timeout: config.Timeout, MemorySize: config.MemorySize }).toEqual({
      Timeout: won.Timeout,
      MemorySize: won.MemorySize,
    });
  });

  it('lets an invocation in flight finish when the configuration or concurrency changes', async () => {
    await create('busy', { Code: { ZipFile: SLOW_ZIP } });
    await waitUntilFunctionActiveV2(waiter(), { FunctionName: 'busy' });
    const running = endpoint.lambda.send(new InvokeCommand({ FunctionName: 'busy' }));
    await new Promise((r) => setTimeout(r, 300));
    await endpoint.lambda.send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'busy', Description: 'changed' }),
    );
    await endpoint.lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'busy', ReservedConcurrentExecutions: 5 }),
    );
    const out = await running;
    expect(out.FunctionError).toBeUndefined();
    expect(Buffer.from(out.Payload ?? []).toString()).toBe('"finished"');
  });

  it('keeps a deleted layer version working for the functions that use it', async () => {
    const layer = await endpoint.lambda.send(
      new PublishLayerVersionCommand({
        LayerName: 'fading',
        Content: {
          ZipFile: zipOf({
            'nodejs/node_modules/fading/index.js': "module.exports = 'still here';",
          }),
        },
      }),
    );
    const arn = layer.LayerVersionArn ?? '';
    await create('uses-layer', {
      Code: {
        ZipFile: zipOf({
          'index.js': "exports.handler = async () => require('fading');",
          'package.json': '{"type":"commonjs"}',
        }),
      },
      Layers: [arn],
    });
    await waitUntilFunctionActiveV2(waiter(), { FunctionName: 'uses-layer' });
    expect(
      (await endpoint.lambda.send(new GetLayerVersionByArnCommand({ Arn: arn }))).Version,
    ).toBe(1);
    await endpoint.lambda.send(
      new DeleteLayerVersionCommand({ LayerName: 'fading', VersionNumber: 1 }),
    );
    await endpoint.engine.remove('uses-layer'); // force a cold start from the stored definition
    const out = await endpoint.lambda.send(new InvokeCommand({ FunctionName: 'uses-layer' }));
    expect(Buffer.from(out.Payload ?? []).toString()).toBe('"still here"');
    await expect(create('new-user', { Layers: [arn] })).rejects.toThrow(
      `Layer version ${arn} does not exist.`,
    );
  });
});

/** The harness accepts any signature, but the server reads a body only when a credential is present. */
const SIGNED_LOOKING = {
  'content-type': 'application/json',
  authorization:
    'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=0',
};

describe('AWS details the review caught', () => {
  it('publishes on create with Publish: true and qualifies ARNs as the caller asked', async () => {
    const created = await create('published', { Publish: true });
    expect(created.Version).toBe('1');
    expect(created.FunctionArn).toMatch(/:function:published:1$/);
    await waitUntilFunctionActiveV2(waiter(), { FunctionName: 'published' });
    const latest = await endpoint.lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'published', Qualifier: '$LATEST' }),
    );
    expect(latest.FunctionArn).toMatch(/:function:published:\$LATEST$/);
    await endpoint.lambda.send(
      new CreateAliasCommand({ FunctionName: 'published', Name: 'prod', FunctionVersion: '1' }),
    );
    const viaAlias = await endpoint.lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'published', Qualifier: 'prod' }),
    );
    expect(viaAlias).toMatchObject({ Version: '1' });
    expect(viaAlias.FunctionArn).toMatch(/:function:published:prod$/);
    const versions = await endpoint.lambda.send(
      new ListVersionsByFunctionCommand({ FunctionName: 'published' }),
    );
    expect(versions.Versions?.[0]?.FunctionArn).toMatch(/:\$LATEST$/);
    await expect(
      endpoint.lambda.send(
        new DeleteFunctionCommand({ FunctionName: 'published', Qualifier: 'prod' }),
      ),
    ).rejects.toThrow('Deletion of aliases is not currently supported.');
  });

  it('does not reach functions of another region by ARN', async () => {
    await expect(
      endpoint.lambda.send(
        new InvokeCommand({
          FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:published',
        }),
      ),
    ).rejects.toThrow("Functions from 'eu-west-1' are not reachable in this region ('us-east-1')");
  });

  it('answers malformed bodies with 400s, not 500s', async () => {
    const post = (path: string, body: string) =>
      fetch(`${endpoint.url}${path}`, {
        method: 'POST',
        body,
        headers: SIGNED_LOOKING,
      });
    for (const [path, body] of [
      ['/2015-03-31/functions', 'null'],
      [
        '/2015-03-31/functions',
        JSON.stringify({
          FunctionName: 'x',
          Runtime: NODE_RUNTIME,
          Role: ROLE,
          Handler: 'i.h',
          Code: { ZipFile: 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==' },
          Layers: 'arn',
        }),
      ],
      ['/2015-03-31/functions/published/versions', '[]'],
    ] as const) {
      const res = await post(path, body);
      expect(res.status, `${path} ${body}`).toBe(400);
    }
    expect(
      (await fetch(`${endpoint.url}/2015-03-31/functions/%E0%A4%A/configuration`)).status,
    ).toBe(400);
  });

  it('names InvokeWithResponseStream as unsupported', async () => {
    const res = await fetch(
      `${endpoint.url}/2021-11-15/functions/published/response-streaming-invocations`,
      { method: 'POST', body: '{}' },
    );
    expect(res.status).toBe(501);
    expect(await res.text()).toContain('InvokeWithResponseStream');
  });
});
