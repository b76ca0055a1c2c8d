import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERY_PARAMETERS_REQUIRED } from '../../../../src-main/core/endpoint/auth/auth-errors';
import { generateLocalCredentials } from '../../../../src-main/core/endpoint/auth/local-credentials';
import { presignUrl } from '../../../../src-main/core/endpoint/auth/presigned-url';
import {
  type SignedRequest,
  verifySigV4,
} from '../../../../src-main/core/endpoint/auth/sigv4-verifier';
import { expectAuthError } from './auth-test-helpers';
import { type CaptureServer, startCaptureServer } from './capture-server';

const creds = generateLocalCredentials();
const SIGNED_AT = new Date('2026-06-01T12:00:00Z');
const PATH = '/2015-03-31/functions/orders%3Aprod/code/%24LATEST.zip';
let server: CaptureServer;
let request: SignedRequest;

beforeAll(async () => {
  server = await startCaptureServer();
  const url = await presignUrl({
    origin: server.endpoint,
    path: PATH,
    query: { versionId: 'a b+c/d' },
    credentials: creds,
    region: 'eu-west-1',
    now: SIGNED_AT,
  });
  // A real GET (undici), so the verifier sees the URL exactly as an HTTP client sends it.
  await (await fetch(url)).text();
  request = server.last();
});
afterAll(async () => {
  await server.close();
});

/** The presigned request with one query parameter replaced (or removed when value is undefined). */
function withParam(name: string, value: string | undefined): SignedRequest {
  const pieces = request.rawQuery.split('&').filter((p) => !p.startsWith(`${name}=`));
  if (value !== undefined) pieces.push(`${name}=${value}`);
  return { ...request, rawQuery: pieces.join('&') };
}

const at = (seconds: number): Date => new Date(SIGNED_AT.getTime() + seconds * 1000);
const paramsError = (changed: SignedRequest, message: string) =>
  expectAuthError(
    verifySigV4(changed, creds, at(1)),
    'AuthorizationQueryParametersError',
    400,
    message,
  );

describe('presignUrl / verifySigV4 with query-string authentication', () => {
  it('produces a URL that verifies as received over HTTP, for 10 minutes', async () => {
    expect(request.rawPath).toBe(PATH);
    expect(request.rawQuery).toContain('versionId=a%20b%2Bc%2Fd');
    expect(request.rawQuery).toContain(
      `X-Amz-Credential=${creds.accessKeyId}%2F20260601%2Feu-west-1%2Flambda%2Faws4_request`,
    );
    expect(request.rawQuery).toContain('X-Amz-Expires=600');
    expect(request.rawQuery).toContain('X-Amz-SignedHeaders=host');
    expect(request.headers.authorization).toBeUndefined();
    await expect(verifySigV4(request, creds, at(600))).resolves.toEqual({
      region: 'eu-west-1',
      service: 'lambda',
      accessKeyId: creds.accessKeyId,
    });
  });

  it('expires like an S3 presigned URL', async () => {
    const error = await expectAuthError(
      verifySigV4(request, creds, at(601)),
      'AccessDenied',
      403,
      'Request has expired',
    );
    expect(error.extra).toEqual({
      'X-Amz-Expires': '600',
      Expires: '2026-06-01T12:10:00Z',
      ServerTime: '2026-06-01T12:10:01Z',
    });
    await expectAuthError(
      verifySigV4(request, creds, at(-301)),
      'AccessDenied',
      403,
      'Request is not valid yet',
    );
  });

  it('rejects any change to path, query, host or secret with SignatureDoesNotMatch', async () => {
    const message =
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.';
    const changed: SignedRequest[] = [
      { ...request, rawPath: PATH.replace('orders', 'payments') },
      withParam('versionId', 'other'),
      withParam('X-Amz-Expires', '601'),
      { ...request, headers: { ...request.headers, host: 'localhost:1' } },
    ];
    for (const one of changed) {
      await expectAuthError(verifySigV4(one, creds, at(1)), 'SignatureDoesNotMatch', 403, message);
    }
    const other = { ...creds, secretAccessKey: generateLocalCredentials().secretAccessKey };
    await expectAuthError(
      verifySigV4(request, other, at(1)),
      'SignatureDoesNotMatch',
      403,
      message,
    );
  });

  it('rejects an unknown access key id', async () => {
    const error = await expectAuthError(
      verifySigV4(request, generateLocalCredentials(), at(1)),
      'InvalidAccessKeyId',
      403,
      'The AWS Access Key Id you provided does not exist in our records.',
    );
    expect(error.extra).toEqual({ AWSAccessKeyId: creds.accessKeyId });
  });

  it('rejects missing or malformed authentication parameters in S3 words', async () => {
    await paramsError(withParam('X-Amz-Expires', undefined), QUERY_PARAMETERS_REQUIRED);
    await paramsError(withParam('X-Amz-Signature', ''), QUERY_PARAMETERS_REQUIRED);
    await paramsError(
      withParam('X-Amz-Algorithm', 'AWS4-HMAC-SHA512'),
      'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256".',
    );
    await paramsError(
      withParam('X-Amz-Credential', 'a%2Fb'),
      'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
    );
    await paramsError(
      withParam('X-Amz-Date', '2026-06-01'),
      `X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`,
    );
    await paramsError(withParam('X-Amz-Expires', 'ten'), 'X-Amz-Expires should be a number');
    await paramsError(withParam('X-Amz-Expires', '-1'), 'X-Amz-Expires must be non-negative');
    await paramsError(
      withParam('X-Amz-Expires', '604801'),
      'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
    );
  });

  it('requires the Host header to be signed', async () => {
    const error = await expectAuthError(
      verifySigV4(withParam('X-Amz-SignedHeaders', 'x-amz-date'), creds, at(1)),
      'AccessDenied',
      403,
      'There were headers present in the request which were not signed',
    );
    expect(error.extra).toEqual({ HeadersNotSigned: 'host' });
  });

  it('refuses lifetimes SigV4 cannot express', async () => {
    const options = {
      origin: server.endpoint,
      path: PATH,
      credentials: creds,
      region: 'eu-west-1',
    };
    await expect(presignUrl({ ...options, expiresInSeconds: 604_801 })).rejects.toThrow(RangeError);
    await expect(presignUrl({ ...options, expiresInSeconds: 0 })).rejects.toThrow(RangeError);
  });
});
