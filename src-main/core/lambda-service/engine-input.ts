import { LambdaError } from '../errors/lambda-error';
import type { FunctionInput } from '../functions/function-definition';
import type { StoredCode } from './code-store';
import type { FunctionRecord, VersionRecord } from './function-record';

/** The engine's input for one version: settings, code path and resolved layer paths. */
export function engineInputOf(
  record: FunctionRecord,
  version: VersionRecord,
  layerCode: ((arn: string) => StoredCode | undefined) | undefined,
): FunctionInput {
  const s = version.settings;
  return {
    name: record.name,
    runtime: s.runtime,
    handler: s.handler,
    code: version.code.path,
    memoryMb: s.memorySize,
    timeoutSec: s.timeout,
    environment: s.environment,
    layers: s.layers.map((arn) => layerPath(layerCode, arn)),
    architecture: s.architecture,
    ephemeralStorageMb: s.ephemeralStorage,
    reservedConcurrency: record.reservedConcurrency,
    provisionedConcurrency: record.provisioned.find(
      (p) => resolveQualifier(record, p.qualifier) === version.version,
    )?.requested,
    description: s.description,
    logFormat: s.logFormat,
    applicationLogLevel: s.applicationLogLevel,
    logGroup: s.logGroup,
  };
}

/** The version a qualifier names (an alias's primary version), or undefined. */
function resolveQualifier(record: FunctionRecord, qualifier: string): string | undefined {
  return record.aliases.find((a) => a.name === qualifier)?.functionVersion ?? qualifier;
}

function layerPath(
  layerCode: ((arn: string) => StoredCode | undefined) | undefined,
  arn: string,
): string {
  const code = layerCode?.(arn);
  if (!code)
    throw new LambdaError('InvalidParameterValueException', `Layer version ${arn} does not exist.`);
  return code.path;
}
