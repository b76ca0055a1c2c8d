/** Processor architecture a function targets (Lambda's `Architectures` has exactly one item). */
export type Architecture = 'x86_64' | 'arm64';

/** Lambda's log formats (`LoggingConfig.LogFormat`). */
export type LogFormat = 'Text' | 'JSON';

/** Application log levels Lambda filters on when the log format is JSON. */
export type ApplicationLogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

/** Credentials the user explicitly chose to hand to a function (its "execution role"). */
export interface FunctionCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Everything the engine needs to run one function version; field names follow the engine, limits follow Lambda. */
export interface FunctionDefinition {
  /** Function name, `[a-zA-Z0-9-_]+`, at most 64 characters. */
  readonly name: string;
  /** Runtime identifier, e.g. `nodejs22.x`, `python3.12`, `provided.al2023`. */
  readonly runtime: string;
  /** Handler string, e.g. `index.handler` or `src/app.lambda_handler`. */
  readonly handler: string;
  /** Absolute path to the code: a directory or a `.zip` file. */
  readonly code: string;
  /** Memory size in MB, 128-10240. */
  readonly memoryMb: number;
  /** Timeout in seconds, 1-900. */
  readonly timeoutSec: number;
  /** User environment variables (4 KB total, keys `[a-zA-Z]([a-zA-Z0-9_])+`). */
  readonly environment: Readonly<Record<string, string>>;
  /** Absolute paths to layer directories or `.zip` files, applied in order (at most 5). */
  readonly layers: readonly string[];
  readonly architecture: Architecture;
  /** Size of /tmp in MB, 512-10240. */
  readonly ephemeralStorageMb: number;
  /** Reserved concurrency; `undefined` means the function draws from the unreserved pool. */
  readonly reservedConcurrency?: number;
  /** Environments kept initialised ahead of invokes. */
  readonly provisionedConcurrency?: number;
  /** Free text, at most 256 characters. */
  readonly description?: string;
  readonly logFormat: LogFormat;
  /** Only meaningful with the JSON log format. */
  readonly applicationLogLevel?: ApplicationLogLevel;
  /** Custom log group; default `/aws/lambda/<name>`. */
  readonly logGroup?: string;
  /** Credentials explicitly chosen for the function; nothing from the user's shell is passed otherwise. */
  readonly credentials?: FunctionCredentials;
}

/** The fields a caller must give; everything else has Lambda's defaults. */
export type FunctionInput = Pick<FunctionDefinition, 'name' | 'runtime' | 'handler' | 'code'> &
  Partial<Omit<FunctionDefinition, 'name' | 'runtime' | 'handler' | 'code'>>;

/** Lambda's defaults: 128 MB, 3 s, x86_64, 512 MB /tmp, Text logs. */
export const FUNCTION_DEFAULTS = {
  memoryMb: 128,
  timeoutSec: 3,
  architecture: 'x86_64',
  ephemeralStorageMb: 512,
  logFormat: 'Text',
} as const;

/** Fills Lambda's defaults into a partial definition (no validation: see validate-function.ts). */
export function withDefaults(input: FunctionInput): FunctionDefinition {
  return {
    memoryMb: FUNCTION_DEFAULTS.memoryMb,
    timeoutSec: FUNCTION_DEFAULTS.timeoutSec,
    architecture: FUNCTION_DEFAULTS.architecture,
    ephemeralStorageMb: FUNCTION_DEFAULTS.ephemeralStorageMb,
    logFormat: FUNCTION_DEFAULTS.logFormat,
    environment: {},
    layers: [],
    ...input,
  };
}

/** Default log group of a function, as Lambda names it. */
export function logGroupOf(def: Pick<FunctionDefinition, 'name' | 'logGroup'>): string {
  return def.logGroup ?? `/aws/lambda/${def.name}`;
}
