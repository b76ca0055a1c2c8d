import { readTreeMemory } from './process-memory';

const SAMPLE_EVERY_MS = 20;

/**
 * Watches a runtime's process tree while it works: keeps the high-water mark (REPORT's Max Memory
 * Used) and calls `onExceeded` once resident memory passes the function's memory size, where
 * Lambda's cgroup would kill it.
 */
export class MemoryWatch {
  /** Memory high-water mark of the process tree, in bytes. */
  peakBytes = 0;
  /** Set once the limit was passed. */
  exceeded = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pid: () => number | undefined,
    private readonly limitBytes: number,
    private readonly onExceeded: () => void,
  ) {}

  /** Samples every 20 ms until stopped. */
  start(): void {
    this.timer ??= setInterval(() => this.sample(), SAMPLE_EVERY_MS);
  }

  /** Stops periodic sampling. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Takes one reading now. */
  sample(): void {
    const pid = this.pid();
    if (!pid || this.exceeded) return;
    const reading = readTreeMemory(pid);
    if (!reading) return;
    this.peakBytes = Math.max(this.peakBytes, reading.peak);
    if (reading.current > this.limitBytes) {
      this.exceeded = true;
      this.onExceeded();
    }
  }
}
