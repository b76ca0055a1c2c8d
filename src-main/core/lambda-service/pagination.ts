import { LambdaError } from '../errors/lambda-error';

/** Lambda's list pages: at most 50 items whatever MaxItems says (reference 7.2). */
export const MAX_PAGE = 50;

/** One page of a list with Lambda's opaque Marker / NextMarker, keyed by the name after which to continue. */
export function page<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  options: { marker?: string; maxItems?: number },
): { items: T[]; nextMarker?: string } {
  let start = 0;
  if (options.marker) {
    // A marker names the last item served, so a list that changed between pages neither skips nor repeats.
    const after = decodeMarker(options.marker);
    start = items.findIndex((item) => keyOf(item) > after);
    if (start < 0) start = items.length;
  }
  const size = Math.min(MAX_PAGE, Math.max(1, options.maxItems ?? MAX_PAGE));
  const slice = items.slice(start, start + size);
  const last = slice.at(-1);
  const more = start + size < items.length && last !== undefined;
  return more ? { items: slice, nextMarker: encodeMarker(keyOf(last)) } : { items: slice };
}

function encodeMarker(key: string): string {
  return Buffer.from(JSON.stringify({ after: key })).toString('base64url');
}

function decodeMarker(marker: string): string {
  try {
    const parsed = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8')) as {
      after?: unknown;
    };
    if (typeof parsed.after === 'string') return parsed.after;
  } catch {
    // Fall through to the error below.
  }
  throw new LambdaError('InvalidParameterValueException', `Invalid marker: ${marker}`);
}

/** Sort key of a version: `$LATEST` first, then numbers in numeric order. */
export function versionKey(version: string): string {
  return version === '$LATEST' ? '' : version.padStart(12, '0');
}
