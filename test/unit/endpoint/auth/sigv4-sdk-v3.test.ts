import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ListFunctionsCommand,
} from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_MISMATCH } from '../../../../src-main/core/endpoint/auth/auth-errors';
import { generateLocalCredentials } from '../../../../src-main/core/endpoint/auth/local-credentials';
import { parseAmzDate } from '../../../../src-main/core/endpoint/auth/signature-checks';
import {
  type SignedRequest,
  assertSigningService,
  verifySigV4,
} from '../../../../src-main/core/endpoint/auth/sigv4-verifier';
import type { LocalCredentials } from '../../../../src-main/core/endpoint/endpoint-types';
import { expectAuthError, rejection } from './auth-test-helpers';
import { type CaptureServer, startCaptureServer } from './capture-server';

// Real SDK v3 clients talk to a real HTTP server; the verifier sees the bytes as they arrived.
const creds: LocalCredentials = generateLocalCredentials();
let server: CaptureServer;

beforeAll(async () => {
  server = await startCaptureServer();
});
afterAll(async () => {
  await server.close();
});

function lambda(credentials: LocalCredentials & { sessionToken?: string } = creds): LambdaClient {
  return new LambdaClient({ region: 'eu-west-1', endpoint: server.endpoint, credentials });
}

function logs(credentials: LocalCredentials = creds): CloudWatchLogsClient {
  return new CloudWatchLogsClient({
    region: 'ap-southeast-2',
    endpoint: server.endpoint,
    credentials,
  });
}

function signedAt(request: SignedRequest): Date {
  return parseAmzDate(String(request.headers['x-amz-date']))!;
}

