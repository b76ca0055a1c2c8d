import { PassThrough } from 'node:stream';
import { describe, it, expect } from 'vitest';
import {
  LogCapture,
  pipeFrames,
  pipeLines,
} from '../../../src-main/core/invoke/environment-output';

interface Logged {
  message: string;
  timestamp: number;
}

function collector() {
  const logged: Logged[] = [];
  const sink = (message: string, timestamp: number): void => {
    logged.push({ message, timestamp });
  };
  return { logged, sink, messages: () => logged.map((l) => l.message) };
}

/** Lets queued stream events run. */
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** One telemetry frame: uint32 type, uint32 length, uint64 µs timestamp, payload. */
function frame(payload: string, micros: bigint, type = 0xa55a0003): Buffer {
  const body = Buffer.from(payload, 'utf8');
  const header = Buffer.alloc(16);
  header.writeUInt32BE(type, 0);
  header.writeUInt32BE(body.length, 4);
  header.writeBigUInt64BE(micros, 8);
  return Buffer.concat([header, body]);
}

async function writeByteByByte(stream: PassThrough, data: Buffer): Promise<void> {
  for (const byte of data) {
    stream.write(Buffer.from([byte]));
    await tick();
  }
}

describe('pipeLines', () => {
  it('emits one event per line, each ending in a newline', async () => {
    const stream = new PassThrough();
    const { sink, messages, logged } = collector();
    const before = Date.now();
    pipeLines(stream, sink);
    stream.write('first\nsecond\n');
    await tick();
    expect(messages()).toEqual(['first\n', 'second\n']);
    for (const l of logged) {
      expect(l.timestamp).toBeGreaterThanOrEqual(before);
      expect(l.timestamp).toBeLessThanOrEqual(Date.now());
    }
  });

  it('keeps a partial line until its newline arrives', async () => {
    const stream = new PassThrough();
    const { sink, messages } = collector();
    pipeLines(stream, sink);
    stream.write('hel');
    await tick();
    expect(messages()).toEqual([]);
    stream.write('lo wor');
    await tick();
    expect(messages()).toEqual([]);
    stream.write('ld\nnext');
    await tick();
    expect(messages()).toEqual(['hello world\n']);
  });

  it('flush emits the pending partial line once', async () => {
    const stream = new PassThrough();
    const { sink, messages } = collector();
    const { flush } = pipeLines(stream, sink);
    stream.write('no newline yet');
    await tick();
    flush();
    flush();
    expect(messages()).toEqual(['no newline yet\n']);
  });

  it('flush with nothing pending emits nothing', async () => {
    const stream = new PassThrough();
    const { sink, messages } = collector();
    const { flush } = pipeLines(stream, sink);
    stream.write('complete\n');
    await tick();
    flush();
    expect(messages()).toEqual(['complete\n']);
  });

  it('flushes the partial line when the stream ends', async () => {
    const stream = new PassThrough();
    const { sink, messages } = collector();
    pipeLines(stream, sink);
    stream.end('a\ntail');
    await tick();
    await tick();
    expect(messages()).toEqual(['a\n', 'tail\n']);
  });

  it('does not break a multi-byte character split across chunks', async () => {
    const stream = new PassThrough();
    const { sink, messages } = collector();
    pipeLines(stream, sink);
    await writeByteByByte(stream, Buffer.from('prix: 5 €\n', 'utf8'));
    expect(messages()).toEqual(['prix: 5 €\n']);
  });
});

