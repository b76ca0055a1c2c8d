import { afterEach, describe, expect, it } from 'vitest';
import { StartQueryCommand } from '@aws-sdk/client-cloudwatch-logs';
import { createLogsApi } from '../../../src-main/core/endpoint/logs-api/logs-api';
import { LogStore } from '../../../src-main/core/logs/log-store';
import { awsError, rawCall, startLogsApi, type LogsHarness } from './logs-harness';

let harness: LogsHarness | undefined;
afterEach(async () => harness?.close());

describe('awsJson1_1 protocol', () => {
  it('serves POSTs whose X-Amz-Target starts with Logs_20140328.', () => {
    const api = createLogsApi(new LogStore(), { region: 'us-east-1', accountId: '123456789012' });
    const request = (method: string, target?: string) => ({
      method,
      rawPath: '/',
      headers: target === undefined ? {} : { 'x-amz-target': target },
    });
    expect(api.matches(request('POST', 'Logs_20140328.FilterLogEvents'))).toBe(true);
    expect(api.matches(request('GET', 'Logs_20140328.FilterLogEvents'))).toBe(false);
    expect(api.matches(request('POST', 'AWSLambda.Invoke'))).toBe(false);
    expect(api.matches(request('POST'))).toBe(false);
  });

  it('answers JSON with the awsJson1_1 content type and a request id', async () => {
    harness = await startLogsApi();
    const res = await fetch(harness.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'Logs_20140328.DescribeLogGroups' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ logGroups: [] });
  });

  it('writes errors as {"__type", "message"} with HTTP 400', async () => {
    harness = await startLogsApi();
    const out = await rawCall(
      harness.url,
      'Logs_20140328.DescribeLogStreams',
      '{"logGroupName":"/nope"}',
    );
    expect(out).toEqual({
      status: 400,
      contentType: 'application/x-amz-json-1.1',
      json: {
        __type: 'ResourceNotFoundException',
        message: 'The specified log group does not exist.',
      },
    });
  });

  it('answers UnknownOperationException naming an operation it does not serve, never a silent success', async () => {
    harness = await startLogsApi();
    const out = await rawCall(harness.url, 'Logs_20140328.FrobnicateLogs', '{}');
    expect(out.status).toBe(400);
    expect(out.json['__type']).toBe('UnknownOperationException');
    expect(out.json['message']).toContain('Logs_20140328.FrobnicateLogs');
    const viaSdk = await awsError(
      harness.client.send(
        new StartQueryCommand({
          logGroupName: '/g',
          startTime: 0,
          endTime: 1,
          queryString: 'fields @message',
        }),
      ),
    );
    expect(viaSdk).toMatchObject({ name: 'UnknownOperationException', status: 400 });
    expect(viaSdk.message).toContain('StartQuery');
  });

  it('answers SerializationException for a body that is not a JSON object, and for wrong types', async () => {
    harness = await startLogsApi();
    const notJson = await rawCall(harness.url, 'Logs_20140328.DescribeLogGroups', '{oops');
    expect(notJson.status).toBe(400);
    expect(notJson.json['__type']).toBe('SerializationException');
    const wrongType = await rawCall(
      harness.url,
      'Logs_20140328.DescribeLogGroups',
      '{"limit":"5"}',
    );
    expect(wrongType.json['__type']).toBe('SerializationException');
  });

  it('uses the region of the request for ARNs', async () => {
    harness = await startLogsApi();
    harness.store.createGroup('/g');
    const out = await rawCall(harness.url, 'Logs_20140328.DescribeLogGroups', '{}');
    const groups = out.json['logGroups'] as { logGroupArn: string }[];
    expect(groups[0]?.logGroupArn).toBe('arn:aws:logs:us-east-1:123456789012:log-group:/g');
  });
});
