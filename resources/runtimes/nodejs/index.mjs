/**
 * Lambda Workbench's Node.js runtime client (the counterpart of AWS's RIC 3.x). Started by the
 * engine as `node index.mjs` in the function's code directory; speaks the Runtime API at
 * AWS_LAMBDA_RUNTIME_API and loads `_HANDLER` from LAMBDA_TASK_ROOT.
 */
import { runBeforeExitAction } from './completion.mjs';
import { CallbackHandlerDeprecated, UnhandledPromiseRejection } from './errors.mjs';
import { loadHandler } from './handler-loader.mjs';
import { patchConsole } from './log-patch.mjs';
import { RuntimeApiClient } from './runtime-api-client.mjs';
import { Runtime } from './runtime.mjs';
import { handlerMetadata, installAwsLambdaGlobal } from './streaming.mjs';

const CALLBACK_WARNING =
  'AWS Lambda plans to remove support for callback-based function handlers starting with Node.js 24. You will need to update this function to use an async handler to use Node.js 24 or later. For more information and to provide feedback on this change, see https://github.com/aws/aws-lambda-nodejs-runtime-interface-client/issues/137. To disable this warning, set the AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING environment variable.';
const CALLBACK_REMOVED =
  'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.';

const logError = patchConsole();
const client = new RuntimeApiClient(process.env.AWS_LAMBDA_RUNTIME_API);
// invokeId stays undefined during INIT, so crashes then are reported to /init/error.
const state = { invokeId: undefined };

// Reports a crash for the current phase and exits with the RIC's code (129 or 128).
function reportAndExit(error, code) {
  const exit = () => process.exit(code);
  if (state.invokeId === undefined) client.postInitError(error, exit, exit);
  else client.postInvocationError(state.invokeId, error, exit, exit, true);
}

// The Runtime API itself failed (connection lost, /next refused): nothing left to report to.
function fatal(err) {
  try {
    console.log(`Unexpected Top Level Error: ${err?.toString()}`);
  } finally {
    process.exit(129);
  }
}

process.on('uncaughtException', (error) => {
  logError('Uncaught Exception', error);
  reportAndExit(error, 129);
});
process.on('unhandledRejection', (reason, promise) => {
  const error = new UnhandledPromiseRejection(reason, promise);
  logError('Unhandled Promise Rejection', error);
  reportAndExit(error, 128);
});
process.on('beforeExit', runBeforeExitAction);

// nodejs24.x and later refuse (req, ctx, callback) handlers; nodejs22.x and earlier warn.
function checkCallbackHandler(metadata) {
  const major = /^AWS_Lambda_nodejs(\d+)/.exec(process.env.AWS_EXECUTION_ENV ?? '')?.[1];
  if (major !== undefined && Number(major) >= 24) {
    if (metadata.argsNum >= 3 && !metadata.streaming) {
      throw new CallbackHandlerDeprecated(CALLBACK_REMOVED);
    }
    return;
  }
  if (
    process.env.AWS_LAMBDA_NODEJS_DISABLE_CALLBACK_WARNING === undefined &&
    metadata.argsNum === 3 &&
    !metadata.isAsync &&
    !metadata.streaming
  ) {
    console.warn(CALLBACK_WARNING);
  }
}

let handler;
let metadata;
try {
  installAwsLambdaGlobal();
  handler = await loadHandler(
    process.env.LAMBDA_TASK_ROOT ?? process.cwd(),
    process.env._HANDLER ?? '',
  );
  metadata = handlerMetadata(handler);
  checkCallbackHandler(metadata);
} catch (error) {
  // Same label and exit code as the RIC, whose rejected top-level await lands in uncaughtException.
  logError('Uncaught Exception', error);
  reportAndExit(error, 129);
}

if (handler !== undefined && metadata !== undefined) {
  new Runtime({ client, handler, metadata, logError, fatal, state }).start();
}
