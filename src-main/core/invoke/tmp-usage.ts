import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Bytes used by the files under a folder (Lambda's /tmp of one environment); 0 when it is gone. */
export function folderUsageBytes(root: string): number {
  let total = 0;
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.pop() as string;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      try {
        const stat = lstatSync(full);
        if (stat.isDirectory()) pending.push(full);
        else total += stat.size;
      } catch {
        // Removed while we walked: nothing to count.
      }
    }
  }
  return total;
}

/**
 * The warning for an environment whose /tmp outgrew its ephemeral storage. Lambda's writes would
 * fail with ENOSPC; locally there is no quota, so the engine says so and retires the environment.
 */
export function tmpOverLimitMessage(usedBytes: number, limitMb: number): string | undefined {
  if (usedBytes <= limitMb * 1024 * 1024) return undefined;
  const usedMb = Math.ceil(usedBytes / (1024 * 1024));
  return (
    `WARNING: /tmp holds ${usedMb} MB, more than this function's ephemeral storage (${limitMb} MB). ` +
    'In Lambda, writes past the limit fail with "No space left on device". This environment is shut down.'
  );
}
