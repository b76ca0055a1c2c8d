/**
 * HTTP client for the Lambda Runtime API (2018-06-01). Callback-based so the hot path has no
 * promise hops; one keep-alive connection is reused for every /next and /response.
 */
import http from 'node:http';
import { toRapidResponse } from './errors.mjs';
import { whenStdioFlushed } from './stdio-flush.mjs';

const PREFIX = '/2018-06-01/runtime/';
const ERROR_TYPE_HEADER = 'Lambda-Runtime-Function-Error-Type';
// What Node accepts in a header value; anything else would make http.request throw.
const INVALID_HEADER_CHARS = /[^\t\x20-\x7e\x80-\xff]/g;

// An undefined result is sent as null; a value JSON cannot express fails the invoke instead.
function serialize(value) {
  let text;
  try {
    text = JSON.stringify(value === undefined ? null : value);
  } catch {
    throw new Error('Unable to stringify response body');
  }
  // The RIC's native client rejects a non-string body (functions, symbols) with this TypeError.
  if (text === undefined) throw new TypeError('Wrong arguments');
  return text;
}

function splitEndpoint(endpoint) {
  const colon = endpoint.lastIndexOf(':');
  const host = endpoint.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
  return { hostname: host, port: Number(endpoint.slice(colon + 1)) };
}

/** Talks to the Runtime API at `host:port` (AWS_LAMBDA_RUNTIME_API, no scheme). */
export class RuntimeApiClient {
  constructor(endpoint) {
    if (!endpoint) throw new Error('Missing Runtime API Server configuration.');
    const { hostname, port } = splitEndpoint(endpoint);
    this.hostname = hostname;
    this.port = port;
    // maxSockets 1: /next and /response take turns on one connection, as in the RIC.
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    this.nextOptions = {
      hostname,
      port,
      path: PREFIX + 'invocation/next',
      method: 'GET',
      agent: this.agent,
    };
  }

  /** Long-polls /next; `onInvoke(body, headers)` gets the raw event text and lower-case headers. */
  next(onInvoke, onFail) {
    const req = http.request(this.nextOptions, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        onFail(new Error(`Failed to get next invocation, status ${res.statusCode}`));
        return;
      }
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
        onInvoke(body.toString('utf8'), res.headers);
      });
    });
    req.on('error', (err) => {
      // A kept-alive socket the server already closed: the request never got there, so retry.
      if (req.reusedSocket && err.code === 'ECONNRESET') this.next(onInvoke, onFail);
      else onFail(err);
    });
    req.end();
  }

  /** Posts a buffered response for `id`, then calls `done`. Throws if `result` cannot be sent. */
  postInvocationResponse(id, result, done, onFail) {
    const path = `${PREFIX}invocation/${encodeURIComponent(id)}/response`;
    this.post(path, serialize(result), undefined, this.agent, done, onFail);
  }

  /** Posts an invocation error for `id` with the error-type header, then calls `done`. */
  postInvocationError(id, error, done, onFail, fresh = false) {
    const body = toRapidResponse(error);
    const path = `${PREFIX}invocation/${encodeURIComponent(id)}/error`;
    const agent = fresh ? false : this.agent;
    this.post(path, serialize(body), errorHeaders(body), agent, done, onFail);
  }

  /** Posts an INIT failure to /init/error, then calls `done`. */
  postInitError(error, done, onFail) {
    const body = toRapidResponse(error);
    this.post(PREFIX + 'init/error', serialize(body), errorHeaders(body), false, done, onFail);
  }

  /**
   * `agent: false` opens a throwaway connection: used when the process is about to exit and the
   * kept-alive socket may still be held by a pending /next.
   */
  post(path, body, extraHeaders, agent, done, onFail) {
    const headers = {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
      ...extraHeaders,
    };
    const options = { hostname: this.hostname, port: this.port, path, method: 'POST', headers };
    options.agent = agent;
    whenStdioFlushed(() => this.send(options, body, done, onFail));
  }

  send(options, body, done, onFail) {
    const req = http.request(options, (res) => {
      // The status is not acted on (the RIC ignores it too); the body is drained to free the socket.
      res.on('end', done);
      res.resume();
    });
    req.on('error', (err) => {
      if (req.reusedSocket && err.code === 'ECONNRESET') this.send(options, body, done, onFail);
      else onFail(err);
    });
    req.end(body);
  }
}

function errorHeaders(body) {
  const type = typeof body.errorType === 'string' ? body.errorType : String(body.errorType);
  return { [ERROR_TYPE_HEADER]: type.replace(INVALID_HEADER_CHARS, '') };
}
