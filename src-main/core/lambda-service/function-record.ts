import type {
  ApplicationLogLevel,
  Architecture,
  LogFormat,
} from '../functions/function-definition';
import type { StoredCode } from './code-store';

/** The settings of one function version that UpdateFunctionConfiguration can change. */
export interface FunctionSettings {
  readonly runtime: string;
  readonly handler: string;
  readonly role: string;
  readonly description: string;
  readonly memorySize: number;
  readonly timeout: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly architecture: Architecture;
  readonly ephemeralStorage: number;
  /** Layer version ARNs, in order. */
  readonly layers: readonly string[];
  readonly logFormat: LogFormat;
  readonly applicationLogLevel?: ApplicationLogLevel;
  readonly systemLogLevel?: 'DEBUG' | 'INFO' | 'WARN';
  readonly logGroup?: string;
  readonly tracingMode: 'Active' | 'PassThrough';
}

/** `$LATEST` or one published, immutable version. */
export interface VersionRecord {
  readonly version: string;
  readonly settings: FunctionSettings;
  readonly code: StoredCode;
  readonly revisionId: string;
  /** Lambda's timestamp format: `2020-04-10T19:06:32.563+0000`. */
  readonly lastModified: string;
}

/** An alias and its optional weighted routing to a second version. */
export interface AliasRecord {
  readonly name: string;
  readonly functionVersion: string;
  readonly description: string;
  readonly revisionId: string;
  readonly additionalVersionWeights?: Readonly<Record<string, number>>;
}

/** A provisioned concurrency configuration of one qualifier. */
export interface ProvisionedRecord {
  readonly qualifier: string;
  readonly requested: number;
  readonly lastModified: string;
}

/** Everything stored about one function: its $LATEST, versions, aliases and concurrency. */
export interface FunctionRecord {
  readonly name: string;
  latest: VersionRecord;
  versions: VersionRecord[];
  /** Highest version number ever published (numbers are never reused). */
  lastVersionNumber: number;
  aliases: AliasRecord[];
  reservedConcurrency?: number;
  provisioned: ProvisionedRecord[];
  tags: Record<string, string>;
}

/** Lambda's LastModified format (`+0000`, milliseconds). */
export function lambdaTimestamp(date = new Date()): string {
  return date.toISOString().replace('Z', '+0000');
}
