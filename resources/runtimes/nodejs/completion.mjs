/**
 * How an invocation completes: the callback, context.done/succeed/fail, and the single
 * `beforeExit` action that finishes it once the event loop has emptied.
 *
 * Between invocations the only thing keeping the loop alive is the pending /next request (idle
 * keep-alive sockets are unref'd by the agent). So while a handler runs, Node emits `beforeExit`
 * exactly when user code has nothing left scheduled: that is "the event loop is empty".
 */

const NOOP = () => {};
let beforeExitAction = NOOP;

/** Sets what happens when the event loop next empties during this invocation. */
export function setBeforeExitAction(action) {
  beforeExitAction = action;
}

/** Forgets the pending `beforeExit` action (the invocation completed some other way). */
export function resetBeforeExitAction() {
  beforeExitAction = NOOP;
}

/** The `process.on('beforeExit')` listener; each action runs at most once. */
export function runBeforeExitAction() {
  const action = beforeExitAction;
  beforeExitAction = NOOP;
  action();
}

/**
 * Builds the callback and the completion half of the context for one invocation. Only the first
 * call to any of callback/done/succeed/fail counts; later calls are silently ignored.
 * `io` = { postResponse(result), postError(err) } (both already bound to the request id).
 */
export function buildCallbackContext(io) {
  let waitForEmptyEventLoop = true;
  let reported = false;
  let finished = false;

  const complete = (result) => {
    if (reported) {
      console.error(
        'Invocation has already been reported as done. Cannot call complete more than once per invocation.',
      );
      return;
    }
    reported = true;
    io.postResponse(result);
  };

  const rawCallback = (err, result) => {
    resetBeforeExitAction();
    if (err !== undefined && err !== null) {
      io.postError(err);
    } else if (!waitForEmptyEventLoop) {
      complete(result);
    } else {
      // setImmediate lets the user's own beforeExit listeners run first, as in the RIC.
      setBeforeExitAction(() => setImmediate(() => complete(result)));
    }
  };

  const rawDone = (err, result) => {
    resetBeforeExitAction();
    if (err !== undefined && err !== null) io.postError(err);
    else complete(result);
  };

  // `finished` is set only after the call returns: if posting throws (unserialisable result),
  // the caller's fallback (`.catch(fail)`) may still report the error.
  const firstOnly =
    (fn) =>
    (...args) => {
      if (finished) return;
      fn(...args);
      finished = true;
    };

  const done = firstOnly(rawDone);
  const succeed = firstOnly((result) => rawDone(null, result));
  const fail = firstOnly((err) =>
    err === undefined || err === null ? rawDone('handled') : rawDone(err, null),
  );

  const context = {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value) {
      waitForEmptyEventLoop = value;
    },
    succeed,
    fail,
    done,
  };
  const markReported = () => {
    reported = true;
  };
  return { callback: firstOnly(rawCallback), context, succeed, fail, markReported };
}
