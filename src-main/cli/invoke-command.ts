import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isLambdaError } from '../core/errors/lambda-error';
import { LambdaEngine } from '../core/invoke/lambda-engine';
import { defaultDataDir } from './data-dir';
import { INVOKE_USAGE, keyValues, parseInvokeArgs } from './invoke-options';
import { resolveTarget } from './resolve-target';

/** `lambda-workbench invoke`: response to stdout, logs to stderr, exit 1 on a function error (like `sam local invoke`). */
export async function invokeCommand(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseInvokeArgs(argv);
  } catch (error) {
    process.stderr.write(`${message(error)}\n\n${INVOKE_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${INVOKE_USAGE}\n`);
    return 0;
  }
  const engine = new LambdaEngine({
    dataDir: args.dataDir ?? defaultDataDir(),
    region: args.region,
    runtimeExecutables: keyValues('--runtime-path', args.runtimePaths),
    // A one-shot run has no reason to keep or freeze environments.
    idleTimeoutMs: 1000,
  });
  const stop = (): void => void engine.shutdown().then(() => process.exit(130));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const { input, warnings } = resolveTarget(args);
    for (const warning of warnings) process.stderr.write(`Warning: ${warning}\n`);
    const def = await engine.deploy(input);
    const event = readEvent(args.event);
    process.stderr.write(
      `Invoking ${def.handler} (${def.runtime}) from ${path.relative(process.cwd(), def.code) || '.'}\n`,
    );
    const result = await engine.invoke(def.name, event);
    process.stderr.write(result.logs);
    process.stdout.write(result.payload);
    if (process.stdout.isTTY) process.stdout.write(os.EOL);
    return result.functionError ? 1 : 0;
  } catch (error) {
    const code = isLambdaError(error) ? `${error.code}: ` : '';
    process.stderr.write(`Error: ${code}${message(error)}\n`);
    return 2;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await engine.shutdown();
  }
}

function readEvent(source: string | undefined): Buffer {
  if (source === undefined) return Buffer.from('{}');
  try {
    return source === '-' ? readFileSync(0) : readFileSync(source);
  } catch (error) {
    throw new Error(
      `Cannot read the event from ${source === '-' ? 'stdin' : source}: ${message(error)}`,
    );
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
