import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SignedRequest } from '../../../../src-main/core/endpoint/auth/sigv4-verifier';

/** A local HTTP server that records every request exactly as received and answers canned JSON. */
export interface CaptureServer {
  /** `http://127.0.0.1:<port>`, for a client's `endpoint`. */
  readonly endpoint: string;
  readonly requests: SignedRequest[];
  /** The most recent request; fails when there is none. */
  last(): SignedRequest;
  close(): Promise<void>;
}

/** Starts a CaptureServer on a free loopback port. */
export async function startCaptureServer(): Promise<CaptureServer> {
  const requests: SignedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '/';
      const question = url.indexOf('?');
      requests.push({
        method: req.method ?? 'GET',
        rawPath: question < 0 ? url : url.slice(0, question),
        rawQuery: question < 0 ? '' : url.slice(question + 1),
        headers: req.headers,
        body: Buffer.concat(chunks),
      });
      const logs = req.headers['x-amz-target'] !== undefined;
      // CreateFunction answers 201 in restJson; everything else here is a plain 200 '{}'.
      const created = !logs && req.method === 'POST' && /^\/2015-03-31\/functions\/?$/.test(url);
      res.writeHead(created ? 201 : 200, {
        'content-type': logs ? 'application/x-amz-json-1.1' : 'application/json',
      });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    last() {
      const request = requests.at(-1);
      if (!request) throw new Error('no request captured');
      return request;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
