/**
 * Replaces the console methods with Lambda's log records: text or JSON, level-filtered, written
 * either as binary frames to the telemetry fd or as lines on stdout.
 */
import fs from 'node:fs';
import util from 'node:util';
import { intoError, toFormatted } from './errors.mjs';

// Frame type low bits: 3 = text record, 2 = JSON record; the level lives in bits 2-4.
const FRAME_TEXT = 0xa55a0003;
const FRAME_JSON = 0xa55a0002;
const TWO_POW_32 = 4294967296;

const LEVELS = Object.freeze({
  TRACE: { name: 'TRACE', priority: 1, tlvMask: 0b00100 },
  DEBUG: { name: 'DEBUG', priority: 2, tlvMask: 0b01000 },
  INFO: { name: 'INFO', priority: 3, tlvMask: 0b01100 },
  WARN: { name: 'WARN', priority: 4, tlvMask: 0b10000 },
  ERROR: { name: 'ERROR', priority: 5, tlvMask: 0b10100 },
  FATAL: { name: 'FATAL', priority: 6, tlvMask: 0b11000 },
});

// Global symbols, as in the RIC, so tooling that peeks at them keeps working.
const REQUEST_ID_SYMBOL = Symbol.for('aws.lambda.runtime.requestId');
const TENANT_ID_SYMBOL = Symbol.for('aws.lambda.runtime.tenantId');
let requestId;
let tenantId;

/** Sets the request (and tenant) id that later records carry; undefined during INIT. */
export function setLogContext(id, tenant) {
  requestId = id;
  tenantId = tenant;
  globalThis[REQUEST_ID_SYMBOL] = id;
  globalThis[TENANT_ID_SYMBOL] = tenant;
}

// Error arguments become objects with their type, message and stack lines.
function jsonErrorReplacer(_key, value) {
  if (!(value instanceof Error)) return value;
  return Object.assign(
    {
      errorType: value?.constructor?.name ?? 'UnknownError',
      errorMessage: value.message,
      stackTrace: typeof value.stack === 'string' ? value.stack.split('\n') : value.stack,
    },
    value,
  );
}

function formatJson(time, level, params) {
  const record = { timestamp: time, level: level.name, requestId };
  if (tenantId !== undefined && tenantId !== null) record.tenantId = tenantId;
  if (params.length === 1) {
    // A single argument is embedded as-is; util.format is the fallback for cycles and BigInts.
    record.message = params[0];
    try {
      return JSON.stringify(record, jsonErrorReplacer);
    } catch {
      record.message = util.format(record.message);
      return JSON.stringify(record);
    }
  }
  record.message = util.format(...params);
  for (const param of params) {
    if (param instanceof Error) {
      record.errorType = param?.constructor?.name ?? 'UnknownError';
      record.errorMessage = param.message;
      record.stackTrace = typeof param.stack === 'string' ? param.stack.split('\n') : [];
      break;
    }
  }
  return JSON.stringify(record);
}

function formatText(time, level, params) {
  return `${time}\t${requestId}\t${level.name}\t${util.format(...params)}`;
}

// One frame per record, header and payload in one buffer and one synchronous write, so the
// platform sees a multi-line message as one event and every record lands before the response.
function writeFrame(fd, type, now, payload) {
  const length = Buffer.byteLength(payload);
  const frame = Buffer.allocUnsafe(16 + length);
  frame.writeUInt32BE(type, 0);
  frame.writeUInt32BE(length, 4);
  const micros = now * 1000;
  frame.writeUInt32BE(Math.floor(micros / TWO_POW_32), 8);
  frame.writeUInt32BE(micros >>> 0, 12);
  frame.write(payload, 16, 'utf8');
  let offset = 0;
  while (offset < frame.length) {
    try {
      offset += fs.writeSync(fd, frame, offset, frame.length - offset);
    } catch (err) {
      // A non-blocking pipe may push back: retry. If the reader is gone (environment shutting
      // down) the record is dropped rather than turning every console call into a throw.
      if (err.code === 'EPIPE' || err.code === 'EBADF') return;
      if (err.code !== 'EAGAIN') throw err;
    }
  }
}

function fdLogger(fd, json) {
  const base = json ? FRAME_JSON : FRAME_TEXT;
  return (level, params) => {
    const now = Date.now();
    const time = new Date(now).toISOString();
    const type = (base | level.tlvMask) >>> 0;
    const payload = json ? formatJson(time, level, params) : formatText(time, level, params) + '\n';
    writeFrame(fd, type, now, payload);
  };
}

function stdoutLogger(json) {
  return (level, params) => {
    const time = new Date().toISOString();
    const line = json ? formatJson(time, level, params) : formatText(time, level, params);
    // Without framing, a newline would split the record into several events.
    process.stdout.write(line.replace(/\n/g, '\r') + '\n');
  };
}

function usableFd(value) {
  const fd = Number.parseInt(value, 10);
  if (!Number.isInteger(fd) || fd < 0) return undefined;
  // Not open, or not something records can be written to (an fd Node uses internally): fall back
  // to stdout rather than throw from every console call.
  try {
    const stat = fs.fstatSync(fd);
    const writable = stat.isFIFO() || stat.isSocket() || stat.isFile() || stat.isCharacterDevice();
    return writable ? fd : undefined;
  } catch {
    return undefined;
  }
}

// The RIC always passes a first argument, so a bare console.log() prints `undefined`.
const NO_ARGS = [undefined];

function install(log, minimum) {
  const noop = () => {};
  const method = (level) =>
    level.priority >= minimum.priority
      ? (...params) => log(level, params.length === 0 ? NO_ARGS : params)
      : noop;
  console.trace = method(LEVELS.TRACE);
  console.debug = method(LEVELS.DEBUG);
  console.info = method(LEVELS.INFO);
  console.log = console.info;
  console.warn = method(LEVELS.WARN);
  console.error = method(LEVELS.ERROR);
  console.fatal = method(LEVELS.FATAL);
}

/**
 * Patches the console from AWS_LAMBDA_LOG_FORMAT, AWS_LAMBDA_LOG_LEVEL and _LAMBDA_TELEMETRY_LOG_FD
 * (which is removed from the environment) and returns the runtime's error logger.
 */
export function patchConsole() {
  const env = process.env;
  const json = env.AWS_LAMBDA_LOG_FORMAT?.toUpperCase() === 'JSON';
  const minimum = LEVELS[env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase()] ?? LEVELS.TRACE;
  let fd;
  if (env._LAMBDA_TELEMETRY_LOG_FD !== undefined) {
    fd = usableFd(env._LAMBDA_TELEMETRY_LOG_FD);
    delete env._LAMBDA_TELEMETRY_LOG_FD;
  }
  install(fd === undefined ? stdoutLogger(json) : fdLogger(fd, json), minimum);
  // Goes through console.error on purpose: level filtering and user overrides apply, as in the RIC.
  return json
    ? (_label, err) => console.error(intoError(err))
    : (label, err) => console.error(label, toFormatted(intoError(err)));
}
