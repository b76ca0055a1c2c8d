import { z } from 'zod';

/** An error as the renderer shows it: AWS's error code, its message, and what to do about it. */
export const contractError = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
});

/** A contract error. */
export type ContractError = z.infer<typeof contractError>;

/** Every response is wrapped: IPC's invoke keeps only an error's message, so errors travel as data. */
export function resultOf<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: contractError }),
  ]);
}

/** A wrapped response. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractError };
