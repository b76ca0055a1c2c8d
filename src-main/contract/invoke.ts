import { z } from 'zod';
import { scope } from './accounts';

/** Lambda's invocation types. */
export const invocationType = z.enum(['RequestResponse', 'Event', 'DryRun']);

/** `invoke:run`: one invocation with a JSON payload. */
export const invokeRunRequest = scope
  .extend({
    functionName: z.string().min(1).max(256),
    qualifier: z.string().min(1).max(128).optional(),
    payload: z.string().max(6_291_456, 'payloads are limited to 6 MB'),
    invocationType: invocationType.default('RequestResponse'),
  })
  .strict();

/** Figures read from the invocation's REPORT line. */
export const invokeFigures = z.object({
  durationMs: z.number(),
  billedDurationMs: z.number().int(),
  memorySizeMb: z.number().int(),
  maxMemoryUsedMb: z.number().int(),
  initDurationMs: z.number().optional(),
  coldStart: z.boolean(),
  costUsd: z.number(),
});

/** What an invocation produced: response, error, logs and figures. */
export const invokeOutcome = z.object({
  statusCode: z.number().int(),
  requestId: z.string().optional(),
  executedVersion: z.string().optional(),
  payload: z.string(),
  functionError: z.string().optional(),
  /** The invocation's log tail (last 4 KB), decoded. */
  logs: z.string(),
  figures: invokeFigures.optional(),
});

/** An invocation outcome. */
export type InvokeOutcome = z.infer<typeof invokeOutcome>;

/** `invoke:run` answers the outcome. */
export const invokeRunResponse = invokeOutcome;
