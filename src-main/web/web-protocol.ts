import { z } from 'zod';

/** A renderer request over the WebSocket: the same channel and payload as over IPC, with a correlation id. */
export const webRequest = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string().min(1).max(64),
  payload: z.unknown(),
});

/** A web request. */
export type WebRequest = z.infer<typeof webRequest>;

/** Largest message a renderer may send (an invoke payload is at most 6 MB, plus JSON overhead). */
export const MAX_WEB_MESSAGE_BYTES = 8 * 1024 * 1024;
