import { recordOf, scalarText } from './values';

/** A parameter's value, or why it has none locally. */
export type ParameterResult = { value: unknown } | { problem: string };

/** Resolves a template parameter from an override or its Default, typed as CloudFormation's `Ref` returns it. */
export function resolveParameter(
  name: string,
  definition: unknown,
  override: string | undefined,
): ParameterResult {
  const props = recordOf(definition);
  const type = typeof props['Type'] === 'string' ? props['Type'] : 'String';
  // SSM-typed parameters hold a parameter *name* in their Default; the value lives in SSM.
  if (type.startsWith('AWS::SSM::Parameter::Value<') && override === undefined) {
    return {
      problem: `parameter ${name} is read from SSM Parameter Store, which is not available locally (pass it as a parameter override)`,
    };
  }
  const raw: unknown = override ?? props['Default'];
  if (raw === undefined) {
    return { problem: `parameter ${name} has no Default and no override` };
  }
  const isList = type === 'CommaDelimitedList' || /^(AWS::SSM::Parameter::Value<)?List</.test(type);
  if (isList) {
    if (Array.isArray(raw)) return { value: raw.map((item) => scalarText(item) ?? '') };
    const text = scalarText(raw) ?? '';
    // CloudFormation trims each member of a comma-delimited list.
    return { value: text === '' ? [] : text.split(',').map((item) => item.trim()) };
  }
  // CloudFormation hands parameters over as strings, `Number` ones included.
  return { value: scalarText(raw) ?? JSON.stringify(raw) };
}
