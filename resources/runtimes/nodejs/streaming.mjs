/**
 * Streaming handlers (`awslambda.streamifyResponse`): metadata detection, the `awslambda` global,
 * and one streaming invocation, following the RIC's rules for when the next /next may start.
 */
import { resetBeforeExitAction, setBeforeExitAction } from './completion.mjs';
import { MalformedStreamingHandler } from './errors.mjs';
import { attachInvokeData } from './invoke-context.mjs';
import { createResponseStream, HttpResponseStream } from './response-stream.mjs';

const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HANDLER_HIGHWATERMARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
const STREAM_RESPONSE = 'response';

/** Defines `globalThis.awslambda` unless AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA opts out. */
export function installAwsLambdaGlobal() {
  const optOut = process.env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA;
  if (optOut === '1' || optOut === 'true') return;
  globalThis.awslambda = {
    streamifyResponse: (handler, options) => {
      handler[HANDLER_STREAMING] = STREAM_RESPONSE;
      if (typeof options?.highWaterMark === 'number') {
        handler[HANDLER_HIGHWATERMARK] = parseInt(options.highWaterMark);
      }
      return handler;
    },
    HttpResponseStream,
  };
}

/** What the loop needs to know about a handler: streaming, async, arity. */
export function handlerMetadata(handler) {
  const mode = handler[HANDLER_STREAMING];
  if (mode !== undefined && mode !== null && mode !== false && mode !== STREAM_RESPONSE) {
    throw new MalformedStreamingHandler('Only response streaming is supported.');
  }
  let isAsync = false;
  try {
    isAsync = handler.constructor?.name === 'AsyncFunction';
  } catch {
    isAsync = false;
  }
  return { streaming: mode === STREAM_RESPONSE, isAsync, argsNum: handler.length };
}

function isPromise(value) {
  return !!value && typeof value.then === 'function';
}

/** Runs one invocation of a streaming handler; `runtime` supplies the client and the loop. */
export function runStreamingInvoke(runtime, id, body, headers) {
  const { client, logError } = runtime;
  let waitForEmptyEventLoop = true;
  const context = {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value) {
      waitForEmptyEventLoop = value;
    },
  };
  // Like callbacks: by default the next invocation waits until the event loop has emptied.
  const scheduleNext = () => {
    resetBeforeExitAction();
    if (!waitForEmptyEventLoop) runtime.scheduleNext();
    else setBeforeExitAction(() => setImmediate(runtime.scheduleNext));
  };
  const opened = createResponseStream(client, id, runtime.fatal);
  const fail = (err, callback) => {
    logError('Invoke Error', err);
    opened.fail(err, callback);
  };
  setBeforeExitAction(runtime.scheduleNext);

  (async () => {
    try {
      const ctx = attachInvokeData(context, headers);
      const result = runtime.handler(JSON.parse(body), opened.stream, ctx);
      if (!isPromise(result)) {
        fail('Streaming does not support non-async handlers.', scheduleNext);
        return;
      }
      if ((await result) !== undefined) console.warn('Streaming handlers ignore return values.');
      await opened.responseDone;
      if (!opened.stream.writableFinished) {
        fail('Response stream is not finished.', scheduleNext);
        return;
      }
      scheduleNext();
    } catch (err) {
      fail(err, scheduleNext);
    }
  })();
}
