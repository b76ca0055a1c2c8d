import { crc32 } from 'node:zlib';

/** Content type of an AWS event stream response. */
export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

const STRING_HEADER = 7;

function encodeHeaders(headers: Readonly<Record<string, string>>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const nameBytes = Buffer.from(name, 'utf8');
    const valueBytes = Buffer.from(value, 'utf8');
    const head = Buffer.alloc(1 + nameBytes.length + 3);
    head.writeUInt8(nameBytes.length, 0);
    nameBytes.copy(head, 1);
    head.writeUInt8(STRING_HEADER, 1 + nameBytes.length);
    head.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
    parts.push(head, valueBytes);
  }
  return Buffer.concat(parts);
}

/**
 * One event-stream message: total length, headers length, prelude CRC32, string headers, payload,
 * message CRC32 (the AWS event stream encoding, as @smithy/eventstream-codec decodes it).
 */
export function encodeEventStreamMessage(
  headers: Readonly<Record<string, string>>,
  payload: Buffer,
): Buffer {
  const headerBytes = encodeHeaders(headers);
  const total = 12 + headerBytes.length + payload.length + 4;
  const message = Buffer.alloc(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(headerBytes.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  headerBytes.copy(message, 12);
  payload.copy(message, 12 + headerBytes.length);
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
  return message;
}

/** An `:message-type: event` frame with a JSON payload. */
export function eventFrame(eventType: string, payload: unknown): Buffer {
  return encodeEventStreamMessage(
    { ':message-type': 'event', ':event-type': eventType, ':content-type': 'application/json' },
    Buffer.from(JSON.stringify(payload)),
  );
}

/** An `:message-type: exception` frame, which SDKs raise as the modeled error. */
export function exceptionFrame(exceptionType: string, message: string): Buffer {
  return encodeEventStreamMessage(
    {
      ':message-type': 'exception',
      ':exception-type': exceptionType,
      ':content-type': 'application/json',
    },
    Buffer.from(JSON.stringify({ message })),
  );
}
