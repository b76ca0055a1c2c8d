import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CloudWatchLogsClient,
  GetLogEventsCommand,
  DescribeLogStreamsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, describe, expect, it } from 'vitest';
import { ECHO_ZIP, NODE_RUNTIME, ROLE } from './endpoint-harness';
import { startServe, stopServe, type ServeProcess } from './serve-harness';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lwb-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function lambdaOf(s: ServeProcess): LambdaClient {
  return new LambdaClient({
    endpoint: s.url,
    region: 'us-east-1',
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
    maxAttempts: 1,
  });
}

describe('crash safety', () => {
  it('loses no acknowledged change and corrupts nothing when the server is killed mid-write', async () => {
    const first = await startServe(dataDir);
    const lambda = lambdaOf(first);
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'logger',
        Runtime: NODE_RUNTIME,
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: ECHO_ZIP },
      }),
    );
    await new Promise((r) => setTimeout(r, 600));
    const invoked = await lambda.send(
      new InvokeCommand({ FunctionName: 'logger', Payload: Buffer.from('{"before":"kill"}') }),
    );
    expect(invoked.StatusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 500)); // past the 200 ms log flush
    const acknowledged: string[] = [];
    let stop = false;
    // Writers: create functions and keep rewriting the configuration of one, until the kill.
    const creators = (async () => {
      for (let i = 0; !stop; i += 1) {
        try {
          await lambda.send(
            new CreateFunctionCommand({
              FunctionName: `crash-${i}`,
              Runtime: NODE_RUNTIME,
              Role: ROLE,
              Handler: 'index.handler',
              Code: { ZipFile: ECHO_ZIP },
              Description: `n${i}`,
            }),
          );
          acknowledged.push(`crash-${i}`);
        } catch {
          return;
        }
      }
    })();
    const updaters = (async () => {
      for (let i = 0; !stop; i += 1) {
        try {
          await lambda.send(
            new UpdateFunctionConfigurationCommand({
              FunctionName: 'logger',
              Description: `update ${i}`,
            }),
          );
        } catch {
          await new Promise((r) => setTimeout(r, 20));
          if (first.child.exitCode !== null || first.child.signalCode) return;
        }
      }
    })();
    while (acknowledged.length < 25) await new Promise((r) => setTimeout(r, 10));
    await stopServe(first, 'SIGKILL');
    stop = true;
    await Promise.all([creators, updaters]);
    lambda.destroy();

    const second = await startServe(dataDir);
    expect(second.output()).not.toMatch(/Warning: .*functions.*could not be read/);
    const after = lambdaOf(second);
    const names = new Set<string>();
    let marker: string | undefined;
    do {
      const page = await after.send(new ListFunctionsCommand({ Marker: marker }));
      for (const f of page.Functions ?? []) names.add(f.FunctionName ?? '');
      marker = page.NextMarker;
    } while (marker);
    for (const name of acknowledged) expect(names.has(name), name).toBe(true);
    for (const name of acknowledged) {
      const config = await after.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
      expect(config.Description).toBe(`n${name.slice('crash-'.length)}`);
    }
    // Every state file is complete JSON: no torn writes, no leftover temp files counted as functions.
    const stateDir = path.join(dataDir, 'state', 'functions');
    for (const file of readdirSync(stateDir).filter(
      (f) => f.endsWith('.json') && !f.startsWith('.'),
    )) {
      expect(() => JSON.parse(readFileSync(path.join(stateDir, file), 'utf8')), file).not.toThrow();
    }
    const logs = new CloudWatchLogsClient({
      endpoint: second.url,
      region: 'us-east-1',
      credentials: { accessKeyId: second.accessKeyId, secretAccessKey: second.secretAccessKey },
      maxAttempts: 1,
    });
    const streams = await logs.send(
      new DescribeLogStreamsCommand({ logGroupName: '/aws/lambda/logger' }),
    );
    const messages: string[] = [];
    for (const stream of streams.logStreams ?? []) {
      const page = await logs.send(
        new GetLogEventsCommand({
          logGroupName: '/aws/lambda/logger',
          logStreamName: stream.logStreamName,
          startFromHead: true,
        }),
      );
      messages.push(...(page.events ?? []).map((e) => e.message ?? ''));
    }
    expect(messages.some((m) => m.includes('{"before":"kill"}'))).toBe(true);
    expect(messages.some((m) => m.startsWith('REPORT RequestId:'))).toBe(true);
    after.destroy();
    logs.destroy();
    await stopServe(second);
  }, 90_000);
});
