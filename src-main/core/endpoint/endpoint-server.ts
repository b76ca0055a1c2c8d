import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LambdaError } from '../errors/lambda-error';
import { assertSigningService, type VerifiedScope } from './auth/sigv4-verifier';
import { errorResponse } from './lambda-api/rest-json';
import {
  MAX_REQUEST_BODY_BYTES,
  type EndpointApi,
  type EndpointRequest,
  type EndpointResponse,
} from './endpoint-types';

/** Checks a request's signature; resolves to the region of its credential scope, or throws AWS's 403. */
export type Authenticate = (request: {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}) => Promise<{ region: string; service: string }>;

/** Where and how the endpoint listens. */
export interface EndpointServerOptions {
  readonly apis: readonly EndpointApi[];
  readonly authenticate: Authenticate;
  readonly host?: string;
  readonly port?: number;
  readonly maxBodyBytes?: number;
  /**
   * The access key id requests must be signed with: a request without a signature, or signed with
   * another key, is answered before its body is read, so strangers cannot make the server buffer it.
   */
  readonly accessKeyId?: string;
}

/** The local AWS-compatible HTTP endpoint: reads capped bodies, verifies SigV4, dispatches to the APIs. */
export class EndpointServer {
  private readonly server: http.Server;

  constructor(private readonly options: EndpointServerOptions) {
    this.server = http.createServer((req, res) => {
      this.serve(req, res).catch(() => res.destroy());
    });
    // Invokes may run for 15 minutes.
    this.server.requestTimeout = 0;
  }

  /** Starts listening (127.0.0.1 unless told otherwise); resolves to the URL clients use. */
  async listen(): Promise<string> {
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, host, () => resolve());
    });
    const { port } = this.server.address() as AddressInfo;
    return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  }

  /** Stops accepting and closes open connections. */
  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let response: EndpointResponse;
    try {
      const [rawPath = '/', rawQuery = ''] = (req.url ?? '/').split('?', 2) as [string, string?];
      const body = this.plausiblySigned(req, rawQuery)
        ? await readBody(req, this.options.maxBodyBytes ?? MAX_REQUEST_BODY_BYTES)
        : Buffer.alloc(0);
      const scope = await this.options.authenticate({
        method: req.method ?? 'GET',
        rawPath,
        rawQuery,
        headers: req.headers,
        body,
      });
      const request: EndpointRequest = {
        method: req.method ?? 'GET',
        rawPath,
        // '+' stays '+', as the signature verifier decoded it (URLSearchParams would make it a space).
        query: new URLSearchParams(rawQuery.replace(/\+/g, '%2B')),
        headers: req.headers,
        body,
        region: scope.region,
        host: req.headers.host ?? '127.0.0.1',
      };
      const api = this.options.apis.find((candidate) => candidate.matches(request));
      if (api) assertSigningService(scope as VerifiedScope, api.signingName, req.headers);
      response = api
        ? await api.handle(request)
        : errorResponse(
            new LambdaError(
              'UnknownOperationException',
              `No AWS API of the local endpoint serves ${request.method} ${rawPath}`,
              404,
            ),
          );
    } catch (error) {
      response = errorResponse(
        error instanceof LambdaError
          ? error
          : new LambdaError('ServiceException', `The local endpoint failed: ${String(error)}`, 500),
      );
    }
    try {
      await write(res, response);
    } catch {
      // The client went away, or a streamed body failed half-way: nothing more can be sent.
      res.destroy();
    }
  }

  /** Whether a request carries a signature by our key (the full check follows once the body is read). */
  private plausiblySigned(req: http.IncomingMessage, rawQuery: string): boolean {
    const expected = this.options.accessKeyId;
    const header = req.headers.authorization ?? '';
    const credential =
      /Credential=([^/,\s]+)\//.exec(header)?.[1] ??
      /X-Amz-Credential=([^%&/]+)/.exec(rawQuery)?.[1];
    if (!credential) return false;
    return expected === undefined || credential === expected;
  }
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.destroy();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(limit: number): LambdaError {
  return new LambdaError(
    'RequestEntityTooLargeException',
    `Request must be smaller than ${limit} bytes for this operation`,
    413,
  );
}

async function write(res: http.ServerResponse, response: EndpointResponse): Promise<void> {
  res.writeHead(response.status, response.headers ?? {});
  const body = response.body;
  if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) {
    res.end(body);
    return;
  }
  // Event streams: write each frame as it comes; stop when the client goes away.
  for await (const chunk of body) {
    if (res.destroyed) break;
    res.write(chunk);
  }
  res.end();
}
