import { FilterPatternError } from './filter-error';
import { lexFilterExpression, type FilterToken } from './filter-lexer';
import {
  checkOperator,
  compare,
  valueOf,
  type FilterOperator,
  type FilterValue,
} from './filter-values';

type Step = string | number;

type JsonNode =
  | { readonly kind: 'and' | 'or'; readonly left: JsonNode; readonly right: JsonNode }
  | {
      readonly kind: 'cmp';
      readonly path: Step[];
      readonly op: FilterOperator;
      readonly value: FilterValue;
    }
  | { readonly kind: 'is'; readonly path: Step[]; readonly expected: true | false | null }
  | { readonly kind: 'not-exists'; readonly path: Step[] };

/** `$.a.b[0].c` as steps; the selector must start at the root `$`. */
function parseSelector(text: string): Step[] {
  const match = /^\$((?:\.[^.[\]\s]+|\[\d+\])*)$/.exec(text);
  if (!match) throw new FilterPatternError(`invalid property selector ${text}`);
  const steps: Step[] = [];
  for (const part of (match[1] ?? '').matchAll(/\.([^.[\]\s]+)|\[(\d+)\]/g)) {
    steps.push(part[2] === undefined ? (part[1] ?? '') : Number(part[2]));
  }
  return steps;
}

class JsonParser {
  private at = 0;
  constructor(private readonly tokens: FilterToken[]) {}

  parse(): JsonNode {
    const node = this.or();
    if (this.at < this.tokens.length) throw new FilterPatternError('unexpected trailing tokens');
    return node;
  }

  private peek(): FilterToken | undefined {
    return this.tokens[this.at];
  }

  private or(): JsonNode {
    let left = this.and();
    while (
      this.peek()?.kind === 'logic' &&
      this.peek()?.kind === 'logic' &&
      this.logic() === '||'
    ) {
      this.at += 1;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): JsonNode {
    let left = this.primary();
    while (this.logic() === '&&') {
      this.at += 1;
      left = { kind: 'and', left, right: this.primary() };
    }
    return left;
  }

  private logic(): string | undefined {
    const t = this.peek();
    return t?.kind === 'logic' ? t.text : undefined;
  }

  private word(): string | undefined {
    const t = this.peek();
    return t?.kind === 'word' ? t.text : undefined;
  }

  private primary(): JsonNode {
    const t = this.peek();
    if (t?.kind === 'paren' && t.text === '(') {
      this.at += 1;
      const inner = this.or();
      const close = this.peek();
      if (close?.kind !== 'paren' || close.text !== ')') throw new FilterPatternError('missing )');
      this.at += 1;
      return inner;
    }
    if (t?.kind !== 'word') throw new FilterPatternError('expected a property selector');
    this.at += 1;
    const path = parseSelector(t.text);
    const next = this.peek();
    if (next?.kind === 'op') {
      this.at += 1;
      const value = valueOf(this.peek());
      this.at += 1;
      checkOperator(next.text, value);
      return { kind: 'cmp', path, op: next.text, value };
    }
    const keyword = this.word()?.toUpperCase();
    this.at += 1;
    const operand = this.word()?.toUpperCase();
    this.at += 1;
    if (keyword === 'IS' && operand === 'TRUE') return { kind: 'is', path, expected: true };
    if (keyword === 'IS' && operand === 'FALSE') return { kind: 'is', path, expected: false };
    if (keyword === 'IS' && operand === 'NULL') return { kind: 'is', path, expected: null };
    if (keyword === 'NOT' && operand === 'EXISTS') return { kind: 'not-exists', path };
    throw new FilterPatternError(`expected a comparison after ${t.text}`);
  }
}

function resolve(root: unknown, path: Step[]): unknown {
  let current: unknown = root;
  for (const step of path) {
    if (typeof step === 'number') {
      current = Array.isArray(current) ? current[step] : undefined;
    } else if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
      current = Object.hasOwn(current, step)
        ? (current as Record<string, unknown>)[step]
        : undefined;
    } else {
      return undefined;
    }
  }
  return current;
}

function evaluate(node: JsonNode, root: unknown): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, root) && evaluate(node.right, root);
    case 'or':
      return evaluate(node.left, root) || evaluate(node.right, root);
    case 'cmp':
      return compare(resolve(root, node.path), node.op, node.value);
    case 'is':
      return resolve(root, node.path) === node.expected;
    case 'not-exists':
      return resolve(root, node.path) === undefined;
  }
}

/** Compiles the inside of `{ ... }`; the matcher is false for messages that are not JSON. */
export function compileJsonPattern(body: string): (message: string) => boolean {
  const tokens = lexFilterExpression(body);
  if (tokens.filter((t) => t.kind === 'regex').length > 2) {
    // "There is a limit of 2 regex for each filter pattern" (FilterAndPatternSyntax.html, Quotas).
    throw new FilterPatternError('more than 2 regular expressions');
  }
  const tree = new JsonParser(tokens).parse();
  return (message) => {
    let root: unknown;
    try {
      root = JSON.parse(message);
    } catch {
      return false;
    }
    return root !== null && typeof root === 'object' && evaluate(tree, root);
  };
}
