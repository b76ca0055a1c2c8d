import { describe, it, expect } from 'vitest';
import { LambdaError } from '../../../src-main/core/errors/lambda-error';
import {
  ConcurrencyLimiter,
  DEFAULT_ACCOUNT_CONCURRENCY,
  throttle,
} from '../../../src-main/core/invoke/concurrency-limiter';
import { thrown } from '../thrown';

function expectThrottle(err: LambdaError, reason: string): void {
  expect(err.code).toBe('TooManyRequestsException');
  expect(err.name).toBe('TooManyRequestsException');
  expect(err.statusCode).toBe(429);
  expect(err.message).toBe('Rate Exceeded.');
  expect(err.extra).toEqual({ Reason: reason, Type: 'User' });
}

describe('throttle', () => {
  it('is 429 TooManyRequestsException "Rate Exceeded." with the Reason', () => {
    expectThrottle(throttle('CallerRateLimitExceeded'), 'CallerRateLimitExceeded');
  });
});

describe('ConcurrencyLimiter', () => {
  it('defaults to the 1,000 regional limit', () => {
    expect(DEFAULT_ACCOUNT_CONCURRENCY).toBe(1000);
    expect(new ConcurrencyLimiter().limit).toBe(1000);
    expect(new ConcurrencyLimiter(25).limit).toBe(25);
  });

  it('throttles a function at its reserved concurrency', () => {
    const limiter = new ConcurrencyLimiter(100);
    limiter.acquire('fn', 2, 2);
    limiter.acquire('fn', 2, 2);
    expect(limiter.runningFor('fn')).toBe(2);
    expectThrottle(
      thrown(LambdaError, () => limiter.acquire('fn', 2, 2)),
      'ReservedFunctionConcurrentInvocationLimitExceeded',
    );
    expect(limiter.runningFor('fn')).toBe(2);
  });

  it('reserved concurrency 0 throttles every invoke', () => {
    const limiter = new ConcurrencyLimiter();
    expectThrottle(
      thrown(LambdaError, () => limiter.acquire('off', 0, 0)),
      'ReservedFunctionConcurrentInvocationLimitExceeded',
    );
    expect(limiter.runningFor('off')).toBe(0);
  });

  it('release frees a reserved slot', () => {
    const limiter = new ConcurrencyLimiter();
    limiter.acquire('fn', 1, 1);
    expect(() => limiter.acquire('fn', 1, 1)).toThrow(LambdaError);
    limiter.release('fn', 1);
    expect(limiter.runningFor('fn')).toBe(0);
    expect(() => limiter.acquire('fn', 1, 1)).not.toThrow();
  });

  it('unreserved functions share the account limit minus all reserved concurrency', () => {
    const limiter = new ConcurrencyLimiter(10);
    // 4 reserved elsewhere: 6 left for unreserved functions, across functions.
    for (let i = 0; i < 3; i += 1) limiter.acquire('a', undefined, 4);
    for (let i = 0; i < 3; i += 1) limiter.acquire('b', undefined, 4);
    expectThrottle(
      thrown(LambdaError, () => limiter.acquire('c', undefined, 4)),
      'ConcurrentInvocationLimitExceeded',
    );
    expect(limiter.runningFor('c')).toBe(0);
    limiter.release('a', undefined);
    expect(limiter.runningFor('a')).toBe(2);
    expect(() => limiter.acquire('c', undefined, 4)).not.toThrow();
    expect(limiter.runningFor('c')).toBe(1);
  });

  it('reserved functions run from their own pool, not the unreserved one', () => {
    const limiter = new ConcurrencyLimiter(10);
    for (let i = 0; i < 4; i += 1) limiter.acquire('reserved', 4, 4);
    for (let i = 0; i < 6; i += 1) limiter.acquire('shared', undefined, 4);
    expect(() => limiter.acquire('shared', undefined, 4)).toThrow(LambdaError);
    // The reserved function is at its own cap, whatever the unreserved pool does.
    expectThrottle(
      thrown(LambdaError, () => limiter.acquire('reserved', 4, 4)),
      'ReservedFunctionConcurrentInvocationLimitExceeded',
    );
    limiter.release('reserved', 4);
    expect(() => limiter.acquire('shared', undefined, 4)).toThrow(LambdaError);
    expect(() => limiter.acquire('reserved', 4, 4)).not.toThrow();
  });

  it('an account limit fully reserved leaves nothing for unreserved functions', () => {
    const limiter = new ConcurrencyLimiter(10);
    expectThrottle(
      thrown(LambdaError, () => limiter.acquire('u', undefined, 10)),
      'ConcurrentInvocationLimitExceeded',
    );
  });

  it('a stray release does not create extra capacity', () => {
    const limiter = new ConcurrencyLimiter(1);
    limiter.release('ghost', undefined);
    limiter.acquire('a', undefined, 0);
    expect(() => limiter.acquire('b', undefined, 0)).toThrow(LambdaError);
    expect(limiter.runningFor('ghost')).toBe(0);
  });
});
