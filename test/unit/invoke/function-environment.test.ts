import path from 'node:path';
import { afterEach, describe, it, expect } from 'vitest';
import {
  withDefaults,
  type FunctionDefinition,
  type FunctionInput,
} from '../../../src-main/core/functions/function-definition';
import { findRuntime, type RuntimeInfo } from '../../../src-main/core/functions/runtime-catalog';
import {
  buildFunctionEnvironment,
  type EnvironmentPaths,
  type EnvironmentSpec,
} from '../../../src-main/core/invoke/function-environment';

const ROOT = path.resolve('/lw');
const PATHS: EnvironmentPaths = {
  taskRoot: path.join(ROOT, 'task'),
  optDir: path.join(ROOT, 'opt'),
  runtimeDir: path.join(ROOT, 'runtime'),
  tmpDir: path.join(ROOT, 'tmp'),
  languageBinDir: path.join(ROOT, 'lang', 'bin'),
};
const STREAM = '2025/11/24/[$LATEST]0123456789abcdef0123456789abcdef';
const D = path.delimiter;

function runtime(id: string): RuntimeInfo {
  const info = findRuntime(id);
  if (!info) throw new Error(`unknown runtime ${id}`);
  return info;
}

function def(overrides: Partial<FunctionInput> = {}): FunctionDefinition {
  return withDefaults({
    name: 'orders',
    runtime: 'nodejs22.x',
    handler: 'index.handler',
    code: path.join(ROOT, 'code'),
    ...overrides,
  });
}

function build(
  overrides: Partial<FunctionInput> = {},
  spec: Partial<EnvironmentSpec> = {},
): Record<string, string> {
  const d = def(overrides);
  return buildFunctionEnvironment({
    def: d,
    runtime: runtime(d.runtime),
    version: '$LATEST',
    region: 'eu-west-1',
    runtimeApi: '127.0.0.1:40123',
    logStreamName: STREAM,
    initializationType: 'on-demand',
    paths: PATHS,
    ...spec,
  });
}

describe('reserved variables', () => {
  it('sets what Lambda sets, with Lambda values', () => {
    const env = build({ memoryMb: 1024 });
    expect(env).toMatchObject({
      AWS_LAMBDA_FUNCTION_NAME: 'orders',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/orders',
      AWS_LAMBDA_LOG_STREAM_NAME: STREAM,
      AWS_LAMBDA_RUNTIME_API: '127.0.0.1:40123',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      _HANDLER: 'index.handler',
      LAMBDA_TASK_ROOT: PATHS.taskRoot,
      LAMBDA_RUNTIME_DIR: PATHS.runtimeDir,
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
      _AWS_XRAY_DAEMON_PORT: '2000',
      TZ: ':UTC',
      LANG: 'en_US.UTF-8',
    });
  });

  it('uses the published version number and the initialisation type given', () => {
    const env = build({}, { version: '7', initializationType: 'provisioned-concurrency' });
    expect(env.AWS_LAMBDA_FUNCTION_VERSION).toBe('7');
    expect(env.AWS_LAMBDA_INITIALIZATION_TYPE).toBe('provisioned-concurrency');
  });

  it('uses a custom log group when configured', () => {
    expect(build({ logGroup: '/custom/group' }).AWS_LAMBDA_LOG_GROUP_NAME).toBe('/custom/group');
  });

  it('AWS_EXECUTION_ENV names the runtime, and is absent on provided.*', () => {
    expect(build({ runtime: 'nodejs20.x' }).AWS_EXECUTION_ENV).toBe('AWS_Lambda_nodejs20.x');
    expect(build({ runtime: 'python3.12' }).AWS_EXECUTION_ENV).toBe('AWS_Lambda_python3.12');
    expect(build({ runtime: 'provided.al2023' })).not.toHaveProperty('AWS_EXECUTION_ENV');
    expect(build({ runtime: 'provided.al2' })).not.toHaveProperty('AWS_EXECUTION_ENV');
  });

  it('sets LC_CTYPE=C.UTF-8 for Python only', () => {
    expect(build({ runtime: 'python3.12' }).LC_CTYPE).toBe('C.UTF-8');
    expect(build()).not.toHaveProperty('LC_CTYPE');
  });

  it('points TMPDIR at the environment /tmp', () => {
    expect(build().TMPDIR).toBe(PATHS.tmpDir);
  });
});

