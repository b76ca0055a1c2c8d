import { intrinsicName, isRecord } from './values';
import type { PlainRecord } from './values';

// A function runs on exactly one architecture: concatenating would give an invalid list,
// so the function's own value replaces the global one (SAM is moving to the same rule).
const REPLACED_LISTS = new Set(['Architectures']);

type Kind = 'map' | 'list' | 'primitive';

/** SAM treats intrinsic calls like primitives: they resolve to one value at deploy time. */
function kindOf(value: unknown): Kind {
  if (Array.isArray(value)) return 'list';
  if (isRecord(value) && intrinsicName(value) === undefined) return 'map';
  return 'primitive';
}

function merge(global: unknown, local: unknown, path: string): unknown {
  const kind = kindOf(local);
  if (kind !== kindOf(global)) return local;
  if (kind === 'list' && Array.isArray(global) && Array.isArray(local)) {
    return REPLACED_LISTS.has(path) ? local : [...global, ...local];
  }
  if (kind === 'map' && isRecord(global) && isRecord(local)) {
    const out: PlainRecord = { ...global };
    for (const [key, value] of Object.entries(local)) {
      out[key] = key in global ? merge(global[key], value, path ? `${path}.${key}` : key) : value;
    }
    return out;
  }
  return local;
}

/**
 * Applies `Globals.Function` to a function's Properties as SAM does: maps merge key by key,
 * lists concatenate globals first, anything else (including intrinsic calls) is taken from the function.
 */
export function mergeGlobals(globals: unknown, properties: unknown): PlainRecord {
  const local = isRecord(properties) ? properties : {};
  if (!isRecord(globals)) return local;
  const merged = merge(globals, local, '');
  return isRecord(merged) ? merged : local;
}
