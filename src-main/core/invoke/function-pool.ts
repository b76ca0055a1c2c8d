import type { ExecutionEnvironment } from './execution-environment';

/** The execution environments of one function version: warm ones wait here between invokes. */
export class FunctionPool {
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly idleTimers = new Map<ExecutionEnvironment, NodeJS.Timeout>();
  private readonly provisioned = new Set<ExecutionEnvironment>();
  private readonly busy = new Set<ExecutionEnvironment>();
  private closed = false;

  constructor(private readonly idleTimeoutMs: number) {}

  /** A warm environment (most recently used first, as Lambda reuses), or undefined when a cold start is needed. */
  take(): ExecutionEnvironment | undefined {
    while (this.idle.length > 0) {
      const env = this.idle.pop() as ExecutionEnvironment;
      clearTimeout(this.idleTimers.get(env));
      this.idleTimers.delete(env);
      if (env.dead) {
        this.retire(env);
        continue;
      }
      this.busy.add(env);
      return env;
    }
    return undefined;
  }

  /** Registers a new environment as busy (it is about to INIT or invoke). */
  track(env: ExecutionEnvironment, isProvisioned = false): void {
    this.busy.add(env);
    if (isProvisioned) this.provisioned.add(env);
  }

  /** Returns an environment after an invoke: dead ones are shut down, live ones wait (and expire unless provisioned). */
  release(env: ExecutionEnvironment): void {
    this.busy.delete(env);
    if (env.dead || this.closed) {
      this.retire(env);
      return;
    }
    this.idle.push(env);
    if (!this.provisioned.has(env)) {
      const timer = setTimeout(() => this.expire(env), this.idleTimeoutMs);
      timer.unref();
      this.idleTimers.set(env, timer);
    }
  }

  /** Number of environments, busy and idle. */
  get size(): number {
    return this.idle.length + this.busy.size;
  }

  /** Number of environments initialised through provisioned concurrency that are still alive. */
  get provisionedCount(): number {
    return [...this.provisioned].filter((env) => !env.dead).length;
  }

  /**
   * Retires the pool after a new revision replaced it: idle environments shut down now, busy ones
   * finish their invocation first (Lambda never cuts an invoke short for a configuration change).
   */
  async drain(): Promise<void> {
    this.closed = true;
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    const idle = this.idle.splice(0);
    await Promise.all(idle.map((env) => env.shutdown()));
  }

  /** Shuts every environment down (busy ones are killed too). */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    const all = [...this.idle, ...this.busy];
    this.idle.length = 0;
    this.busy.clear();
    this.provisioned.clear();
    await Promise.all(all.map((env) => env.shutdown()));
  }

  private expire(env: ExecutionEnvironment): void {
    const at = this.idle.indexOf(env);
    if (at >= 0) this.idle.splice(at, 1);
    this.idleTimers.delete(env);
    this.retire(env);
  }

  private retire(env: ExecutionEnvironment): void {
    this.provisioned.delete(env);
    void env.shutdown();
  }
}
