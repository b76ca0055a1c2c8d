import { constraint, violation } from './validation-messages';

/** Lambda's total size limit for environment variables, in bytes. */
export const ENVIRONMENT_LIMIT_BYTES = 4096;

/** `EnvironmentVariableName` pattern [model]; requires a letter and at least two characters. */
export const ENVIRONMENT_KEY_PATTERN = '[a-zA-Z]([a-zA-Z0-9_])+';
const ENVIRONMENT_KEY = /^[a-zA-Z][a-zA-Z0-9_]+$/;

/**
 * Names the platform sets that users may not set (AWS docs "reserved environment variables";
 * fidelity reference 2.1). LANG, PATH, LD_LIBRARY_PATH, TZ, NODE_PATH, PYTHONPATH,
 * AWS_LAMBDA_LOG_FORMAT, AWS_LAMBDA_LOG_LEVEL and AWS_XRAY_* stay overridable. Names starting with
 * "_" (_HANDLER, _X_AMZN_TRACE_ID) already fail the key pattern, so they never reach this check.
 */
export const RESERVED_ENVIRONMENT_KEYS: ReadonlySet<string> = new Set([
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_DEFAULT_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_LAMBDA_RUNTIME_API',
  'AWS_REGION',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'LAMBDA_RUNTIME_DIR',
  'LAMBDA_TASK_ROOT',
]);

type Environment = Readonly<Record<string, string>>;

/**
 * The model violation for bad key names, or undefined. AWS reports the whole map once and hides
 * the value because the member is sensitive [rec, quoted in serverless-secrets#39].
 */
export function environmentKeyViolation(env: Environment): string | undefined {
  if (Object.keys(env).every((key) => ENVIRONMENT_KEY.test(key))) return undefined;
  const rule = `Map keys must satisfy constraint: [${constraint.pattern(ENVIRONMENT_KEY_PATTERN)}]`;
  return violation('environment.variables', undefined, rule);
}

/** Reserved keys the definition sets, in the order it lists them. */
export function reservedKeysUsed(env: Environment): string[] {
  return Object.keys(env).filter((key) => RESERVED_ENVIRONMENT_KEYS.has(key));
}

/**
 * What Lambda measures against the 4 KB limit: the compact JSON of the map in the order given, e.g.
 * `{"SMALL_VAR":"ok","LARGE_VAR":"x..."}` [rec 2023-11]. Bytes are counted in UTF-8; a recorded
 * 4096-byte map was accepted and 4097 bytes rejected. How AWS counts non-ASCII is unverified.
 */
export function measureEnvironment(env: Environment): {
  readonly text: string;
  readonly bytes: number;
} {
  const text = JSON.stringify(env);
  return { text, bytes: Buffer.byteLength(text, 'utf8') };
}
