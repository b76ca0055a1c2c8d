import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FunctionDefinition } from '../functions/function-definition';
import type { RuntimeInfo } from '../functions/runtime-catalog';
import type { PreparedCode } from '../code/code-cache';
import { LogCapture, pipeFrames, pipeLines, type LogSink } from './environment-output';
import { buildFunctionEnvironment } from './function-environment';
import { MemoryWatch } from './memory-watch';
import { RuntimeApiServer } from './runtime-api-server';
import type { RuntimeInvocation, RuntimeOutcome } from './runtime-api-types';
import type { LaunchPlan } from './runtime-launcher';
import type { ProcessExit } from './process-exit';
import { folderUsageBytes, tmpOverLimitMessage } from './tmp-usage';

const TELEMETRY_FD = 3;
const TMP_CHECK_EVERY_MS = 250;
const CAN_SIGNAL = process.platform !== 'win32';
/**
 * Lambda freezes an environment as soon as its runtime waits on /next. Stopping and resuming a
 * multi-threaded process costs ~0.35 ms, so back-to-back invokes skip it: the freeze happens once
 * the environment has been idle this long. Work scheduled further out still waits for the thaw.
 */
const FREEZE_GRACE_MS = 20;

/** Everything one execution environment is built from. */
export interface EnvironmentConfig {
  readonly def: FunctionDefinition;
  readonly runtime: RuntimeInfo;
  readonly version: string;
  readonly region: string;
  readonly code: PreparedCode;
  readonly plan: LaunchPlan;
  readonly tmpRoot: string;
  readonly initializationType: 'on-demand' | 'provisioned-concurrency';
  /** Where every log event of this environment's stream goes. */
  readonly sink: (stream: string, message: string, timestamp: number) => void;
  /** Freeze the process between invokes (SIGSTOP), as Lambda does. */
  readonly freezeWhenIdle: boolean;
}

/** How one INIT attempt ended. */
export type InitAttempt =
  | { readonly ok: true; readonly durationMs: number }
  | {
      readonly ok: false;
      readonly durationMs: number;
      readonly status: 'error' | 'timeout';
      /** Error type and body the runtime posted to /init/error, if it did. */
      readonly posted?: { readonly errorType: string; readonly payload: Buffer };
      readonly exit?: ProcessExit;
    };

/** How one invocation inside an environment ended. */
export type EnvironmentOutcome =
  | RuntimeOutcome
  | { readonly kind: 'exit'; readonly exit: ProcessExit; readonly outOfMemory: boolean }
  | { readonly kind: 'timeout' };

/** One Lambda execution environment: a runtime process, its Runtime API endpoint, its /tmp and its log stream. */
export class ExecutionEnvironment {
  readonly id = randomBytes(16).toString('hex');
  readonly logStreamName: string;
  private readonly memory: MemoryWatch;
  private readonly server: RuntimeApiServer;
  private readonly tmpDir: string;
  private child: ChildProcess | undefined;
  private exited: ProcessExit | undefined;
  private readonly exitWaiters: ((exit: ProcessExit) => void)[] = [];
  private readonly readyWaiters: (() => void)[] = [];
  private initPosted: { errorType: string; payload: Buffer } | undefined;
  private capture: LogCapture | undefined;
  private frozen = false;
  private tmpCheckedAt = 0;
  private freezeTimer: NodeJS.Timeout | undefined;
  private killed = false;
  private busy = false;
  private flushStdout: (() => void)[] = [];

  constructor(private readonly config: EnvironmentConfig) {
    const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
    this.logStreamName = `${day}/[${config.version}]${this.id}`;
    this.tmpDir = path.join(config.tmpRoot, `env-${this.id}`);
    this.memory = new MemoryWatch(
      () => (this.exited ? undefined : this.child?.pid),
      config.def.memoryMb * 1024 * 1024,
      () => this.kill(),
    );
    this.server = new RuntimeApiServer({
      onWaitingForNext: () => this.onWaitingForNext(),
      onInitError: (errorType, payload) => {
        this.initPosted = { errorType, payload };
        for (const wake of this.readyWaiters.splice(0)) wake();
      },
    });
  }

