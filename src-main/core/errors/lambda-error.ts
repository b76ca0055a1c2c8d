/** An error that carries AWS's own error code, HTTP status and wording, so every layer can report it as Lambda would. */
export class LambdaError extends Error {
  /** AWS error code, e.g. `InvalidParameterValueException`. */
  readonly code: string;
  /** HTTP status AWS answers with for this error. */
  readonly statusCode: number;
  /** Extra fields AWS puts in the error body (e.g. `Reason` for throttling). */
  readonly extra: Readonly<Record<string, string>>;

  constructor(code: string, message: string, statusCode = 400, extra: Record<string, string> = {}) {
    super(message);
    this.name = code;
    this.code = code;
    this.statusCode = statusCode;
    this.extra = extra;
  }
}

/** Whether a value is a LambdaError (also across realms, by shape). */
export function isLambdaError(value: unknown): value is LambdaError {
  return value instanceof LambdaError;
}
