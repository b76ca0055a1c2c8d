import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, json, startEngine } from './engine-harness';

/**
 * AWS's own Node.js runtime interface client (npm `aws-lambda-ric`) against our Runtime API.
 * It is not a devDependency: its install scripts compile curl and aws-lambda-cpp (cmake,
 * autoreconf, make, g++; about 45 s here), which would make every `npm ci` depend on those tools.
 * The test installs it once into node_modules/.cache instead (.ci/run provides the tools).
 */
const RIC_VERSION = '4.0.2';
const supported = process.platform === 'linux' && process.arch === 'x64';
const cache = path.join(
  FIXTURES,
  '..',
  '..',
  'node_modules',
  '.cache',
  `aws-lambda-ric-${RIC_VERSION}`,
);
const harness = startEngine();
const work = mkdtempSync(path.join(os.tmpdir(), 'lwb-ric-'));

const ricEntry = path.join(cache, 'node_modules', 'aws-lambda-ric', 'index.mjs');

beforeAll(() => {
  if (!supported || existsSync(path.join(path.dirname(ricEntry), 'rapid-client.node'))) return;
  mkdirSync(cache, { recursive: true });
  const args = [
    'install',
    '--prefix',
    cache,
    '--no-save',
    '--no-package-lock',
    '--no-audit',
    '--no-fund',
  ];
  execFileSync('npm', [...args, `aws-lambda-ric@${RIC_VERSION}`], { stdio: 'ignore' });
}, 600_000);
afterAll(async () => {
  await harness.close();
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!supported)('the official aws-lambda-ric (linux x64)', () => {
  it('runs a handler through our Runtime API as a custom runtime', async () => {
    const dir = path.join(work, 'fn');
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'index.mjs'),
      "export const handler = async (event, context) => { console.log('ric', event.n); return { n: event.n, rid: context.awsRequestId }; };\n",
    );
    writeFileSync(
      path.join(dir, 'bootstrap'),
      `#!/bin/sh\nexec "${process.execPath}" "${ricEntry}" "$_HANDLER"\n`,
    );
    chmodSync(path.join(dir, 'bootstrap'), 0o755);
    await harness.engine.deploy({
      name: 'official-ric',
      runtime: 'provided.al2023',
      handler: 'index.handler',
      code: dir,
    });
    const first = await harness.engine.invoke('official-ric', '{"n":1}');
    expect(json(first)).toEqual({ n: 1, rid: first.requestId });
    expect(first.logs).toMatch(new RegExp(`\\t${first.requestId}\\tINFO\\tric 1\\n`));
    const second = await harness.engine.invoke('official-ric', '{"n":2}');
    expect(second.coldStart).toBe(false);
    expect(json(second)).toEqual({ n: 2, rid: second.requestId });
  });
});
