/**
 * The invoke loop: /next, run the handler, report the outcome, /next again. The next /next is
 * issued from the callback of the previous POST, so the loop never goes idle in between.
 */
import { buildCallbackContext, resetBeforeExitAction, setBeforeExitAction } from './completion.mjs';
import { NodeJsExit } from './errors.mjs';
import { attachInvokeData, requestIdOf, tenantIdOf } from './invoke-context.mjs';
import { setLogContext } from './log-patch.mjs';
import { runStreamingInvoke } from './streaming.mjs';

function isPromise(value) {
  return !!value && typeof value.then === 'function';
}

/** Drives one environment's invocations for a loaded handler. */
export class Runtime {
  /**
   * `fatal(err)` handles a broken Runtime API; `state.invokeId` tells the process-level error
   * handlers which invocation an uncaught error belongs to (undefined during INIT).
   */
  constructor({ client, handler, metadata, logError, fatal, state }) {
    this.client = client;
    this.handler = handler;
    this.metadata = metadata;
    this.logError = logError;
    this.fatal = fatal;
    this.state = state;
    this.scheduleNext = () => client.next(this.onInvocation, fatal);
    const handle = metadata.streaming ? this.handleStreaming : this.handleBuffered;
    // A throw that escapes here is a runtime bug or a platform fault (no request id), never user
    // code: report it and give up, as the RIC does with its "Unexpected Top Level Error".
    this.onInvocation = (body, headers) => {
      try {
        handle.call(this, body, headers);
      } catch (err) {
        fatal(err);
      }
    };
  }

  /** Starts polling for invocations. */
  start() {
    this.scheduleNext();
  }

  beginInvoke(headers) {
    const id = requestIdOf(headers);
    setLogContext(id, tenantIdOf(headers));
    this.state.invokeId = id;
    return id;
  }

  handleBuffered(body, headers) {
    const { client, logError, scheduleNext, fatal } = this;
    const id = this.beginInvoke(headers);
    const io = {
      postResponse: (result) => client.postInvocationResponse(id, result, scheduleNext, fatal),
      postError: (err) => {
        logError('Invoke Error', err);
        client.postInvocationError(id, err, scheduleNext, fatal);
      },
    };
    const { callback, context, succeed, fail, markReported } = buildCallbackContext(io);
    const isAsync = this.metadata.isAsync;

    try {
      setBeforeExitAction(() => {
        markReported();
        if (isAsync) {
          // An async handler whose promise can no longer settle: nothing is left to settle it.
          io.postError(new NodeJsExit());
        } else {
          // Sync or callback handler that never called back: the result is null.
          io.postResponse(null);
        }
      });
      const result = this.handler(JSON.parse(body), attachInvokeData(context, headers), callback);
      if (isPromise(result)) result.then(succeed, fail).catch(fail);
    } catch (err) {
      callback(err);
    }
  }

  handleStreaming(body, headers) {
    const id = this.beginInvoke(headers);
    resetBeforeExitAction();
    runStreamingInvoke(this, id, body, headers);
  }
}
