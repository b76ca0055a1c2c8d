import type { Readable } from 'node:stream';

/** Receives each log event an environment produces: the message (ending in a newline) and its timestamp. */
export type LogSink = (message: string, timestamp: number) => void;

/** Per-invocation log capture bound: keep the last 1 MB (the Tail only needs 4 KB). */
const CAPTURE_LIMIT_BYTES = 1024 * 1024;

/** Collects the log events that belong to one invocation, bounded, keeping the most recent. */
export class LogCapture {
  private readonly messages: string[] = [];
  private bytes = 0;
  private omitted = 0;

  /** Adds one event's message. */
  add(message: string): void {
    this.messages.push(message);
    this.bytes += Buffer.byteLength(message);
    while (this.bytes > CAPTURE_LIMIT_BYTES && this.messages.length > 1) {
      this.bytes -= Buffer.byteLength(this.messages.shift() as string);
      this.omitted += 1;
    }
  }

  /** The captured text, each event ending in a newline, as Lambda's log tail shows it. */
  text(): string {
    const head = this.omitted > 0 ? `[${this.omitted} earlier log events omitted]\n` : '';
    return head + this.messages.join('');
  }
}

/** Splits a byte stream into lines; each line becomes one log event (raw stdout is unframed in Lambda). */
export function pipeLines(stream: Readable, sink: LogSink): { flush(): void } {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const text = partial + chunk;
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    const now = Date.now();
    for (const line of lines) sink(`${line}\n`, now);
  });
  const flush = (): void => {
    if (partial) sink(`${partial}\n`, Date.now());
    partial = '';
  };
  stream.on('end', flush);
  return { flush };
}

/**
 * Parses Lambda's telemetry log frames: uint32 type (0xa55a.... ), uint32 length, uint64 µs timestamp, payload.
 * Each frame is one log event, so a multi-line console message stays one event as in CloudWatch.
 */
export function pipeFrames(stream: Readable, sink: LogSink): void {
  let buffer: Buffer = Buffer.alloc(0);
  stream.on('data', (chunk: Buffer) => {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    while (buffer.length >= 16) {
      const type = buffer.readUInt32BE(0);
      const length = buffer.readUInt32BE(4);
      if (type >>> 16 !== 0xa55a) {
        // Not a frame: treat the rest as plain text rather than lose it.
        sink(ensureNewline(buffer.toString('utf8')), Date.now());
        buffer = Buffer.alloc(0);
        return;
      }
      if (buffer.length < 16 + length) return;
      const micros = buffer.readBigUInt64BE(8);
      const payload = buffer.toString('utf8', 16, 16 + length);
      buffer = buffer.subarray(16 + length);
      sink(ensureNewline(payload), Number(micros / 1000n));
    }
  });
  stream.on('end', () => {
    // A short tail that is not a frame is plain text: deliver it rather than lose it.
    if (buffer.length > 0 && (buffer.length < 2 || buffer.readUInt16BE(0) !== 0xa55a)) {
      sink(ensureNewline(buffer.toString('utf8')), Date.now());
    }
    buffer = Buffer.alloc(0);
  });
}

function ensureNewline(message: string): string {
  return message.endsWith('\n') ? message : `${message}\n`;
}
