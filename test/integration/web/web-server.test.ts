import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Router } from '../../../src-main/router/router';
import { WebServer } from '../../../src-main/web/web-server';

const account = { id: 'local', name: 'Local', kind: 'local' as const, defaultRegion: 'us-east-1' };
const server = new WebServer({
  router: new Router({
    'accounts:list': async () => [account],
    'functions:list': async () => [],
    'functions:get': async () => {
      throw new Error('not used');
    },
    'invoke:run': async () => ({ statusCode: 200, payload: '"pong"', logs: '' }),
  }),
});
let url: URL;
beforeAll(async () => {
  url = new URL(await server.listen());
});
afterAll(() => server.close());

function connect(token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${url.host}/contract?token=${token}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function call(
  ws: WebSocket,
  message: unknown,
): Promise<{ id: number | null; result: { ok: boolean } }> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

describe('web mode transport', () => {
  it('listens on 127.0.0.1 with a long random token in the URL', () => {
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')?.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses the page and the socket without the token', async () => {
    expect((await fetch(`http://${url.host}/`)).status).toBe(401);
    expect((await fetch(`http://${url.host}/?token=wrong`)).status).toBe(401);
    await expect(connect('wrong')).rejects.toThrow('401');
  });

  it('serves the same router: a request gets its result under the same id', async () => {
    const ws = await connect(url.searchParams.get('token') ?? '');
    expect(await call(ws, { id: 7, channel: 'accounts:list', payload: {} })).toEqual({
      id: 7,
      result: { ok: true, value: [account] },
    });
    const invalid = await call(ws, {
      id: 8,
      channel: 'invoke:run',
      payload: { accountId: 'local' },
    });
    expect(invalid).toMatchObject({
      id: 8,
      result: { ok: false, error: { code: 'InvalidRequest' } },
    });
    expect(await call(ws, 'not json')).toMatchObject({
      id: null,
      result: { ok: false, error: { code: 'InvalidMessage' } },
    });
    ws.close();
  });
});
