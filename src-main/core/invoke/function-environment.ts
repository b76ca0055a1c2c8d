import path from 'node:path';
import { logGroupOf, type FunctionDefinition } from '../functions/function-definition';
import type { RuntimeInfo } from '../functions/runtime-catalog';

/** Platform-defined names users may override (fidelity reference 2.1); every other reserved name is dropped. */
const USER_OVERRIDABLE = new Set([
  'LANG',
  'LD_LIBRARY_PATH',
  'PATH',
  'TZ',
  'AWS_LAMBDA_LOG_FORMAT',
  'AWS_LAMBDA_LOG_LEVEL',
  'AWS_XRAY_CONTEXT_MISSING',
  'AWS_XRAY_DAEMON_ADDRESS',
  'NODE_PATH',
  'PYTHONPATH',
]);

/** Where one environment's pieces live on this machine (Lambda's /var/task, /opt, /var/runtime, /tmp). */
export interface EnvironmentPaths {
  readonly taskRoot: string;
  readonly optDir?: string;
  readonly runtimeDir: string;
  readonly tmpDir: string;
  /** Directory of the language executable, first on PATH as /var/lang/bin is in Lambda. */
  readonly languageBinDir?: string;
}

/** Everything needed to compute one environment's variables. */
export interface EnvironmentSpec {
  readonly def: FunctionDefinition;
  readonly runtime: RuntimeInfo;
  readonly version: string;
  readonly region: string;
  readonly runtimeApi: string;
  readonly logStreamName: string;
  readonly initializationType: 'on-demand' | 'provisioned-concurrency';
  readonly paths: EnvironmentPaths;
  /** Telemetry fd for framed log records (managed runtimes only). */
  readonly telemetryFd?: number;
}

/**
 * The complete environment of a function process: what Lambda sets, plus the user's variables,
 * plus credentials the user chose. Nothing is inherited from our own process (no shell AWS keys).
 */
export function buildFunctionEnvironment(spec: EnvironmentSpec): Record<string, string> {
  const { def, runtime, paths } = spec;
  const opt = paths.optDir;
  const join = (...parts: (string | undefined | false)[]): string =>
    parts.filter((p): p is string => Boolean(p)).join(path.delimiter);
  const env: Record<string, string> = {
    AWS_LAMBDA_FUNCTION_NAME: def.name,
    AWS_LAMBDA_FUNCTION_VERSION: spec.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(def.memoryMb),
    AWS_LAMBDA_LOG_GROUP_NAME: logGroupOf(def),
    AWS_LAMBDA_LOG_STREAM_NAME: spec.logStreamName,
    AWS_LAMBDA_RUNTIME_API: spec.runtimeApi,
    AWS_LAMBDA_INITIALIZATION_TYPE: spec.initializationType,
    _HANDLER: def.handler,
    LAMBDA_TASK_ROOT: paths.taskRoot,
    LAMBDA_RUNTIME_DIR: paths.runtimeDir,
    AWS_REGION: spec.region,
    AWS_DEFAULT_REGION: spec.region,
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
    _AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1',
    _AWS_XRAY_DAEMON_PORT: '2000',
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
    PATH: join(
      paths.languageBinDir,
      '/usr/local/bin',
      '/usr/bin/',
      '/bin',
      opt && path.join(opt, 'bin'),
    ),
    LD_LIBRARY_PATH: join(
      paths.taskRoot,
      path.join(paths.taskRoot, 'lib'),
      opt && path.join(opt, 'lib'),
    ),
    // Lambda's /tmp is the only writable place; locally each environment gets its own temp folder.
    TMPDIR: paths.tmpDir,
  };
  if (runtime.family !== 'provided') env.AWS_EXECUTION_ENV = `AWS_Lambda_${runtime.id}`;
  if (runtime.family === 'nodejs') {
    env.NODE_PATH = join(
      opt && path.join(opt, 'nodejs', `node${runtime.languageVersion}`, 'node_modules'),
      opt && path.join(opt, 'nodejs', 'node_modules'),
      path.join(paths.runtimeDir, 'node_modules'),
      paths.runtimeDir,
      paths.taskRoot,
    );
  }
  if (runtime.family === 'python') {
    env.LC_CTYPE = 'C.UTF-8';
    env.PYTHONPATH = join(
      opt && path.join(opt, 'python', 'lib', `python${runtime.languageVersion}`, 'site-packages'),
      opt && path.join(opt, 'python'),
    );
  }
  if (def.logFormat === 'JSON') {
    env.AWS_LAMBDA_LOG_FORMAT = 'JSON';
    env.AWS_LAMBDA_LOG_LEVEL = def.applicationLogLevel ?? 'INFO';
  }
  if (spec.telemetryFd !== undefined) env._LAMBDA_TELEMETRY_LOG_FD = String(spec.telemetryFd);
  for (const [key, value] of Object.entries(def.environment)) {
    // As the runtime emulator does: keys starting with "_" and non-overridable platform names are dropped.
    if (key.startsWith('_')) continue;
    if (Object.hasOwn(env, key) && !USER_OVERRIDABLE.has(key)) continue;
    env[key] = value;
  }
  if (def.credentials) {
    env.AWS_ACCESS_KEY_ID = def.credentials.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = def.credentials.secretAccessKey;
    if (def.credentials.sessionToken) env.AWS_SESSION_TOKEN = def.credentials.sessionToken;
  }
  return env;
}
