import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListFunctionsCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateFunctionConfigurationCommand,
  UpdateFunctionCodeCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  paginateListFunctions,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ECHO_ZIP, NODE_RUNTIME, ROLE, startEndpoint, zipOf } from './endpoint-harness';

let endpoint: Awaited<ReturnType<typeof startEndpoint>>;
const waiter = () => ({ client: endpoint.lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 });

beforeAll(async () => {
  endpoint = await startEndpoint();
});
afterAll(() => endpoint.close());

describe('Lambda API through @aws-sdk/client-lambda', () => {
  it('creates a function from a zip: 201, Pending, then Active', async () => {
    const created = await endpoint.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'echo',
        Runtime: NODE_RUNTIME,
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: ECHO_ZIP },
      }),
    );
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created).toMatchObject({
      FunctionName: 'echo',
      FunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:echo',
      State: 'Pending',
      StateReasonCode: 'Creating',
      Version: '$LATEST',
      MemorySize: 128,
      Timeout: 3,
      PackageType: 'Zip',
      Architectures: ['x86_64'],
      EphemeralStorage: { Size: 512 },
    });
    expect(created.CodeSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    await waitUntilFunctionActiveV2(waiter(), { FunctionName: 'echo' });
    const config = await endpoint.lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'echo' }),
    );
    expect(config).toMatchObject({ State: 'Active', LastUpdateStatus: 'Successful' });
  });

  it('refuses a duplicate with ResourceConflictException', async () => {
    await expect(
      endpoint.lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'echo',
          Runtime: NODE_RUNTIME,
          Role: ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: ECHO_ZIP },
        }),
      ),
    ).rejects.toBeInstanceOf(ResourceConflictException);
  });

  it('invokes with LogType Tail and reports the executed version', async () => {
    const out = await endpoint.lambda.send(
      new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{"a":1}'), LogType: 'Tail' }),
    );
    expect(out.StatusCode).toBe(200);
    expect(out.ExecutedVersion).toBe('$LATEST');
    expect(out.FunctionError).toBeUndefined();
    expect(JSON.parse(Buffer.from(out.Payload ?? []).toString())).toMatchObject({
      event: { a: 1 },
      version: '$LATEST',
    });
    const tail = Buffer.from(out.LogResult ?? '', 'base64').toString();
    expect(tail).toMatch(/START RequestId: [0-9a-f-]{36} Version: \$LATEST\n/);
    expect(tail).toMatch(/\nREPORT RequestId: /);
  });

  it('reports function errors with HTTP 200 and FunctionError Unhandled', async () => {
    const out = await endpoint.lambda.send(
      new InvokeCommand({ FunctionName: 'echo', Payload: Buffer.from('{"fail":true}') }),
    );
    expect(out.StatusCode).toBe(200);
    expect(out.FunctionError).toBe('Unhandled');
    expect(JSON.parse(Buffer.from(out.Payload ?? []).toString())).toMatchObject({
      errorType: 'Error',
      errorMessage: 'asked to fail',
    });
  });

  it('answers Event with 202 and DryRun with 204', async () => {
    const event = await endpoint.lambda.send(
      new InvokeCommand({
        FunctionName: 'echo',
        InvocationType: 'Event',
        Payload: Buffer.from('{}'),
      }),
    );
    expect(event.StatusCode).toBe(202);
    const dry = await endpoint.lambda.send(
      new InvokeCommand({ FunctionName: 'echo', InvocationType: 'DryRun' }),
    );
    expect(dry.StatusCode).toBe(204);
  });

  it('passes the client context to the function', async () => {
    const ClientContext = Buffer.from(JSON.stringify({ custom: { k: 'v' } })).toString('base64');
    const out = await endpoint.lambda.send(
      new InvokeCommand({ FunctionName: 'echo', ClientContext, Payload: Buffer.from('{}') }),
    );
    expect(JSON.parse(Buffer.from(out.Payload ?? []).toString()).clientContext).toMatchObject({
      custom: { k: 'v' },
    });
  });

  it('answers unknown functions with ResourceNotFoundException naming the ARN', async () => {
    const error = await endpoint.lambda
      .send(new InvokeCommand({ FunctionName: 'missing' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toBe(
      'Function not found: arn:aws:lambda:us-east-1:123456789012:function:missing',
    );
  });

  it('updates configuration and code with new RevisionIds, InProgress then Successful', async () => {
    const before = await endpoint.lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'echo' }),
    );
    const updated = await endpoint.lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: 'echo',
        MemorySize: 256,
        Environment: { Variables: { STAGE: 'dev' } },
      }),
    );
    expect(updated).toMatchObject({
      MemorySize: 256,
      LastUpdateStatus: 'InProgress',
      Environment: { Variables: { STAGE: 'dev' } },
    });
    expect(updated.RevisionId).not.toBe(before.RevisionId);
    await expect(
      endpoint.lambda.send(
        new UpdateFunctionConfigurationCommand({ FunctionName: 'echo', Timeout: 5 }),
      ),
    ).rejects.toBeInstanceOf(ResourceConflictException);
    await waitUntilFunctionUpdatedV2(waiter(), { FunctionName: 'echo' });
    const code = await endpoint.lambda.send(
      new UpdateFunctionCodeCommand({
        FunctionName: 'echo',
        ZipFile: zipOf({
          'index.js': "exports.handler = async () => 'v2';",
          'package.json': '{"type":"commonjs"}',
        }),
      }),
    );
    expect(code.CodeSha256).not.toBe(before.CodeSha256);
    await waitUntilFunctionUpdatedV2(waiter(), { FunctionName: 'echo' });
    const out = await endpoint.lambda.send(new InvokeCommand({ FunctionName: 'echo' }));
    expect(Buffer.from(out.Payload ?? []).toString()).toBe('"v2"');
  });

  it('lists functions 50 per page with NextMarker, and the paginator walks them all', async () => {
    for (let i = 0; i < 52; i += 1) {
      await endpoint.lambda.send(
        new CreateFunctionCommand({
          FunctionName: `bulk-${String(i).padStart(2, '0')}`,
          Runtime: NODE_RUNTIME,
          Role: ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: ECHO_ZIP },
        }),
      );
    }
    const first = await endpoint.lambda.send(new ListFunctionsCommand({ MaxItems: 100 }));
    expect(first.Functions).toHaveLength(50);
    expect(first.NextMarker).toBeDefined();
    expect(first.Functions?.[0]).not.toHaveProperty('State');
    const names: string[] = [];
    for await (const page of paginateListFunctions({ client: endpoint.lambda }, {})) {
      names.push(...(page.Functions ?? []).map((f) => f.FunctionName ?? ''));
    }
    expect(names).toHaveLength(53);
    expect(new Set(names).size).toBe(53);
  });

  it('GetFunction returns Configuration and a Code location', async () => {
    const out = await endpoint.lambda.send(new GetFunctionCommand({ FunctionName: 'echo' }));
    expect(out.Configuration?.FunctionName).toBe('echo');
    expect(out.Code?.RepositoryType).toBe('S3');
    expect(out.Code?.Location).toContain('/echo/');
  });

  it('deletes a function with 204', async () => {
    const out = await endpoint.lambda.send(new DeleteFunctionCommand({ FunctionName: 'bulk-00' }));
    expect(out.$metadata.httpStatusCode).toBe(204);
    await expect(
      endpoint.lambda.send(new GetFunctionCommand({ FunctionName: 'bulk-00' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
  });
});
