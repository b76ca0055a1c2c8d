import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FunctionInput } from '../../src-main/core/functions/function-definition';
import { LambdaEngine, type EngineOptions } from '../../src-main/core/invoke/lambda-engine';
import type { InvokeResult } from '../../src-main/core/invoke/invoke-types';

/** The repository's test/fixtures folder. */
export const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Absolute path of a fixture. */
export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

/** A real engine over a private temp data folder; `close` shuts it down and removes the folder. */
export function startEngine(options: Partial<EngineOptions> = {}): {
  engine: LambdaEngine;
  dataDir: string;
  close: () => Promise<void>;
} {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lwb-engine-'));
  const engine = new LambdaEngine({ dataDir, ...options });
  return {
    engine,
    dataDir,
    close: async () => {
      await engine.shutdown();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The local Node major as a Lambda runtime id (avoids version warnings in tests). */
export const NODE_RUNTIME = `nodejs${process.versions.node.split('.')[0]}.x`;

/** A Node fixture as a function input. */
export function nodeFunction(dir: string, overrides: Partial<FunctionInput> = {}): FunctionInput {
  return {
    name: dir.replace(/[^a-zA-Z0-9-_]/g, '-'),
    runtime: NODE_RUNTIME,
    handler: 'index.handler',
    code: fixture('nodejs', dir),
    ...overrides,
  };
}

/** The response payload parsed as JSON. */
export function json<T = Record<string, unknown>>(result: InvokeResult): T {
  return JSON.parse(result.payload.toString('utf8')) as T;
}

/** The log lines of a result, without the trailing empty string. */
export function lines(result: InvokeResult): string[] {
  return result.logs.split('\n').filter((l) => l !== '');
}
