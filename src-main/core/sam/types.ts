import type { FunctionInput } from '../functions/function-definition';

/** One AWS::Serverless::Function (or AWS::Lambda::Function with local Code) read from a template. */
export interface SamFunction {
  /** Key of the resource under `Resources`. */
  logicalId: string;
  /** FunctionName property when it resolves to a string, else the logical id (SAM names local functions by logical id). */
  functionName: string;
  /** Ready for the engine: code = absolute path resolved against the template's folder ('' when not local), layers = absolute local paths. */
  input: FunctionInput;
  /** Things we could not honour (remote layer ARNs, unresolvable intrinsics, S3 code...), each a readable sentence. */
  warnings: string[];
  /** False when a warning makes the function impossible to run locally (code not local or missing, no Handler or Runtime). */
  runnable: boolean;
}

/** The functions of a template, plus template-level warnings (skipped image functions, unknown tags...). */
export interface SamTemplate {
  /** Absolute path of the template file. */
  path: string;
  functions: SamFunction[];
  warnings: string[];
}

/** How to resolve parameters and pseudo parameters when reading a template. */
export interface ReadSamTemplateOptions {
  /** Parameter values by name (like `sam local invoke --parameter-overrides`); they win over Defaults. */
  parameterOverrides?: Record<string, string>;
  /** Value of `AWS::Region`; default `us-east-1`. */
  region?: string;
  /** Value of `AWS::AccountId`; default `123456789012`. */
  accountId?: string;
}
