import { CONTRACT, type Contract, type RequestOf, type ResponseOf } from '../contract/contract';
import type { Result } from '../contract/result';
import { toContractError } from './error-mapping';

/** One handler per contract channel. */
export type Handlers = { [C in keyof Contract]: (request: RequestOf<C>) => Promise<ResponseOf<C>> };

/**
 * The one router both transports (Electron IPC and web mode's WebSocket) call: it parses every
 * request against the contract on arrival, runs the handler, and wraps the outcome as data.
 */
export class Router {
  constructor(private readonly handlers: Handlers) {}

  /** Handles one request; never throws. */
  async handle(channel: string, payload: unknown): Promise<Result<unknown>> {
    if (!Object.hasOwn(CONTRACT, channel)) {
      return {
        ok: false,
        error: { code: 'UnknownChannel', message: `No such channel: ${channel}` },
      };
    }
    const key = channel as keyof Contract;
    try {
      const request = CONTRACT[key].request.parse(payload ?? {});
      const handler = this.handlers[key] as (request: unknown) => Promise<unknown>;
      // Responses are checked too: a shape drift is caught in main, not rendered half-broken.
      const value = CONTRACT[key].response.parse(await handler(request));
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toContractError(error) };
    }
  }
}
