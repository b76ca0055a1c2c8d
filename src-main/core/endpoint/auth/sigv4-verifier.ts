import type { IncomingHttpHeaders } from 'node:http';
import type { LocalCredentials } from '../endpoint-types';
import {
  SIGNATURE_MISMATCH,
  headerAuthDialect,
  incompleteSignature,
  invalidSignature,
  missingAuthenticationToken,
  unrecognizedClient,
} from './auth-errors';
import { SIGV4_ALGORITHM, headerValue, parseAuthorizationHeader } from './authorization-header';
import {
  expectedHeaderSignature,
  parseRawQuery,
  sameSignature,
  sha256Hex,
} from './canonical-request';
import { verifyPresignedRequest } from './presigned-url';
import {
  checkClockSkew,
  checkCredentialScope,
  requireAmzDate,
  requireCredentialScope,
} from './signature-checks';

/** A request as received, before any decoding: what SigV4 verification needs. */
export interface SignedRequest {
  readonly method: string;
  /** Path as received, still percent-encoded, without the query. */
  readonly rawPath: string;
  /** Query string as received (no leading `?`), empty when there is none. */
  readonly rawQuery: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** Who signed a verified request, and for which region and service. */
export interface VerifiedScope {
  readonly region: string;
  readonly service: string;
  readonly accessKeyId: string;
}

// Checks run in the order AWS applies them (DynamoDB's, recorded in mhart/dynalite index.js):
// header shape, date, clock skew, Host signed, algorithm, credential, scope, key id, signature.

/** Verifies a request's SigV4 signature (header or presigned query); returns its scope or throws AWS's error. */
export async function verifySigV4(
  request: SignedRequest,
  credentials: LocalCredentials,
  now: Date = new Date(),
): Promise<VerifiedScope> {
  const query = parseRawQuery(request.rawQuery);
  const authorization = headerValue(request.headers, 'authorization');
  const dialect = headerAuthDialect(request.headers);
  if (authorization !== undefined && 'X-Amz-Algorithm' in query) {
    throw invalidSignature(
      dialect,
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    );
  }
  if ('X-Amz-Algorithm' in query) return verifyPresignedRequest(request, query, credentials, now);
  if (authorization === undefined || !authorization.trim().startsWith('AWS4-')) {
    throw missingAuthenticationToken(dialect);
  }

  const auth = parseAuthorizationHeader(authorization, request.headers, dialect);
  const signingDate = requireAmzDate(auth.amzDate, dialect);
  checkClockSkew(signingDate, now, dialect);
  if (!auth.signedHeaders.includes('host')) {
    throw invalidSignature(dialect, "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  if (auth.algorithm !== SIGV4_ALGORITHM) {
    throw incompleteSignature(
      dialect,
      `Unsupported AWS 'algorithm': '${auth.algorithm}' (only AWS4-HMAC-SHA256 for now).`,
    );
  }
  const scope = requireCredentialScope(auth.credential, dialect);
  checkCredentialScope(scope, auth.amzDate, dialect);
  if (scope.accessKeyId !== credentials.accessKeyId) throw unrecognizedClient(dialect);

  // Non-S3 services sign the body itself. SDK v3 also sends (and signs) x-amz-content-sha256;
  // when that disagrees with the body the client signed a different payload than it sent.
  const payloadHash = sha256Hex(request.body);
  const declared = headerValue(request.headers, 'x-amz-content-sha256');
  if (auth.signedHeaders.includes('x-amz-content-sha256') && declared !== payloadHash) {
    throw invalidSignature(dialect, SIGNATURE_MISMATCH);
  }
  const expected = await expectedHeaderSignature(
    { ...request, query, signedHeaders: auth.signedHeaders, payloadHash },
    credentials,
    scope,
    signingDate,
  );
  if (!sameSignature(expected, auth.signature)) throw invalidSignature(dialect, SIGNATURE_MISMATCH);
  return { region: scope.region, service: scope.service, accessKeyId: scope.accessKeyId };
}

/** Rejects a verified request signed for another service (e.g. `logs` sent to the Lambda API). */
export function assertSigningService(
  scope: VerifiedScope,
  expected: 'lambda' | 'logs',
  headers: IncomingHttpHeaders,
): void {
  if (scope.service === expected) return;
  // Wording: DynamoDB's answer recorded in mhart/dynalite index.js.
  throw invalidSignature(
    headerAuthDialect(headers),
    `Credential should be scoped to correct service: '${expected}'.`,
  );
}
