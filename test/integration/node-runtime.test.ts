import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, lines, nodeFunction, NODE_RUNTIME, startEngine } from './engine-harness';

const RID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const harness = startEngine();
const { engine } = harness;

beforeAll(async () => {
  process.env.AWS_SECRET_ACCESS_KEY = 'from-the-developers-shell';
  for (const dir of [
    'cjs-async',
    'esm-mjs',
    'esm-type-module',
    'callback',
    'callback-wait',
    'counter',
    'console',
  ]) {
    await engine.deploy(nodeFunction(dir));
  }
  await engine.deploy(
    nodeFunction('context', {
      memoryMb: 256,
      timeoutSec: 7,
      environment: { GREETING: 'hi', TZ: 'Europe/Paris' },
    }),
  );
});
afterAll(async () => {
  delete process.env.AWS_SECRET_ACCESS_KEY;
  await harness.close();
});

describe('Node.js runtime: handler styles', () => {
  it.each(['cjs-async', 'esm-mjs', 'esm-type-module'])(
    'runs the %s handler and returns its value',
    async (dir) => {
      const result = await engine.invoke(dir, '{"n":1}');
      expect(result.functionError).toBeUndefined();
      expect(json(result)).toMatchObject({ ok: true, event: { n: 1 } });
      expect(result.status).toBe('success');
    },
  );

  it('returns the value given to callback(null, value)', async () => {
    const result = await engine.invoke('callback', '{}');
    expect(result.functionError).toBeUndefined();
    expect(result.payload.length).toBeGreaterThan(0);
  });

  it('waits for the event loop after callback unless callbackWaitsForEmptyEventLoop is false', async () => {
    const waited = await engine.invoke('callback-wait', '{}');
    expect(waited.durationMs).toBeGreaterThanOrEqual(290);
    const quick = await engine.invoke('callback-wait', '{}', {});
    expect(quick.coldStart).toBe(false);
    const noWait = await engine.deploy(
      nodeFunction('callback-wait', { name: 'callback-nowait', handler: 'index.noWait' }),
    );
    expect(noWait.handler).toBe('index.noWait');
    const immediate = await engine.invoke('callback-nowait', '{}');
    expect(immediate.durationMs).toBeLessThan(250);
  });
});

describe('Node.js runtime: environment and context', () => {
  it('passes the full context object and the variables Lambda sets, and nothing from our shell', async () => {
    const result = await engine.invoke('context', '{}', {
      clientContext: JSON.stringify({ custom: { k: 'v' }, env: { platform: 'test' } }),
    });
    const body = json<{
      context: Record<string, unknown>;
      env: Record<string, string | null>;
      envNames: string[];
    }>(result);
    expect(body.context).toMatchObject({
      functionName: 'context',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:context',
      memoryLimitInMB: '256',
      memoryLimitType: 'string',
      logGroupName: '/aws/lambda/context',
    });
    expect(body.context.awsRequestId).toBe(result.requestId);
    expect(body.context.logStreamName).toBe(result.logStreamName);
    expect(result.logStreamName).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(body.env).toMatchObject({
      AWS_LAMBDA_FUNCTION_NAME: 'context',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/context',
      _HANDLER: 'index.handler',
      AWS_EXECUTION_ENV: `AWS_Lambda_${NODE_RUNTIME}`,
      AWS_REGION: 'us-east-1',
      TZ: 'Europe/Paris',
    });
    expect(body.env._X_AMZN_TRACE_ID).toMatch(
      /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/,
    );
    expect(body.envNames).toContain('GREETING');
    expect(body.envNames).not.toContain('AWS_SECRET_ACCESS_KEY');
    expect(body.envNames).not.toContain('HOME');
    expect(body.envNames).not.toContain('_LAMBDA_TELEMETRY_LOG_FD');
  });

  it('reports the remaining time from the deadline', async () => {
    const body = json<{ remainingTimeInMillis: number }>(await engine.invoke('context', '{}'));
    expect(body.remainingTimeInMillis).toBeGreaterThan(6000);
    expect(body.remainingTimeInMillis).toBeLessThanOrEqual(7000);
  });
});

