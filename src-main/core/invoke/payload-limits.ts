import { LambdaError } from '../errors/lambda-error';
import type { InvocationType } from './invoke-types';

/** Lambda's request limits: 6 MB synchronous, 1 MB asynchronous (since 2025-10). */
export const MAX_REQUEST_BYTES: Record<Exclude<InvocationType, 'DryRun'>, number> = {
  RequestResponse: 6_291_456,
  Event: 1_048_576,
};

/**
 * Checks an invoke payload as Lambda does: size first, then JSON. An empty body reaches the function as `{}`.
 * Throws RequestEntityTooLargeException (413) or InvalidRequestContentException (400) with AWS's words.
 */
export function checkPayload(
  payload: Buffer | string,
  type: Exclude<InvocationType, 'DryRun'>,
): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const limit = MAX_REQUEST_BYTES[type];
  if (body.length > limit) {
    // Both wordings are what AWS answered (sync: reference 6; Event: faultline/faultline#12).
    const message =
      type === 'Event'
        ? `${body.length} byte payload is too large for the Event invocation type (limit ${limit} bytes)`
        : `Request must be smaller than ${limit} bytes for the InvokeFunction operation`;
    throw new LambdaError('RequestEntityTooLargeException', message, 413);
  }
  if (body.length === 0) return Buffer.from('{}');
  try {
    JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new LambdaError(
      'InvalidRequestContentException',
      `Could not parse request body into json: Could not parse payload into json: ${detail}`,
      400,
    );
  }
  return body;
}
