import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SIGNATURE_MISMATCH } from '../../../../src-main/core/endpoint/auth/auth-errors';
import { parseAmzDate } from '../../../../src-main/core/endpoint/auth/signature-checks';
import {
  type SignedRequest,
  verifySigV4,
} from '../../../../src-main/core/endpoint/auth/sigv4-verifier';
import type { LocalCredentials } from '../../../../src-main/core/endpoint/endpoint-types';
import { expectAuthError, splitUrl } from './auth-test-helpers';

interface Fixture {
  readonly credentials: LocalCredentials;
  readonly requests: readonly {
    command: string;
    method: string;
    url: string;
    headers: Record<string, string>;
    bodyBase64: string;
  }[];
}

// Real botocore output: aws-cli 1.45.11 captured on the wire (see the fixture's "about"). botocore
// signs only host, x-amz-date and (when present) content-type / x-amz-target, sends no
// x-amz-content-sha256, and adds amz-sdk-* headers after signing, so the body hash is the body's.
const fixture = JSON.parse(
  readFileSync(fileURLToPath(new URL('fixtures/aws-cli-requests.json', import.meta.url)), 'utf8'),
) as Fixture;

const requests = fixture.requests.map((r) => ({
  command: r.command,
  request: {
    method: r.method,
    ...splitUrl(r.url),
    headers: r.headers,
    body: Buffer.from(r.bodyBase64, 'base64'),
  } satisfies SignedRequest,
}));

function signedAt(request: SignedRequest): Date {
  return parseAmzDate(String(request.headers['x-amz-date']))!;
}

describe('verifySigV4 with requests signed by the AWS CLI (botocore)', () => {
  it.each(requests)('accepts `$command`', async ({ request }) => {
    const scope = await verifySigV4(request, fixture.credentials, signedAt(request));
    const service = request.headers['x-amz-target'] === undefined ? 'lambda' : 'logs';
    expect(scope).toEqual({
      region: 'eu-west-1',
      service,
      accessKeyId: fixture.credentials.accessKeyId,
    });
  });

  it('covers the encodings that matter: ARN colons, $LATEST, spaces, sub-delims, UTF-8 bodies', () => {
    const urls = requests.map((r) => `${r.request.rawPath}?${r.request.rawQuery}`).join('\n');
    expect(urls).toContain(
      '/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Amy-fn?Qualifier=%24LATEST',
    );
    expect(urls).toContain('/functions/my%20fn/configuration?Qualifier=al%20ias%21%2A%28%29');
    expect(urls).toContain('Marker=a%20b%2Fc%2Bd%3De%26f~%2A');
    expect(requests.some((r) => r.request.body.toString('utf8').includes('ü'))).toBe(true);
  });

  it('rejects another secret and a changed signed header; ignores a changed unsigned one', async () => {
    const first = requests[0]!.request;
    const other = { ...fixture.credentials, secretAccessKey: 'x'.repeat(40) };
    await expectAuthError(
      verifySigV4(first, other, signedAt(first)),
      'InvalidSignatureException',
      403,
      SIGNATURE_MISMATCH,
    );
    // amz-sdk-invocation-id is not in botocore's SignedHeaders, so changing it is harmless...
    const unsignedChanged = {
      ...first,
      headers: { ...first.headers, 'amz-sdk-request': 'attempt=2' },
    };
    await expect(
      verifySigV4(unsignedChanged, fixture.credentials, signedAt(first)),
    ).resolves.toBeDefined();
    // ...but a signed one is not.
    const logs = requests.find((r) => r.request.headers['x-amz-target'] !== undefined)!.request;
    const retargeted = {
      ...logs,
      headers: { ...logs.headers, 'x-amz-target': 'Logs_20140328.DeleteLogGroup' },
    };
    await expectAuthError(
      verifySigV4(retargeted, fixture.credentials, signedAt(logs)),
      'InvalidSignatureException',
      400,
      SIGNATURE_MISMATCH,
    );
  });
});
