import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, lines, nodeFunction, startEngine } from './engine-harness';

const harness = startEngine({ logStore: undefined });
const { engine } = harness;

beforeAll(async () => {
  await engine.deploy(nodeFunction('timeout', { timeoutSec: 1 }));
  await engine.deploy(nodeFunction('memory-hog', { memoryMb: 128 }));
  await engine.deploy(nodeFunction('stdout-flood'));
  await engine.deploy(nodeFunction('cjs-async'));
});
afterAll(() => harness.close());

describe('limits', () => {
  it('kills a function at its timeout and words it exactly as Lambda', async () => {
    const result = await engine.invoke('timeout', '{}');
    expect(result.status).toBe('timeout');
    expect(result.functionError).toBe('Unhandled');
    // Lambda prints the measured time with two decimals: 1.00 here, 1.01 or so on a loaded machine.
    const body = json<{ errorType: string; errorMessage: string }>(result);
    expect(body.errorType).toBe('Sandbox.Timedout');
    const match = new RegExp(
      `^RequestId: ${result.requestId} Error: Task timed out after (\\d+\\.\\d{2}) seconds$`,
    ).exec(body.errorMessage);
    const seconds = match?.[1] ?? '';
    expect(Number(seconds)).toBeGreaterThanOrEqual(1);
    expect(Number(seconds)).toBeLessThan(1.2);
    expect(result.logs).toMatch(
      new RegExp(
        `\\n\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z ${result.requestId} Task timed out after ${seconds.replace('.', '\\.')} seconds\\n`,
      ),
    );
    expect(lines(result).at(-1)).toMatch(/\tStatus: timeout$/);
    expect(result.durationMs).toBeGreaterThanOrEqual(1000);
    const next = await engine.invoke('timeout', '{}');
    expect(next.coldStart).toBe(true);
  });

  it('stops a process that goes over its memory size and reports Runtime.OutOfMemory', async () => {
    const result = await engine.invoke('memory-hog', '{}');
    expect(result.errorType).toBe('Runtime.OutOfMemory');
    expect(json(result)).toEqual({
      errorType: 'Runtime.OutOfMemory',
      errorMessage: `RequestId: ${result.requestId} Error: Runtime exited with error: signal: killed`,
    });
    expect(result.maxMemoryUsedMb).toBe(128);
    expect(lines(result).at(-1)).toMatch(/\tStatus: error\tError Type: Runtime\.OutOfMemory$/);
  });

  it('survives a stdout flood: one event per raw line, the store stays bounded, the engine keeps serving', async () => {
    const result = await engine.invoke('stdout-flood', '{}');
    expect(result.functionError).toBeUndefined();
    const stream = engine.logs.streams('/aws/lambda/stdout-flood')?.[0];
    expect(stream).toBeDefined();
    const events = engine.logs.events('/aws/lambda/stdout-flood', result.logStreamName) ?? [];
    expect(events.length).toBeLessThanOrEqual(10_000);
    expect((stream?.droppedEvents ?? 0) + events.length).toBeGreaterThanOrEqual(20_000);
    expect(events.at(-1)?.message).toMatch(/^REPORT RequestId: /);
    expect(Buffer.from(result.logTailBase64, 'base64').length).toBeLessThanOrEqual(4096);
    const after = await engine.invoke('cjs-async', '{}');
    expect(after.functionError).toBeUndefined();
  });

  it('rejects a synchronous request over 6 MB with AWS wording', async () => {
    const big = JSON.stringify({ data: 'x'.repeat(6_291_456) });
    await expect(engine.invoke('cjs-async', big)).rejects.toMatchObject({
      code: 'RequestEntityTooLargeException',
      statusCode: 413,
      message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
    });
  });

  it('rejects an asynchronous request over 1 MB', () => {
    expect(() =>
      engine.invokeAsync('cjs-async', JSON.stringify({ d: 'x'.repeat(1_048_576) })),
    ).toThrow(
      '1048584 byte payload is too large for the Event invocation type (limit 1048576 bytes)',
    );
  });

  it('rejects a payload that is not JSON', async () => {
    await expect(engine.invoke('cjs-async', '{nope')).rejects.toMatchObject({
      code: 'InvalidRequestContentException',
      statusCode: 400,
    });
  });

  it('answers Function.ResponseSizeTooLarge when the response is over 6 MB', async () => {
    await engine.deploy(
      nodeFunction('cjs-async', { name: 'big-response', handler: 'big.handler' }),
    );
    const result = await engine.invoke('big-response', '{}');
    expect(result.functionError).toBe('Unhandled');
    expect(json(result)).toEqual({
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
      errorType: 'Function.ResponseSizeTooLarge',
    });
  });

  it('reports an unknown function as ResourceNotFoundException', async () => {
    await expect(engine.invoke('nope', '{}')).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
      statusCode: 404,
      message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope',
    });
  });
});
