// AWS's wording for rejected function definitions. Sources, best first:
// [rec] real AWS responses recorded by LocalStack (tests/aws/services/lambda_/test_lambda_api.snapshot.json)
//       or quoted from AWS in public issues; [model] botocore lambda/2015-03-31/service-2.json;
// [ls] LocalStack's provider (AWS-like, not a recording); [own] Lambda Workbench's own wording.

/** Function name pattern exactly as AWS quotes it for CreateFunction [rec 2024-03, test_function_arns]. */
export const FUNCTION_NAME_PATTERN = String.raw`(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?`;

/** `Handler` pattern [model]. */
export const HANDLER_PATTERN = String.raw`[^\s]+`;

/** `LoggingConfig.LogGroup` pattern [model]. */
export const LOG_GROUP_PATTERN = String.raw`[\.\-_/#A-Za-z0-9]+`;

/** The "Member must ..." phrases of AWS's model validation [rec: memorySize, timeout, functionName, provisionedConcurrentExecutions]. */
export const constraint = {
  min: (n: number) => `Member must have value greater than or equal to ${n}`,
  max: (n: number) => `Member must have value less than or equal to ${n}`,
  minLength: (n: number) => `Member must have length greater than or equal to ${n}`,
  maxLength: (n: number) => `Member must have length less than or equal to ${n}`,
  pattern: (p: string) => `Member must satisfy regular expression pattern: ${p}`,
  enumSet: (values: readonly string[]) =>
    `Member must satisfy enum value set: [${values.join(', ')}]`,
};

/** One violation; `value` undefined hides it, as AWS does for sensitive members ("Value at 'environment.variables'"). */
export function violation(
  member: string,
  value: string | number | undefined,
  rule: string,
): string {
  const shown = value === undefined ? 'Value' : `Value '${value}'`;
  return `${shown} at '${member}' failed to satisfy constraint: ${rule}`;
}

/** AWS's aggregate form: "1 validation error detected: A" / "2 validation errors detected: A; B" [rec]. */
export function validationErrorsDetected(violations: readonly string[]): string {
  const noun = violations.length === 1 ? 'error' : 'errors';
  return `${violations.length} validation ${noun} detected: ${violations.join('; ')}`;
}

/** Service-level InvalidParameterValueException wordings. */
export const message = {
  /** [rec 2024-03, test_create_lambda_exceptions]: no quotes, no "validation error detected" prefix. */
  unknownRuntime: (runtime: string, allowed: readonly string[]) =>
    `Value ${runtime} at 'runtime' failed to satisfy constraint: ${constraint.enumSet(allowed)} or be a valid ARN`,
  /** [rec, quoted from AWS in CloudFormation errors; fidelity reference 9.2]. */
  deprecatedRuntime: (runtime: string) =>
    `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`,
  /** [rec 2023-11, test_large_environment_variables_fails]: the measured string is the compact JSON map. */
  environmentTooLarge: (measured: string) =>
    `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
  /** [rec, quoted from AWS in many deploy logs, e.g. mattermost-cloud-monitoring#264]. */
  reservedKeys: (keys: readonly string[]) =>
    `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${keys.join(', ')}`,
  /** [rec 2023-11, test_layer_function_quota_exception]. */
  tooManyLayers: 'Cannot reference more than 5 layers.',
  /** [ls]; aws-cdk#28045 quotes the same sentence from CloudFormation with "Json" in place of "JSON". */
  logLevelWithText:
    'LogLevel is not supported when LogFormat is set to "Text". Remove LogLevel from your request or change the LogFormat to "JSON" and try again.',
  /** [ls] PutProvisionedConcurrencyConfig. */
  provisionedOverReserved:
    'Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function',
  /** [own] AWS would fail to parse a non-integer in the request; our definitions are objects, so say it plainly. */
  notWholeNumber: (member: string, value: number) =>
    `Value '${value}' at '${member}' must be a whole number.`,
  /** [own] The engine reads code from disk; existence is checked when the code is prepared. */
  badPath: (what: 'Code' | 'Layer', value: string) =>
    `${what} path must be a non-empty absolute path to a directory or a .zip file, got '${value}'.`,
  /** [own] AWS accepts the runtime; only the local engine cannot run it. */
  unsupportedLocally: (runtime: string, supported: readonly string[]) =>
    `The runtime ${runtime} is not supported by the local engine of Lambda Workbench; supported runtimes: ${supported.join(', ')}. Use a remote AWS account to run it.`,
};
