import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { findRuntime } from '../core/functions/runtime-catalog';
import type { FunctionInput } from '../core/functions/function-definition';
import { readEnvFile } from '../core/sam/env-file';
import { findSamTemplate, readSamTemplate } from '../core/sam/sam-template';
import { keyValues, type InvokeArgs } from './invoke-options';

/** The function the CLI will run, plus notes for stderr. */
export interface ResolvedTarget {
  readonly input: FunctionInput;
  readonly warnings: readonly string[];
}

/** Turns `invoke DIR|ZIP|NAME` and its options into a function definition (from a SAM template or from the code). */
export function resolveTarget(args: InvokeArgs, cwd = process.cwd()): ResolvedTarget {
  const target = args.target ? path.resolve(cwd, args.target) : undefined;
  const isCode = target !== undefined && existsSync(target);
  const templatePath = args.template
    ? path.resolve(cwd, args.template)
    : findSamTemplate(isCode && statSync(target).isDirectory() ? target : cwd);
  const useTemplate = templatePath && !(isCode && args.handler) && (!isCode || isDirectory(target));
  const resolved = useTemplate
    ? fromTemplate(
        templatePath,
        isCode ? args.functionName : (args.functionName ?? args.target),
        args,
      )
    : fromCode(target, args);
  return { input: applyOverrides(resolved.input, args, cwd), warnings: resolved.warnings };
}

function fromTemplate(
  templatePath: string,
  name: string | undefined,
  args: InvokeArgs,
): ResolvedTarget {
  const template = readSamTemplate(templatePath, {
    parameterOverrides: keyValues('--parameter-overrides', args.parameterOverrides),
    region: args.region,
  });
  const names = template.functions.map((f) => f.logicalId);
  let chosen = template.functions[0];
  if (name) {
    chosen = template.functions.find((f) => f.logicalId === name || f.functionName === name);
    if (!chosen) {
      throw new Error(
        `${templatePath} has no function named '${name}'. Functions: ${names.join(', ') || 'none'}.`,
      );
    }
  } else if (template.functions.length > 1) {
    throw new Error(
      `${templatePath} defines several functions (${names.join(', ')}): name one, e.g. --function ${names[0]}.`,
    );
  }
  if (!chosen) throw new Error(`${templatePath} defines no AWS::Serverless::Function to invoke.`);
  if (!chosen.runnable) {
    throw new Error(
      `${chosen.logicalId} cannot run locally: ${chosen.warnings.join(' ') || 'its code is not on this machine.'}`,
    );
  }
  return { input: chosen.input, warnings: [...template.warnings, ...chosen.warnings] };
}

function fromCode(target: string | undefined, args: InvokeArgs): ResolvedTarget {
  if (!target)
    throw new Error(
      'Name a function folder, a .zip, or a function of the SAM template in this folder.',
    );
  if (!existsSync(target)) throw new Error(`${target} does not exist.`);
  const runtime = args.runtime ?? guessRuntime(target);
  if (!runtime) {
    throw new Error(
      `Cannot tell the runtime of ${target}: pass --runtime (e.g. nodejs22.x, python3.12, provided.al2023).`,
    );
  }
  const handler = args.handler ?? guessHandler(target, runtime);
  const name = path
    .basename(target)
    .replace(/\.zip$/, '')
    .replace(/[^a-zA-Z0-9-_]/g, '-')
    .slice(0, 64);
  return { input: { name, runtime, handler, code: target }, warnings: [] };
}

function applyOverrides(input: FunctionInput, args: InvokeArgs, cwd: string): FunctionInput {
  const environment = {
    ...input.environment,
    ...(args.envFile ? readEnvFile(path.resolve(cwd, args.envFile)) : {}),
    ...keyValues('--env', args.env),
  };
  const logFormat = args.logFormat as FunctionInput['logFormat'];
  return {
    ...input,
    ...(args.runtime ? { runtime: args.runtime } : {}),
    ...(args.handler ? { handler: args.handler } : {}),
    ...(args.memory !== undefined ? { memoryMb: args.memory } : {}),
    ...(args.timeout !== undefined ? { timeoutSec: args.timeout } : {}),
    ...(logFormat ? { logFormat } : {}),
    environment,
    layers: [...(input.layers ?? []), ...args.layers.map((l) => path.resolve(cwd, l))],
  };
}

function isDirectory(p: string): boolean {
  return statSync(p).isDirectory();
}

function guessRuntime(target: string): string | undefined {
  if (!isDirectory(target)) return undefined;
  const files = readdirSync(target);
  if (files.includes('bootstrap')) return 'provided.al2023';
  // Prefer the runtime matching the local interpreter, so the guess runs without a version warning.
  if (files.some((f) => /\.(m|c)?js$/.test(f)) || files.includes('package.json')) {
    const major = process.versions.node.split('.')[0] ?? '22';
    return findRuntime(`nodejs${major}.x`) ? `nodejs${major}.x` : 'nodejs22.x';
  }
  if (files.some((f) => f.endsWith('.py'))) return localPythonRuntime() ?? 'python3.12';
  return undefined;
}

function guessHandler(target: string, runtime: string): string {
  const files = isDirectory(target) ? readdirSync(target) : [];
  if (runtime.startsWith('python')) {
    const module = ['lambda_function.py', 'app.py', 'handler.py'].find((f) => files.includes(f));
    return `${(module ?? 'lambda_function.py').replace(/\.py$/, '')}.lambda_handler`;
  }
  if (runtime.startsWith('nodejs')) {
    const module = ['index', 'app', 'handler'].find((m) =>
      files.some((f) => f.startsWith(`${m}.`)),
    );
    return `${module ?? 'index'}.handler`;
  }
  return 'function.handler';
}

function localPythonRuntime(): string | undefined {
  const out = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  const match = /Python (\d+)\.(\d+)/.exec(`${out.stdout ?? ''}${out.stderr ?? ''}`);
  const id = match ? `python${match[1]}.${match[2]}` : undefined;
  return id && findRuntime(id) ? id : undefined;
}
