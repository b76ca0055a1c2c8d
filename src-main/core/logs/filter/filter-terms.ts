import { FilterPatternError } from './filter-error';
import { readQuoted } from './filter-lexer';

interface Term {
  readonly mode: 'all' | 'any' | 'none';
  readonly text: string;
}

/**
 * Characters an unquoted term may hold. AWS asks to quote "terms that include non-alphanumeric
 * characters" and rejects e.g. `,` and `@` unquoted (TylerBrock/saw#49, Miserlou/Zappa#651); we
 * also let `_ . - : /` through unquoted (unverified), being lenient where the rule is unknown.
 */
const BARE_TERM = /^[A-Za-z0-9_.:/-]+$/;

function readTerms(pattern: string): Term[] {
  const terms: Term[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] ?? '';
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const mode = c === '?' ? 'any' : c === '-' ? 'none' : 'all';
    if (mode !== 'all') i += 1;
    if (pattern[i] === '"') {
      const quoted = readQuoted(pattern, i);
      terms.push({ mode, text: quoted.text });
      i = quoted.end;
      if (i < pattern.length && !/\s/.test(pattern[i] ?? '')) {
        throw new FilterPatternError('text right after a closing quote');
      }
      continue;
    }
    let end = i;
    while (end < pattern.length && !/\s/.test(pattern[end] ?? '')) end += 1;
    const text = pattern.slice(i, end);
    if (!BARE_TERM.test(text)) throw new FilterPatternError(`invalid term ${text || c}`);
    terms.push({ mode, text });
    i = end;
  }
  return terms;
}

/**
 * Compiles a pattern of terms for unstructured events. Terms match as case-sensitive substrings
 * (`ERROR` matches `ERRORNEOUS`, `ARGUMENT` matches `ARGUMENTS`); all plain terms must match,
 * `-term`s must not, and `?term`s match when any does. Mixed with plain terms, `?term`s are
 * ignored, as observed on AWS (radek-pysny.github.io, "AWS CloudWatch vol. 1", 2025-03). A quoted
 * blank (`" "`) matches everything ("Match everything", FilterAndPatternSyntax.html).
 */
export function compileTermsPattern(pattern: string): (message: string) => boolean {
  const terms = readTerms(pattern).filter((t) => t.text.trim() !== '');
  const all = terms.filter((t) => t.mode === 'all').map((t) => t.text);
  const none = terms.filter((t) => t.mode === 'none').map((t) => t.text);
  const any = all.length > 0 ? [] : terms.filter((t) => t.mode === 'any').map((t) => t.text);
  return (message) =>
    all.every((t) => message.includes(t)) &&
    !none.some((t) => message.includes(t)) &&
    (any.length === 0 || any.some((t) => message.includes(t)));
}