describe('Node.js runtime: lifecycle', () => {
  it('starts cold once, then reuses the warm environment with its globals', async () => {
    const first = await engine.invoke('counter', '{}');
    const second = await engine.invoke('counter', '{}');
    expect(first.coldStart).toBe(true);
    expect(first.initDurationMs).toBeGreaterThan(0);
    expect(second.coldStart).toBe(false);
    expect(second.initDurationMs).toBeUndefined();
    expect(json<{ count: number }>(second).count).toBe(json<{ count: number }>(first).count + 1);
    expect(second.logStreamName).toBe(first.logStreamName);
    expect(lines(first)[0]).toMatch(
      /^INIT_START Runtime Version: nodejs:\d+\.local\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}$/,
    );
    expect(lines(second)[0]).toBe(`START RequestId: ${second.requestId} Version: $LATEST`);
  });

  it('writes START, END and a REPORT line in Lambda format with billed duration and cost', async () => {
    const result = await engine.invoke('counter', '{}');
    const all = lines(result);
    expect(all.at(-2)).toBe(`END RequestId: ${result.requestId}`);
    const report = result.logs.split('\n').at(-2) ?? '';
    expect(report).toMatch(
      /^REPORT RequestId: \S+\tDuration: \d+\.\d{2} ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\t$/,
    );
    expect(result.billedDurationMs).toBe(Math.max(1, Math.ceil(result.durationMs)));
    expect(result.maxMemoryUsedMb).toBeGreaterThan(10);
    expect(result.costUsd).toBeCloseTo(
      0.0000002 + (128 / 1024) * (result.billedDurationMs / 1000) * 0.0000166667,
      12,
    );
    expect(result.requestId).toMatch(RID);
    expect(Buffer.from(result.logTailBase64, 'base64').toString()).toBe(result.logs.slice(-4096));
  });

  it('bills INIT on a cold start, as Lambda does since August 2025', async () => {
    await engine.deploy(nodeFunction('counter', { name: 'counter-billing' }));
    const cold = await engine.invoke('counter-billing', '{}');
    expect(cold.billedDurationMs).toBe(Math.ceil(cold.durationMs + (cold.initDurationMs ?? 0)));
    expect(cold.logs).toMatch(/\tInit Duration: \d+\.\d{2} ms\t\n$/);
  });

  it('formats console output as Lambda does: one event per call, timestamp, request id, level', async () => {
    const result = await engine.invoke('console', '{}');
    const events = engine.logs.events('/aws/lambda/console', result.logStreamName) ?? [];
    const messages = events.map((e) => e.message);
    const id = result.requestId;
    const ts = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';
    expect(messages.some((m) => new RegExp(`^${ts}\\t${id}\\tINFO\\t`).test(m))).toBe(true);
    expect(messages.some((m) => new RegExp(`^${ts}\\t${id}\\tWARN\\t`).test(m))).toBe(true);
    expect(messages.some((m) => new RegExp(`^${ts}\\t${id}\\tERROR\\t`).test(m))).toBe(true);
    // A multi-line message stays one CloudWatch event.
    expect(messages.some((m) => m.split('\n').length > 2 && m.includes(`\t${id}\t`))).toBe(true);
    expect(messages.every((m) => m.endsWith('\n'))).toBe(true);
  });
});

describe('Node.js runtime: JSON log format', () => {
  it('writes application records and platform records as JSON objects', async () => {
    await engine.deploy(
      nodeFunction('console', {
        name: 'console-json',
        logFormat: 'JSON',
        applicationLogLevel: 'WARN',
      }),
    );
    const result = await engine.invoke('console-json', '{}');
    const records = lines(result).map((line) => JSON.parse(line) as Record<string, unknown>);
    const types = records.map((r) => r.type).filter(Boolean);
    expect(types).toEqual([
      'platform.initStart',
      'platform.start',
      'platform.runtimeDone',
      'platform.report',
    ]);
    const report = records.find((r) => r.type === 'platform.report') as {
      record: Record<string, unknown>;
    };
    expect(report.record).toMatchObject({
      requestId: result.requestId,
      status: 'success',
      metrics: {
        billedDurationMs: result.billedDurationMs,
        memorySizeMB: 128,
        maxMemoryUsedMB: result.maxMemoryUsedMb,
      },
    });
    const app = records.filter((r) => 'level' in r);
    expect(app.length).toBeGreaterThan(0);
    // AWS_LAMBDA_LOG_LEVEL=WARN filters INFO and below.
    expect(app.every((r) => r.level === 'WARN' || r.level === 'ERROR' || r.level === 'FATAL')).toBe(
      true,
    );
  });
});
