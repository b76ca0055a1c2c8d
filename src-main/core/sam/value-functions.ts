import { availabilityZones, ipv4Cidr } from './pseudo';
import { scalarText } from './values';

/** A computed value, or the placeholder and reason to use when the arguments don't allow one. */
export type Computed = { value: unknown } | { placeholder: string; problem: string };

const VALUE_FUNCTIONS = new Set([
  'Fn::Join',
  'Fn::Select',
  'Fn::Split',
  'Fn::Base64',
  'Fn::GetAZs',
  'Fn::Cidr',
  'Fn::Length',
  'Fn::ToJsonString',
]);

/** Whether an intrinsic is computed from its resolved arguments alone (see `computeValueFunction`). */
export function isValueFunction(fn: string): boolean {
  return VALUE_FUNCTIONS.has(fn);
}

/** Computes a pure intrinsic (Join, Select, Split, Base64, GetAZs, Cidr, Length, ToJsonString) from resolved arguments. */
export function computeValueFunction(fn: string, arg: unknown, region: string): Computed {
  const args = Array.isArray(arg) ? arg : [arg];
  const text = (index: number): string | undefined => scalarText(args[index]);
  switch (fn) {
    case 'Fn::Join': {
      const items = args[1];
      if (!Array.isArray(items))
        return { placeholder: '${Join}', problem: 'Fn::Join needs a list' };
      const parts = items.map((item) => scalarText(item) ?? JSON.stringify(item));
      return { value: parts.join(text(0) ?? '') };
    }
    case 'Fn::Select': {
      const index = Number(text(0));
      const list = args[1];
      if (Array.isArray(list) && Number.isInteger(index) && index >= 0 && index < list.length) {
        return { value: list[index] };
      }
      return { placeholder: '${Select}', problem: `Fn::Select index ${text(0)} is out of range` };
    }
    case 'Fn::Split': {
      const [delimiter, source] = [text(0), text(1)];
      if (delimiter && source !== undefined) return { value: source.split(delimiter) };
      return { placeholder: '${Split}', problem: 'Fn::Split needs a delimiter and a string' };
    }
    case 'Fn::Base64':
      return { value: Buffer.from(scalarText(arg) ?? '', 'utf8').toString('base64') };
    case 'Fn::GetAZs':
      return { value: availabilityZones(scalarText(arg) || region) };
    case 'Fn::Cidr': {
      const subnets = ipv4Cidr(text(0) ?? '', Number(text(1)), Number(text(2)));
      if (subnets) return { value: subnets };
      return { placeholder: '${Cidr}', problem: 'Fn::Cidr is only computed for valid IPv4 blocks' };
    }
    case 'Fn::Length':
      return Array.isArray(arg)
        ? { value: arg.length }
        : { placeholder: '${Length}', problem: 'Fn::Length needs a list' };
    default:
      return { value: JSON.stringify(arg) };
  }
}
