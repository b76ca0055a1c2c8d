import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import {
  createLogsApi,
  type LogsApiOptions,
} from '../../../src-main/core/endpoint/logs-api/logs-api';
import type {
  EndpointRequest,
  EndpointResponse,
} from '../../../src-main/core/endpoint/endpoint-types';
import { LogStore } from '../../../src-main/core/logs/log-store';

/** A running Logs API on a bare node:http server, with a real SDK client pointed at it. */
export interface LogsHarness {
  readonly store: LogStore;
  readonly client: CloudWatchLogsClient;
  readonly url: string;
  /** How many streamed bodies the server has closed early (client went away). */
  readonly closedStreams: () => number;
  close(): Promise<void>;
}

async function writeBody(
  body: EndpointResponse['body'],
  res: import('node:http').ServerResponse,
  onEarlyClose: () => void,
): Promise<void> {
  if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) {
    res.end(body);
    return;
  }
  const iterator = body[Symbol.asyncIterator]();
  res.on('close', () => {
    if (!res.writableEnded) {
      onEarlyClose();
      void iterator.return?.();
    }
  });
  for (;;) {
    const next = await iterator.next();
    if (next.done) break;
    res.write(next.value);
  }
  res.end();
}

/** Starts the API (region us-east-1, account 123456789012) over `store`. */
export async function startLogsApi(
  store = new LogStore(),
  options: Partial<LogsApiOptions> = {},
): Promise<LogsHarness> {
  const api = createLogsApi(store, { region: 'us-east-1', accountId: '123456789012', ...options });
  let closed = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const url = new URL(req.url ?? '/', 'http://localhost');
      const request: EndpointRequest = {
        method: req.method ?? 'GET',
        rawPath: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks),
        region: 'us-east-1',
        host: req.headers.host ?? '',
      };
      if (!api.matches(request)) {
        res.writeHead(404).end();
        return;
      }
      const response = await api.handle(request);
      res.writeHead(response.status, response.headers);
      await writeBody(response.body, res, () => (closed += 1));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const client = new CloudWatchLogsClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' },
    // StartLiveTail's model prefixes the host with `stream-` (reference 8.3).
    disableHostPrefix: true,
    maxAttempts: 1,
  });
  return {
    store,
    client,
    url,
    closedStreams: () => closed,
    async close() {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Posts a raw awsJson1_1 request, for what the SDK would not send. */
export async function rawCall(
  url: string,
  target: string,
  body: string,
): Promise<{ status: number; contentType: string | null; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
    body,
  });
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    json: (await res.json()) as Record<string, unknown>,
  };
}

/** The AWS error a rejected SDK call carries: code, message and HTTP status. */
export async function awsError(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}
