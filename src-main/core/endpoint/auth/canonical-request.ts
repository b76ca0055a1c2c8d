import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { LocalCredentials } from '../endpoint-types';
import { headerValue } from './authorization-header';

/** Decoded query parameters in the shape SignatureV4 canonicalises (repeated keys -> arrays). */
export type QueryParams = Record<string, string | string[]>;

const CONTENT_SHA256 = 'x-amz-content-sha256';

// SigV4 canonicalises decoded names and values re-encoded with RFC 3986 rules, which is what
// SignatureV4 does with this map. SDK v3 (escapeUri) and botocore (quote, safe '-_.~') put exactly
// that encoding on the wire, so a decode/re-encode round trip reproduces their canonical query.
// `+` stays a plus (decodeURIComponent, not form decoding): both clients send a space as %20 and
// a plus as %2B. An undecodable `%zz` is kept as sent (and then fails the signature).

/** Decodes a raw query string into the map SignatureV4 canonicalises. */
export function parseRawQuery(rawQuery: string): QueryParams {
  const query = emptyQuery();
  for (const piece of rawQuery.split('&')) {
    if (piece === '') continue;
    const equals = piece.indexOf('=');
    const key = decode(equals < 0 ? piece : piece.slice(0, equals));
    const value = equals < 0 ? '' : decode(piece.slice(equals + 1));
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

/** A QueryParams without a prototype, so keys like `__proto__` are plain data. */
export function emptyQuery(): QueryParams {
  return Object.create(null) as QueryParams;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Hex SHA-256 of a body, with Node's native hash (bodies reach 70 MB; sha256-js is pure JS). */
export function sha256Hex(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** Compares two signatures in constant time (lengths are not secret). */
export function sameSignature(expected: string, provided: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(provided, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What SignatureV4 needs to recompute a client's signature. */
export interface SigningInput {
  readonly method: string;
  readonly rawPath: string;
  readonly query: QueryParams;
  readonly headers: IncomingHttpHeaders;
  readonly signedHeaders: readonly string[];
  /** Payload hash for the canonical request: the hex SHA-256 of the body as received. */
  readonly payloadHash: string;
}

// To canonicalise exactly the client's SignedHeaders: only those headers are copied (SignatureV4
// would otherwise sign every header it sees), `signableHeaders` forces in ones it normally skips
// (user-agent, expect), and the payload hash rides in x-amz-content-sha256, which SignatureV4
// reads instead of hashing the body itself, marked unsignable when the client did not sign it.

/** The request SignatureV4 should sign to reproduce a client's signature, with its header sets. */
export function signingRequest(input: SigningInput): {
  request: HttpRequest;
  signableHeaders: Set<string>;
  unsignableHeaders: Set<string>;
} {
  const signableHeaders = new Set(input.signedHeaders);
  const headers: Record<string, string> = {};
  for (const name of signableHeaders) {
    const value = headerValue(input.headers, name);
    if (value !== undefined) headers[name] = value;
  }
  if (!signableHeaders.has(CONTENT_SHA256)) headers[CONTENT_SHA256] = input.payloadHash;
  const unsignableHeaders = new Set(signableHeaders.has(CONTENT_SHA256) ? [] : [CONTENT_SHA256]);
  // The raw path is passed through still percent-encoded: SignatureV4 (uriEscapePath) encodes
  // it once more, as SDK v3 and botocore do for every service but S3 ("%24LATEST" -> "%2524LATEST").
  const request = new HttpRequest({
    method: input.method,
    protocol: 'http:',
    hostname: headers['host'] ?? 'localhost',
    path: input.rawPath,
    query: input.query,
    headers,
  });
  return { request, signableHeaders, unsignableHeaders };
}

/** A SignatureV4 for the endpoint's credentials and a request's scope. */
export function createSigner(
  credentials: LocalCredentials,
  region: string,
  service: string,
): SignatureV4 {
  return new SignatureV4({
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
    },
    region,
    service,
    sha256: Sha256,
    uriEscapePath: true,
    // Never add x-amz-content-sha256 ourselves: only the client's own headers may be signed.
    applyChecksum: false,
  });
}

/** The signature SignatureV4 computes for an Authorization-header request. */
export async function expectedHeaderSignature(
  input: SigningInput,
  credentials: LocalCredentials,
  scope: { region: string; service: string },
  signingDate: Date,
): Promise<string> {
  const { request, signableHeaders, unsignableHeaders } = signingRequest(input);
  const signer = createSigner(credentials, scope.region, scope.service);
  const signed = await signer.sign(request, { signingDate, signableHeaders, unsignableHeaders });
  const authorization = String(signed.headers['authorization'] ?? '');
  return /Signature=([0-9a-f]+)$/.exec(authorization)?.[1] ?? '';
}
