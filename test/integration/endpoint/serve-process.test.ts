import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ECHO_ZIP, NODE_RUNTIME, ROLE } from './endpoint-harness';
import { startServe, stopServe, type ServeProcess } from './serve-harness';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lwb-serve-'));
let serve: ServeProcess;
let lambda: LambdaClient;

function clients(s: ServeProcess) {
  const credentials = { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey };
  return {
    lambda: new LambdaClient({ endpoint: s.url, region: 'us-east-1', credentials, maxAttempts: 1 }),
    logs: new CloudWatchLogsClient({
      endpoint: s.url,
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    }),
  };
}

/** The AWS CLI (Debian package awscli) against the endpoint, with the printed credentials. */
function aws(
  s: ServeProcess,
  args: string[],
  secret = s.secretAccessKey,
): { code: number; out: string } {
  try {
    const out = execFileSync('aws', ['--endpoint-url', s.url, '--output', 'json', ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: process.env.PATH,
        HOME: dataDir,
        AWS_ACCESS_KEY_ID: s.accessKeyId,
        AWS_SECRET_ACCESS_KEY: secret,
        AWS_DEFAULT_REGION: 'us-east-1',
      },
    });
    return { code: 0, out };
  } catch (error) {
    const e = error as { status: number; stderr: string };
    return { code: e.status, out: e.stderr };
  }
}

beforeAll(async () => {
  serve = await startServe(dataDir);
  lambda = clients(serve).lambda;
}, 30_000);
afterAll(async () => {
  lambda.destroy();
  if (serve.child.exitCode === null) await stopServe(serve);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('lambda-workbench serve', () => {
  it('binds to 127.0.0.1 and keeps its credentials owner-only', () => {
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(statSync(path.join(dataDir, 'credentials.json')).mode & 0o077).toBe(0);
  });

  it('serves the SDK signed with the printed credentials, and refuses others', async () => {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'served',
        Runtime: NODE_RUNTIME,
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: ECHO_ZIP },
      }),
    );
    await waitUntilFunctionActiveV2(
      { client: lambda, maxWaitTime: 20, minDelay: 1, maxDelay: 1 },
      { FunctionName: 'served' },
    );
    const out = await lambda.send(
      new InvokeCommand({ FunctionName: 'served', Payload: Buffer.from('{"via":"sdk"}') }),
    );
    expect(JSON.parse(Buffer.from(out.Payload ?? []).toString()).event).toEqual({ via: 'sdk' });
    const stranger = new LambdaClient({
      endpoint: serve.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIAOTHER', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    await expect(stranger.send(new ListFunctionsCommand({}))).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      $metadata: { httpStatusCode: 403 },
    });
    const unsigned = await fetch(`${serve.url}/2015-03-31/functions`);
    expect(unsigned.status).toBe(403);
    expect(unsigned.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it('hands out a presigned Code.Location that downloads the zip', async () => {
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: 'served' }));
    const location = got.Code?.Location ?? '';
    expect(location).toContain('X-Amz-Signature=');
    const zip = new Uint8Array(await (await fetch(location)).arrayBuffer());
    expect(Object.keys(unzipSync(zip))).toContain('index.js');
    const tampered = await fetch(
      location.replace(/X-Amz-Signature=[0-9a-f]+/, 'X-Amz-Signature=' + '0'.repeat(64)),
    );
    expect(tampered.status).toBe(403);
  });

  it('says so in one line when the port is taken', () => {
    const port = new URL(serve.url).port;
    const cli = path.resolve(
      __dirname,
      '..',
      '..',
      '..',
      'src-main',
      'cli',
      'lambda-workbench.mjs',
    );
    const run = spawnSync(
      process.execPath,
      [
        cli,
        'serve',
        '--port',
        port,
        '--data-dir',
        mkdtempSync(path.join(os.tmpdir(), 'lwb-busy-')),
      ],
      {
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `Cannot start the local endpoint: port ${port} on 127.0.0.1 is already in use; stop the other server or pick another port (--port 0 picks a free one).`,
    );
  });

  it('works with the AWS CLI for Lambda and CloudWatch Logs', () => {
    const zipPath = path.join(dataDir, 'cli.zip');
    writeFileSync(zipPath, ECHO_ZIP);
    const created = aws(serve, [
      'lambda',
      'create-function',
      '--function-name',
      'from-cli',
      '--runtime',
      NODE_RUNTIME,
      '--handler',
      'index.handler',
      '--role',
      ROLE,
      '--zip-file',
      `fileb://${zipPath}`,
    ]);
    expect(created.code, created.out).toBe(0);
    expect(JSON.parse(created.out)).toMatchObject({ FunctionName: 'from-cli', State: 'Pending' });
    expect(
      aws(serve, ['lambda', 'wait', 'function-active-v2', '--function-name', 'from-cli']).code,
    ).toBe(0);
    const outFile = path.join(dataDir, 'out.json');
    const invoked = aws(serve, [
      'lambda',
      'invoke',
      '--function-name',
      'from-cli',
      '--payload',
      '{"via":"cli"}',
      '--log-type',
      'Tail',
      outFile,
    ]);
    expect(invoked.code, invoked.out).toBe(0);
    expect(JSON.parse(invoked.out)).toMatchObject({ StatusCode: 200, ExecutedVersion: '$LATEST' });
    expect(Buffer.from(JSON.parse(invoked.out).LogResult, 'base64').toString()).toContain(
      'REPORT RequestId:',
    );
    expect(JSON.parse(readFileSync(outFile, 'utf8')).event).toEqual({ via: 'cli' });
    const listed = JSON.parse(aws(serve, ['lambda', 'list-functions']).out) as {
      Functions: { FunctionName: string }[];
    };
    expect(listed.Functions.map((f) => f.FunctionName).sort()).toEqual(['from-cli', 'served']);
    const filtered = aws(serve, [
      'logs',
      'filter-log-events',
      '--log-group-name',
      '/aws/lambda/from-cli',
      '--filter-pattern',
      '"REPORT RequestId"',
    ]);
    expect(filtered.code, filtered.out).toBe(0);
    expect((JSON.parse(filtered.out) as { events: unknown[] }).events).toHaveLength(1);
    const wrong = aws(serve, ['lambda', 'list-functions'], 'not-the-secret');
    expect(wrong.code).not.toBe(0);
    expect(wrong.out).toContain('InvalidSignatureException');
    const missing = aws(serve, ['lambda', 'get-function', '--function-name', 'nope']);
    expect(missing.out).toContain('ResourceNotFoundException');
  });

  it('stops cleanly on Ctrl-C, leaves no runtime behind, and keeps everything for the next start', async () => {
    expect(await stopServe(serve, 'SIGINT')).toBe(0);
    expect(serve.output()).toContain('Stopping: shutting environments down and flushing state');
    const runtimes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes(dataDir) && !l.includes('serve'));
    expect(runtimes).toEqual([]);
    serve = await startServe(dataDir);
    const again = clients(serve);
    lambda.destroy();
    lambda = again.lambda;
    const names = (await lambda.send(new ListFunctionsCommand({}))).Functions?.map(
      (f) => f.FunctionName,
    ).sort();
    expect(names).toEqual(['from-cli', 'served']);
    const events = await again.logs.send(
      new FilterLogEventsCommand({ logGroupName: '/aws/lambda/served', filterPattern: 'START' }),
    );
    expect(events.events?.length).toBeGreaterThanOrEqual(1);
    expect(readdirSync(path.join(dataDir, 'state', 'functions')).sort()).toEqual([
      'from-cli.json',
      'served.json',
    ]);
  }, 60_000);
});
