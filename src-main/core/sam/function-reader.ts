import type {
  ApplicationLogLevel,
  Architecture,
  FunctionInput,
  LogFormat,
} from '../functions/function-definition';
import { checkExists, lambdaFunctionCode, serverlessFunctionCode } from './code-location';
import type { CodeContext } from './code-location';
import { mergeGlobals } from './globals';
import type { IntrinsicResolver } from './intrinsics';
import { resolveLayers } from './layers';
import { PropertyReader } from './property-reader';
import type { SamFunction } from './types';
import { recordOf } from './values';
import type { PlainRecord } from './values';

/** Resource types read as functions. */
export const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

const ARCHITECTURES: readonly Architecture[] = ['x86_64', 'arm64'];
const LOG_FORMATS: readonly LogFormat[] = ['Text', 'JSON'];
const LOG_LEVELS: readonly ApplicationLogLevel[] = [
  'TRACE',
  'DEBUG',
  'INFO',
  'WARN',
  'ERROR',
  'FATAL',
];

/** What reading one function needs from the template. */
export interface FunctionContext {
  dir: string;
  resolver: IntrinsicResolver;
  resources: PlainRecord;
  /** `Globals.Function`, applied to AWS::Serverless::Function only. */
  globals: unknown;
}

/** A function read from a template, or why it was left out (image functions). */
export type FunctionReadResult = { fn: SamFunction } | { skipped: string };

/** The function's Properties, with Globals.Function merged in for SAM functions. */
function propertiesOf(resource: PlainRecord, ctx: FunctionContext): PlainRecord {
  if (resource['Type'] === 'AWS::Serverless::Function') {
    return mergeGlobals(ctx.globals, resource['Properties']);
  }
  return recordOf(resource['Properties']);
}

function architectureOf(reader: PropertyReader): Architecture | undefined {
  const value = reader.value('Architectures');
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  if (list.length !== 1) reader.warnings.push('Architectures must list exactly one architecture');
  const match = ARCHITECTURES.find((arch) => arch === list[0]);
  if (!match)
    reader.warnings.push(
      `Architectures: ${JSON.stringify(list[0])} is not x86_64 or arm64; ignored`,
    );
  return match;
}

/** Optional FunctionInput fields from Properties; absent ones are left out so Lambda's defaults apply. */
function optionalFields(reader: PropertyReader, serverless: boolean): Partial<FunctionInput> {
  const fields: Partial<FunctionInput> = {
    memoryMb: reader.number('MemorySize'),
    timeoutSec: reader.number('Timeout'),
    environment: reader.stringMap('Environment.Variables'),
    architecture: architectureOf(reader),
    ephemeralStorageMb: reader.number('EphemeralStorage.Size'),
    reservedConcurrency: reader.number('ReservedConcurrentExecutions'),
    // On AWS::Lambda::Function provisioned concurrency lives on a Version/Alias resource instead.
    provisionedConcurrency: serverless
      ? reader.number('ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions')
      : undefined,
    description: reader.string('Description'),
    logFormat: reader.oneOf('LoggingConfig.LogFormat', LOG_FORMATS),
    applicationLogLevel: reader.oneOf('LoggingConfig.ApplicationLogLevel', LOG_LEVELS),
    logGroup: reader.string('LoggingConfig.LogGroup'),
  };
  // Drop undefined entries so spreading the result never overwrites a default with undefined.
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined),
  ) as Partial<FunctionInput>;
}

/** The function name: FunctionName when it resolves fully to a string, else the logical id (as `sam local`). */
function nameOf(
  logicalId: string,
  props: PlainRecord,
  ctx: FunctionContext,
  warnings: string[],
): string {
  if (props['FunctionName'] === undefined) return logicalId;
  const { value, complete } = ctx.resolver.tryResolve(
    props['FunctionName'],
    warnings,
    'FunctionName',
  );
  if (complete && typeof value === 'string' && value !== '') return value;
  warnings.push(`FunctionName could not be resolved; using the logical id ${logicalId}`);
  return logicalId;
}

/** Reads one function resource into engine input plus the warnings about what could not be honoured. */
export function readFunction(
  logicalId: string,
  resource: PlainRecord,
  ctx: FunctionContext,
): FunctionReadResult {
  const serverless = resource['Type'] === 'AWS::Serverless::Function';
  const props = propertiesOf(resource, ctx);
  const warnings: string[] = [];
  const reader = new PropertyReader(props, ctx.resolver, warnings);
  const packageType = reader.string('PackageType') ?? 'Zip';
  if (packageType === 'Image') {
    return {
      skipped: `function ${logicalId} uses PackageType Image, which is not supported locally; skipped`,
    };
  }
  const condition = resource['Condition'];
  if (typeof condition === 'string' && ctx.resolver.condition(condition, warnings) === false) {
    warnings.push(
      `its Condition ${condition} is false, so CloudFormation would not create this function`,
    );
  }
  const codeCtx: CodeContext = { dir: ctx.dir, resolver: ctx.resolver, warnings };
  const location = serverless
    ? serverlessFunctionCode(props, codeCtx)
    : lambdaFunctionCode(props, resource['Metadata'], codeCtx);
  let runnable = true;
  if ('problem' in location) {
    warnings.push(location.problem);
    runnable = false;
  } else if (!checkExists(location.path, 'code', warnings)) {
    runnable = false;
  }
  const required = (key: 'Handler' | 'Runtime'): string => {
    const value = reader.string(key);
    if (value) return value;
    runnable = false;
    const hint = serverless ? ' (set it on the function or in Globals.Function)' : '';
    warnings.push(`${key} is missing${hint}`);
    return '';
  };
  const functionName = nameOf(logicalId, props, ctx, warnings);
  const input: FunctionInput = {
    name: functionName,
    runtime: required('Runtime'),
    handler: required('Handler'),
    code: 'path' in location ? location.path : '',
    ...optionalFields(reader, serverless),
    ...(props['Layers'] === undefined
      ? {}
      : { layers: resolveLayers(props['Layers'], ctx.resources, codeCtx) }),
  };
  return { fn: { logicalId, functionName, input, warnings: [...new Set(warnings)], runnable } };
}
