import { EventEmitter } from 'node:events';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { CodeCache } from '../code/code-cache';
import { LambdaError } from '../errors/lambda-error';
import {
  logGroupOf,
  withDefaults,
  type FunctionDefinition,
  type FunctionInput,
} from '../functions/function-definition';
import { findRuntime } from '../functions/runtime-catalog';
import { validateFunction } from '../functions/validate-function';
import { LogStore } from '../logs/log-store';
import { defaultResourcesDir } from '../resources-dir';
import {
  AsyncInvoker,
  DEFAULT_ASYNC_RETRY_DELAYS_MS,
  type AsyncInvocationRecord,
} from './async-invoker';
import {
  assertUnreservedMinimum,
  ConcurrencyLimiter,
  DEFAULT_ACCOUNT_CONCURRENCY,
} from './concurrency-limiter';
import { Deployment } from './deployment';
import { runInvocation } from './invocation-runner';
import type { InvokeOptions, InvokeResult } from './invoke-types';
import { checkPayload } from './payload-limits';
import { provisionEnvironments } from './provisioning';
import { LaunchError, RuntimeLauncher, type RuntimeExecutables } from './runtime-launcher';

/** Settings of the local engine; everything has a default except the data folder. */
export interface EngineOptions {
  /** Folder for extracted code, merged layers and per-environment temp folders. */
  readonly dataDir: string;
  readonly region?: string;
  readonly accountId?: string;
  readonly resourcesDir?: string;
  readonly runtimeExecutables?: RuntimeExecutables;
  /** Idle environments are shut down after this long (default 10 minutes). */
  readonly idleTimeoutMs?: number;
  readonly accountConcurrency?: number;
  readonly freezeWhenIdle?: boolean;
  readonly asyncRetryDelaysMs?: readonly number[];
  readonly logStore?: LogStore;
}

/** Events the engine emits for the UI and the endpoint. */
export interface EngineEvents {
  invocation: [InvokeResult];
  async: [AsyncInvocationRecord];
}

/** The local invocation engine: functions, their environments, invocations, logs and concurrency, as Lambda runs them. */
export class LambdaEngine extends EventEmitter<EngineEvents> {
  readonly logs: LogStore;
  readonly region: string;
  readonly accountId: string;
  private readonly deployments = new Map<string, Deployment>();
  private readonly codeCache: CodeCache;
  private readonly launcher: RuntimeLauncher;
  private readonly limiter: ConcurrencyLimiter;
  private readonly asyncInvoker: AsyncInvoker;
  private readonly tmpRoot: string;

  constructor(private readonly options: EngineOptions) {
    super();
    this.logs = options.logStore ?? new LogStore();
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '123456789012';
    this.codeCache = new CodeCache(path.join(options.dataDir, 'code-cache'));
    this.tmpRoot = path.join(
      options.dataDir,
      'tmp',
      `${process.pid}-${randomBytes(4).toString('hex')}`,
    );
    mkdirSync(this.tmpRoot, { recursive: true });
    this.launcher = new RuntimeLauncher(
      options.resourcesDir ?? defaultResourcesDir(),
      options.runtimeExecutables,
    );
    this.limiter = new ConcurrencyLimiter(
      options.accountConcurrency ?? DEFAULT_ACCOUNT_CONCURRENCY,
    );
    this.asyncInvoker = new AsyncInvoker(
      (name, payload, opts) => this.invoke(name, payload, opts),
      (record) => this.emit('async', record),
      options.asyncRetryDelaysMs ?? DEFAULT_ASYNC_RETRY_DELAYS_MS,
    );
  }

  /** Checks a definition as deploy would (limits, runtime, code and layers laid out) without running it. */
  async validate(input: FunctionInput): Promise<FunctionDefinition> {
    return (await this.prepare(input)).def;
  }

  /** Changes a function's reserved concurrency on every deployed version, keeping its environments. */
  setReservedConcurrency(name: string, reserved: number | undefined): void {
    for (const deployment of this.deployments.values()) {
      if (deployment.def.name === name)
        deployment.def = { ...deployment.def, reservedConcurrency: reserved };
    }
  }

  /**
   * Validates a function and makes it runnable as `version` (default $LATEST), replacing what ran
   * before; invocations already running on the old revision finish on their environments.
   */
  async deploy(input: FunctionInput, version = '$LATEST'): Promise<FunctionDefinition> {
    // One preparation: laying out code hashes the zip and copies merged layers, so never twice.
    const { def, runtime, code } = await this.prepare(input);
    let plan;
    try {
      plan = this.launcher.plan(runtime, def.memoryMb, code.taskRoot, code.optDir);
    } catch (error) {
      if (!(error instanceof LaunchError)) throw error;
      plan = error;
    }
    const deployment = new Deployment(
      def,
      version,
      runtime,
      code,
      plan,
      {
        region: this.region,
        tmpRoot: this.tmpRoot,
        sink: (stream, message, timestamp) =>
          this.logs.append(logGroupOf(def), stream, message, timestamp),
        freezeWhenIdle: this.options.freezeWhenIdle ?? process.platform !== 'win32',
      },
      this.options.idleTimeoutMs ?? 10 * 60_000,
    );
    const key = keyOf(def.name, version);
    const previous = this.deployments.get(key);
    this.deployments.set(key, deployment);
    await previous?.pool.drain();
    if (def.provisionedConcurrency)
      await provisionEnvironments(deployment, def.provisionedConcurrency);
    return def;
  }

  /** The definition running as `version`, if any. */
  get(name: string, version = '$LATEST'): FunctionDefinition | undefined {
    return this.deployments.get(keyOf(name, version))?.def;
  }

