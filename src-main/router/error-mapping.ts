import { ZodError } from 'zod';
import type { ContractError } from '../contract/result';

/** What to do about common AWS errors, shown under the error in the screens. */
const HINTS: Record<string, string> = {
  ResourceNotFoundException: 'It may have been deleted or renamed: refresh the function list.',
  ResourceConflictException: 'The function is being created or updated: try again in a moment.',
  TooManyRequestsException: 'Concurrency is exhausted: wait, or raise reserved concurrency.',
  InvalidSignatureException: 'The credentials do not match: check the account settings.',
  UnrecognizedClientException: 'The access key is unknown: check the account settings.',
  RequestEntityTooLargeException: 'Make the payload smaller (6 MB synchronous, 1 MB asynchronous).',
  InvalidRequest: 'The request did not match the contract: this is a bug in the app.',
};

/** Turns anything thrown by a handler into the contract's error: AWS's code, its message, a hint. */
export function toContractError(error: unknown): ContractError {
  if (error instanceof ZodError) {
    const message = error.issues
      .map((i) => `${i.path.join('.') || 'request'}: ${i.message}`)
      .join('; ');
    return { code: 'InvalidRequest', message, hint: HINTS.InvalidRequest };
  }
  if (error instanceof Error) {
    // AWS SDK exceptions and the engine's LambdaError both carry AWS's code as their name.
    const code = (error as { code?: unknown }).code;
    const name =
      typeof code === 'string' ? code : error.name === 'Error' ? 'InternalError' : error.name;
    return { code: name, message: error.message, ...(HINTS[name] ? { hint: HINTS[name] } : {}) };
  }
  return { code: 'InternalError', message: String(error) };
}
