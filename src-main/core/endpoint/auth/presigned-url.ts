import type { LocalCredentials } from '../endpoint-types';
import {
  QUERY_PARAMETERS_REQUIRED,
  headersNotSigned,
  invalidAccessKeyId,
  queryParametersError,
  requestExpired,
  requestNotValidYet,
  signatureDoesNotMatch,
} from './auth-errors';
import { SIGV4_ALGORITHM } from './authorization-header';
import {
  type QueryParams,
  createSigner,
  emptyQuery,
  sameSignature,
  sha256Hex,
  signingRequest,
} from './canonical-request';
import { CLOCK_SKEW_MS, isRegionName, parseAmzDate, splitCredential } from './signature-checks';
import type { SignedRequest, VerifiedScope } from './sigv4-verifier';

/** Longest a SigV4 presigned URL may live (a week), as SignatureV4 and S3 enforce. */
export const MAX_PRESIGN_SECONDS = 604_800;
/** GetFunction's Code.Location "is valid for 10 minutes" (Lambda API reference). */
export const CODE_LOCATION_SECONDS = 600;

const AUTH_PARAMS = new Set([
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
]);

/** What presignUrl signs: a GET on this endpoint, e.g. a function's code download. */
export interface PresignOptions {
  /** Where clients reach the endpoint, e.g. `http://127.0.0.1:9001`; its host is signed. */
  readonly origin: string;
  /** Path exactly as it will be sent (percent-encoded). */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly credentials: LocalCredentials;
  readonly region: string;
  readonly service?: string;
  readonly expiresInSeconds?: number;
  readonly now?: Date;
}

/** Presigns a GET URL on the endpoint (SignatureV4.presign) that verifySigV4 accepts until it expires. */
export async function presignUrl(options: PresignOptions): Promise<string> {
  const expiresIn = options.expiresInSeconds ?? CODE_LOCATION_SECONDS;
  if (!Number.isInteger(expiresIn) || expiresIn < 1 || expiresIn > MAX_PRESIGN_SECONDS) {
    // SignatureV4.presign would reject with a bare string; fail clearly instead.
    throw new RangeError(`expiresInSeconds must be 1-${MAX_PRESIGN_SECONDS}, got ${expiresIn}`);
  }
  const origin = new URL(options.origin);
  const { request } = signingRequest({
    method: 'GET',
    rawPath: options.path,
    query: Object.assign(emptyQuery(), options.query),
    headers: { host: origin.host },
    signedHeaders: ['host'],
    payloadHash: sha256Hex(Buffer.alloc(0)),
  });
  const signer = createSigner(options.credentials, options.region, options.service ?? 'lambda');
  const signed = await signer.presign(request, {
    signingDate: options.now ?? new Date(),
    expiresIn,
    unhoistableHeaders: new Set(['x-amz-content-sha256']),
    unsignableHeaders: new Set(['x-amz-content-sha256']),
  });
  return `${origin.origin}${options.path}?${formatQuery(signed.query ?? {})}`;
}

/** Query string with RFC 3986 encoding, the same SignatureV4 canonicalises with. */
function formatQuery(query: Record<string, string | string[] | null>): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    for (const one of Array.isArray(value) ? value : [value ?? '']) {
      pairs.push(`${rfc3986(key)}=${rfc3986(one)}`);
    }
  }
  return pairs.join('&');
}

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

// The only presigned URLs the endpoint hands out stand in for S3's Code.Location links, so
// failures use S3's codes and wording (see auth-errors).

/** Verifies query-string (presigned) SigV4 auth, failing with S3's error codes. */
export async function verifyPresignedRequest(
  request: SignedRequest,
  query: QueryParams,
  credentials: LocalCredentials,
  now: Date,
): Promise<VerifiedScope> {
  const param = (name: string): string | undefined => {
    const value = query[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const algorithm = param('X-Amz-Algorithm');
  const credential = param('X-Amz-Credential');
  const amzDate = param('X-Amz-Date');
  const expiresText = param('X-Amz-Expires');
  const signedList = param('X-Amz-SignedHeaders');
  const signature = param('X-Amz-Signature');
  if (!algorithm || !credential || !amzDate || !expiresText || !signedList || !signature) {
    throw queryParametersError(QUERY_PARAMETERS_REQUIRED);
  }
  if (algorithm !== SIGV4_ALGORITHM) {
    throw queryParametersError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256".');
  }
  const scope = splitCredential(credential);
  if (!scope || scope.terminator !== 'aws4_request' || !isRegionName(scope.region)) {
    throw queryParametersError(
      'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
    );
  }
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate) {
    throw queryParametersError(
      `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`,
    );
  }
  const expiresIn = parseExpires(expiresText);
  const signedHeaders = signedList.split(';').map((h) => h.toLowerCase());
  if (!signedHeaders.includes('host')) throw headersNotSigned('host');
  if (scope.accessKeyId !== credentials.accessKeyId) throw invalidAccessKeyId(scope.accessKeyId);
  if (signingDate.getTime() > now.getTime() + CLOCK_SKEW_MS) throw requestNotValidYet();
  const expiresAt = new Date(signingDate.getTime() + expiresIn * 1000);
  if (now > expiresAt) throw requestExpired(expiresIn, expiresAt, now);

  const rest = emptyQuery();
  for (const [key, value] of Object.entries(query)) if (!AUTH_PARAMS.has(key)) rest[key] = value;
  const { request: toSign, ...headerSets } = signingRequest({
    ...request,
    query: rest,
    signedHeaders,
    payloadHash: sha256Hex(request.body),
  });
  const signer = createSigner(credentials, scope.region, scope.service);
  const presigned = await signer.presign(toSign, {
    signingDate,
    expiresIn,
    ...headerSets,
    // Keep signed x-amz-* headers as headers: presign would otherwise move them into the query.
    unhoistableHeaders: new Set([...signedHeaders, 'x-amz-content-sha256']),
  });
  const expected = presigned.query?.['X-Amz-Signature'];
  if (typeof expected !== 'string' || !sameSignature(expected, signature)) {
    throw signatureDoesNotMatch(scope.accessKeyId);
  }
  return { region: scope.region, service: scope.service, accessKeyId: scope.accessKeyId };
}

function parseExpires(text: string): number {
  if (/^-\d+$/.test(text)) throw queryParametersError('X-Amz-Expires must be non-negative');
  if (!/^\d+$/.test(text)) throw queryParametersError('X-Amz-Expires should be a number');
  const seconds = Number(text);
  if (seconds > MAX_PRESIGN_SECONDS) {
    throw queryParametersError(
      'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
    );
  }
  return seconds;
}
