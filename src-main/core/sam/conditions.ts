import { isRecord, scalarText } from './values';
import type { PlainRecord } from './values';

/** Resolves an operand of `Fn::Equals`, telling whether it resolved without placeholders. */
export type OperandResolver = (
  value: unknown,
  warnings: string[],
  where: string,
) => { value: unknown; complete: boolean };

interface Memo {
  result: boolean | undefined;
  warnings: string[];
}

/** Compares as CloudFormation does: parameter values are strings, so `1` equals `'1'`. */
function normalise(value: unknown): string {
  const text = scalarText(value);
  if (text !== undefined) return text;
  return JSON.stringify(Array.isArray(value) ? value.map((v) => scalarText(v) ?? v) : value);
}

/** Evaluates the template's `Conditions`: true/false, or undefined when they depend on what only a deploy knows. */
export class ConditionEvaluator {
  private readonly memo = new Map<string, Memo>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly definitions: PlainRecord,
    private readonly resolveOperand: OperandResolver,
  ) {}

  /** Evaluates a named condition; its warnings are replayed to every caller, as results are cached. */
  evaluate(name: string, warnings: string[]): boolean | undefined {
    const cached = this.memo.get(name);
    if (cached) {
      warnings.push(...cached.warnings);
      return cached.result;
    }
    const own: string[] = [];
    let result: boolean | undefined;
    if (!(name in this.definitions)) {
      own.push(`condition ${name} is not defined in Conditions`);
    } else if (this.inProgress.has(name)) {
      own.push(`condition ${name} refers to itself`);
    } else {
      this.inProgress.add(name);
      result = this.expression(this.definitions[name], own, `condition ${name}`);
      this.inProgress.delete(name);
    }
    this.memo.set(name, { result, warnings: own });
    warnings.push(...own);
    return result;
  }

  /** Evaluates a condition expression (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`). */
  expression(expr: unknown, warnings: string[], where: string): boolean | undefined {
    if (typeof expr === 'boolean') return expr;
    if (expr === 'true' || expr === 'false') return expr === 'true';
    if (!isRecord(expr)) return undefined;
    const [key, arg] = Object.entries(expr)[0] ?? [];
    const list = Array.isArray(arg) ? arg : [arg];
    switch (key) {
      case 'Condition':
        return typeof arg === 'string' ? this.evaluate(arg, warnings) : undefined;
      case 'Fn::Equals': {
        const [a, b] = list.map((v) => this.resolveOperand(v, warnings, where));
        if (!a?.complete || !b?.complete) return undefined;
        return normalise(a.value) === normalise(b.value);
      }
      case 'Fn::Not': {
        const inner = this.expression(list[0], warnings, where);
        return inner === undefined ? undefined : !inner;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        const results = list.map((item) => this.expression(item, warnings, where));
        const decisive = key === 'Fn::And' ? false : true;
        if (results.includes(decisive)) return decisive;
        return results.includes(undefined) ? undefined : !decisive;
      }
      default: {
        // Anything else (an `Fn::If`, a `Ref` to a boolean-ish parameter) resolves to a value first.
        const resolved = this.resolveOperand(expr, warnings, where);
        if (!resolved.complete) return undefined;
        const text = scalarText(resolved.value);
        return text === 'true' ? true : text === 'false' ? false : undefined;
      }
    }
  }
}
