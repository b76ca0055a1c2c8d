import { createHash } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_MISMATCH } from '../../../../src-main/core/endpoint/auth/auth-errors';
import {
  type SignedRequest,
  verifySigV4,
} from '../../../../src-main/core/endpoint/auth/sigv4-verifier';
import type { LocalCredentials } from '../../../../src-main/core/endpoint/endpoint-types';
import { expectAuthError } from './auth-test-helpers';

const creds: LocalCredentials = {
  accessKeyId: 'LKIAERRORS0000000000',
  secretAccessKey: 'errors/Secret+Key00000000000000000000000',
};
const NOW = new Date('2026-03-04T05:06:07Z');
const AMZ_DATE = '20260304T050607Z';
const LIST: SignedRequest = {
  method: 'GET',
  rawPath: '/2015-03-31/functions',
  rawQuery: '',
  headers: { host: '127.0.0.1:9001' },
  body: Buffer.alloc(0),
};
const LOGS: SignedRequest = {
  method: 'POST',
  rawPath: '/',
  rawQuery: '',
  headers: {
    host: '127.0.0.1:9001',
    'content-type': 'application/x-amz-json-1.1',
    'x-amz-target': 'Logs_20140328.DescribeLogGroups',
  },
  body: Buffer.from('{}'),
};

/** The request with an Authorization header (and X-Amz-Date) set as given. */
function withAuth(request: SignedRequest, authorization: string, date = AMZ_DATE): SignedRequest {
  return {
    ...request,
    headers: { ...request.headers, authorization, ...(date ? { 'x-amz-date': date } : {}) },
  };
}

/** Signs a request properly, with SignatureV4 standing in for a client (query = rawQuery decoded). */
async function sign(
  request: SignedRequest,
  service = 'lambda',
  query: Record<string, string | string[]> = {},
): Promise<SignedRequest> {
  const signer = new SignatureV4({
    credentials: creds,
    region: 'us-east-1',
    service,
    sha256: Sha256,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method,
      hostname: '127.0.0.1',
      path: request.rawPath,
      query,
      headers: { ...(request.headers as Record<string, string>) },
      body: request.body,
    }),
    { signingDate: NOW },
  );
  return { ...request, headers: { ...request.headers, ...signed.headers } };
}

const lambdaIncomplete = (request: SignedRequest, message: string) =>
  expectAuthError(verifySigV4(request, creds, NOW), 'IncompleteSignatureException', 403, message);

