import { logGroupOf } from '../functions/function-definition';
import { platformLogFor } from '../logs/platform-log';
import { timeoutLogLine, timeoutSeconds } from '../logs/platform-lines';
import { invocationCostUsd } from '../pricing/lambda-pricing';
import type { Deployment } from './deployment';
import { LogCapture } from './environment-output';
import type {
  EnvironmentOutcome,
  ExecutionEnvironment,
  InitAttempt,
} from './execution-environment';
import { logTail, type InvokeResult } from './invoke-types';
import { exitErrorMessage } from './process-exit';
import { normaliseErrorType, type RuntimeInvocation } from './runtime-api-types';
import { LaunchError } from './runtime-launcher';

/** Lambda's cap on on-demand INIT. */
export const INIT_LIMIT_MS = 10_000;

/** An invocation as the runner receives it (ids and headers already decided by the engine). */
export type PreparedInvocation = Omit<RuntimeInvocation, 'deadlineMs'>;

interface Failure {
  /** The type the platform books (REPORT's Error Type): runtime-supplied types normalised (reference 1.3). */
  readonly errorType: string;
  readonly payload: Buffer;
  readonly status: 'error' | 'timeout';
}

/** Runs one invocation on a deployment: warm reuse or cold start (with Lambda's suppressed-init retry), logs, REPORT. */
export async function runInvocation(
  deployment: Deployment,
  inv: PreparedInvocation,
): Promise<InvokeResult> {
  const capture = new LogCapture();
  const { def } = deployment;
  const platform = platformLogFor(def.logFormat);
  const warnings: string[] = [];
  let env = await takeWarm(deployment);
  let initDurationMs: number | undefined;
  let started = 0;
  let deadlineMs = 0;
  let failure: Failure | undefined;
  const coldStart = env === undefined;
  const beginInvoke = (e: ExecutionEnvironment): void => {
    started = performance.now();
    deadlineMs = Date.now() + def.timeoutSec * 1000;
    e.log(`${platform.start(inv.requestId, deployment.version)}\n`, Date.now());
  };

  try {
    if (env) {
      env.beginCapture(capture);
      beginInvoke(env);
    } else {
      env = coldEnvironment(deployment, capture, warnings);
      const first = await env.init(Date.now() + INIT_LIMIT_MS);
      if (first.ok) {
        initDurationMs = first.durationMs;
        beginInvoke(env);
      } else {
        // Lambda re-runs a failed INIT inside the invoke, bounded by the function timeout ("suppressed init").
        env.log(
          `${platform.initReport(first.durationMs, 'init', first.status, initErrorType(first))}\n`,
          Date.now(),
        );
        await retire(deployment, env);
        env = coldEnvironment(deployment, capture, warnings, false);
        beginInvoke(env);
        const second = await env.init(deadlineMs);
        if (!second.ok) {
          if (second.status === 'error') {
            env.log(
              `${platform.initReport(second.durationMs, 'invoke', 'error', initErrorType(second))}\n`,
              Date.now(),
            );
          }
          failure = initFailure(second, inv.requestId, performance.now() - started, env);
        }
      }
    }
  } catch (error) {
    if (!(error instanceof LaunchError)) throw error;
    failure = launchFailure(error, inv.requestId);
    env = undefined;
    capture.add(`${platform.start(inv.requestId, deployment.version)}\n`);
    capture.add(`${failureMessage(failure)}\n`);
    started = performance.now();
  }

  let outcomePayload: Buffer = Buffer.alloc(0);
  if (!failure && env) {
    const outcome = await env.invoke({ ...inv, deadlineMs });
    const result = interpret(outcome, inv.requestId, performance.now() - started, env);
    outcomePayload = result.payload;
    if (result.failure) failure = result.failure;
    env.enforceTmpLimit();
  }
  const durationMs = performance.now() - started;
  const billedDurationMs = Math.max(1, Math.ceil(durationMs + (initDurationMs ?? 0)));
  const peak = env?.peakMemoryBytes ?? 0;
  const maxMemoryUsedMb =
    failure?.errorType === 'Runtime.OutOfMemory'
      ? def.memoryMb
      : Math.min(def.memoryMb, Math.max(1, Math.round(peak / (1024 * 1024))));
  const report = platform.report({
    requestId: inv.requestId,
    durationMs,
    billedDurationMs,
    memorySizeMb: def.memoryMb,
    maxMemoryUsedMb,
    initDurationMs,
    status: failure?.status,
    errorType: failure?.errorType,
  });
  const emit = (line: string): void =>
    env ? env.log(`${line}\n`, Date.now()) : capture.add(`${line}\n`);
  emit(platform.end(inv.requestId, failure?.status ?? 'success', failure?.errorType));
  emit(report);
  env?.endCapture();
  const logStreamName = env?.logStreamName ?? '';
  if (env) deployment.pool.release(env);
  const logs = capture.text();
  return {
    requestId: inv.requestId,
    functionName: def.name,
    executedVersion: deployment.version,
    payload: failure ? failure.payload : outcomePayload,
    functionError: failure ? 'Unhandled' : undefined,
    errorType: failure ? (bodyErrorType(failure.payload) ?? failure.errorType) : undefined,
    status: failure?.status ?? 'success',
    logs,
    logTailBase64: logTail(logs),
    logGroupName: logGroupOf(def),
    logStreamName,
    durationMs,
    billedDurationMs,
    initDurationMs,
    memorySizeMb: def.memoryMb,
    maxMemoryUsedMb,
    coldStart,
    costUsd: invocationCostUsd(
      billedDurationMs,
      def.memoryMb,
      def.architecture,
      def.ephemeralStorageMb,
    ),
    warnings,
  };
}