  /** Every deployed function version. */
  list(): { def: FunctionDefinition; version: string; environments: number }[] {
    return [...this.deployments.values()].map((d) => ({
      def: d.def,
      version: d.version,
      environments: d.pool.size,
    }));
  }

  /** Removes a function version (or every version when none is given) and shuts its environments down. */
  async remove(name: string, version?: string): Promise<void> {
    for (const [key, deployment] of this.deployments) {
      if (
        deployment.def.name === name &&
        (version === undefined || deployment.version === version)
      ) {
        this.deployments.delete(key);
        await deployment.pool.close();
      }
    }
  }

  /** Synchronous (RequestResponse) invoke: runs the function and returns Lambda's full result. */
  async invoke(
    name: string,
    payload: Buffer | string,
    options: InvokeOptions = {},
  ): Promise<InvokeResult> {
    const deployment = this.require(name, options.version);
    const body = checkPayload(payload, 'RequestResponse');
    const reserved = deployment.def.reservedConcurrency;
    this.limiter.acquire(name, reserved, this.totalReserved());
    try {
      const result = await runInvocation(deployment, {
        requestId: options.requestId ?? randomUUID(),
        invokedFunctionArn: options.invokedFunctionArn ?? this.arnOf(name, options.version),
        traceId: options.traceId ?? newTraceId(),
        clientContext: options.clientContext,
        cognitoIdentity: options.cognitoIdentity,
        tenantId: options.tenantId,
        contentType: options.contentType,
        payload: body,
      });
      if (!result.logStreamName) this.logOrphan(deployment.def, result);
      this.emit('invocation', result);
      return result;
    } finally {
      this.limiter.release(name, reserved);
    }
  }

  /** Event invoke: checks the function and payload, queues it, and returns the request id (HTTP 202). */
  invokeAsync(
    name: string,
    payload: Buffer | string,
    options: InvokeOptions = {},
  ): AsyncInvocationRecord {
    const deployment = this.require(name, options.version);
    const body = checkPayload(payload, 'Event');
    const requestId = options.requestId ?? randomUUID();
    return this.asyncInvoker.enqueue(name, deployment.version, body, { ...options, requestId });
  }

  /** DryRun invoke: only checks that the function exists and the payload is acceptable (HTTP 204). */
  dryRun(name: string, payload: Buffer | string, options: InvokeOptions = {}): void {
    this.require(name, options.version);
    checkPayload(payload, 'RequestResponse');
  }

  /** Recent Event invocations and their outcomes. */
  asyncInvocations(): readonly AsyncInvocationRecord[] {
    return this.asyncInvoker.list();
  }

  /** The account-wide concurrency limit. */
  get accountConcurrency(): number {
    return this.limiter.limit;
  }

  /** Executions running now for a function. */
  running(name: string): number {
    return this.limiter.runningFor(name);
  }

  /** SHUTDOWN for every environment; pending async retries are dropped. */
  async shutdown(): Promise<void> {
    this.asyncInvoker.stop();
    const all = [...this.deployments.values()];
    this.deployments.clear();
    await Promise.all(all.map((d) => d.pool.close()));
  }

  /** The unqualified (or version-qualified) ARN of a function. */
  arnOf(name: string, version?: string): string {
    const base = `arn:aws:lambda:${this.region}:${this.accountId}:function:${name}`;
    return version && version !== '$LATEST' ? `${base}:${version}` : base;
  }

  private require(name: string, version = '$LATEST'): Deployment {
    const deployment = this.deployments.get(keyOf(name, version));
    if (!deployment) {
      const arn = `${this.arnOf(name)}${version === '$LATEST' ? '' : `:${version}`}`;
      throw new LambdaError('ResourceNotFoundException', `Function not found: ${arn}`, 404);
    }
    return deployment;
  }

  private totalReserved(): number {
    const byName = new Map<string, number>();
    for (const d of this.deployments.values()) {
      if (d.def.reservedConcurrency !== undefined)
        byName.set(d.def.name, d.def.reservedConcurrency);
    }
    return [...byName.values()].reduce((a, b) => a + b, 0);
  }

  /** Validates a definition and lays out its code and layers (shared by validate and deploy). */
  private async prepare(input: FunctionInput) {
    const def = withDefaults(input);
    validateFunction(def);
    const runtime = findRuntime(def.runtime);
    if (!runtime) {
      throw new LambdaError('InvalidParameterValueException', `Unsupported runtime ${def.runtime}`);
    }
    if (def.reservedConcurrency !== undefined) {
      const others = this.totalReserved() - (this.get(def.name)?.reservedConcurrency ?? 0);
      assertUnreservedMinimum(this.limiter.limit, others, def.reservedConcurrency);
    }
    const code = await this.codeCache.prepare(def.code, def.layers);
    return { def, runtime, code };
  }

  private logOrphan(def: FunctionDefinition, result: InvokeResult): void {
    // A runtime that could not even start still gets a log stream, as in Lambda.
    const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/');
    const stream = `${day}/[${result.executedVersion}]${randomBytes(16).toString('hex')}`;
    for (const line of result.logs.split(/(?<=\n)/)) {
      if (line) this.logs.append(logGroupOf(def), stream, line);
    }
  }
}

function keyOf(name: string, version: string): string {
  return `${name}\u0000${version}`;
}

/** A fresh X-Ray trace header: `Root=1-<epoch hex>-<24 hex>;Parent=<16 hex>;Sampled=0` (one random read). */
export function newTraceId(): string {
  const epoch = Math.floor(Date.now() / 1000)
    .toString(16)
    .padStart(8, '0');
  const random = randomBytes(20).toString('hex');
  return `Root=1-${epoch}-${random.slice(0, 24)};Parent=${random.slice(24)};Sampled=0`;
}
