import { z } from 'zod';
import { scope } from './accounts';

/** One function as the function browser lists it. */
export const functionSummary = z.object({
  name: z.string(),
  arn: z.string(),
  runtime: z.string(),
  handler: z.string(),
  memoryMb: z.number().int(),
  timeoutSec: z.number().int(),
  architecture: z.enum(['x86_64', 'arm64']),
  codeSize: z.number().int(),
  lastModified: z.string(),
  description: z.string(),
});

/** A function summary. */
export type FunctionSummary = z.infer<typeof functionSummary>;

/** `functions:list`: every function of an account and region (all pages). */
export const functionsListRequest = scope.strict();

/** `functions:list` answers the summaries, in name order. */
export const functionsListResponse = z.array(functionSummary);

/** `functions:get`: one function, optionally at a version or alias. */
export const functionsGetRequest = scope
  .extend({ name: z.string().min(1).max(256), qualifier: z.string().min(1).max(128).optional() })
  .strict();

/** A function's configuration as the detail views show it. */
export const functionDetail = functionSummary.extend({
  version: z.string(),
  state: z.string().optional(),
  lastUpdateStatus: z.string().optional(),
  environment: z.record(z.string(), z.string()),
  layers: z.array(z.string()),
  ephemeralStorageMb: z.number().int(),
  reservedConcurrency: z.number().int().optional(),
  revisionId: z.string(),
  codeSha256: z.string(),
});

/** A function detail. */
export type FunctionDetail = z.infer<typeof functionDetail>;

/** `functions:get` answers the detail. */
export const functionsGetResponse = functionDetail;