describe('search paths', () => {
  it('NODE_PATH: /opt/nodejs/node<major>, /opt/nodejs, runtime node_modules, runtime, task', () => {
    expect(build().NODE_PATH).toBe(
      [
        path.join(ROOT, 'opt', 'nodejs', 'node22', 'node_modules'),
        path.join(ROOT, 'opt', 'nodejs', 'node_modules'),
        path.join(ROOT, 'runtime', 'node_modules'),
        PATHS.runtimeDir,
        PATHS.taskRoot,
      ].join(D),
    );
    expect(build({ runtime: 'nodejs20.x' }).NODE_PATH?.split(D)[0]).toBe(
      path.join(ROOT, 'opt', 'nodejs', 'node20', 'node_modules'),
    );
  });

  it('NODE_PATH without layers has no /opt entries and no empty entries', () => {
    const env = build({}, { paths: { ...PATHS, optDir: undefined } });
    expect(env.NODE_PATH).toBe(
      [path.join(ROOT, 'runtime', 'node_modules'), PATHS.runtimeDir, PATHS.taskRoot].join(D),
    );
  });

  it('PYTHONPATH: layer site-packages for the Python version first, then /opt/python', () => {
    const entries = build({ runtime: 'python3.12' }).PYTHONPATH?.split(D) ?? [];
    expect(entries.slice(0, 2)).toEqual([
      path.join(ROOT, 'opt', 'python', 'lib', 'python3.12', 'site-packages'),
      path.join(ROOT, 'opt', 'python'),
    ]);
  });

  it('no NODE_PATH for Python and no PYTHONPATH for Node', () => {
    expect(build({ runtime: 'python3.13' })).not.toHaveProperty('NODE_PATH');
    expect(build()).not.toHaveProperty('PYTHONPATH');
  });

  it('PATH starts with the language bin directory and ends with /opt/bin', () => {
    const entries = build().PATH?.split(D) ?? [];
    expect(entries[0]).toBe(PATHS.languageBinDir);
    expect(entries.at(-1)).toBe(path.join(ROOT, 'opt', 'bin'));
    expect(entries).not.toContain('');
  });

  it('PATH without layers has no /opt/bin and no empty entries', () => {
    const entries = build({}, { paths: { ...PATHS, optDir: undefined } }).PATH?.split(D) ?? [];
    expect(entries).not.toContain(path.join(ROOT, 'opt', 'bin'));
    expect(entries).not.toContain('');
  });

  it('LD_LIBRARY_PATH ends with /opt/lib', () => {
    const entries = build().LD_LIBRARY_PATH?.split(D) ?? [];
    expect(entries).toContain(PATHS.taskRoot);
    expect(entries.at(-1)).toBe(path.join(ROOT, 'opt', 'lib'));
  });
});

describe('log format', () => {
  it('sets AWS_LAMBDA_LOG_FORMAT/LEVEL only with the JSON format (level INFO by default)', () => {
    expect(build()).not.toHaveProperty('AWS_LAMBDA_LOG_FORMAT');
    expect(build()).not.toHaveProperty('AWS_LAMBDA_LOG_LEVEL');
    expect(build({ logFormat: 'JSON' })).toMatchObject({
      AWS_LAMBDA_LOG_FORMAT: 'JSON',
      AWS_LAMBDA_LOG_LEVEL: 'INFO',
    });
    expect(build({ logFormat: 'JSON', applicationLogLevel: 'DEBUG' }).AWS_LAMBDA_LOG_LEVEL).toBe(
      'DEBUG',
    );
  });
});

describe('user variables', () => {
  it('are merged into the environment', () => {
    const env = build({ environment: { TABLE_NAME: 'orders', STAGE: 'dev' } });
    expect(env.TABLE_NAME).toBe('orders');
    expect(env.STAGE).toBe('dev');
  });

  it('keys starting with "_" are dropped', () => {
    const env = build({ environment: { _SECRET: 'x', _HANDLER: 'evil.handler', OK_1: 'y' } });
    expect(env).not.toHaveProperty('_SECRET');
    expect(env._HANDLER).toBe('index.handler');
    expect(env.OK_1).toBe('y');
  });

  it('cannot override non-overridable reserved names', () => {
    const env = build({
      environment: {
        AWS_REGION: 'us-west-2',
        AWS_DEFAULT_REGION: 'us-west-2',
        AWS_LAMBDA_FUNCTION_NAME: 'other',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '4096',
        AWS_LAMBDA_FUNCTION_VERSION: '9',
        AWS_LAMBDA_RUNTIME_API: '10.0.0.1:1',
        AWS_LAMBDA_LOG_GROUP_NAME: '/x',
        AWS_LAMBDA_LOG_STREAM_NAME: 'x',
        AWS_EXECUTION_ENV: 'AWS_Lambda_java21',
        LAMBDA_TASK_ROOT: '/elsewhere',
        LAMBDA_RUNTIME_DIR: '/elsewhere',
      },
    });
    expect(env).toMatchObject({
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_LAMBDA_FUNCTION_NAME: 'orders',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_RUNTIME_API: '127.0.0.1:40123',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/orders',
      AWS_LAMBDA_LOG_STREAM_NAME: STREAM,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      LAMBDA_TASK_ROOT: PATHS.taskRoot,
      LAMBDA_RUNTIME_DIR: PATHS.runtimeDir,
    });
  });

  it('can override LANG, TZ, PATH, LD_LIBRARY_PATH, NODE_PATH and the X-Ray/log settings', () => {
    const env = build({
      logFormat: 'JSON',
      environment: {
        LANG: 'C',
        TZ: 'Europe/Paris',
        PATH: '/only/here',
        LD_LIBRARY_PATH: '/lib/here',
        NODE_PATH: '/my/modules',
        AWS_LAMBDA_LOG_LEVEL: 'ERROR',
        AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
        AWS_XRAY_DAEMON_ADDRESS: '10.0.0.2:2000',
      },
    });
    expect(env).toMatchObject({
      LANG: 'C',
      TZ: 'Europe/Paris',
      PATH: '/only/here',
      LD_LIBRARY_PATH: '/lib/here',
      NODE_PATH: '/my/modules',
      AWS_LAMBDA_LOG_LEVEL: 'ERROR',
      AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
      AWS_XRAY_DAEMON_ADDRESS: '10.0.0.2:2000',
    });
  });

  it('can override PYTHONPATH', () => {
    expect(build({ runtime: 'python3.12', environment: { PYTHONPATH: '/py' } }).PYTHONPATH).toBe(
      '/py',
    );
  });

  it('passes through valid keys that happen to be Object.prototype member names', () => {
    // Valid Lambda keys ([a-zA-Z][a-zA-Z0-9_]+); they are not platform names, so they must not be dropped.
    const env = build({ environment: { constructor: 'a', toString: 'b', valueOf: 'c' } });
    expect(Object.prototype.hasOwnProperty.call(env, 'constructor')).toBe(true);
    expect(env.constructor).toBe('a');
    expect(env.toString).toBe('b');
    expect(env.valueOf).toBe('c');
  });
});

