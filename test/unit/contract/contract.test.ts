import { describe, expect, it } from 'vitest';
import { CONTRACT } from '../../../src-main/contract/contract';
import { CHANNELS } from '../../../src-main/contract/channels';

describe('the contract', () => {
  it('has a request and a response schema for every channel', () => {
    expect(Object.keys(CONTRACT).sort()).toEqual(Object.values(CHANNELS).sort());
  });

  it('accepts a well-formed invoke and applies the default invocation type', () => {
    const parsed = CONTRACT['invoke:run'].request.parse({
      accountId: 'local',
      region: 'us-east-1',
      functionName: 'fn',
      payload: '{}',
    });
    expect(parsed.invocationType).toBe('RequestResponse');
  });

  it.each([
    [{ accountId: 'local', region: 'nowhere', functionName: 'fn', payload: '{}' }, 'region'],
    [{ accountId: '', region: 'us-east-1', functionName: 'fn', payload: '{}' }, 'accountId'],
    [
      { accountId: 'local', region: 'us-east-1', functionName: 'fn', payload: '{}', extra: 1 },
      'extra',
    ],
    [
      {
        accountId: 'local',
        region: 'us-east-1',
        functionName: 'fn',
        payload: '{}',
        invocationType: 'Later',
      },
      'invocationType',
    ],
  ])('rejects a malformed invoke request (%j)', (request, field) => {
    const result = CONTRACT['invoke:run'].request.safeParse(request);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(field);
  });

  it('rejects a payload over 6 MB before it reaches main services', () => {
    const result = CONTRACT['invoke:run'].request.safeParse({
      accountId: 'l',
      region: 'us-east-1',
      functionName: 'f',
      payload: 'x'.repeat(6_291_457),
    });
    expect(result.success).toBe(false);
  });
});
