/**
 * Response streaming: the writable handed to `awslambda.streamifyResponse` handlers, sent to
 * /response as a chunked POST, with errors reported through HTTP trailers.
 */
import http from 'node:http';
import { InvalidStreamingOperation, toRapidResponse } from './errors.mjs';

const TRAILER_ERROR_TYPE = 'Lambda-Runtime-Function-Error-Type';
const TRAILER_ERROR_BODY = 'Lambda-Runtime-Function-Error-Body';
const HTTP_INTEGRATION_TYPE = 'application/vnd.awslambda.http-integration-response';

// The user sees a writable facade, not the ClientRequest itself (same surface as the RIC's).
const METHODS = [
  'cork',
  'destroy',
  'end',
  'uncork',
  'write',
  'addListener',
  'emit',
  'eventNames',
  'getMaxListeners',
  'listenerCount',
  'listeners',
  'off',
  'on',
  'once',
  'prependListener',
  'prependOnceListener',
  'rawListeners',
  'removeAllListeners',
  'removeListener',
  'setMaxListeners',
  'setContentType',
];
const READ_WRITE = ['destroyed', 'writable', '_onBeforeFirstWrite'];
const READ_ONLY = [
  'writableFinished',
  'writableObjectMode',
  'writableBuffer',
  'writableEnded',
  'writableNeedDrain',
  'writableHighWaterMark',
  'writableCorked',
  'writableLength',
];

function facade(inner) {
  const stream = {};
  for (const name of METHODS) stream[name] = inner[name].bind(inner);
  for (const name of READ_WRITE) {
    Object.defineProperty(stream, name, {
      get: () => inner[name],
      set: (value) => {
        inner[name] = value;
      },
    });
  }
  for (const name of READ_ONLY) Object.defineProperty(stream, name, { get: () => inner[name] });
  return stream;
}

/**
 * Opens the streaming POST for `id`. Returns the user-facing `stream`, `responseDone` (resolves
 * when the Runtime API has answered) and `fail(err, cb)`, which ends the stream with error trailers.
 */
export function createResponseStream(client, id, onNetworkError) {
  let firstWrite = true;
  let resolveDone;
  const responseDone = new Promise((resolve) => (resolveDone = resolve));
  const req = http.request({
    hostname: client.hostname,
    port: client.port,
    path: `/2018-06-01/runtime/invocation/${encodeURIComponent(id)}/response`,
    method: 'POST',
    agent: client.agent,
    headers: {
      'Lambda-Runtime-Function-Response-Mode': 'streaming',
      Trailer: `${TRAILER_ERROR_TYPE}, ${TRAILER_ERROR_BODY}`,
      'Content-Type': 'application/octet-stream',
    },
  });
  req.on('response', (res) => {
    res.on('end', resolveDone);
    res.resume();
  });
  req.on('error', onNetworkError);

  req.setContentType = (contentType) => {
    if (!firstWrite) throw new InvalidStreamingOperation('Cannot set content-type, too late.');
    req.setHeader('Content-Type', contentType);
  };

  const rawWrite = req.write.bind(req);
  const rawEnd = req.end.bind(req);
  req.write = (chunk, encoding, callback) => {
    if (typeof chunk !== 'string' && !Buffer.isBuffer(chunk) && chunk?.constructor !== Uint8Array) {
      chunk = JSON.stringify(chunk);
    }
    if (firstWrite && typeof req._onBeforeFirstWrite === 'function') {
      req._onBeforeFirstWrite((prelude) => rawWrite(prelude));
    }
    firstWrite = false;
    return rawWrite(chunk, encoding, callback);
  };
  // A final chunk goes through write() so an HTTP prelude is not skipped when end() carries data.
  req.end = (chunk, encoding, callback) => {
    if (typeof chunk === 'function') return rawEnd(chunk);
    if (chunk !== undefined && chunk !== null) req.write(chunk, encoding);
    return rawEnd(typeof encoding === 'function' ? encoding : callback);
  };

  const fail = (err, callback) => {
    const body = toRapidResponse(err);
    if (!req.writableEnded) {
      req.addTrailers({
        [TRAILER_ERROR_TYPE]: String(body.errorType).replace(/[^\t\x20-\x7e]/g, ''),
        [TRAILER_ERROR_BODY]: Buffer.from(JSON.stringify(body)).toString('base64'),
      });
    }
    rawEnd(callback);
  };

  return { stream: facade(req), responseDone, fail };
}

/** `awslambda.HttpResponseStream`: JSON prelude + 8 NUL bytes ahead of the body. */
export class HttpResponseStream {
  /** Marks `stream` as an HTTP integration response described by `prelude`. */
  static from(stream, prelude) {
    stream.setContentType(HTTP_INTEGRATION_TYPE);
    const metadata = JSON.stringify(prelude);
    stream._onBeforeFirstWrite = (write) => {
      write(metadata);
      write(new Uint8Array(8));
    };
    return stream;
  }
}
