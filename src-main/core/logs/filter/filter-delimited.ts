import { FilterPatternError } from './filter-error';
import { lexFilterExpression, type FilterToken } from './filter-lexer';
import {
  checkOperator,
  compare,
  valueOf,
  type FilterOperator,
  type FilterValue,
} from './filter-values';

interface Condition {
  readonly name: string;
  readonly op: FilterOperator;
  readonly value: FilterValue;
}

/** One column: `...`, or a name with conditions in OR-of-AND form (`&&` binds tighter than `||`). */
type Column =
  { readonly ellipsis: true } | { readonly name: string; readonly anyOf: Condition[][] };

const NAME = /^[A-Za-z0-9_-]+$/;

function splitOnCommas(tokens: FilterToken[]): FilterToken[][] {
  const parts: FilterToken[][] = [[]];
  for (const t of tokens) {
    if (t.kind === 'comma') parts.push([]);
    else parts.at(-1)?.push(t);
  }
  return parts;
}

function parseColumn(tokens: FilterToken[]): Column {
  const first = tokens[0];
  if (first?.kind !== 'word') throw new FilterPatternError('expected a column name');
  if (first.text === '...') {
    if (tokens.length > 1) throw new FilterPatternError('... takes no condition');
    return { ellipsis: true };
  }
  if (!NAME.test(first.text)) throw new FilterPatternError(`invalid column name ${first.text}`);
  const anyOf: Condition[][] = [];
  let group: Condition[] = [];
  let at = 1;
  while (at < tokens.length) {
    // Each condition is `name op value`; the first one's name is the column itself.
    const start = at === 1 ? 0 : at;
    const name = tokens[start];
    const op = tokens[start + 1];
    if (name?.kind !== 'word' || op?.kind !== 'op')
      throw new FilterPatternError('expected a condition');
    const value = valueOf(tokens[start + 2]);
    checkOperator(op.text, value);
    group.push({ name: name.text, op: op.text, value });
    at = start + 3;
    const logic = tokens[at];
    if (logic === undefined) break;
    if (logic.kind !== 'logic') throw new FilterPatternError('expected && or ||');
    if (logic.text === '||') {
      anyOf.push(group);
      group = [];
    }
    at += 1;
    if (at >= tokens.length) throw new FilterPatternError('dangling operator');
  }
  if (group.length > 0) anyOf.push(group);
  return { name: first.text, anyOf };
}

/** Splits a message into space-delimited fields; `"..."` and `[...]` hold spaces. */
export function delimitedFields(message: string): string[] {
  const fields: string[] = [];
  const text = message.trim();
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i += 1;
      continue;
    }
    const close = c === '"' ? '"' : c === '[' ? ']' : undefined;
    const end = close ? text.indexOf(close, i + 1) : -1;
    if (close && end > 0) {
      fields.push(text.slice(i + 1, end));
      i = end + 1;
    } else {
      let j = i;
      while (j < text.length && !/\s/.test(text[j] ?? '')) j += 1;
      fields.push(text.slice(i, j));
      i = j;
    }
  }
  return fields;
}

function bind(columns: Column[], fields: string[]): Map<string, string> | undefined {
  const ellipsis = columns.findIndex((c) => 'ellipsis' in c);
  const named = columns.length - (ellipsis < 0 ? 0 : 1);
  if (ellipsis < 0 ? fields.length !== named : fields.length < named) return undefined;
  const values = new Map<string, string>();
  columns.forEach((column, index) => {
    if ('ellipsis' in column) return;
    const from =
      ellipsis >= 0 && index > ellipsis ? fields.length - (columns.length - index) : index;
    values.set(column.name, fields[from] ?? '');
  });
  return values;
}

/** Compiles the inside of `[ ... ]`: named columns, at most one `...`, conditions on columns. */
export function compileDelimitedPattern(body: string): (message: string) => boolean {
  const tokens = lexFilterExpression(body);
  if (tokens.filter((t) => t.kind === 'regex').length > 2) {
    throw new FilterPatternError('more than 2 regular expressions');
  }
  const columns = splitOnCommas(tokens).map(parseColumn);
  if (columns.filter((c) => 'ellipsis' in c).length > 1) {
    throw new FilterPatternError('at most one ...');
  }
  const names = new Set(columns.flatMap((c) => ('name' in c ? [c.name] : [])));
  const conditions = columns.flatMap((c) => ('anyOf' in c ? c.anyOf : []));
  for (const condition of conditions.flat()) {
    if (!names.has(condition.name))
      throw new FilterPatternError(`unknown column ${condition.name}`);
  }
  return (message) => {
    const values = bind(columns, delimitedFields(message));
    if (!values) return false;
    return columns.every(
      (column) =>
        !('anyOf' in column) ||
        column.anyOf.length === 0 ||
        column.anyOf.some((all) => all.every((c) => compare(values.get(c.name), c.op, c.value))),
    );
  };
}
