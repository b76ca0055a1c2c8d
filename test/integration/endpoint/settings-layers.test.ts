import {
  CreateFunctionCommand,
  DeleteFunctionConcurrencyCommand,
  GetAccountSettingsCommand,
  GetFunctionConcurrencyCommand,
  GetLayerVersionCommand,
  GetProvisionedConcurrencyConfigCommand,
  InvokeCommand,
  ListLayersCommand,
  ListLayerVersionsCommand,
  ProvisionedConcurrencyConfigNotFoundException,
  PublishLayerVersionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  PutProvisionedConcurrencyConfigCommand,
  TooManyRequestsException,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_RUNTIME, ROLE, startEndpoint, zipOf } from './endpoint-harness';

let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
const waiter = () => ({ client: endpoint.lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 });
const SLOW = zipOf({
  'index.js':
    "exports.handler = async () => { await new Promise((r) => setTimeout(r, 400)); return { init: process.env.AWS_LAMBDA_INITIALIZATION_TYPE, greeting: (() => { try { return require('layer-greeting').greet('sdk'); } catch { return null; } })() }; };",
  'package.json': '{"type":"commonjs"}',
});

async function create(name: string, extra: Record<string, unknown> = {}): Promise<void> {
  await endpoint.lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: NODE_RUNTIME,
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: SLOW },
      ...extra,
    }),
  );
  await waitUntilFunctionActiveV2(waiter(), { FunctionName: name });
}

beforeAll(async () => {
  endpoint = await startEndpoint({ settleMs: 100 });
});
afterAll(() => endpoint.close());

describe('reserved concurrency', () => {
  it('puts, gets and deletes it; a second concurrent invoke is throttled with 429', async () => {
    await create('reserved');
    const put = await endpoint.lambda.send(
      new PutFunctionConcurrencyCommand({
        FunctionName: 'reserved',
        ReservedConcurrentExecutions: 1,
      }),
    );
    expect(put.ReservedConcurrentExecutions).toBe(1);
    expect(
      (await endpoint.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'reserved' })))
        .ReservedConcurrentExecutions,
    ).toBe(1);
    const first = endpoint.lambda.send(new InvokeCommand({ FunctionName: 'reserved' }));
    await new Promise((r) => setTimeout(r, 100));
    const second = await endpoint.lambda
      .send(new InvokeCommand({ FunctionName: 'reserved' }))
      .catch((e: unknown) => e);
    expect(second).toBeInstanceOf(TooManyRequestsException);
    expect((second as TooManyRequestsException).Reason).toBe(
      'ReservedFunctionConcurrentInvocationLimitExceeded',
    );
    expect((await first).StatusCode).toBe(200);
    await endpoint.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: 'reserved' }));
    expect(
      (await endpoint.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'reserved' })))
        .ReservedConcurrentExecutions,
    ).toBeUndefined();
  });

  it('refuses to leave fewer than 100 unreserved, and GetAccountSettings shows the limits', async () => {
    await expect(
      endpoint.lambda.send(
        new PutFunctionConcurrencyCommand({
          FunctionName: 'reserved',
          ReservedConcurrentExecutions: 950,
        }),
      ),
    ).rejects.toThrow(
      "decreases account's UnreservedConcurrentExecution below its minimum value of [100].",
    );
    const settings = await endpoint.lambda.send(new GetAccountSettingsCommand({}));
    expect(settings.AccountLimit).toMatchObject({
      ConcurrentExecutions: 1000,
      UnreservedConcurrentExecutions: 1000,
      CodeSizeZipped: 52428800,
    });
    expect(settings.AccountUsage?.FunctionCount).toBe(1);
  });
});