/** A warm environment whose runtime is back on `/next`; environments that died meanwhile are dropped. */
async function takeWarm(deployment: Deployment): Promise<ExecutionEnvironment | undefined> {
  for (let env = deployment.pool.take(); env; env = deployment.pool.take()) {
    if (await env.waitUntilReady()) return env;
    deployment.pool.release(env);
  }
  return undefined;
}

function coldEnvironment(
  deployment: Deployment,
  capture: LogCapture,
  warnings: string[],
  announce = true,
): ExecutionEnvironment {
  const env = deployment.newEnvironment('on-demand');
  env.beginCapture(capture);
  if (announce) {
    const { version, arn } = deployment.runtimeVersion();
    env.log(
      `${platformLogFor(deployment.def.logFormat).initStart(version, arn, 'on-demand')}\n`,
      Date.now(),
    );
    const planWarnings = deployment.plan instanceof LaunchError ? [] : deployment.plan.warnings;
    for (const warning of planWarnings) {
      warnings.push(warning);
      env.log(`${warning}\n`, Date.now());
    }
  }
  return env;
}

async function retire(deployment: Deployment, env: ExecutionEnvironment): Promise<void> {
  env.endCapture();
  deployment.pool.release(env);
  await env.shutdown();
}

function interpret(
  outcome: EnvironmentOutcome,
  requestId: string,
  elapsedMs: number,
  env: ExecutionEnvironment,
): { payload: Buffer; failure?: Failure } {
  switch (outcome.kind) {
    case 'response':
      return { payload: outcome.payload };
    case 'error':
      return {
        payload: outcome.payload,
        failure: {
          errorType: normaliseErrorType(outcome.errorType),
          payload: outcome.payload,
          status: 'error',
        },
      };
    case 'timeout':
      return { payload: Buffer.alloc(0), failure: timeoutFailure(requestId, elapsedMs, env) };
    case 'exit': {
      const errorType = outcome.outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError';
      const failure = errorFailure(errorType, exitErrorMessage(requestId, outcome.exit));
      env.log(`${failureMessage(failure)}\n`, Date.now());
      return { payload: failure.payload, failure };
    }
  }
}

function initFailure(
  attempt: Extract<InitAttempt, { ok: false }>,
  requestId: string,
  elapsedMs: number,
  env: ExecutionEnvironment,
): Failure {
  if (attempt.status === 'timeout') return timeoutFailure(requestId, elapsedMs, env);
  if (attempt.posted) {
    return {
      errorType: normaliseErrorType(attempt.posted.errorType),
      payload: attempt.posted.payload,
      status: 'error',
    };
  }
  const failure = errorFailure(
    'Runtime.ExitError',
    exitErrorMessage(requestId, attempt.exit ?? { code: null, signal: null }),
  );
  env.log(`${failureMessage(failure)}\n`, Date.now());
  return failure;
}

function timeoutFailure(requestId: string, elapsedMs: number, env: ExecutionEnvironment): Failure {
  env.log(`${timeoutLogLine(new Date().toISOString(), requestId, elapsedMs)}\n`, Date.now());
  const message = `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds(elapsedMs)} seconds`;
  return { ...errorFailure('Sandbox.Timedout', message), status: 'timeout' };
}

function launchFailure(error: LaunchError, requestId: string): Failure {
  return errorFailure(error.errorType, `RequestId: ${requestId} Error: ${error.message}`);
}

function errorFailure(errorType: string, errorMessage: string): Failure {
  return {
    errorType,
    payload: Buffer.from(JSON.stringify({ errorType, errorMessage })),
    status: 'error',
  };
}

/** The two-line log event Lambda writes for a platform-detected failure: message, then type. */
function failureMessage(failure: Failure): string {
  const parsed = JSON.parse(failure.payload.toString('utf8')) as { errorMessage?: string };
  return `${parsed.errorMessage ?? ''}\n${failure.errorType}`;
}

function initErrorType(attempt: Extract<InitAttempt, { ok: false }>): string {
  if (attempt.posted) return normaliseErrorType(attempt.posted.errorType);
  return 'Runtime.ExitError';
}

/** The errorType the caller sees in the payload (Lambda returns the runtime's body unchanged). */
function bodyErrorType(payload: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(payload.toString('utf8')) as { errorType?: unknown };
    return typeof parsed.errorType === 'string' ? parsed.errorType : undefined;
  } catch {
    return undefined;
  }
}
