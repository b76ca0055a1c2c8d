import { LambdaError } from '../../errors/lambda-error';

/** A parsed awsJson1_1 request body. */
export type LogsInput = Readonly<Record<string, unknown>>;

/** A 400 CloudWatch Logs error; the API writes it as `{"__type": code, "message": message}`. */
export function logsError(code: string, message: string): LambdaError {
  return new LambdaError(code, message, 400);
}

/**
 * AWS's wording for a constraint violation. Recorded on GetLogEvents/FilterLogEvents (localstack
 * tests/aws/services/logs/test_logs_events.snapshot.json), it comes as InvalidParameterException,
 * not ValidationException.
 */
export function invalidValue(name: string, value: unknown, constraint: string): LambdaError {
  const shown = value === null || value === undefined ? 'null' : `'${String(value)}'`;
  return logsError(
    'InvalidParameterException',
    `1 validation error detected: Value ${shown} at '${name}' failed to satisfy constraint: ${constraint}`,
  );
}

function wrongType(name: string, type: string): LambdaError {
  // A JSON value of the wrong type never reaches AWS's validators; its deserializer rejects it.
  return logsError('SerializationException', `Expected ${type} for '${name}'`);
}

/** An optional string parameter. */
export function optionalString(input: LogsInput, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw wrongType(name, 'a string');
  return value;
}

/** A required string parameter ("Member must not be null" when absent). */
export function requiredString(input: LogsInput, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined) throw invalidValue(name, null, 'Member must not be null');
  return value;
}

/** An optional integer parameter (epoch milliseconds, limits). */
export function optionalInteger(input: LogsInput, name: string): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(name, 'an integer');
  return value;
}

/** An optional boolean parameter. */
export function optionalBoolean(input: LogsInput, name: string): boolean | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw wrongType(name, 'a boolean');
  return value;
}

/** An optional list of strings. */
export function optionalStringList(input: LogsInput, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw wrongType(name, 'a list of strings');
  }
  return value as string[];
}

/** A `limit` within 1..max, or the default when absent. */
export function limitParam(input: LogsInput, max: number, fallback = max): number {
  const limit = optionalInteger(input, 'limit');
  if (limit === undefined) return fallback;
  if (limit < 1)
    throw invalidValue('limit', limit, 'Member must have value greater than or equal to 1');
  if (limit > max) {
    throw invalidValue('limit', limit, `Member must have value less than or equal to ${max}`);
  }
  return limit;
}

/** The nextToken AWS rejects as "The specified nextToken is invalid." (localstack snapshots). */
export function invalidToken(): LambdaError {
  return logsError('InvalidParameterException', 'The specified nextToken is invalid.');
}

/** Opaque pagination token holding a JSON value. */
export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Reads a token made by encodeToken; undefined when absent, InvalidParameterException when garbled. */
export function decodeToken<T>(
  token: string | undefined,
  valid: (value: unknown) => value is T,
): T | undefined {
  if (token === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (valid(value)) return value;
  } catch {
    // fall through
  }
  throw invalidToken();
}
