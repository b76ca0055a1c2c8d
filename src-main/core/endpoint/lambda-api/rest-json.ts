import { randomUUID } from 'node:crypto';
import { LambdaError } from '../../errors/lambda-error';
import type { EndpointResponse } from '../endpoint-types';

/** Error codes whose modelled message member is `Message` (capital M); the rest use `message` (reference 6.1). */
const CAPITAL_MESSAGE = new Set(['ResourceNotFoundException', 'ServiceException']);

/** A restJson1 JSON response with Lambda's request id header. */
export function json(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): EndpointResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json', 'x-amzn-RequestId': randomUUID(), ...headers },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

/** An empty response (204 / 202) with Lambda's request id header. */
export function empty(status: number, headers: Record<string, string> = {}): EndpointResponse {
  return { status, headers: { 'x-amzn-RequestId': randomUUID(), ...headers } };
}

/** Lambda's restJson1 error: `x-amzn-ErrorType` header and `{"Type":"User","message":...}` body, which the SDK maps to its exception class. */
export function errorResponse(error: LambdaError): EndpointResponse {
  const key = CAPITAL_MESSAGE.has(error.code) ? 'Message' : 'message';
  const type = error.statusCode >= 500 ? 'Service' : 'User';
  const headers: Record<string, string> = { 'x-amzn-ErrorType': error.code };
  if (error.code === 'TooManyRequestsException') headers['Retry-After'] = '1';
  return json(error.statusCode, { Type: type, ...error.extra, [key]: error.message }, headers);
}

/** Parses a JSON request body (empty means `{}`); AWS's wording for a body that is not JSON. */
export function parseBody<T>(body: Buffer): T {
  if (body.length === 0) return {} as T;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new LambdaError(
      'InvalidRequestContentException',
      'Could not parse request body into json: the body is not valid JSON.',
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new LambdaError(
      'InvalidRequestContentException',
      'Could not parse request body into json: expected a JSON object.',
    );
  }
  return parsed as T;
}

/** A whole-number query or body parameter, or AWS's validation error naming it. */
export function intParam(
  name: string,
  value: string | null | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    const bound = n < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`;
    throw new LambdaError(
      'ValidationException',
      `1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must have value ${bound}`,
    );
  }
  return n;
}
