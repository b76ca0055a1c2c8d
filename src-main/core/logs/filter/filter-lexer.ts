import { FilterPatternError } from './filter-error';

/** One token of a JSON or space-delimited filter expression. */
export type FilterToken =
  | { readonly kind: 'op'; readonly text: '=' | '!=' | '<' | '<=' | '>' | '>=' }
  | { readonly kind: 'logic'; readonly text: '&&' | '||' }
  | { readonly kind: 'paren'; readonly text: '(' | ')' }
  | { readonly kind: 'comma' }
  | { readonly kind: 'string'; readonly text: string }
  | { readonly kind: 'regex'; readonly text: string }
  | { readonly kind: 'word'; readonly text: string };

const OPERATORS = ['!=', '<=', '>=', '=', '<', '>'] as const;
const WORD_END = /[\s()=!<>&|,"%]/;

/** Reads a double-quoted string starting at `start` (the quote); `\"` and `\\` escape. */
export function readQuoted(source: string, start: number): { text: string; end: number } {
  let text = '';
  for (let i = start + 1; i < source.length; i += 1) {
    const c = source[i];
    if (c === '\\' && i + 1 < source.length) {
      text += source[i + 1];
      i += 1;
    } else if (c === '"') {
      return { text, end: i + 1 };
    } else {
      text += c;
    }
  }
  throw new FilterPatternError('unterminated quoted string');
}

/** Splits a JSON or space-delimited expression into tokens. */
export function lexFilterExpression(source: string): FilterToken[] {
  const tokens: FilterToken[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] ?? '';
    const two = source.slice(i, i + 2);
    if (/\s/.test(c)) {
      i += 1;
    } else if (two === '&&' || two === '||') {
      tokens.push({ kind: 'logic', text: two });
      i += 2;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: 'paren', text: c });
      i += 1;
    } else if (c === ',') {
      tokens.push({ kind: 'comma' });
      i += 1;
    } else if (c === '"') {
      const quoted = readQuoted(source, i);
      tokens.push({ kind: 'string', text: quoted.text });
      i = quoted.end;
    } else if (c === '%') {
      const close = source.indexOf('%', i + 1);
      if (close < 0) throw new FilterPatternError('unterminated regular expression');
      tokens.push({ kind: 'regex', text: source.slice(i + 1, close) });
      i = close + 1;
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (op) {
        tokens.push({ kind: 'op', text: op });
        i += op.length;
        continue;
      }
      let end = i;
      while (end < source.length && !WORD_END.test(source[end] ?? '')) end += 1;
      if (end === i) throw new FilterPatternError(`unexpected character '${c}'`);
      tokens.push({ kind: 'word', text: source.slice(i, end) });
      i = end;
    }
  }
  return tokens;
}
