import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  InvalidParameterValueException,
  InvokeCommand,
  ListAliasesCommand,
  ListVersionsByFunctionCommand,
  PreconditionFailedException,
  PublishVersionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_RUNTIME, ROLE, startEndpoint, zipOf } from './endpoint-harness';

let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
const waiter = () => ({ client: endpoint.lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 });
const versionZip = (tag: string) =>
  zipOf({
    'index.js': `exports.handler = async (e, c) => ({ tag: '${tag}', version: process.env.AWS_LAMBDA_FUNCTION_VERSION, arn: c.invokedFunctionArn });`,
    'package.json': '{"type":"commonjs"}',
  });
const payloadOf = (out: { Payload?: Uint8Array }) =>
  JSON.parse(Buffer.from(out.Payload ?? []).toString());

beforeAll(async () => {
  endpoint = await startEndpoint({ settleMs: 100 });
  await endpoint.lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'vf',
      Runtime: NODE_RUNTIME,
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: versionZip('one') },
    }),
  );
  await waitUntilFunctionActiveV2(waiter(), { FunctionName: 'vf' });
});
afterAll(() => endpoint.close());

describe('versions', () => {
  it('publishes immutable numbered versions, and returns the last one when nothing changed', async () => {
    const v1 = await endpoint.lambda.send(
      new PublishVersionCommand({ FunctionName: 'vf', Description: 'first' }),
    );
    expect(v1).toMatchObject({
      Version: '1',
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:vf:1',
      Description: 'first',
    });
    const again = await endpoint.lambda.send(new PublishVersionCommand({ FunctionName: 'vf' }));
    expect(again.Version).toBe('1');
    await endpoint.lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: 'vf', ZipFile: versionZip('two') }),
    );
    await waitUntilFunctionUpdatedV2(waiter(), { FunctionName: 'vf' });
    const v2 = await endpoint.lambda.send(new PublishVersionCommand({ FunctionName: 'vf' }));
    expect(v2.Version).toBe('2');
    expect(
      payloadOf(
        await endpoint.lambda.send(new InvokeCommand({ FunctionName: 'vf', Qualifier: '1' })),
      ),
    ).toMatchObject({ tag: 'one', version: '1' });
    const v2out = await endpoint.lambda.send(new InvokeCommand({ FunctionName: 'vf:2' }));
    expect(v2out.ExecutedVersion).toBe('2');
    expect(payloadOf(v2out)).toMatchObject({
      tag: 'two',
      version: '2',
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:vf:2',
    });
    const list = await endpoint.lambda.send(
      new ListVersionsByFunctionCommand({ FunctionName: 'vf' }),
    );
    expect(list.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1', '2']);
  });

  it('checks CodeSha256 and RevisionId preconditions', async () => {
    await expect(
      endpoint.lambda.send(new PublishVersionCommand({ FunctionName: 'vf', CodeSha256: 'nope' })),
    ).rejects.toBeInstanceOf(InvalidParameterValueException);
    await expect(
      endpoint.lambda.send(new PublishVersionCommand({ FunctionName: 'vf', RevisionId: 'stale' })),
    ).rejects.toBeInstanceOf(PreconditionFailedException);
  });

  it('refuses to delete $LATEST alone, deletes a version', async () => {
    await expect(
      endpoint.lambda.send(new DeleteFunctionCommand({ FunctionName: 'vf', Qualifier: '$LATEST' })),
    ).rejects.toThrow('$LATEST version cannot be deleted without deleting the function.');
  });
});

describe('aliases', () => {
  it('creates, reads, lists and invokes an alias; the executed version is the alias target', async () => {
    const alias = await endpoint.lambda.send(
      new CreateAliasCommand({ FunctionName: 'vf', Name: 'live', FunctionVersion: '1' }),
    );
    expect(alias.$metadata.httpStatusCode).toBe(201);
    expect(alias).toMatchObject({
      AliasArn: 'arn:aws:lambda:us-east-1:123456789012:function:vf:live',
      FunctionVersion: '1',
    });
    const out = await endpoint.lambda.send(
      new InvokeCommand({ FunctionName: 'vf', Qualifier: 'live' }),
    );
    expect(out.ExecutedVersion).toBe('1');
    expect(payloadOf(out)).toMatchObject({
      version: '1',
      arn: 'arn:aws:lambda:us-east-1:123456789012:function:vf:live',
    });
    expect(
      (await endpoint.lambda.send(new GetAliasCommand({ FunctionName: 'vf', Name: 'live' }))).Name,
    ).toBe('live');
    expect(
      (await endpoint.lambda.send(new ListAliasesCommand({ FunctionName: 'vf' }))).Aliases,
    ).toHaveLength(1);
    await expect(
      endpoint.lambda.send(
        new CreateAliasCommand({ FunctionName: 'vf', Name: 'live', FunctionVersion: '2' }),
      ),
    ).rejects.toBeInstanceOf(ResourceConflictException);
  });

  it('splits traffic by weight and reports the version that ran', async () => {
    await endpoint.lambda.send(
      new UpdateAliasCommand({
        FunctionName: 'vf',
        Name: 'live',
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } },
      }),
    );
    const seen = new Map<string, number>();
    for (let i = 0; i < 60; i += 1) {
      const out = await endpoint.lambda.send(
        new InvokeCommand({ FunctionName: 'vf', Qualifier: 'live' }),
      );
      seen.set(out.ExecutedVersion ?? '', (seen.get(out.ExecutedVersion ?? '') ?? 0) + 1);
      expect(payloadOf(out).version).toBe(out.ExecutedVersion);
    }
    expect(seen.get('1')).toBeGreaterThan(10);
    expect(seen.get('2')).toBeGreaterThan(10);
  });

  it('enforces Lambda routing rules with AWS wording', async () => {
    const rejectsWith = (weights: Record<string, number>, version = '1') =>
      endpoint.lambda.send(
        new CreateAliasCommand({
          FunctionName: 'vf',
          Name: `a${Math.random().toString(36).slice(2, 8)}`,
          FunctionVersion: version,
          RoutingConfig: { AdditionalVersionWeights: weights },
        }),
      );
    await expect(rejectsWith({ '2': 0.1, '3': 0.1 })).rejects.toThrow(
      'Number of items in AdditionalVersionWeights cannot be greater than 1',
    );
    await expect(rejectsWith({ '2': 0.1 }, '$LATEST')).rejects.toThrow(
      '$LATEST is not supported for an alias pointing to more than 1 version',
    );
    await expect(rejectsWith({ '1': 0.1 })).rejects.toThrow(
      'Invalid function version 1. Function version 1 is already included in routing configuration.',
    );
    await expect(rejectsWith({ '2': 2 })).rejects.toThrow(
      "at 'routingConfig.additionalVersionWeights' failed to satisfy constraint",
    );
    await expect(rejectsWith({ '9': 0.1 })).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('deletes an alias; a missing alias is 404 with AWS wording', async () => {
    await endpoint.lambda.send(new DeleteAliasCommand({ FunctionName: 'vf', Name: 'live' }));
    await expect(
      endpoint.lambda.send(new GetAliasCommand({ FunctionName: 'vf', Name: 'live' })),
    ).rejects.toThrow(
      'Cannot find alias arn: arn:aws:lambda:us-east-1:123456789012:function:vf:live',
    );
  });
});
