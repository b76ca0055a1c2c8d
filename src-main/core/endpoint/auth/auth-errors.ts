import type { IncomingHttpHeaders } from 'node:http';
import { LambdaError } from '../../errors/lambda-error';

// AWS front ends word auth failures differently: Lambda (restJson) answers every one with 403 and
// says "Missing Authentication Token"; CloudWatch Logs (awsJson on Coral) answers 400 and says
// "Request is missing Authentication Token"; presigned URLs stand in for S3's Code.Location
// links, so they fail the way S3 does.

/** Which AWS front end's error vocabulary a rejected request gets. */
export type AuthDialect = 'lambda' | 'coral' | 's3';

/** The dialect for a header-signed request: awsJson requests always carry X-Amz-Target. */
export function headerAuthDialect(headers: IncomingHttpHeaders): AuthDialect {
  return headers['x-amz-target'] === undefined ? 'lambda' : 'coral';
}

// Lambda: 403 + x-amzn-ErrorType MissingAuthenticationTokenException for an unsigned Invoke
// (github.com/brefphp/bref/issues/1250); 403 UnrecognizedClientException
// (github.com/iann0036/iamlive/issues/58, github.com/cloudyr/aws.lambda/issues/10); 403
// InvalidSignatureException with a 192-byte body, i.e. without the canonical string older
// answers appended (github.com/soto-project/soto/issues/375, github.com/erlcloud/erlcloud/issues/690).
// Coral (Logs, DynamoDB): everything 400, wording recorded from DynamoDB in mhart/dynalite index.js
// and test/connection.js; Logs' own 400 UnrecognizedClientException: github.com/maxbanton/cwh/issues/119.
const STATUS: Record<Exclude<AuthDialect, 's3'>, number> = { lambda: 403, coral: 400 };

/** AWS's wording for a signature that does not verify (Lambda and Logs alike). */
export const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** No Authorization header and no presigned query, or one that is not AWS4-*. */
export function missingAuthenticationToken(dialect: AuthDialect): LambdaError {
  if (dialect === 'coral') {
    return new LambdaError(
      'MissingAuthenticationTokenException',
      'Request is missing Authentication Token',
      400,
    );
  }
  return new LambdaError(
    'MissingAuthenticationTokenException',
    'Missing Authentication Token',
    403,
  );
}

/** An Authorization header AWS cannot even parse (missing parts, bad date, unknown algorithm). */
export function incompleteSignature(dialect: AuthDialect, message: string): LambdaError {
  return new LambdaError('IncompleteSignatureException', message, statusOf(dialect));
}

/** A well-formed signature that is wrong, expired or scoped wrongly. */
export function invalidSignature(dialect: AuthDialect, message: string): LambdaError {
  return new LambdaError('InvalidSignatureException', message, statusOf(dialect));
}

/** An access key id the endpoint does not know. */
export function unrecognizedClient(dialect: AuthDialect): LambdaError {
  return new LambdaError(
    'UnrecognizedClientException',
    'The security token included in the request is invalid.',
    statusOf(dialect),
  );
}

function statusOf(dialect: AuthDialect): number {
  return dialect === 's3' ? 403 : STATUS[dialect];
}

// S3's presigned-URL (query-string auth) errors. Wording: AuthorizationQueryParametersError
// (github.com/volojs/volo/issues/218), credential (github.com/TTLabs/EvaporateJS/issues/491),
// X-Amz-Expires (github.com/minio/minio-js/issues/1312, github.com/bryanjos/aws_auth/issues/31),
// expired (github.com/aws/aws-sdk-js/issues/3493), unknown key (github.com/s3tools/s3cmd/issues/324),
// mismatch (aws/aws-cli's SignatureDoesNotMatch issue template); the date, algorithm, negative
// expiry, not-yet-valid and unsigned-header wordings are MinIO's mirror of S3's error table.

/** The query's authentication parameters are missing or malformed (S3: 400). */
export function queryParametersError(message: string): LambdaError {
  return new LambdaError('AuthorizationQueryParametersError', message, 400);
}

/** Every presigned URL must carry all six X-Amz-* parameters. */
export const QUERY_PARAMETERS_REQUIRED =
  'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.';

/** A presigned URL whose X-Amz-Date + X-Amz-Expires is in the past. */
export function requestExpired(expiresSeconds: number, expires: Date, now: Date): LambdaError {
  return new LambdaError('AccessDenied', 'Request has expired', 403, {
    'X-Amz-Expires': String(expiresSeconds),
    Expires: isoSeconds(expires),
    ServerTime: isoSeconds(now),
  });
}

/** A presigned URL dated further in the future than the allowed clock skew. */
export function requestNotValidYet(): LambdaError {
  return new LambdaError('AccessDenied', 'Request is not valid yet', 403);
}

/** A presigned URL that does not sign the Host header. */
export function headersNotSigned(names: string): LambdaError {
  return new LambdaError(
    'AccessDenied',
    'There were headers present in the request which were not signed',
    403,
    { HeadersNotSigned: names },
  );
}

/** A presigned URL for an access key id the endpoint does not know. */
export function invalidAccessKeyId(accessKeyId: string): LambdaError {
  return new LambdaError(
    'InvalidAccessKeyId',
    'The AWS Access Key Id you provided does not exist in our records.',
    403,
    { AWSAccessKeyId: accessKeyId },
  );
}

/** A presigned URL whose signature does not verify. */
export function signatureDoesNotMatch(accessKeyId: string): LambdaError {
  return new LambdaError(
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
    403,
    { AWSAccessKeyId: accessKeyId },
  );
}

/** `2020-10-15T02:03:37Z`: S3 reports times to the second. */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
