import { createHash } from 'node:crypto';
import { logGroupOf } from '../functions/function-definition';
import type { FunctionRecord, VersionRecord } from './function-record';

/** What the service knows beyond the record when describing a version (state is time-based). */
export interface DescribeContext {
  readonly region: string;
  readonly accountId: string;
  /** `Pending` right after create, `InProgress` right after an update, else settled. */
  readonly phase: 'pending' | 'updating' | 'settled';
  /** Sizes of the referenced layer versions, by ARN. */
  readonly layerSizes: ReadonlyMap<string, number>;
  /** ListFunctions omits State*, LastUpdateStatus* and RuntimeVersionConfig (reference 7.3). */
  readonly forList?: boolean;
  /** The qualifier the caller used: with one, FunctionArn is qualified by it (`:$LATEST`, `:prod`). */
  readonly qualifier?: string;
}

/** A function ARN, qualified when a qualifier is given. */
export function functionArn(
  region: string,
  accountId: string,
  name: string,
  qualifier?: string,
): string {
  const base = `arn:aws:lambda:${region}:${accountId}:function:${name}`;
  return qualifier ? `${base}:${qualifier}` : base;
}

/** Lambda's FunctionConfiguration for a version: absent values are omitted, never null (reference 7.3). */
export function apiConfiguration(
  record: FunctionRecord,
  version: VersionRecord,
  ctx: DescribeContext,
): Record<string, unknown> {
  const s = version.settings;
  // AWS qualifies the ARN with what the caller asked for, and always for published versions.
  const qualifier = ctx.qualifier ?? (version.version === '$LATEST' ? undefined : version.version);
  const config: Record<string, unknown> = {
    FunctionName: record.name,
    FunctionArn: functionArn(ctx.region, ctx.accountId, record.name, qualifier),
    Runtime: s.runtime,
    Role: s.role,
    Handler: s.handler,
    CodeSize: version.code.size,
    Description: s.description,
    Timeout: s.timeout,
    MemorySize: s.memorySize,
    LastModified: version.lastModified,
    CodeSha256: version.code.sha256,
    Version: version.version,
    ...(Object.keys(s.environment).length > 0
      ? { Environment: { Variables: { ...s.environment } } }
      : {}),
    TracingConfig: { Mode: s.tracingMode },
    RevisionId: version.revisionId,
    ...(s.layers.length > 0
      ? { Layers: s.layers.map((Arn) => ({ Arn, CodeSize: ctx.layerSizes.get(Arn) ?? 0 })) }
      : {}),
    PackageType: 'Zip',
    Architectures: [s.architecture],
    EphemeralStorage: { Size: s.ephemeralStorage },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: {
      LogFormat: s.logFormat,
      ...(s.logFormat === 'JSON'
        ? {
            ApplicationLogLevel: s.applicationLogLevel ?? 'INFO',
            SystemLogLevel: s.systemLogLevel ?? 'INFO',
          }
        : {}),
      LogGroup: logGroupOf({ name: record.name, logGroup: s.logGroup }),
    },
  };
  if (ctx.forList) return config;
  Object.assign(config, stateFields(ctx.phase), {
    RuntimeVersionConfig: { RuntimeVersionArn: runtimeVersionArn(ctx.region, s.runtime) },
  });
  return config;
}

function stateFields(phase: DescribeContext['phase']): Record<string, string> {
  // Wordings recorded from AWS (reference 7.4), including "being created" on updates.
  if (phase === 'pending') {
    return {
      State: 'Pending',
      StateReason: 'The function is being created.',
      StateReasonCode: 'Creating',
    };
  }
  if (phase === 'updating') {
    return {
      State: 'Active',
      LastUpdateStatus: 'InProgress',
      LastUpdateStatusReason: 'The function is being created.',
      LastUpdateStatusReasonCode: 'Creating',
    };
  }
  return { State: 'Active', LastUpdateStatus: 'Successful' };
}

function runtimeVersionArn(region: string, runtime: string): string {
  return `arn:aws:lambda:${region}::runtime:${createHash('sha256').update(runtime).digest('hex')}`;
}
