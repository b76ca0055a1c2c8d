import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CreateFunctionCommand,
  LambdaClient,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunctionSummary } from '../../../src-main/contract/functions';
import type { InvokeOutcome } from '../../../src-main/contract/invoke';
import { LambdaAccount } from '../../../src-main/core/accounts/lambda-account';
import {
  startLocalEndpoint,
  type LocalEndpoint,
} from '../../../src-main/core/endpoint/local-endpoint';
import { createHandlers } from '../../../src-main/router/handlers';
import { Router } from '../../../src-main/router/router';
import { ECHO_ZIP, NODE_RUNTIME, ROLE } from '../endpoint/endpoint-harness';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lwb-router-'));
let endpoint: LocalEndpoint;
let router: Router;
let lambda: LambdaAccount;
const scope = { accountId: 'local', region: 'us-east-1' };

beforeAll(async () => {
  endpoint = await startLocalEndpoint({ dataDir, port: 0, settleMs: 50 });
  lambda = new LambdaAccount({ endpoint: endpoint.url, credentials: endpoint.credentials });
  router = new Router(
    createHandlers([
      {
        account: { id: 'local', name: 'Local', kind: 'local', defaultRegion: 'us-east-1' },
        lambda,
      },
    ]),
  );
  const sdk = new LambdaClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: endpoint.credentials,
  });
  await sdk.send(
    new CreateFunctionCommand({
      FunctionName: 'hello',
      Runtime: NODE_RUNTIME,
      Role: ROLE,
      Handler: 'index.handler',
      Code: { ZipFile: ECHO_ZIP },
      MemorySize: 256,
    }),
  );
  await waitUntilFunctionActiveV2(
    { client: sdk, maxWaitTime: 10, minDelay: 1, maxDelay: 1 },
    { FunctionName: 'hello' },
  );
  sdk.destroy();
});
afterAll(async () => {
  lambda.close();
  await endpoint.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the router over the Local account (SDK to the signed local endpoint)', () => {
  it('lists accounts and functions', async () => {
    expect(await router.handle('accounts:list', {})).toMatchObject({
      ok: true,
      value: [{ id: 'local', kind: 'local' }],
    });
    const listed = await router.handle('functions:list', scope);
    expect(listed.ok).toBe(true);
    const functions = (listed as { value: FunctionSummary[] }).value;
    expect(functions).toHaveLength(1);
    expect(functions[0]).toMatchObject({
      name: 'hello',
      runtime: NODE_RUNTIME,
      memoryMb: 256,
      timeoutSec: 3,
      architecture: 'x86_64',
    });
  });

  it('gets a function detail', async () => {
    const got = await router.handle('functions:get', { ...scope, name: 'hello' });
    expect(got).toMatchObject({
      ok: true,
      value: { name: 'hello', version: '$LATEST', state: 'Active', ephemeralStorageMb: 512 },
    });
  });

  it('invokes with figures read from the REPORT line: cold first, then warm, with a cost', async () => {
    const first = (await router.handle('invoke:run', {
      ...scope,
      functionName: 'hello',
      payload: '{"n":1}',
    })) as { ok: true; value: InvokeOutcome };
    expect(first.ok).toBe(true);
    expect(JSON.parse(first.value.payload)).toMatchObject({ event: { n: 1 } });
    expect(first.value.logs).toContain('START RequestId:');
    expect(first.value.figures).toMatchObject({ memorySizeMb: 256, coldStart: true });
    expect(first.value.figures?.costUsd).toBeGreaterThan(0.0000002);
    const second = (await router.handle('invoke:run', {
      ...scope,
      functionName: 'hello',
      payload: '{}',
    })) as { ok: true; value: InvokeOutcome };
    expect(second.value.figures?.coldStart).toBe(false);
    expect(second.value.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports a function error as data, and AWS errors with their code and a hint', async () => {
    const failed = (await router.handle('invoke:run', {
      ...scope,
      functionName: 'hello',
      payload: '{"fail":true}',
    })) as { ok: true; value: InvokeOutcome };
    expect(failed.value.functionError).toBe('Unhandled');
    const missing = await router.handle('functions:get', { ...scope, name: 'nope' });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'ResourceNotFoundException', hint: expect.stringContaining('refresh') },
    });
  });
});
