import { LambdaError } from '../errors/lambda-error';

/** A FunctionName path parameter taken apart: `fn`, `fn:q`, `<acct>:function:fn[:q]` or a full ARN. */
export interface ParsedFunctionName {
  readonly name: string;
  readonly qualifier?: string;
  readonly region?: string;
}

// Model pattern (botocore lambda service-2.json, FunctionName / NamespacedFunctionName).
const PATTERN =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?(([a-z]{2}(-gov)?(-iso[a-z]?)?-[a-z]+-\d{1}):)?(\d{12}:)?(function:)?([a-zA-Z0-9-_.]+)(:(\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9-_]+))?$/;

/** Parses a FunctionName as Lambda accepts it; throws AWS's ValidationException when it cannot be one. */
export function parseFunctionName(raw: string, qualifierParam?: string | null): ParsedFunctionName {
  const match = PATTERN.exec(raw);
  if (!match || !match[9]) {
    throw new LambdaError(
      'ValidationException',
      `1 validation error detected: Value '${raw}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${PATTERN.source.slice(1, -1)}`,
    );
  }
  const fromName = match[11];
  const qualifier = qualifierParam ?? undefined;
  if (fromName && qualifier && fromName !== qualifier) {
    throw new LambdaError(
      'InvalidParameterValueException',
      'The derived qualifier from the function name does not match the specified qualifier.',
    );
  }
  return { name: match[9], qualifier: fromName ?? qualifier, region: match[4] };
}
