import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudWatchLogsClient, StartLiveTailCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startLocalEndpoint,
  type LocalEndpoint,
} from '../../../src-main/core/endpoint/local-endpoint';
import { ECHO_ZIP, NODE_RUNTIME, ROLE } from './endpoint-harness';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lwb-livetail-'));
let endpoint: LocalEndpoint;
beforeAll(async () => {
  endpoint = await startLocalEndpoint({ dataDir, port: 0, settleMs: 0 });
});
afterAll(async () => {
  await endpoint.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('StartLiveTail through the signed local endpoint', () => {
  it("streams a function's log events as they happen", async () => {
    const config = {
      endpoint: endpoint.url,
      region: endpoint.region,
      credentials: endpoint.credentials,
      maxAttempts: 1,
    };
    const lambda = new LambdaClient(config);
    // SDK v3 prefixes this operation's host ("streaming-"); a local endpoint needs the prefix off.
    const logs = new CloudWatchLogsClient({ ...config, disableHostPrefix: true });
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'tailed',
        Runtime: NODE_RUNTIME,
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: ECHO_ZIP },
      }),
    );
    await waitUntilFunctionActiveV2(
      { client: lambda, maxWaitTime: 10, minDelay: 1, maxDelay: 1 },
      { FunctionName: 'tailed' },
    );
    // As in Lambda, the log group exists once the function has logged something.
    await lambda.send(
      new InvokeCommand({ FunctionName: 'tailed', Payload: Buffer.from('{"live":false}') }),
    );
    const groupArn = `arn:aws:logs:${endpoint.region}:123456789012:log-group:/aws/lambda/tailed`;
    const tail = await logs.send(new StartLiveTailCommand({ logGroupIdentifiers: [groupArn] }));
    const seen: string[] = [];
    const reader = (async () => {
      for await (const event of tail.responseStream ?? []) {
        for (const result of event.sessionUpdate?.sessionResults ?? [])
          seen.push(result.message ?? '');
        if (seen.some((m) => m.startsWith('REPORT RequestId:'))) return;
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    await lambda.send(
      new InvokeCommand({ FunctionName: 'tailed', Payload: Buffer.from('{"live":true}') }),
    );
    await Promise.race([reader, new Promise((r) => setTimeout(r, 8000))]);
    expect(seen.some((m) => m.includes('{"live":true}'))).toBe(true);
    expect(seen.some((m) => m.startsWith('REPORT RequestId:'))).toBe(true);
    lambda.destroy();
    logs.destroy();
  }, 30_000);
});