describe('pipeFrames', () => {
  it('parses a frame fed byte by byte, with the frame µs timestamp in ms', async () => {
    const stream = new PassThrough();
    const { sink, logged } = collector();
    pipeFrames(stream, sink);
    await writeByteByByte(
      stream,
      frame('2025-11-24T23:12:34.123Z\trid\tINFO\thello', 1_732_489_954_123_456n),
    );
    expect(logged).toEqual([
      { message: '2025-11-24T23:12:34.123Z\trid\tINFO\thello\n', timestamp: 1_732_489_954_123 },
    ]);
  });

  it('keeps a multi-line message as one event', async () => {
    const stream = new PassThrough();
    const { sink, messages } = collector();
    pipeFrames(stream, sink);
    stream.write(frame('Error: boom\n    at handler (index.js:3:9)\n', 5_000_000n));
    await tick();
    expect(messages()).toEqual(['Error: boom\n    at handler (index.js:3:9)\n']);
  });

  it('parses several frames in one chunk, and frames split at odd boundaries', async () => {
    const stream = new PassThrough();
    const { sink, logged } = collector();
    pipeFrames(stream, sink);
    const all = Buffer.concat([
      frame('one', 1_000_000n),
      frame('two', 2_000_999n, 0xa55a0017),
      frame('dré €', 3_000_000n),
    ]);
    stream.write(all.subarray(0, 5));
    stream.write(all.subarray(5, 30));
    stream.write(all.subarray(30, 31));
    stream.write(all.subarray(31));
    await tick();
    expect(logged).toEqual([
      { message: 'one\n', timestamp: 1_000 },
      { message: 'two\n', timestamp: 2_000 },
      { message: 'dré €\n', timestamp: 3_000 },
    ]);
  });

  it('parses an empty frame', async () => {
    const stream = new PassThrough();
    const { sink, logged } = collector();
    pipeFrames(stream, sink);
    stream.write(Buffer.concat([frame('', 7_000n), frame('after', 8_000n)]));
    await tick();
    expect(logged).toEqual([
      { message: '\n', timestamp: 7 },
      { message: 'after\n', timestamp: 8 },
    ]);
  });

  it('treats data that is not a frame as text rather than losing it', async () => {
    const stream = new PassThrough();
    const { sink, logged } = collector();
    pipeFrames(stream, sink);
    const before = Date.now();
    stream.write('this is plain text, not a frame');
    await tick();
    expect(logged.map((l) => l.message)).toEqual(['this is plain text, not a frame\n']);
    expect(logged[0]?.timestamp).toBeGreaterThanOrEqual(before);
    // Frames that come later are parsed again.
    stream.write(frame('framed', 9_000_000n));
    await tick();
    expect(logged.at(-1)).toEqual({ message: 'framed\n', timestamp: 9_000 });
  });

  it('delivers short non-frame text when the stream ends', async () => {
    const stream = new PassThrough();
    const { sink, messages } = collector();
    pipeFrames(stream, sink);
    stream.end('oops\n');
    await tick();
    await tick();
    expect(messages()).toEqual(['oops\n']);
  });
});

describe('LogCapture', () => {
  it('returns the events joined, in order', () => {
    const capture = new LogCapture();
    capture.add('START RequestId: r Version: $LATEST\n');
    capture.add('hello\n');
    capture.add('END RequestId: r\n');
    expect(capture.text()).toBe('START RequestId: r Version: $LATEST\nhello\nEND RequestId: r\n');
  });

  it('is empty before anything is added', () => {
    expect(new LogCapture().text()).toBe('');
  });

  it('keeps the last 1 MB and reports how many earlier events it omitted', () => {
    const capture = new LogCapture();
    const line = (i: number): string => `${String(i).padStart(6, '0')}${'x'.repeat(99_993)}\n`;
    for (let i = 0; i < 12; i += 1) capture.add(line(i)); // 100,000 bytes each
    const text = capture.text();
    // 10 events (1,000,000 bytes) fit in 1,048,576; the first two are omitted.
    expect(text.startsWith('[2 earlier log events omitted]\n')).toBe(true);
    expect(text.slice('[2 earlier log events omitted]\n'.length)).toBe(
      Array.from({ length: 10 }, (_, i) => line(i + 2)).join(''),
    );
  });

  it('always keeps the newest event, even if it alone is over 1 MB', () => {
    const capture = new LogCapture();
    capture.add('small\n');
    const big = `${'y'.repeat(1_100_000)}\n`;
    capture.add(big);
    expect(capture.text()).toBe(`[1 earlier log events omitted]\n${big}`);
  });

  it('measures the 1 MB in bytes, not characters', () => {
    const capture = new LogCapture();
    // 200,000 "€" = 600,000 bytes (200,000 characters); two of them exceed 1 MB.
    const euro = (tag: string): string => `${tag}${'€'.repeat(200_000)}\n`;
    capture.add(euro('a'));
    capture.add(euro('b'));
    capture.add(euro('c'));
    expect(capture.text()).toBe(`[2 earlier log events omitted]\n${euro('c')}`);
  });
});
