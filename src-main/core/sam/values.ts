/** Marker for `Ref: AWS::NoValue`: the enclosing key or list item is dropped. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** A plain mapping as parsed from YAML/JSON. */
export type PlainRecord = Record<string, unknown>;

/** Whether a value is a plain mapping (not a list, not null). */
export function isRecord(value: unknown): value is PlainRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The function name when a value is an intrinsic call (`{ Ref: x }` or `{ 'Fn::X': ... }`), else undefined. */
export function intrinsicName(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const keys = Object.keys(value);
  const key = keys[0];
  if (keys.length !== 1 || key === undefined) return undefined;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** A mapping from a template section, or an empty one when the section is absent or malformed. */
export function recordOf(value: unknown): PlainRecord {
  return isRecord(value) ? value : {};
}

/** Renders a resolved scalar as CloudFormation would inside strings (booleans lower-case, null empty). */
export function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  if (value === null || value === undefined) return '';
  return undefined;
}

/** Renders an intrinsic call compactly for warnings, e.g. `!GetAtt Table.Arn`. */
export function describeIntrinsic(name: string, arg: unknown): string {
  const short = name === 'Ref' ? '!Ref' : `!${name.slice('Fn::'.length)}`;
  if (name === 'Fn::GetAtt' && Array.isArray(arg)) return `${short} ${arg.map(String).join('.')}`;
  const text = typeof arg === 'string' ? arg : JSON.stringify(arg);
  return `${short} ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}
