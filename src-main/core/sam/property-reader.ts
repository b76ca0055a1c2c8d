import type { IntrinsicResolver } from './intrinsics';
import { NO_VALUE, intrinsicName, isRecord, scalarText } from './values';
import type { PlainRecord } from './values';

/** Reads typed values out of a resource's Properties, resolving intrinsics and warning about bad types. */
export class PropertyReader {
  constructor(
    private readonly props: PlainRecord,
    private readonly resolver: IntrinsicResolver,
    /** Warnings of the function being read. */
    readonly warnings: string[],
  ) {}

  /** The unresolved value at a dotted path, resolving only intrinsics met on the way (an `!If` choosing a map). */
  private locate(path: string): unknown {
    let current: unknown = this.props;
    const done: string[] = [];
    for (const key of path.split('.')) {
      if (intrinsicName(current) !== undefined) {
        current = this.resolver.resolve(current, this.warnings, done.join('.'));
      }
      if (!isRecord(current)) return undefined;
      current = current[key];
      done.push(key);
    }
    return current;
  }

  /** The resolved value at a dotted path (`EphemeralStorage.Size`); undefined when absent or AWS::NoValue. */
  value(path: string): unknown {
    const resolved = this.resolver.resolve(this.locate(path), this.warnings, path);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  /** A string property; numbers are accepted and converted, other types warn. */
  string(path: string): string | undefined {
    const value = this.value(path);
    if (value === undefined || value === null) return undefined;
    const text = scalarText(value);
    if (text === undefined) this.warnings.push(`${path} is not a string; ignored`);
    return text;
  }

  /** A numeric property; numeric strings (e.g. from a parameter) are accepted, ranges are the validator's job. */
  number(path: string): number | undefined {
    const value = this.value(path);
    if (value === undefined || value === null) return undefined;
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number === 'number' && Number.isFinite(number)) return number;
    this.warnings.push(`${path}: ${JSON.stringify(value)} is not a number; ignored`);
    return undefined;
  }

  /** One of a fixed set of strings; anything else warns and is ignored. */
  oneOf<T extends string>(path: string, allowed: readonly T[]): T | undefined {
    const value = this.string(path);
    if (value === undefined) return undefined;
    const match = allowed.find((option) => option === value);
    if (match === undefined) {
      this.warnings.push(`${path}: "${value}" is not one of ${allowed.join(', ')}; ignored`);
    }
    return match;
  }

  /** A string-to-string map such as Environment.Variables, each entry resolved and stringified as SAM does. */
  stringMap(path: string): Record<string, string> | undefined {
    let map = this.locate(path);
    if (intrinsicName(map) !== undefined) map = this.resolver.resolve(map, this.warnings, path);
    if (map === undefined || map === null || map === NO_VALUE) return undefined;
    if (!isRecord(map)) {
      this.warnings.push(`${path} is not a map; ignored`);
      return undefined;
    }
    const out: Record<string, string> = {};
    for (const [key, raw] of Object.entries(map)) {
      const value = this.resolver.resolve(raw, this.warnings, `${path}.${key}`);
      if (value === NO_VALUE) continue;
      const text = scalarText(value);
      if (text === undefined) {
        // sam local passes lists and maps (usually unresolved intrinsics) as empty strings.
        const kind = Array.isArray(value) ? 'list' : 'map';
        this.warnings.push(`${path}.${key} is a ${kind}, not a string; using ""`);
      }
      out[key] = text ?? '';
    }
    return out;
  }
}
