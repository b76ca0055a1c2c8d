import { ConditionEvaluator } from './conditions';
import { resolveParameter } from './parameters';
import { DEFAULT_TARGET, pseudoParameters } from './pseudo';
import { computeValueFunction, isValueFunction } from './value-functions';
import type { DeployTarget } from './pseudo';
import {
  NO_VALUE,
  describeIntrinsic,
  intrinsicName,
  isRecord,
  recordOf,
  scalarText,
} from './values';
import type { PlainRecord } from './values';

/** The template sections intrinsic functions look things up in. */
export interface TemplateSections {
  parameters: PlainRecord;
  mappings: PlainRecord;
  conditions: PlainRecord;
  resources: PlainRecord;
}

/** Parameter values and the pretend deploy target. */
export interface ResolverOptions extends Partial<DeployTarget> {
  /** Parameter values by name; `AWS::Region`-style keys override pseudo parameters too. */
  parameterOverrides?: Record<string, string>;
}

interface Scope {
  warnings: string[];
  where: string;
  depth: number;
}

// Deeper than any real template; guards against self-referencing YAML aliases.
const MAX_DEPTH = 64;

/** Resolves CloudFormation intrinsic functions the way a local run can: unknowables become `${...}` placeholders. */
export class IntrinsicResolver {
  /** How many placeholders were produced so far; callers diff it to learn whether a value resolved fully. */
  unresolved = 0;
  /** Region pseudo parameters and `Fn::GetAZs` use. */
  readonly region: string;
  private readonly pseudo: PlainRecord;
  private readonly overrides: Record<string, string>;
  private readonly conditions: ConditionEvaluator;

  constructor(
    private readonly sections: TemplateSections,
    options: ResolverOptions = {},
  ) {
    this.overrides = options.parameterOverrides ?? {};
    this.region = this.overrides['AWS::Region'] ?? options.region ?? DEFAULT_TARGET.region;
    const accountId =
      this.overrides['AWS::AccountId'] ?? options.accountId ?? DEFAULT_TARGET.accountId;
    this.pseudo = pseudoParameters({ region: this.region, accountId });
    this.conditions = new ConditionEvaluator(sections.conditions, (value, warnings, where) =>
      this.tryResolve(value, warnings, where),
    );
  }

  /** Resolves every intrinsic inside a value; each placeholder adds a warning prefixed with `where`. */
  resolve(value: unknown, warnings: string[], where: string): unknown {
    return this.walk(value, { warnings, where, depth: 0 });
  }

  /** Like `resolve`, also telling whether the value resolved without any placeholder. */
  tryResolve(
    value: unknown,
    warnings: string[],
    where: string,
  ): { value: unknown; complete: boolean } {
    const before = this.unresolved;
    const resolved = this.resolve(value, warnings, where);
    return { value: resolved, complete: this.unresolved === before };
  }

  /** Evaluates a named condition; undefined when it cannot be decided locally. */
  condition(name: string, warnings: string[]): boolean | undefined {
    return this.conditions.evaluate(name, warnings);
  }

