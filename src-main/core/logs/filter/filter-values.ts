import { FilterPatternError } from './filter-error';
import type { FilterToken } from './filter-lexer';

/** A comparison operator of JSON and space-delimited patterns. */
export type FilterOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** The right-hand side of a comparison. */
export type FilterValue =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'string'; readonly text: string; readonly glob?: RegExp }
  | { readonly kind: 'regex'; readonly regex: RegExp };

const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * What CloudWatch accepts between `%...%`: alphanumerics, the symbols `_ # = @ / ; , - :`, the
 * operators `^ $ ? [ ] { } | \ * + .`; no `(`/`)`, no multi-byte characters (FilterAndPatternSyntax.html,
 * "Supported regular expressions (regex) syntax"). We also let spaces through.
 */
const REGEX_CHARS = /^[A-Za-z0-9_#=@/;,\-:^$?[\]{}|\\*+. ]*$/;

/** Compiles the body of a `%regex%`; throws on characters or syntax CloudWatch does not accept. */
export function compileRegex(body: string): RegExp {
  if (body === '' || !REGEX_CHARS.test(body)) {
    throw new FilterPatternError(`unsupported regular expression %${body}%`);
  }
  try {
    return new RegExp(body);
  } catch {
    throw new FilterPatternError(`invalid regular expression %${body}%`);
  }
}

/** A `*` wildcard string as an anchored regular expression. */
function globOf(text: string): RegExp | undefined {
  if (!text.includes('*')) return undefined;
  const source = text
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 's');
}

/** The value a token stands for: numbers stay numbers unless quoted. */
export function valueOf(token: FilterToken | undefined): FilterValue {
  if (token?.kind === 'regex') return { kind: 'regex', regex: compileRegex(token.text) };
  if (token?.kind === 'string')
    return { kind: 'string', text: token.text, glob: globOf(token.text) };
  if (token?.kind === 'word') {
    if (NUMBER.test(token.text)) return { kind: 'number', value: Number(token.text) };
    return { kind: 'string', text: token.text, glob: globOf(token.text) };
  }
  throw new FilterPatternError('expected a value');
}

/** Rejects operators that make no sense for the value (`<` with a string, `>` with a regex). */
export function checkOperator(op: FilterOperator, value: FilterValue): void {
  if (value.kind !== 'number' && op !== '=' && op !== '!=') {
    throw new FilterPatternError(`operator ${op} needs a number`);
  }
}

function numericOf(actual: unknown): number | undefined {
  if (typeof actual === 'number') return actual;
  if (typeof actual === 'string' && NUMBER.test(actual.trim())) return Number(actual.trim());
  return undefined;
}

function textOf(actual: unknown): string | undefined {
  if (typeof actual === 'string') return actual;
  if (typeof actual === 'number' || typeof actual === 'boolean') return String(actual);
  return undefined;
}

/** Whether `actual` (a JSON value or a delimited field; undefined when absent) satisfies `op value`. */
export function compare(actual: unknown, op: FilterOperator, value: FilterValue): boolean {
  if (actual === undefined) return false;
  if (value.kind === 'number') {
    const n = numericOf(actual);
    if (n === undefined) return op === '!=' && textOf(actual) !== undefined;
    switch (op) {
      case '=':
        return n === value.value;
      case '!=':
        return n !== value.value;
      case '<':
        return n < value.value;
      case '<=':
        return n <= value.value;
      case '>':
        return n > value.value;
      case '>=':
        return n >= value.value;
    }
  }
  // `= *` means "exists with any value" (how aws-cdk renders FilterPattern.exists).
  if (value.kind === 'string' && value.text === '*') return op === '=' ? actual !== null : false;
  const text = textOf(actual);
  if (text === undefined) return false;
  const equal =
    value.kind === 'regex'
      ? value.regex.test(text)
      : value.glob
        ? value.glob.test(text)
        : text === value.text;
  return op === '=' ? equal : !equal;
}
