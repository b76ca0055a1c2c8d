import { createHash } from 'node:crypto';
import type { FunctionDefinition } from '../functions/function-definition';
import type { RuntimeInfo } from '../functions/runtime-catalog';
import type { PreparedCode } from '../code/code-cache';
import { ExecutionEnvironment, type EnvironmentConfig } from './execution-environment';
import { FunctionPool } from './function-pool';
import { LaunchError, type LaunchPlan } from './runtime-launcher';

/** One runnable function version: its definition, laid-out code, launch plan and pool of environments. */
export class Deployment {
  readonly pool: FunctionPool;

  constructor(
    /** Mutable only for settings that need no new environment (reserved concurrency). */
    public def: FunctionDefinition,
    readonly version: string,
    readonly runtime: RuntimeInfo,
    readonly code: PreparedCode,
    /** The launch plan, or why the runtime cannot start (reported on every invoke, as Lambda does). */
    readonly plan: LaunchPlan | LaunchError,
    private readonly environmentBase: Pick<
      EnvironmentConfig,
      'region' | 'tmpRoot' | 'sink' | 'freezeWhenIdle'
    >,
    idleTimeoutMs: number,
  ) {
    this.pool = new FunctionPool(idleTimeoutMs);
  }

  /** A new, not yet initialised environment for this version (throws the LaunchError if the runtime cannot start). */
  newEnvironment(
    initializationType: EnvironmentConfig['initializationType'],
  ): ExecutionEnvironment {
    if (this.plan instanceof LaunchError) throw this.plan;
    const env = new ExecutionEnvironment({
      ...this.environmentBase,
      def: this.def,
      runtime: this.runtime,
      version: this.version,
      code: this.code,
      plan: this.plan,
      initializationType,
    });
    this.pool.track(env, initializationType === 'provisioned-concurrency');
    return env;
  }

  /** `nodejs:22.local`-style runtime version and an ARN derived from it, for INIT_START. */
  runtimeVersion(): { version: string; arn: string } {
    const lang =
      this.runtime.languageVersion ?? this.runtime.id.replace(/^provided\.?/, '') ?? 'al';
    const version = `${this.runtime.family}:${lang || 'al'}.local`;
    const local = this.plan instanceof LaunchError ? '' : (this.plan.localVersion ?? '');
    const digest = createHash('sha256').update(`${this.runtime.id}|${local}`).digest('hex');
    return { version, arn: `arn:aws:lambda:${this.environmentBase.region}::runtime:${digest}` };
  }
}