  private walk(value: unknown, scope: Scope): unknown {
    if (scope.depth > MAX_DEPTH)
      return this.placeholder(scope, '${...}', 'value is nested too deeply');
    const inner = { ...scope, depth: scope.depth + 1 };
    if (Array.isArray(value)) {
      return value.map((item) => this.walk(item, inner)).filter((item) => item !== NO_VALUE);
    }
    const fn = intrinsicName(value);
    if (fn !== undefined && isRecord(value)) return this.call(fn, value[fn], inner);
    if (!isRecord(value)) return value;
    const out: PlainRecord = {};
    for (const [key, item] of Object.entries(value)) {
      const resolved = this.walk(item, inner);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  }

  private placeholder(scope: Scope, text: string, reason: string): string {
    this.unresolved++;
    scope.warnings.push(`${scope.where}: ${reason}; using the placeholder "${text}"`);
    return text;
  }

  private text(value: unknown, scope: Scope): string | undefined {
    return scalarText(this.walk(value, scope));
  }

  private call(fn: string, arg: unknown, scope: Scope): unknown {
    if (isValueFunction(fn)) {
      const computed = computeValueFunction(fn, this.walk(arg, scope), this.region);
      if ('value' in computed) return computed.value;
      return this.placeholder(scope, computed.placeholder, computed.problem);
    }
    const args = Array.isArray(arg) ? arg : [arg];
    switch (fn) {
      case 'Ref':
        return this.ref(String(arg), scope);
      case 'Fn::Sub':
        return this.sub(arg, scope);
      case 'Fn::GetAtt':
        return this.getAtt(arg, scope);
      case 'Fn::If':
        return this.fnIf(args, scope);
      case 'Fn::FindInMap':
        return this.findInMap(args, scope);
      case 'Fn::ImportValue': {
        const name = this.text(arg, scope) ?? '?';
        return this.placeholder(
          scope,
          `\${ImportValue:${name}}`,
          `${describeIntrinsic(fn, name)} cannot be resolved locally`,
        );
      }
      case 'Fn::Equals':
      case 'Fn::Not':
      case 'Fn::And':
      case 'Fn::Or': {
        const result = this.conditions.expression({ [fn]: arg }, scope.warnings, scope.where);
        return result ?? this.placeholder(scope, '${Condition}', `${fn} cannot be decided locally`);
      }
      default: {
        // Fn::Transform (macros run in CloudFormation) and functions we don't know.
        const name = fn === 'Fn::Transform' ? `Transform:${String(recordOf(arg)['Name'])}` : fn;
        return this.placeholder(
          scope,
          `\${${name}}`,
          `${describeIntrinsic(fn, arg)} cannot be resolved locally`,
        );
      }
    }
  }

  private ref(name: string, scope: Scope): unknown {
    if (name === 'AWS::NoValue') return NO_VALUE;
    const override = this.overrides[name];
    if (name in this.pseudo) return override ?? this.pseudo[name];
    const { parameters, resources } = this.sections;
    if (name in parameters) {
      const result = resolveParameter(name, parameters[name], override);
      if ('value' in result) return result.value;
      return this.placeholder(scope, `\${${name}}`, result.problem);
    }
    if (name in resources) {
      // As `sam local` does: a resource's Ref stands for its physical name, which locally is its logical id.
      this.unresolved++;
      const type = String(recordOf(resources[name])['Type'] ?? 'resource');
      scope.warnings.push(
        `${scope.where}: !Ref ${name} (${type}) resolves to its logical id "${name}" locally`,
      );
      return name;
    }
    return this.placeholder(scope, `\${${name}}`, `!Ref ${name} names no parameter or resource`);
  }

  private sub(arg: unknown, scope: Scope): unknown {
    const [template, vars] = Array.isArray(arg) ? [arg[0], recordOf(arg[1])] : [arg, {}];
    const text = this.text(template, scope);
    if (text === undefined) return this.placeholder(scope, '${Sub}', 'Fn::Sub needs a string');
    return text.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
      // `${!Literal}` is CloudFormation's escape for a literal `${Literal}`.
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      let value: unknown;
      if (name in vars) value = this.walk(vars[name], scope);
      else if (name.includes('.')) value = this.getAtt(name, scope);
      else value = this.ref(name, scope);
      if (value === NO_VALUE) return '';
      return scalarText(value) ?? (Array.isArray(value) ? value.join(',') : JSON.stringify(value));
    });
  }

  private getAtt(arg: unknown, scope: Scope): string {
    const [resource, ...attr] =
      typeof arg === 'string' ? arg.split('.') : Array.isArray(arg) ? arg : [String(arg)];
    const attribute = attr.map((part) => this.text(part, scope) ?? '?').join('.');
    const name = `${String(resource)}.${attribute}`;
    const known = String(resource) in this.sections.resources;
    const reason = known
      ? `!GetAtt ${name} cannot be resolved locally`
      : `!GetAtt ${name} names no resource`;
    return this.placeholder(scope, `\${${name}}`, reason);
  }

  private fnIf(args: unknown[], scope: Scope): unknown {
    const name = String(args[0]);
    let result = this.condition(name, scope.warnings);
    if (result === undefined) {
      scope.warnings.push(
        `${scope.where}: condition ${name} cannot be decided locally; using its false branch`,
      );
      result = false;
    }
    return this.walk(result ? args[1] : args[2], scope);
  }

  private findInMap(args: unknown[], scope: Scope): unknown {
    const [map, top, second] = args.slice(0, 3).map((item) => this.text(item, scope) ?? '?');
    const entry = recordOf(recordOf(this.sections.mappings[map ?? ''])[top ?? ''])[second ?? ''];
    if (entry !== undefined) return entry;
    // Fn::FindInMap's optional fourth argument (AWS::LanguageExtensions) supplies a default.
    const fallback = recordOf(args[3]);
    if ('DefaultValue' in fallback) return this.walk(fallback['DefaultValue'], scope);
    const path = `${map}.${top}.${second}`;
    return this.placeholder(scope, `\${Mapping:${path}}`, `!FindInMap ${path} is not in Mappings`);
  }
}
