import type { LogEvent, LogStoreLimits } from './log-store-types';

/** How many of the newest events fit the per-stream caps (always at least one), and their bytes. */
export function newestWithinCaps(
  events: readonly LogEvent[],
  limits: LogStoreLimits,
): { count: number; bytes: number } {
  let count = 0;
  let bytes = 0;
  for (let i = events.length - 1; i >= 0; i -= 1) {
    const size = Buffer.byteLength(events[i]?.message ?? '');
    const fits = count < limits.maxEventsPerStream && bytes + size <= limits.maxBytesPerStream;
    if (!fits && count > 0) break;
    count += 1;
    bytes += size;
  }
  return { count, bytes };
}
