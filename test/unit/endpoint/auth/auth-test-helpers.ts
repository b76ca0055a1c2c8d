import { expect } from 'vitest';
import { LambdaError } from '../../../../src-main/core/errors/lambda-error';

/** Awaits a promise that must reject with a LambdaError and returns that error. */
export async function rejection(promise: Promise<unknown>): Promise<LambdaError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LambdaError) return error;
    throw error;
  }
  throw new Error('expected a LambdaError rejection');
}

/** Asserts a promise rejects with exactly this AWS error code, HTTP status and message. */
export async function expectAuthError(
  promise: Promise<unknown>,
  code: string,
  statusCode: number,
  message: string,
): Promise<LambdaError> {
  const error = await rejection(promise);
  expect({ code: error.code, statusCode: error.statusCode, message: error.message }).toEqual({
    code,
    statusCode,
    message,
  });
  return error;
}

/** Splits `path?query` as a server receives it. */
export function splitUrl(url: string): { rawPath: string; rawQuery: string } {
  const question = url.indexOf('?');
  return question < 0
    ? { rawPath: url, rawQuery: '' }
    : { rawPath: url.slice(0, question), rawQuery: url.slice(question + 1) };
}
