import { describe, it, expect } from 'vitest';
import { LambdaError } from '../../../src-main/core/errors/lambda-error';
import { MAX_REQUEST_BYTES, checkPayload } from '../../../src-main/core/invoke/payload-limits';
import { thrown } from '../thrown';

const PARSE_PREFIX = 'Could not parse request body into json: Could not parse payload into json: ';

/** A valid JSON string literal of exactly `bytes` bytes. */
function jsonOfBytes(bytes: number): Buffer {
  return Buffer.from(`"${'a'.repeat(bytes - 2)}"`, 'utf8');
}

describe('MAX_REQUEST_BYTES', () => {
  it('is 6 MB for RequestResponse and 1 MB for Event', () => {
    expect(MAX_REQUEST_BYTES).toEqual({ RequestResponse: 6_291_456, Event: 1_048_576 });
  });
});

describe('checkPayload: size', () => {
  it('accepts a synchronous payload of exactly 6,291,456 bytes', () => {
    const body = jsonOfBytes(6_291_456);
    expect(checkPayload(body, 'RequestResponse')).toBe(body);
  });

  it('rejects a synchronous payload one byte over with 413 and AWS wording', () => {
    const err = thrown(LambdaError, () => checkPayload(jsonOfBytes(6_291_457), 'RequestResponse'));
    expect(err.code).toBe('RequestEntityTooLargeException');
    expect(err.statusCode).toBe(413);
    expect(err.message).toBe(
      'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
    );
  });

  it('accepts an asynchronous payload of exactly 1,048,576 bytes', () => {
    const body = jsonOfBytes(1_048_576);
    expect(checkPayload(body, 'Event')).toBe(body);
  });

  it('rejects an asynchronous payload one byte over with 413 and the Event wording', () => {
    // Real Lambda (observed): "<n> byte payload is too large for the Event invocation type (limit <limit> bytes)".
    const err = thrown(LambdaError, () => checkPayload(jsonOfBytes(1_048_577), 'Event'));
    expect(err.code).toBe('RequestEntityTooLargeException');
    expect(err.statusCode).toBe(413);
    expect(err.message).toBe(
      '1048577 byte payload is too large for the Event invocation type (limit 1048576 bytes)',
    );
  });

  it('accepts between 1 MB and 6 MB synchronously', () => {
    expect(() => checkPayload(jsonOfBytes(2_000_000), 'RequestResponse')).not.toThrow();
  });

  it('counts UTF-8 bytes, not characters, for string payloads', () => {
    // 3,145,728 "é" = 6,291,456 bytes, plus the two quotes: over the limit with fewer characters.
    const text = `"${'é'.repeat(3_145_728)}"`;
    expect(text.length).toBeLessThan(6_291_456);
    const err = thrown(LambdaError, () => checkPayload(text, 'RequestResponse'));
    expect(err.code).toBe('RequestEntityTooLargeException');
  });

  it('checks the size before the JSON', () => {
    const body = Buffer.alloc(6_291_457, 0x7b); // "{{{{..." is not JSON either
    expect(thrown(LambdaError, () => checkPayload(body, 'RequestResponse')).statusCode).toBe(413);
  });
});

describe('checkPayload: content', () => {
  it('returns the bytes unchanged for valid JSON (Buffer or string)', () => {
    const body = Buffer.from('{"a":1,"b":[true,null,"x"]}');
    expect(checkPayload(body, 'RequestResponse')).toBe(body);
    expect(checkPayload('  [1, 2]  ', 'Event').toString('utf8')).toBe('  [1, 2]  ');
    expect(checkPayload('"just a string"', 'RequestResponse').toString('utf8')).toBe(
      '"just a string"',
    );
    expect(checkPayload('42', 'RequestResponse').toString('utf8')).toBe('42');
    expect(checkPayload('null', 'RequestResponse').toString('utf8')).toBe('null');
  });

  it('keeps non-ASCII JSON', () => {
    expect(checkPayload('{"name":"Zoë €"}', 'RequestResponse').toString('utf8')).toBe(
      '{"name":"Zoë €"}',
    );
  });

  it('turns an empty body into {}', () => {
    expect(checkPayload(Buffer.alloc(0), 'RequestResponse').toString('utf8')).toBe('{}');
    expect(checkPayload('', 'Event').toString('utf8')).toBe('{}');
  });

  it('rejects invalid JSON with InvalidRequestContentException (400) and AWS prefix', () => {
    for (const bad of ['{', '{"a":}', 'hello', "{'a':1}", '{"a":1} trailing']) {
      const err = thrown(LambdaError, () => checkPayload(bad, 'RequestResponse'));
      expect(err.code).toBe('InvalidRequestContentException');
      expect(err.statusCode).toBe(400);
      expect(err.message.startsWith(PARSE_PREFIX)).toBe(true);
      expect(err.message.length).toBeGreaterThan(PARSE_PREFIX.length);
    }
  });

  it('rejects invalid JSON on the Event path too', () => {
    const err = thrown(LambdaError, () => checkPayload('not json', 'Event'));
    expect(err.code).toBe('InvalidRequestContentException');
    expect(err.statusCode).toBe(400);
  });

  it('rejects invalid UTF-8 even when the bytes would otherwise look like a JSON string', () => {
    // `"` 0xff 0xfe `"`: not UTF-8.
    const body = Buffer.from([0x22, 0xff, 0xfe, 0x22]);
    const err = thrown(LambdaError, () => checkPayload(body, 'RequestResponse'));
    expect(err.code).toBe('InvalidRequestContentException');
    expect(err.statusCode).toBe(400);
    expect(err.message.startsWith(PARSE_PREFIX)).toBe(true);
  });

  it('rejects a truncated multi-byte sequence', () => {
    const body = Buffer.concat([
      Buffer.from('{"a":"'),
      Buffer.from([0xe2, 0x82]),
      Buffer.from('"}'),
    ]);
    expect(thrown(LambdaError, () => checkPayload(body, 'Event')).code).toBe(
      'InvalidRequestContentException',
    );
  });
});