  /** Writes one log event to this environment's stream (and to the invocation being captured). */
  readonly log: LogSink = (message, timestamp) => {
    this.config.sink(this.logStreamName, message, timestamp);
    this.capture?.add(message);
  };

  /** Starts capturing this environment's log events for one invocation. */
  beginCapture(capture: LogCapture): void {
    this.capture = capture;
  }

  /** Stops capturing. */
  endCapture(): void {
    this.capture = undefined;
  }

  /** Memory high-water mark of the process tree, in bytes. */
  get peakMemoryBytes(): number {
    return this.memory.peakBytes;
  }

  /** Whether the runtime process is gone or being killed (crash, exit, timeout or OOM kill). */
  get dead(): boolean {
    return this.killed || this.exited !== undefined || this.child === undefined;
  }

  /**
   * Resolves true once the runtime waits on `/next` (Lambda reuses an environment only then),
   * false if it exits first, e.g. after posting an uncaught exception.
   */
  waitUntilReady(): Promise<boolean> {
    if (this.dead) return Promise.resolve(false);
    if (this.server.waiting) return Promise.resolve(true);
    return new Promise((resolve) => {
      this.readyWaiters.push(() => resolve(!this.dead));
      this.exitWaiters.push(() => resolve(false));
    });
  }

  /** Runs INIT: starts the runtime and waits until it asks for work, reports an init error, exits, or the deadline passes. */
  async init(deadlineMs: number): Promise<InitAttempt> {
    const started = performance.now();
    mkdirSync(this.tmpDir, { recursive: true });
    const runtimeApi = await this.server.listen();
    const { def, plan } = this.config;
    const env = buildFunctionEnvironment({
      def,
      runtime: this.config.runtime,
      version: this.config.version,
      region: this.config.region,
      runtimeApi,
      logStreamName: this.logStreamName,
      initializationType: this.config.initializationType,
      paths: {
        ...this.config.code,
        runtimeDir: plan.runtimeDir,
        tmpDir: this.tmpDir,
        languageBinDir: plan.languageBinDir,
      },
      telemetryFd: plan.usesTelemetryFd ? TELEMETRY_FD : undefined,
    });
    this.busy = true;
    this.memory.start();
    const ready = new Promise<void>((resolve) => this.readyWaiters.push(resolve));
    this.spawn(env);
    const exited = new Promise<ProcessExit>((resolve) => this.exitWaiters.push(resolve));
    const deadline = deadlineTimer(deadlineMs);
    const first = await Promise.race([
      ready.then(() => 'ready' as const),
      exited,
      deadline.expired,
    ]);
    deadline.cancel();
    const durationMs = performance.now() - started;
    this.busy = false;
    if (first === 'ready' && !this.initPosted) {
      this.memory.stop();
      this.memory.sample();
      if (this.config.freezeWhenIdle) this.scheduleFreeze();
      return { ok: true, durationMs };
    }
    const posted = this.initPosted;
    this.kill();
    const exit = first === 'timeout' || first === 'ready' ? undefined : first;
    return {
      ok: false,
      durationMs,
      status: first === 'timeout' ? 'timeout' : 'error',
      posted,
      exit,
    };
  }

  /** Runs one invocation until the runtime answers, the process dies, or the deadline passes (which kills it). */
  async invoke(invocation: RuntimeInvocation): Promise<EnvironmentOutcome> {
    this.busy = true;
    this.thaw();
    this.memory.start();
    const deadline = deadlineTimer(invocation.deadlineMs);
    const timedOut = deadline.expired.then((): EnvironmentOutcome => ({ kind: 'timeout' }));
    const exited = new Promise<EnvironmentOutcome>((resolve) => {
      const onExit = (exit: ProcessExit): void =>
        resolve({ kind: 'exit', exit, outOfMemory: this.memory.exceeded });
      if (this.exited) onExit(this.exited);
      else this.exitWaiters.push(onExit);
    });
    const outcome = await Promise.race([this.server.deliver(invocation), exited, timedOut]);
    deadline.cancel();
    this.memory.stop();
    this.memory.sample();
    if (outcome.kind !== 'response' && outcome.kind !== 'error') {
      this.server.abandon();
      this.kill();
    }
    // Let output the runtime wrote before answering reach us, so it is logged before END.
    await new Promise((resolve) => setImmediate(resolve));
    for (const flush of this.flushStdout) flush();
    this.busy = false;
    return outcome;
  }

