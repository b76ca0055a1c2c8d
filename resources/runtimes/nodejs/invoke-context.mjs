/**
 * Fills the user-facing context object from the environment and the /next headers, and mirrors
 * the trace header into `_X_AMZN_TRACE_ID`.
 */

// Node lower-cases incoming header names.
const H_REQUEST_ID = 'lambda-runtime-aws-request-id';
const H_DEADLINE = 'lambda-runtime-deadline-ms';
const H_ARN = 'lambda-runtime-invoked-function-arn';
const H_TRACE = 'lambda-runtime-trace-id';
const H_CLIENT_CONTEXT = 'lambda-runtime-client-context';
const H_COGNITO = 'lambda-runtime-cognito-identity';
const H_TENANT = 'lambda-runtime-aws-tenant-id';

// Read once: these are fixed for the life of the environment, and env reads are not free.
const ENV = process.env;
const FUNCTION_VERSION = ENV.AWS_LAMBDA_FUNCTION_VERSION;
const FUNCTION_NAME = ENV.AWS_LAMBDA_FUNCTION_NAME;
const MEMORY_LIMIT = ENV.AWS_LAMBDA_FUNCTION_MEMORY_SIZE; // a string, as on AWS
const LOG_GROUP = ENV.AWS_LAMBDA_LOG_GROUP_NAME;
const LOG_STREAM = ENV.AWS_LAMBDA_LOG_STREAM_NAME;

/** The request id of a /next response; a missing id is a platform fault. */
export function requestIdOf(headers) {
  const id = headers[H_REQUEST_ID];
  if (!id) throw new Error('invocation id is missing or invalid');
  return id;
}

/** The tenant id of a /next response, if the function is multi-tenant. */
export function tenantIdOf(headers) {
  return headers[H_TENANT];
}

function parseJsonHeader(text, name) {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error(`Cannot parse ${name} as json: ${err.toString()}`);
  }
}

/**
 * Adds the environment and invocation fields to `context` (in the RIC's key order, so that
 * JSON.stringify(context) looks the same) and returns it. Throws on a malformed JSON header.
 */
export function attachInvokeData(context, headers) {
  const trace = headers[H_TRACE];
  if (trace) ENV._X_AMZN_TRACE_ID = trace;
  else delete ENV._X_AMZN_TRACE_ID;

  const deadline = Number(headers[H_DEADLINE]);
  context.functionVersion = FUNCTION_VERSION;
  context.functionName = FUNCTION_NAME;
  context.memoryLimitInMB = MEMORY_LIMIT;
  context.logGroupName = LOG_GROUP;
  context.logStreamName = LOG_STREAM;
  context.clientContext = parseJsonHeader(headers[H_CLIENT_CONTEXT], 'ClientContext');
  context.identity = parseJsonHeader(headers[H_COGNITO], 'CognitoIdentity');
  context.invokedFunctionArn = headers[H_ARN];
  context.awsRequestId = headers[H_REQUEST_ID];
  context.tenantId = headers[H_TENANT];
  // Not clamped at zero, like the RIC.
  context.getRemainingTimeInMillis = () => deadline - Date.now();
  return context;
}
