import { LambdaError } from '../errors/lambda-error';
import {
  FUNCTION_DEFAULTS,
  type ApplicationLogLevel,
  type Architecture,
  type LogFormat,
} from '../functions/function-definition';
import type { FunctionSettings } from './function-record';

/** The JSON body of CreateFunction / UpdateFunctionConfiguration, as far as the local service reads it. */
export interface ConfigurationBody {
  Runtime?: string;
  Role?: string;
  Handler?: string;
  Description?: string;
  Timeout?: number;
  MemorySize?: number;
  Environment?: { Variables?: Record<string, string> };
  Layers?: string[];
  Architectures?: string[];
  EphemeralStorage?: { Size?: number };
  LoggingConfig?: {
    LogFormat?: string;
    ApplicationLogLevel?: string;
    SystemLogLevel?: string;
    LogGroup?: string;
  };
  TracingConfig?: { Mode?: string };
  PackageType?: string;
}

/** Settings for a new function: the body's values over Lambda's defaults. */
export function settingsFromCreate(body: ConfigurationBody): FunctionSettings {
  if (body.PackageType === 'Image') {
    throw new LambdaError(
      'InvalidParameterValueException',
      'Container image functions are not supported by the local engine of Lambda Workbench; use PackageType Zip.',
    );
  }
  const missing = (['Role', 'Runtime', 'Handler'] as const).filter((key) => !body[key]);
  if (missing.length > 0) {
    // AWS's aggregate model-validation wording for required members.
    const parts = missing.map(
      (key) =>
        `Value null at '${key.toLowerCase()}' failed to satisfy constraint: Member must not be null`,
    );
    throw new LambdaError(
      'ValidationException',
      `${parts.length} validation error${parts.length > 1 ? 's' : ''} detected: ${parts.join('; ')}`,
    );
  }
  return mergeSettings(
    {
      runtime: body.Runtime as string,
      handler: body.Handler as string,
      role: body.Role as string,
      description: '',
      memorySize: FUNCTION_DEFAULTS.memoryMb,
      timeout: FUNCTION_DEFAULTS.timeoutSec,
      environment: {},
      architecture: FUNCTION_DEFAULTS.architecture,
      ephemeralStorage: FUNCTION_DEFAULTS.ephemeralStorageMb,
      layers: [],
      logFormat: FUNCTION_DEFAULTS.logFormat,
      tracingMode: 'PassThrough',
    },
    body,
  );
}

/** Applies the fields present in a body to existing settings (UpdateFunctionConfiguration semantics). */
export function mergeSettings(
  current: FunctionSettings,
  body: ConfigurationBody,
): FunctionSettings {
  checkShapes(body);
  const logging = body.LoggingConfig;
  const logFormat = (logging?.LogFormat as LogFormat | undefined) ?? current.logFormat;
  return {
    runtime: body.Runtime ?? current.runtime,
    handler: body.Handler ?? current.handler,
    role: body.Role ?? current.role,
    description: body.Description ?? current.description,
    memorySize: body.MemorySize ?? current.memorySize,
    timeout: body.Timeout ?? current.timeout,
    environment: body.Environment ? { ...(body.Environment.Variables ?? {}) } : current.environment,
    architecture: (body.Architectures?.[0] as Architecture | undefined) ?? current.architecture,
    ephemeralStorage: body.EphemeralStorage?.Size ?? current.ephemeralStorage,
    layers: body.Layers ?? current.layers,
    logFormat,
    // Back to Text drops the levels, as AWS does (reference 5.3).
    applicationLogLevel:
      logFormat === 'Text'
        ? undefined
        : ((logging?.ApplicationLogLevel as ApplicationLogLevel | undefined) ??
          current.applicationLogLevel),
    systemLogLevel:
      logFormat === 'Text'
        ? undefined
        : ((logging?.SystemLogLevel as FunctionSettings['systemLogLevel']) ??
          current.systemLogLevel),
    logGroup: logging?.LogGroup ?? current.logGroup,
    tracingMode:
      (body.TracingConfig?.Mode as FunctionSettings['tracingMode'] | undefined) ??
      current.tracingMode,
  };
}

/** The body members with a fixed JSON type; a wrong type is the SDK-style SerializationException, not a crash. */
function checkShapes(body: ConfigurationBody): void {
  const wrong = (member: string, expected: string): never => {
    throw new LambdaError(
      'SerializationException',
      `Unexpected value for ${member}: expected ${expected}.`,
    );
  };
  if (
    body.Layers !== undefined &&
    (!Array.isArray(body.Layers) || body.Layers.some((l) => typeof l !== 'string'))
  ) {
    wrong('Layers', 'a list of layer version ARNs');
  }
  if (body.Architectures !== undefined && !Array.isArray(body.Architectures))
    wrong('Architectures', 'a list');
  for (const key of ['MemorySize', 'Timeout'] as const) {
    if (body[key] !== undefined && typeof body[key] !== 'number') wrong(key, 'a number');
  }
  const vars = body.Environment?.Variables;
  if (
    vars !== undefined &&
    (typeof vars !== 'object' ||
      vars === null ||
      Object.values(vars).some((v) => typeof v !== 'string'))
  ) {
    wrong('Environment.Variables', 'a map of strings');
  }
}
