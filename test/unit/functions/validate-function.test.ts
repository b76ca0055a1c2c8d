import { describe, it, expect } from 'vitest';
import { LambdaError } from '../../../src-main/core/errors/lambda-error';
import {
  withDefaults,
  type FunctionDefinition,
} from '../../../src-main/core/functions/function-definition';
import {
  ALL_RUNTIME_IDS,
  DEPRECATED_RUNTIMES,
  supportedRuntimes,
} from '../../../src-main/core/functions/runtime-catalog';
import { validateFunction } from '../../../src-main/core/functions/validate-function';

const valid = withDefaults({
  name: 'orders-api_v2',
  runtime: 'nodejs22.x',
  handler: 'src/index.handler',
  code: '/work/functions/orders',
});

function define(overrides: Partial<FunctionDefinition>): FunctionDefinition {
  return { ...valid, ...overrides };
}

function rejection(overrides: Partial<FunctionDefinition>): LambdaError {
  try {
    validateFunction(define(overrides));
  } catch (err) {
    if (err instanceof LambdaError) return err;
    throw err;
  }
  throw new Error('expected the definition to be rejected');
}

/** Asserts a one-violation ValidationException with AWS's aggregate wording. */
function expectModelError(overrides: Partial<FunctionDefinition>, violation: string): void {
  const err = rejection(overrides);
  expect(err.code).toBe('ValidationException');
  expect(err.statusCode).toBe(400);
  expect(err.message).toBe(`1 validation error detected: ${violation}`);
}

/** Asserts an InvalidParameterValueException with the exact message. */
function expectServiceError(overrides: Partial<FunctionDefinition>, message: string): void {
  const err = rejection(overrides);
  expect(err.code).toBe('InvalidParameterValueException');
  expect(err.statusCode).toBe(400);
  expect(err.message).toBe(message);
}

const expectAccepted = (overrides: Partial<FunctionDefinition>) =>
  expect(() => validateFunction(define(overrides))).not.toThrow();

const NAME_PATTERN = String.raw`(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?`;

describe('validateFunction: a valid definition', () => {
  it('accepts the defaults', () => {
    expect(() => validateFunction(valid)).not.toThrow();
  });

  it('accepts every optional field set to a legal value', () => {
    expectAccepted({
      description: 'd'.repeat(256),
      environment: { TABLE_NAME: 'orders', TZ: 'Europe/Paris', PATH: '/opt/bin:/usr/bin' },
      layers: ['/work/layers/a', '/work/layers/b.zip'],
      architecture: 'arm64',
      reservedConcurrency: 0,
      logFormat: 'JSON',
      applicationLogLevel: 'DEBUG',
      logGroup: '/custom/orders#1',
    });
  });
});

