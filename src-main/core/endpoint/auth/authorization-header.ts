import type { IncomingHttpHeaders } from 'node:http';
import { type AuthDialect, incompleteSignature } from './auth-errors';

/** The SigV4 algorithm every AWS client uses; SigV4a (ECDSA) is not accepted. */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256';

/** The parts of `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...`. */
export interface AuthorizationHeader {
  readonly algorithm: string;
  readonly credential: string;
  /** Lower-case header names, in the order the client listed them. */
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  /** X-Amz-Date, or the Date header when there is none. */
  readonly amzDate: string;
}

/** One header's value as a string; Node gives arrays only for set-cookie, joined as SigV4 does. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

// Checks and wording follow DynamoDB's answers recorded in mhart/dynalite (index.js,
// test/connection.js): first every token must be key=value (github.com/boto/boto3/issues/2280
// shows that answer), then all three parts and a date header must be present.

/** Parses an `AWS4-*` Authorization header, rejecting it in AWS's words when a part is missing. */
export function parseAuthorizationHeader(
  header: string,
  headers: IncomingHttpHeaders,
  dialect: AuthDialect,
): AuthorizationHeader {
  const trimmed = header.trim();
  const space = trimmed.search(/\s/);
  const algorithm = space < 0 ? trimmed : trimmed.slice(0, space);
  const tokens = (space < 0 ? '' : trimmed.slice(space)).split(/[\s,]+/).filter(Boolean);
  const params = new Map<string, string>();
  for (const token of tokens) {
    const equals = token.indexOf('=');
    if (equals < 0) {
      throw incompleteSignature(
        dialect,
        `'${token}' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`,
      );
    }
    params.set(token.slice(0, equals), token.slice(equals + 1));
  }
  const amzDate = headerValue(headers, 'x-amz-date') ?? headerValue(headers, 'date');
  const problems: string[] = [];
  for (const name of ['Credential', 'Signature', 'SignedHeaders']) {
    if (!params.get(name)) problems.push(`Authorization header requires '${name}' parameter.`);
  }
  if (amzDate === undefined) {
    problems.push(
      "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
    );
  }
  if (problems.length > 0 || amzDate === undefined) {
    throw incompleteSignature(dialect, `${problems.join(' ')} Authorization=${header}`);
  }
  return {
    algorithm,
    credential: params.get('Credential') ?? '',
    signedHeaders: (params.get('SignedHeaders') ?? '').split(';').map((h) => h.toLowerCase()),
    signature: params.get('Signature') ?? '',
    amzDate,
  };
}