describe('verifySigV4 rejects unsigned and malformed requests in AWS words', () => {
  it('answers an unsigned request as Lambda (403) or Logs (400) does', async () => {
    await expectAuthError(
      verifySigV4(LIST, creds, NOW),
      'MissingAuthenticationTokenException',
      403,
      'Missing Authentication Token',
    );
    const message = 'Request is missing Authentication Token';
    await expectAuthError(
      verifySigV4(LOGS, creds, NOW),
      'MissingAuthenticationTokenException',
      400,
      message,
    );
    await expectAuthError(
      verifySigV4(withAuth(LOGS, 'Bearer abc'), creds, NOW),
      'MissingAuthenticationTokenException',
      400,
      message,
    );
  });

  it('refuses header and query authentication together', async () => {
    const both = {
      ...withAuth(LIST, 'AWS4-HMAC-SHA256 x=y'),
      rawQuery: 'X-Amz-Algorithm=AWS4-HMAC-SHA256',
    };
    await expectAuthError(
      verifySigV4(both, creds, NOW),
      'InvalidSignatureException',
      403,
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    );
  });

  it('lists every missing part, then echoes the header (DynamoDB wording)', async () => {
    await lambdaIncomplete(
      withAuth(LIST, 'AWS4-', ''),
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-",
    );
    await lambdaIncomplete(
      withAuth(LIST, 'AWS4- Signature=b, Credential=a'),
      "Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4- Signature=b, Credential=a",
    );
  });

  it('points at a token without an equal sign (a stray space after Credential=)', async () => {
    const header = `AWS4-HMAC-SHA256 Credential= ${creds.accessKeyId}/20260304/us-east-1/lambda/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`;
    await lambdaIncomplete(
      withAuth(LIST, header),
      `'${creds.accessKeyId}/20260304/us-east-1/lambda/aws4_request' not a valid key=value pair (missing equal-sign) in Authorization header: '${header}'.`,
    );
  });

  it('checks the date, Host, algorithm and credential shape in that order', async () => {
    const good = `Credential=${creds.accessKeyId}/20260304/us-east-1/lambda/aws4_request`;
    await lambdaIncomplete(
      withAuth(LIST, `AWS4-HMAC-SHA256 ${good}, SignedHeaders=host, Signature=a`, '201'),
      "Date must be in ISO-8601 'basic format'. Got '201'. See http://en.wikipedia.org/wiki/ISO_8601",
    );
    await expectAuthError(
      verifySigV4(
        withAuth(LIST, `AWS4-HMAC-SHA25 ${good}, SignedHeaders=x-amz-date, Signature=a`),
        creds,
        NOW,
      ),
      'InvalidSignatureException',
      403,
      "'Host' must be a 'SignedHeader' in the AWS Authorization.",
    );
    await lambdaIncomplete(
      withAuth(LIST, `AWS4-HMAC-SHA25 ${good}, SignedHeaders=host, Signature=a`),
      "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA25' (only AWS4-HMAC-SHA256 for now).",
    );
    await lambdaIncomplete(
      withAuth(LIST, 'AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=a'),
      "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'a/b/c/d'",
    );
  });

  it('reports every scope problem at once', async () => {
    await expectAuthError(
      verifySigV4(
        withAuth(LOGS, 'AWS4-HMAC-SHA256 Credential=a/b/c/logs/e, SignedHeaders=host, Signature=a'),
        creds,
        NOW,
      ),
      'InvalidSignatureException',
      400,
      "Credential should be scoped to a valid region, not 'c'. Credential should be scoped with a valid terminator: 'aws4_request', not 'e'. Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: 'b' != '20260304', from '20260304T050607Z'.",
    );
  });

  it('verifies a properly signed request, and rejects a bad signature or payload hash', async () => {
    const signed = await sign(LIST);
    await expect(verifySigV4(signed, creds, NOW)).resolves.toEqual({
      region: 'us-east-1',
      service: 'lambda',
      accessKeyId: creds.accessKeyId,
    });
    const auth = String(signed.headers['authorization']);
    const badSignatures = [
      auth.replace(/Signature=\w+/, 'Signature=zz'),
      auth.replace(/.$/, (c) => (c === '0' ? '1' : '0')),
    ];
    for (const header of badSignatures) {
      await expectAuthError(
        verifySigV4(withAuth(signed, header), creds, NOW),
        'InvalidSignatureException',
        403,
        SIGNATURE_MISMATCH,
      );
    }
    const logs = await sign(LOGS, 'logs');
    const lying = {
      ...logs,
      headers: {
        ...logs.headers,
        'x-amz-content-sha256': createHash('sha256').update('{"a":1}').digest('hex'),
      },
    };
    await expectAuthError(
      verifySigV4(lying, creds, NOW),
      'InvalidSignatureException',
      400,
      SIGNATURE_MISMATCH,
    );
  });

  it('treats query keys such as __proto__ and constructor as data, not prototype', async () => {
    // SignatureV4 itself canonicalises a __proto__ parameter as "[object Object]" (its map is a
    // plain object), so such values are not covered by SDK v3 signatures; we only must not crash.
    const query = JSON.parse('{"__proto__":["b","a"],"constructor":"1","X":"é"}') as Record<
      string,
      string[] | string
    >;
    const signed = await sign(
      { ...LIST, rawQuery: '__proto__=b&constructor=1&__proto__=a&X=%C3%A9' },
      'lambda',
      query,
    );
    await expect(verifySigV4(signed, creds, NOW)).resolves.toMatchObject({ service: 'lambda' });
    await expectAuthError(
      verifySigV4(
        { ...signed, rawQuery: '__proto__=b&constructor=2&__proto__=a&X=%C3%A9' },
        creds,
        NOW,
      ),
      'InvalidSignatureException',
      403,
      SIGNATURE_MISMATCH,
    );
  });
});
