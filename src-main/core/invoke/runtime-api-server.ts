import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  MAX_SYNC_PAYLOAD_BYTES,
  type RuntimeApiListener,
  type RuntimeInvocation,
  type RuntimeOutcome,
} from './runtime-api-types';

const PREFIX = '/2018-06-01/runtime/';
const OK_BODY = '{"status":"OK"}';

interface InFlight {
  readonly invocation: RuntimeInvocation;
  readonly resolve: (outcome: RuntimeOutcome) => void;
  delivered: boolean;
}

/**
 * The Lambda Runtime API (2018-06-01) for one execution environment, on 127.0.0.1 and a random port.
 * Any runtime client speaks to it: ours, AWS's aws-lambda-ric, or a custom `bootstrap`.
 */
export class RuntimeApiServer {
  private readonly server: http.Server;
  private heldNext: http.ServerResponse | undefined;
  private inFlight: InFlight | undefined;
  private lastAnswered: string | undefined;

  constructor(private readonly listener: RuntimeApiListener) {
    this.server = http.createServer({ noDelay: true }, (req, res) => this.route(req, res));
    // The /next long poll and big event bodies must never be cut by Node's default timeouts.
    this.server.keepAliveTimeout = 0;
    this.server.requestTimeout = 0;
    this.server.headersTimeout = 0;
  }

  /** Starts listening on 127.0.0.1; resolves to `host:port` for AWS_LAMBDA_RUNTIME_API. */
  async listen(): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Hands an invocation to the runtime (now, or when it next calls /next); resolves with its answer. */
  deliver(invocation: RuntimeInvocation): Promise<RuntimeOutcome> {
    return new Promise((resolve) => {
      this.inFlight = { invocation, resolve, delivered: false };
      if (this.heldNext) {
        const res = this.heldNext;
        this.heldNext = undefined;
        this.send(res, this.inFlight);
      }
    });
  }

  /** Whether the runtime is blocked on `/next`, i.e. ready for work. */
  get waiting(): boolean {
    return this.heldNext !== undefined;
  }

  /** Forgets the invocation in flight (after a timeout or a crash); later posts for it get 400. */
  abandon(): void {
    if (this.inFlight) this.lastAnswered = this.inFlight.invocation.requestId;
    this.inFlight = undefined;
  }

  /** Stops the server and drops open connections. */
  async close(): Promise<void> {
    this.heldNext?.destroy();
    this.heldNext = undefined;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = req.url ?? '';
    if (!url.startsWith(PREFIX))
      return reply(res, 404, errorBody('NotFound', `Unknown path ${url}`));
    const path = url.slice(PREFIX.length);
    if (req.method === 'GET' && path === 'invocation/next') return this.next(res);
    if (req.method === 'POST' && path === 'init/error') return this.initError(req, res);
    const match = /^invocation\/([^/]*)\/(response|error)$/.exec(path);
    if (req.method === 'POST' && match) return this.answer(req, res, match[1] ?? '', match[2]);
    reply(res, 404, errorBody('NotFound', `Unknown path ${url}`));
  }

  private next(res: http.ServerResponse): void {
    if (this.inFlight?.delivered) {
      const from = 'Invoke';
      return reply(res, 403, stateError(from, 'Next'));
    }
    if (this.heldNext) {
      this.heldNext.destroy();
    }
    if (this.inFlight) return this.send(res, this.inFlight);
    this.heldNext = res;
    this.listener.onWaitingForNext();
  }

  private send(res: http.ServerResponse, flight: InFlight): void {
    const inv = flight.invocation;
    flight.delivered = true;
    const headers: Record<string, string | number> = {
      'Content-Type': inv.contentType ?? 'application/json',
      'Content-Length': inv.payload.length,
      'Lambda-Runtime-Aws-Request-Id': inv.requestId,
      'Lambda-Runtime-Deadline-Ms': inv.deadlineMs,
      'Lambda-Runtime-Invoked-Function-Arn': inv.invokedFunctionArn,
      'Lambda-Runtime-Trace-Id': inv.traceId,
    };
    // Empty headers are omitted, never sent blank (reference 1.2).
    if (inv.clientContext) headers['Lambda-Runtime-Client-Context'] = inv.clientContext;
    if (inv.cognitoIdentity) headers['Lambda-Runtime-Cognito-Identity'] = inv.cognitoIdentity;
    if (inv.tenantId) headers['Lambda-Runtime-Aws-Tenant-Id'] = inv.tenantId;
    res.writeHead(200, headers);
    res.end(inv.payload);
  }

  private answer(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    requestId: string,
    kind: string | undefined,
  ): void {
    const flight = this.inFlight;
    if (!flight || flight.invocation.requestId !== requestId || !flight.delivered) {
      req.resume();
      if (requestId && requestId === this.lastAnswered) {
        return reply(res, 403, stateError('InvocationResponse', 'InvocationResponse'));
      }
      return reply(res, 400, errorBody('InvalidRequestID', 'Invalid request ID'));
    }
    const mode = req.headers['lambda-runtime-function-response-mode'];
    if (mode !== undefined && mode !== 'streaming') {
      req.resume();
      return reply(res, 400, errorBody('InvalidFunctionResponseMode', `Invalid mode ${mode}`));
    }
    readBody(req, MAX_SYNC_PAYLOAD_BYTES, (body, tooLarge) => {
      this.inFlight = undefined;
      this.lastAnswered = requestId;
      if (tooLarge) {
        reply(res, 413, tooLargeForRuntime());
        return flight.resolve({
          kind: 'error',
          errorType: 'Function.ResponseSizeTooLarge',
          payload: tooLargeForCaller(),
        });
      }
      reply(res, 202, OK_BODY);
      const trailerType = req.trailers['lambda-runtime-function-error-type'];
      if (kind === 'error' || trailerType) {
        const errorType = String(
          req.headers['lambda-runtime-function-error-type'] ?? trailerType ?? '',
        );
        const trailerBody = req.trailers['lambda-runtime-function-error-body'];
        const payload = trailerBody ? Buffer.from(trailerBody, 'base64') : body;
        return flight.resolve({ kind: 'error', errorType, payload });
      }
      flight.resolve({ kind: 'response', payload: body });
    });
  }

  private initError(req: http.IncomingMessage, res: http.ServerResponse): void {
    readBody(req, MAX_SYNC_PAYLOAD_BYTES, (body) => {
      reply(res, 202, OK_BODY);
      const errorType = String(req.headers['lambda-runtime-function-error-type'] ?? '');
      this.listener.onInitError(errorType, body);
    });
  }
}

function readBody(
  req: http.IncomingMessage,
  limit: number,
  done: (body: Buffer, tooLarge: boolean) => void,
): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  });
  req.on('end', () => done(Buffer.concat(chunks), size > limit));
}

function reply(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

function errorBody(errorType: string, errorMessage: string): string {
  return JSON.stringify({ errorMessage, errorType });
}

function stateError(from: string, to: string): string {
  return errorBody(
    'InvalidStateTransition',
    `State transition from ${from} to ${to} failed for runtime. Error: State transition is not allowed`,
  );
}

function tooLargeForRuntime(): string {
  return errorBody(
    'RequestEntityTooLarge',
    `Exceeded maximum allowed payload size (${MAX_SYNC_PAYLOAD_BYTES} bytes).`,
  );
}

function tooLargeForCaller(): Buffer {
  return Buffer.from(
    JSON.stringify({
      errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_SYNC_PAYLOAD_BYTES} bytes).`,
      errorType: 'Function.ResponseSizeTooLarge',
    }),
  );
}
