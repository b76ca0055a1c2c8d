import type { z } from 'zod';
import { accountsListRequest, accountsListResponse } from './accounts';
import { CHANNELS } from './channels';
import {
  functionsGetRequest,
  functionsGetResponse,
  functionsListRequest,
  functionsListResponse,
} from './functions';
import { invokeRunRequest, invokeRunResponse } from './invoke';

/** The one contract: each channel with its request and response schema, checked on arrival in main. */
export const CONTRACT = {
  [CHANNELS.accountsList]: { request: accountsListRequest, response: accountsListResponse },
  [CHANNELS.functionsList]: { request: functionsListRequest, response: functionsListResponse },
  [CHANNELS.functionsGet]: { request: functionsGetRequest, response: functionsGetResponse },
  [CHANNELS.invokeRun]: { request: invokeRunRequest, response: invokeRunResponse },
} as const;

/** The contract's type. */
export type Contract = typeof CONTRACT;

/** What a channel's request is (after parsing, defaults applied). */
export type RequestOf<C extends keyof Contract> = z.output<Contract[C]['request']>;

/** What a renderer passes on a channel (before defaults). */
export type RequestInputOf<C extends keyof Contract> = z.input<Contract[C]['request']>;

/** What a channel answers. */
export type ResponseOf<C extends keyof Contract> = z.output<Contract[C]['response']>;