describe('credentials and isolation', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it('sets credentials only when the function has them', () => {
    const none = build();
    expect(none).not.toHaveProperty('AWS_ACCESS_KEY_ID');
    expect(none).not.toHaveProperty('AWS_SECRET_ACCESS_KEY');
    expect(none).not.toHaveProperty('AWS_SESSION_TOKEN');

    const keys = build({ credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 's3cr3t' } });
    expect(keys.AWS_ACCESS_KEY_ID).toBe('AKIAEXAMPLE');
    expect(keys.AWS_SECRET_ACCESS_KEY).toBe('s3cr3t');
    expect(keys).not.toHaveProperty('AWS_SESSION_TOKEN');

    const session = build({
      credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 's', sessionToken: 'tok' },
    });
    expect(session.AWS_SESSION_TOKEN).toBe('tok');
  });

  it('inherits nothing from our own process environment', () => {
    process.env.AWS_SECRET_ACCESS_KEY = 'leaked-secret';
    process.env.AWS_ACCESS_KEY_ID = 'AKIALEAKED';
    process.env.AWS_SESSION_TOKEN = 'leaked-token';
    process.env.AWS_PROFILE = 'leaked-profile';
    process.env.LW_TEST_MARKER = 'leaked-marker';
    const env = build({ runtime: 'python3.12' });
    expect(env).not.toHaveProperty('AWS_SECRET_ACCESS_KEY');
    expect(env).not.toHaveProperty('AWS_ACCESS_KEY_ID');
    expect(env).not.toHaveProperty('AWS_SESSION_TOKEN');
    expect(env).not.toHaveProperty('AWS_PROFILE');
    expect(env).not.toHaveProperty('LW_TEST_MARKER');
    const values = Object.values(env);
    for (const leaked of ['leaked-secret', 'AKIALEAKED', 'leaked-token', 'leaked-profile'])
      expect(values).not.toContain(leaked);
    // Every name is one the platform defines (no HOME, USER, SHELL, ... from this process).
    const platform = new Set([
      'AWS_LAMBDA_FUNCTION_NAME',
      'AWS_LAMBDA_FUNCTION_VERSION',
      'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
      'AWS_LAMBDA_LOG_GROUP_NAME',
      'AWS_LAMBDA_LOG_STREAM_NAME',
      'AWS_LAMBDA_RUNTIME_API',
      'AWS_LAMBDA_INITIALIZATION_TYPE',
      '_HANDLER',
      'LAMBDA_TASK_ROOT',
      'LAMBDA_RUNTIME_DIR',
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'AWS_XRAY_CONTEXT_MISSING',
      'AWS_XRAY_DAEMON_ADDRESS',
      '_AWS_XRAY_DAEMON_ADDRESS',
      '_AWS_XRAY_DAEMON_PORT',
      'AWS_EXECUTION_ENV',
      'TZ',
      'LANG',
      'LC_CTYPE',
      'PATH',
      'LD_LIBRARY_PATH',
      'PYTHONPATH',
      'TMPDIR',
    ]);
    expect(Object.keys(env).filter((k) => !platform.has(k))).toEqual([]);
  });

  it('passes the user AWS_PROFILE, never the shell one', () => {
    process.env.AWS_PROFILE = 'shell';
    expect(build({ environment: { AWS_PROFILE: 'chosen' } }).AWS_PROFILE).toBe('chosen');
  });

  it('adds the telemetry fd only when given', () => {
    expect(build()).not.toHaveProperty('_LAMBDA_TELEMETRY_LOG_FD');
    expect(build({}, { telemetryFd: 3 })._LAMBDA_TELEMETRY_LOG_FD).toBe('3');
  });
});