describe('validateFunction: model constraints (ValidationException)', () => {
  it('checks memory 128-10240 at both boundaries', () => {
    expectAccepted({ memoryMb: 128 });
    expectAccepted({ memoryMb: 10240 });
    expectModelError(
      { memoryMb: 127 },
      "Value '127' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128",
    );
    expectModelError(
      { memoryMb: 10241 },
      "Value '10241' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240",
    );
  });

  it('checks timeout 1-900 at both boundaries', () => {
    expectAccepted({ timeoutSec: 1 });
    expectAccepted({ timeoutSec: 900 });
    expectModelError(
      { timeoutSec: 0 },
      "Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expectModelError(
      { timeoutSec: 901 },
      "Value '901' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900",
    );
  });

  it('checks /tmp 512-10240 at both boundaries', () => {
    expectAccepted({ ephemeralStorageMb: 512 });
    expectAccepted({ ephemeralStorageMb: 10240 });
    expectModelError(
      { ephemeralStorageMb: 511 },
      "Value '511' at 'ephemeralStorage.size' failed to satisfy constraint: Member must have value greater than or equal to 512",
    );
    expectModelError(
      { ephemeralStorageMb: 10241 },
      "Value '10241' at 'ephemeralStorage.size' failed to satisfy constraint: Member must have value less than or equal to 10240",
    );
  });

  it('rejects a function name outside the pattern with the pattern AWS quotes', () => {
    expectModelError(
      { name: 'invalid:function:name' },
      `Value 'invalid:function:name' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${NAME_PATTERN}`,
    );
  });

  it('rejects an empty function name on length and pattern', () => {
    const err = rejection({ name: '' });
    expect(err.message).toBe(
      `2 validation errors detected: Value '' at 'functionName' failed to satisfy constraint: Member must have length greater than or equal to 1; Value '' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${NAME_PATTERN}`,
    );
  });

  it('rejects a name over the model limit of 140 as a model error', () => {
    const name = 'n'.repeat(141);
    expectModelError(
      { name },
      `Value '${name}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 140`,
    );
  });

  it('rejects a handler with whitespace, an empty one and one over 128 characters', () => {
    const pattern = String.raw`Member must satisfy regular expression pattern: [^\s]+`;
    expectModelError(
      { handler: 'index handler' },
      `Value 'index handler' at 'handler' failed to satisfy constraint: ${pattern}`,
    );
    expectModelError(
      { handler: '' },
      `Value '' at 'handler' failed to satisfy constraint: ${pattern}`,
    );
    expectAccepted({ handler: 'h'.repeat(128) });
    const long = 'h'.repeat(129);
    expectModelError(
      { handler: long },
      `Value '${long}' at 'handler' failed to satisfy constraint: Member must have length less than or equal to 128`,
    );
  });

  it('rejects a description over 256 characters', () => {
    const description = 'd'.repeat(257);
    expectModelError(
      { description },
      `Value '${description}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
  });

  it('rejects an unknown architecture in the list form AWS prints', () => {
    expectModelError(
      { architecture: 'X86_64' as never },
      "Value '[X86_64]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]",
    );
  });

  it('rejects environment keys outside the pattern without showing the values', () => {
    const violation =
      "Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+]";
    expectModelError({ environment: { a: '1' } }, violation);
    expectModelError({ environment: { 'my-key': 'secret' } }, violation);
    expectModelError({ environment: { _HANDLER: 'x' } }, violation);
  });

  it('checks the logging configuration enums and the log group', () => {
    expectModelError(
      { logFormat: 'YAML' as never },
      "Value 'YAML' at 'loggingConfig.logFormat' failed to satisfy constraint: Member must satisfy enum value set: [JSON, Text]",
    );
    expectModelError(
      { logFormat: 'JSON', applicationLogLevel: 'VERBOSE' as never },
      "Value 'VERBOSE' at 'loggingConfig.applicationLogLevel' failed to satisfy constraint: Member must satisfy enum value set: [TRACE, DEBUG, INFO, WARN, ERROR, FATAL]",
    );
    expectModelError(
      { logGroup: 'my logs' },
      String.raw`Value 'my logs' at 'loggingConfig.logGroup' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_/#A-Za-z0-9]+`,
    );
    const long = `/${'g'.repeat(512)}`;
    expectModelError(
      { logGroup: long },
      `Value '${long}' at 'loggingConfig.logGroup' failed to satisfy constraint: Member must have length less than or equal to 512`,
    );
  });

  it('checks reserved concurrency >= 0 and provisioned concurrency >= 1', () => {
    expectModelError(
      { reservedConcurrency: -1 },
      "Value '-1' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
    expectModelError(
      { provisionedConcurrency: 0 },
      "Value '0' at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('aggregates several violations with "; " in request-member order', () => {
    const err = rejection({ memoryMb: 100, timeoutSec: 0, handler: 'a b' });
    expect(err.code).toBe('ValidationException');
    expect(err.message).toBe(
      "3 validation errors detected: Value 'a b' at 'handler' failed to satisfy constraint: Member must satisfy regular expression pattern: [^\\s]+; " +
        "Value '0' at 'timeout' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
        "Value '100' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128",
    );
  });

  it('reports model errors before service-level ones', () => {
    expect(rejection({ memoryMb: 100, runtime: 'nodejs16.x' }).code).toBe('ValidationException');
  });
});

describe('validateFunction: service checks (InvalidParameterValueException)', () => {
  it('rejects a plain name over 64 characters with the aggregate wording', () => {
    expectAccepted({ name: 'a'.repeat(64) });
    const name = 'a'.repeat(65);
    expectServiceError(
      { name },
      `1 validation error detected: Value '${name}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
  });

  it('rejects an unknown runtime, listing the runtimes AWS still accepts', () => {
    const creatable = ALL_RUNTIME_IDS.filter((id) => !DEPRECATED_RUNTIMES.includes(id));
    expectServiceError(
      { runtime: 'PYTHON3.9' },
      `Value PYTHON3.9 at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [${creatable.join(', ')}] or be a valid ARN`,
    );
    expect(creatable).toContain('java21');
    expect(creatable).not.toContain('nodejs16.x');
  });

  it('rejects a deprecated runtime', () => {
    expectServiceError(
      { runtime: 'nodejs16.x' },
      'The runtime parameter of nodejs16.x is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.',
    );
  });

  it('rejects reserved environment keys, listed in the order given', () => {
    expectServiceError(
      { environment: { STAGE: 'dev', AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'AKIA' } },
      'Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_REGION, AWS_ACCESS_KEY_ID',
    );
  });

  it('lets users override the platform names Lambda leaves open', () => {
    expectAccepted({
      environment: {
        LANG: 'C.UTF-8',
        LD_LIBRARY_PATH: '/opt/lib',
        NODE_PATH: '/opt/node',
        AWS_LAMBDA_LOG_LEVEL: 'DEBUG',
        AWS_XRAY_CONTEXT_MISSING: 'IGNORE_ERROR',
      },
    });
  });

  it('measures environment variables as compact JSON: 4096 bytes pass, 4097 fail', () => {
    // {"LARGE_VAR":""} is 16 bytes, so 4080 x's make exactly 4096 (AWS accepted this, rec 2023-11).
    expectAccepted({ environment: { LARGE_VAR: 'x'.repeat(4080) } });
    const tooBig = { LARGE_VAR: 'x'.repeat(4081) };
    expectServiceError(
      { environment: tooBig },
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: {"LARGE_VAR":"${'x'.repeat(4081)}"}`,
    );
  });

  it('measures several keys in the order given (the recorded 4097-byte case)', () => {
    const large = 'x'.repeat(4064);
    expectServiceError(
      { environment: { SMALL_VAR: 'ok', LARGE_VAR: large } },
      `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: {"SMALL_VAR":"ok","LARGE_VAR":"${large}"}`,
    );
  });

  it('counts non-ASCII characters in UTF-8 bytes', () => {
    expectAccepted({ environment: { LARGE_VAR: 'é'.repeat(2040) } });
    expect(rejection({ environment: { LARGE_VAR: 'é'.repeat(2041) } }).message).toContain(
      'exceeded the 4KB limit',
    );
  });

  it('rejects more than 5 layers', () => {
    const layer = (i: number) => `/work/layers/${i}`;
    expectAccepted({ layers: [1, 2, 3, 4, 5].map(layer) });
    expectServiceError(
      { layers: [1, 2, 3, 4, 5, 6].map(layer) },
      'Cannot reference more than 5 layers.',
    );
  });

  it('rejects a log level with the Text log format', () => {
    expectServiceError(
      { logFormat: 'Text', applicationLogLevel: 'INFO' },
      'LogLevel is not supported when LogFormat is set to "Text". Remove LogLevel from your request or change the LogFormat to "JSON" and try again.',
    );
  });

  it('rejects provisioned concurrency above reserved concurrency', () => {
    expectAccepted({ reservedConcurrency: 5, provisionedConcurrency: 5 });
    expectServiceError(
      { reservedConcurrency: 5, provisionedConcurrency: 6 },
      'Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function',
    );
  });
});

describe('validateFunction: local engine checks', () => {
  it('rejects a fractional number before it reaches the range checks', () => {
    expectServiceError(
      { memoryMb: 128.5 },
      "Value '128.5' at 'memorySize' must be a whole number.",
    );
    expectServiceError(
      { timeoutSec: Number.NaN },
      "Value 'NaN' at 'timeout' must be a whole number.",
    );
  });

  it('requires absolute code and layer paths', () => {
    expectServiceError(
      { code: 'functions/orders' },
      "Code path must be a non-empty absolute path to a directory or a .zip file, got 'functions/orders'.",
    );
    expectServiceError(
      { code: '' },
      "Code path must be a non-empty absolute path to a directory or a .zip file, got ''.",
    );
    expectServiceError(
      { layers: ['/work/layers/a', 'layer.zip'] },
      "Layer path must be a non-empty absolute path to a directory or a .zip file, got 'layer.zip'.",
    );
  });

  it('rejects runtimes AWS has but the local engine cannot run', () => {
    const supported = supportedRuntimes().map((r) => r.id);
    expectServiceError(
      { runtime: 'java21' },
      `The runtime java21 is not supported by the local engine of Lambda Workbench; supported runtimes: ${supported.join(', ')}. Use a remote AWS account to run it.`,
    );
  });
});
