/**
 * Error types the runtime raises and the two shapes errors take on their way out: the Runtime API
 * body (`{errorType, errorMessage, trace}`) and the tab-prefixed JSON the RIC logs.
 */
import util from 'node:util';

/** Wraps a failed `require()` of the user's module (`MODULE_NOT_FOUND`). */
export class ImportModuleError extends Error {}
/** The handler property is missing or is not a function. */
export class HandlerNotFound extends Error {}
/** `_HANDLER` has no dot, or contains `..`. */
export class MalformedHandlerName extends Error {}
/** Wraps a `SyntaxError` thrown while loading the user's module. */
export class UserCodeSyntaxError extends Error {}
/** A handler was marked for streaming with an unsupported mode. */
export class MalformedStreamingHandler extends Error {}
/** Misuse of a response stream (second stream, late content type). */
export class InvalidStreamingOperation extends Error {}
/** Callback handlers on nodejs24.x and later (the message is RIC 4.x's). */
export class CallbackHandlerDeprecated extends Error {}

/** The loop emptied while an async handler's promise was still pending. */
export class NodeJsExit extends Error {
  constructor() {
    super(
      'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
    );
  }
}

/** A rejection nobody handled; keeps the reason and promise as enumerable fields, as the RIC does. */
export class UnhandledPromiseRejection extends Error {
  constructor(reason, promise) {
    super(reason);
    this.reason = reason;
    this.promise = promise;
  }
}

// The name lives on the prototype (not the instance) so that `stack` starts with `Runtime.X` and
// JSON logging still sees the bare class name through `constructor.name`, exactly like the RIC.
for (const cls of [
  ImportModuleError,
  HandlerNotFound,
  MalformedHandlerName,
  UserCodeSyntaxError,
  MalformedStreamingHandler,
  InvalidStreamingOperation,
  CallbackHandlerDeprecated,
  NodeJsExit,
  UnhandledPromiseRejection,
]) {
  cls.prototype.name = `Runtime.${cls.name}`;
}

// Error-like objects from another realm or library still count as errors.
function isErrorLike(value) {
  return (
    !!value &&
    typeof value.name === 'string' &&
    typeof value.message === 'string' &&
    typeof value.stack === 'string' &&
    value.name !== '' &&
    value.message !== '' &&
    value.stack !== ''
  );
}

/** Turns anything thrown or passed to a callback into an Error. */
export function intoError(value) {
  return value instanceof Error ? value : new Error(value);
}

/** The body posted to `/error` and `/init/error`: `{errorType, errorMessage, trace}`. */
export function toRapidResponse(error) {
  try {
    if (util.types.isNativeError(error) || isErrorLike(error)) {
      // DEL is escaped because the type also travels in an HTTP header.
      return {
        errorType: error.name?.replaceAll('\x7F', '%7F'),
        errorMessage: error.message?.replaceAll('\x7F', '%7F'),
        trace: error.stack.replaceAll('\x7F', '%7F').split('\n'),
      };
    }
    return { errorType: typeof error, errorMessage: error.toString(), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

// Name, message and stack are not enumerable, so they are copied in front of the user's own fields.
function withEnumerableProperties(value) {
  if (!(value instanceof Error)) return value;
  const copy = Object.assign(
    { errorType: value.name, errorMessage: value.message, code: value.code },
    value,
  );
  if (typeof value.stack === 'string') copy.stack = value.stack.split('\n');
  return copy;
}

/** The text-format log payload after a label: a tab, then the error as JSON with `stack` lines. */
export function toFormatted(error) {
  try {
    return '\t' + JSON.stringify(error, (_key, value) => withEnumerableProperties(value));
  } catch {
    return '\t' + JSON.stringify(toRapidResponse(error));
  }
}
