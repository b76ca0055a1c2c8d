import { z } from 'zod';

/** Where functions live: the local engine, or an AWS profile (issue 5). */
export const account = z.object({
  id: z.string().min(1),
  name: z.string(),
  kind: z.enum(['local', 'aws']),
  defaultRegion: z.string(),
});

/** An account as the sidebar lists it. */
export type Account = z.infer<typeof account>;

/** `accounts:list` takes nothing. */
export const accountsListRequest = z.object({}).strict();

/** `accounts:list` answers every account. */
export const accountsListResponse = z.array(account);

/** Names one account and region: every function operation is scoped by both. */
export const scope = z.object({
  accountId: z.string().min(1),
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'a region such as us-east-1'),
});