describe('verifySigV4 with requests signed by AWS SDK v3', () => {
  it('accepts ListFunctions with MaxItems and a Marker full of reserved characters', async () => {
    await lambda().send(new ListFunctionsCommand({ MaxItems: 10, Marker: 'a b/c+d=e&f~*%$' }));
    const request = server.last();
    expect(request.rawQuery).toContain('Marker=a%20b%2Fc%2Bd%3De%26f~%2A%25%24');
    expect(await verifySigV4(request, creds)).toEqual({
      region: 'eu-west-1',
      service: 'lambda',
      accessKeyId: creds.accessKeyId,
    });
  });

  it('accepts Invoke on an ARN with Qualifier $LATEST and a JSON body (double-encoded path)', async () => {
    const FunctionName = 'arn:aws:lambda:eu-west-1:123456789012:function:orders';
    const Payload = Buffer.from(JSON.stringify({ order: 42, note: 'über' }));
    await lambda().send(new InvokeCommand({ FunctionName, Qualifier: '$LATEST', Payload }));
    const request = server.last();
    expect(request.rawPath).toBe(
      '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A123456789012%3Afunction%3Aorders/invocations',
    );
    expect(request.rawQuery).toBe('Qualifier=%24LATEST');
    expect(request.body).toEqual(Payload);
    await expect(verifySigV4(request, creds)).resolves.toMatchObject({ service: 'lambda' });
  });

  it('accepts names and qualifiers with spaces and sub-delims, and an empty-bodied DELETE', async () => {
    await lambda().send(new GetFunctionCommand({ FunctionName: 'my fn', Qualifier: "a b!'()*:" }));
    expect(server.last().rawPath).toBe('/2015-03-31/functions/my%20fn');
    await expect(verifySigV4(server.last(), creds)).resolves.toMatchObject({ region: 'eu-west-1' });
    await lambda().send(new DeleteFunctionCommand({ FunctionName: 'fn:prod' }));
    expect(server.last()).toMatchObject({ method: 'DELETE', body: Buffer.alloc(0) });
    await expect(verifySigV4(server.last(), creds)).resolves.toMatchObject({ service: 'lambda' });
  });

  it('accepts a CreateFunction POST with a base64 zip in its JSON body', async () => {
    await lambda().send(
      new CreateFunctionCommand({
        FunctionName: 'orders',
        Role: 'arn:aws:iam::123456789012:role/r',
        Code: { ZipFile: Buffer.alloc(64 * 1024, 7) },
      }),
    );
    expect(server.last().body.length).toBeGreaterThan(64 * 1024);
    await expect(verifySigV4(server.last(), creds)).resolves.toMatchObject({ service: 'lambda' });
  });

  it('accepts CloudWatch Logs awsJson POSTs (X-Amz-Target) with the logs scope', async () => {
    await logs().send(
      new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/', limit: 5 }),
    );
    expect(server.last().headers['x-amz-target']).toBe('Logs_20140328.DescribeLogGroups');
    const scope = await verifySigV4(server.last(), creds);
    expect(scope).toEqual({
      region: 'ap-southeast-2',
      service: 'logs',
      accessKeyId: creds.accessKeyId,
    });
    assertSigningService(scope, 'logs', server.last().headers);
    await logs().send(
      new FilterLogEventsCommand({
        logGroupName: '/aws/lambda/orders',
        filterPattern: 'ERROR "a b"',
      }),
    );
    await expect(verifySigV4(server.last(), creds)).resolves.toMatchObject({ service: 'logs' });
  });

  it('accepts a client that also sends a session token (it is signed like any header)', async () => {
    await lambda({ ...creds, sessionToken: 'stale-token' }).send(new ListFunctionsCommand({}));
    expect(server.last().headers['x-amz-security-token']).toBe('stale-token');
    await expect(verifySigV4(server.last(), creds)).resolves.toMatchObject({ service: 'lambda' });
  });

  it('rejects the wrong secret: 403 for Lambda, 400 for Logs', async () => {
    const wrong = { ...creds, secretAccessKey: generateLocalCredentials().secretAccessKey };
    await lambda(wrong).send(new ListFunctionsCommand({}));
    await expectAuthError(
      verifySigV4(server.last(), creds),
      'InvalidSignatureException',
      403,
      SIGNATURE_MISMATCH,
    );
    await logs(wrong).send(new DescribeLogGroupsCommand({}));
    await expectAuthError(
      verifySigV4(server.last(), creds),
      'InvalidSignatureException',
      400,
      SIGNATURE_MISMATCH,
    );
  });

  it('rejects an unknown access key id', async () => {
    const message = 'The security token included in the request is invalid.';
    await lambda(generateLocalCredentials()).send(new ListFunctionsCommand({}));
    await expectAuthError(
      verifySigV4(server.last(), creds),
      'UnrecognizedClientException',
      403,
      message,
    );
    await logs(generateLocalCredentials()).send(new DescribeLogGroupsCommand({}));
    await expectAuthError(
      verifySigV4(server.last(), creds),
      'UnrecognizedClientException',
      400,
      message,
    );
  });

  it('rejects a request signed more than 5 minutes before or after now, in AWS words', async () => {
    await lambda().send(new ListFunctionsCommand({}));
    const request = server.last();
    const date = String(request.headers['x-amz-date']);
    const at = signedAt(request).getTime();
    const stamp = (ms: number): string =>
      new Date(ms)
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, '');
    const late = at + 6 * 60_000 + 250;
    await expectAuthError(
      verifySigV4(request, creds, new Date(late)),
      'InvalidSignatureException',
      403,
      `Signature expired: ${date} is now earlier than ${stamp(at + 60_000)} (${stamp(at + 6 * 60_000)} - 5 min.)`,
    );
    await expectAuthError(
      verifySigV4(request, creds, new Date(at - 6 * 60_000)),
      'InvalidSignatureException',
      403,
      `Signature not yet current: ${date} is still later than ${stamp(at - 60_000)} (${stamp(at - 6 * 60_000)} + 5 min.)`,
    );
    await expect(verifySigV4(request, creds, new Date(at + 5 * 60_000))).resolves.toBeDefined();
  });

  it('rejects a request whose body, query or path changed after signing', async () => {
    await lambda().send(
      new InvokeCommand({ FunctionName: 'orders', Qualifier: 'prod', Payload: Buffer.from('{}') }),
    );
    const request = server.last();
    const tampered: SignedRequest[] = [
      { ...request, body: Buffer.from('{"x":1}') },
      { ...request, rawQuery: 'Qualifier=dev' },
      { ...request, rawPath: request.rawPath.replace('orders', 'payments') },
      { ...request, method: 'PUT' },
    ];
    for (const changed of tampered) {
      const error = await rejection(verifySigV4(changed, creds));
      expect([error.code, error.message]).toEqual([
        'InvalidSignatureException',
        SIGNATURE_MISMATCH,
      ]);
    }
  });

  it('assertSigningService rejects a scope for another service', async () => {
    await logs().send(new DescribeLogGroupsCommand({}));
    const scope = await verifySigV4(server.last(), creds);
    const error = await rejection(
      Promise.resolve().then(() => assertSigningService(scope, 'lambda', {})),
    );
    expect([error.code, error.statusCode, error.message]).toEqual([
      'InvalidSignatureException',
      403,
      "Credential should be scoped to correct service: 'lambda'.",
    ]);
  });
});