  /** SHUTDOWN: kills the runtime (no extensions, so no grace period), closes the endpoint, removes /tmp. */
  async shutdown(): Promise<void> {
    this.kill();
    this.memory.stop();
    await this.server.close();
    rmSync(this.tmpDir, { recursive: true, force: true });
  }

  /**
   * Checks /tmp against the ephemeral storage size after an invoke; over it, logs why and retires
   * the environment (the next invoke starts fresh). Returns whether it was retired.
   */
  enforceTmpLimit(): boolean {
    // Walking /tmp costs a readdir per invoke; back-to-back invokes check it at most every 250 ms.
    const now = Date.now();
    if (now - this.tmpCheckedAt < TMP_CHECK_EVERY_MS) return false;
    this.tmpCheckedAt = now;
    const warning = tmpOverLimitMessage(
      folderUsageBytes(this.tmpDir),
      this.config.def.ephemeralStorageMb,
    );
    if (!warning || this.dead) return false;
    this.log(`${warning}\n`, Date.now());
    this.kill();
    return true;
  }

  private spawn(env: Record<string, string>): void {
    const { plan } = this.config;
    const telemetry = plan.usesTelemetryFd ? 'pipe' : 'ignore';
    const child = spawn(plan.command, [...plan.args], {
      cwd: this.config.code.taskRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe', telemetry],
      // Own process group, so a timeout or OOM kill takes the runtime's children with it.
      detached: CAN_SIGNAL,
    });
    this.child = child;
    if (child.stdout) this.flushStdout.push(pipeLines(child.stdout, this.log).flush);
    if (child.stderr) this.flushStdout.push(pipeLines(child.stderr, this.log).flush);
    const frames = child.stdio[TELEMETRY_FD];
    if (frames) pipeFrames(frames as Readable, this.log);
    child.on('error', (error) =>
      this.onExit({ code: null, signal: null, spawnError: error.message }),
    );
    child.on('exit', (code, signal) => this.onExit({ code, signal }));
  }

  private onExit(exit: ProcessExit): void {
    if (this.exited) return;
    this.exited = exit;
    this.memory.stop();
    for (const wake of this.exitWaiters.splice(0)) wake(exit);
  }

  private onWaitingForNext(): void {
    for (const wake of this.readyWaiters.splice(0)) wake();
    if (!this.busy && this.config.freezeWhenIdle) this.scheduleFreeze();
  }

  private scheduleFreeze(): void {
    clearTimeout(this.freezeTimer);
    this.freezeTimer = setTimeout(() => {
      if (!this.busy) this.freeze();
    }, FREEZE_GRACE_MS);
    this.freezeTimer.unref();
  }

  private signal(name: NodeJS.Signals): void {
    const pid = this.child?.pid;
    if (!pid || this.exited || this.killed) return;
    try {
      if (CAN_SIGNAL) process.kill(-pid, name);
      else this.child?.kill(name);
    } catch {
      // Already gone.
    }
  }

  private freeze(): void {
    if (!CAN_SIGNAL || this.frozen || this.dead) return;
    this.signal('SIGSTOP');
    this.frozen = true;
  }

  private thaw(): void {
    clearTimeout(this.freezeTimer);
    if (!this.frozen) return;
    this.signal('SIGCONT');
    this.frozen = false;
  }

  private kill(): void {
    this.signal('SIGKILL');
    this.killed = true;
    this.frozen = false;
  }
}

/** A timer for an epoch-ms deadline: `expired` resolves when it passes, `cancel` stops it. */
function deadlineTimer(deadlineMs: number): { expired: Promise<'timeout'>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), Math.max(0, deadlineMs - Date.now()));
  });
  return { expired, cancel: () => clearTimeout(timer) };
}