describe('provisioned concurrency', () => {
  it('needs a version, goes IN_PROGRESS then READY, and its environments are initialised ahead', async () => {
    await create('provisioned');
    await expect(
      endpoint.lambda.send(
        new PutProvisionedConcurrencyConfigCommand({
          FunctionName: 'provisioned',
          Qualifier: '$LATEST',
          ProvisionedConcurrentExecutions: 1,
        }),
      ),
    ).rejects.toThrow(
      'Provisioned Concurrency Configs cannot be applied to unpublished function versions.',
    );
    await endpoint.lambda.send(new PublishVersionCommand({ FunctionName: 'provisioned' }));
    const put = await endpoint.lambda.send(
      new PutProvisionedConcurrencyConfigCommand({
        FunctionName: 'provisioned',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 1,
      }),
    );
    expect(put.$metadata.httpStatusCode).toBe(202);
    expect(put.Status).toBe('IN_PROGRESS');
    let status = put.Status;
    for (let i = 0; i < 50 && status !== 'READY'; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      status = (
        await endpoint.lambda.send(
          new GetProvisionedConcurrencyConfigCommand({
            FunctionName: 'provisioned',
            Qualifier: '1',
          }),
        )
      ).Status;
    }
    expect(status).toBe('READY');
    const out = await endpoint.lambda.send(
      new InvokeCommand({ FunctionName: 'provisioned', Qualifier: '1', LogType: 'Tail' }),
    );
    expect(JSON.parse(Buffer.from(out.Payload ?? []).toString()).init).toBe(
      'provisioned-concurrency',
    );
    expect(Buffer.from(out.LogResult ?? '', 'base64').toString()).not.toContain('Init Duration');
    await expect(
      endpoint.lambda.send(
        new GetProvisionedConcurrencyConfigCommand({ FunctionName: 'provisioned', Qualifier: '2' }),
      ),
    ).rejects.toBeInstanceOf(ProvisionedConcurrencyConfigNotFoundException);
  });
});

describe('layers', () => {
  it('publishes layer versions, lists them, and functions use them by ARN', async () => {
    const zip = zipOf({
      'nodejs/node_modules/layer-greeting/index.js':
        "exports.greet = (n) => 'hi ' + n + ' from a published layer';",
    });
    const v1 = await endpoint.lambda.send(
      new PublishLayerVersionCommand({
        LayerName: 'greeting',
        Content: { ZipFile: zip },
        CompatibleRuntimes: [NODE_RUNTIME],
      }),
    );
    expect(v1).toMatchObject({
      Version: 1,
      LayerVersionArn: 'arn:aws:lambda:us-east-1:123456789012:layer:greeting:1',
    });
    const v2 = await endpoint.lambda.send(
      new PublishLayerVersionCommand({ LayerName: 'greeting', Content: { ZipFile: zip } }),
    );
    expect(v2.Version).toBe(2);
    expect((await endpoint.lambda.send(new ListLayersCommand({}))).Layers?.[0]).toMatchObject({
      LayerName: 'greeting',
      LatestMatchingVersion: { Version: 2 },
    });
    expect(
      (
        await endpoint.lambda.send(new ListLayerVersionsCommand({ LayerName: 'greeting' }))
      ).LayerVersions?.map((v) => v.Version),
    ).toEqual([2, 1]);
    const got = await endpoint.lambda.send(
      new GetLayerVersionCommand({ LayerName: 'greeting', VersionNumber: 1 }),
    );
    expect(got.Content?.CodeSha256).toMatch(/=$/);
    await create('layered', { Layers: [v1.LayerVersionArn ?? ''] });
    const out = await endpoint.lambda.send(new InvokeCommand({ FunctionName: 'layered' }));
    expect(JSON.parse(Buffer.from(out.Payload ?? []).toString()).greeting).toBe(
      'hi sdk from a published layer',
    );
    await expect(
      create('bad-layer', { Layers: ['arn:aws:lambda:us-east-1:123456789012:layer:nope:1'] }),
    ).rejects.toThrow(
      'Layer version arn:aws:lambda:us-east-1:123456789012:layer:nope:1 does not exist.',
    );
  });
});
