import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteAliasCommand,
  DeleteFunctionCommand,
  GetAliasCommand,
  GetFunctionConcurrencyCommand,
  InvokeCommand,
  LambdaServiceException,
  ListEventSourceMappingsCommand,
  ListFunctionsCommand,
  ListLayerVersionsCommand,
  ListVersionsByFunctionCommand,
  PublishLayerVersionCommand,
  PublishVersionCommand,
  PutFunctionConcurrencyCommand,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { ECHO_ZIP, NODE_RUNTIME, ROLE, startEndpoint, zipOf } from './endpoint-harness';

describe('persistence across restarts', () => {
  it('keeps functions, versions, aliases, concurrency and layers; reports a corrupt file and loads the rest', async () => {
    const first = await startEndpoint({ settleMs: 50 });
    const { lambda } = first;
    const layer = await lambda.send(
      new PublishLayerVersionCommand({
        LayerName: 'kept',
        Content: { ZipFile: zipOf({ 'bin/x': 'x' }) },
      }),
    );
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'kept',
        Runtime: NODE_RUNTIME,
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: ECHO_ZIP },
        Layers: [layer.LayerVersionArn ?? ''],
      }),
    );
    await waitUntilFunctionActiveV2(
      { client: lambda, maxWaitTime: 10, minDelay: 1, maxDelay: 1 },
      { FunctionName: 'kept' },
    );
    await lambda.send(new PublishVersionCommand({ FunctionName: 'kept' }));
    await lambda.send(
      new CreateAliasCommand({ FunctionName: 'kept', Name: 'prod', FunctionVersion: '1' }),
    );
    await lambda.send(
      new PutFunctionConcurrencyCommand({ FunctionName: 'kept', ReservedConcurrentExecutions: 5 }),
    );
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'broken',
        Runtime: NODE_RUNTIME,
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: ECHO_ZIP },
      }),
    );
    await first.close(true);
    const brokenFile = path.join(first.dataDir, 'state', 'functions', 'broken.json');
    writeFileSync(brokenFile, '{"schema":1,"function":{"name":"broken", TRUNCATED');

    const second = await startEndpoint({ dataDir: first.dataDir, settleMs: 50 });
    try {
      expect(second.service.loadWarnings).toHaveLength(1);
      expect(second.service.loadWarnings[0]).toContain(brokenFile);
      const names = (await second.lambda.send(new ListFunctionsCommand({}))).Functions?.map(
        (f) => f.FunctionName,
      );
      expect(names).toEqual(['kept']);
      const versions = await second.lambda.send(
        new ListVersionsByFunctionCommand({ FunctionName: 'kept' }),
      );
      expect(versions.Versions?.map((v) => v.Version)).toEqual(['$LATEST', '1']);
      expect(
        (await second.lambda.send(new GetAliasCommand({ FunctionName: 'kept', Name: 'prod' })))
          .FunctionVersion,
      ).toBe('1');
      expect(
        (await second.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: 'kept' })))
          .ReservedConcurrentExecutions,
      ).toBe(5);
      expect(
        (await second.lambda.send(new ListLayerVersionsCommand({ LayerName: 'kept' })))
          .LayerVersions,
      ).toHaveLength(1);
      const out = await second.lambda.send(
        new InvokeCommand({
          FunctionName: 'kept',
          Qualifier: 'prod',
          Payload: Buffer.from('{"after":"restart"}'),
        }),
      );
      expect(out.ExecutedVersion).toBe('1');
      expect(JSON.parse(Buffer.from(out.Payload ?? []).toString()).event).toEqual({
        after: 'restart',
      });
      // A version an alias uses cannot go (AWS: 409); without the alias it can.
      await expect(
        second.lambda.send(new DeleteFunctionCommand({ FunctionName: 'kept', Qualifier: '1' })),
      ).rejects.toThrow(
        'Unable to delete version because the following aliases reference it: [prod]',
      );
      await second.lambda.send(new DeleteAliasCommand({ FunctionName: 'kept', Name: 'prod' }));
      const deleted = await second.lambda.send(
        new DeleteFunctionCommand({ FunctionName: 'kept', Qualifier: '1' }),
      );
      expect(deleted.$metadata.httpStatusCode).toBe(204);
      expect(
        (await second.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'kept' })))
          .Versions,
      ).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});

describe('limits and unsupported operations through the SDK', () => {
  it('answers an invoke over 6 MB with 413 RequestEntityTooLargeException', async () => {
    const endpoint = await startEndpoint({ settleMs: 0 });
    try {
      await endpoint.lambda.send(
        new CreateFunctionCommand({
          FunctionName: 'big',
          Runtime: NODE_RUNTIME,
          Role: ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: ECHO_ZIP },
        }),
      );
      const error = await endpoint.lambda
        .send(
          new InvokeCommand({
            FunctionName: 'big',
            Payload: Buffer.from(JSON.stringify({ d: 'x'.repeat(6_291_456) })),
          }),
        )
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LambdaServiceException);
      expect(error).toMatchObject({
        name: 'RequestEntityTooLargeException',
        $metadata: { httpStatusCode: 413 },
      });
      expect((error as Error).message).toBe(
        'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
      );
    } finally {
      await endpoint.close();
    }
  });

  it('names an operation the local endpoint does not serve instead of pretending', async () => {
    const endpoint = await startEndpoint();
    try {
      const error = await endpoint.lambda
        .send(new ListEventSourceMappingsCommand({}))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'UnsupportedOperationException',
        $metadata: { httpStatusCode: 501 },
      });
      expect((error as Error).message).toContain('does not support event source mappings');
    } finally {
      await endpoint.close();
    }
  });

  it('refuses a request body over the cap before reading it', async () => {
    const endpoint = await startEndpoint({ maxBodyBytes: 1024 });
    try {
      const error = await endpoint.lambda
        .send(
          new CreateFunctionCommand({
            FunctionName: 'huge',
            Runtime: NODE_RUNTIME,
            Role: ROLE,
            Handler: 'index.handler',
            Code: { ZipFile: new Uint8Array(4096) },
          }),
        )
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'RequestEntityTooLargeException',
        $metadata: { httpStatusCode: 413 },
      });
    } finally {
      await endpoint.close();
    }
  });
});
