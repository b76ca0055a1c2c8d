import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, json, nodeFunction, startEngine } from './engine-harness';

const harness = startEngine();
const { engine } = harness;
const work = mkdtempSync(path.join(os.tmpdir(), 'lwb-zips-'));
afterAll(async () => {
  await harness.close();
  rmSync(work, { recursive: true, force: true });
});

/** Writes a zip whose entries carry Unix modes (external attributes = mode << 16, made on Unix). */
function writeZip(name: string, files: Record<string, { text: string; mode?: number }>): string {
  const entries: Zippable = {};
  for (const [file, { text, mode = 0o644 }] of Object.entries(files)) {
    entries[file] = [new TextEncoder().encode(text), { os: 3, attrs: (0o100000 | mode) << 16 }];
  }
  const target = path.join(work, name);
  writeFileSync(target, zipSync(entries));
  return target;
}

describe('layers', () => {
  it('puts a layer folder nodejs/node_modules on NODE_PATH', async () => {
    await engine.deploy(
      nodeFunction('layer-consumer', { layers: [fixture('layers', 'greeting-layer')] }),
    );
    const result = await engine.invoke('layer-consumer', '{"name":"layer"}');
    expect(result.functionError).toBeUndefined();
    expect(json<{ greeting: string }>(result).greeting).toContain('layer');
  });

  it('applies layers in order: a later layer overwrites the same file', async () => {
    const second = writeZip('override-layer.zip', {
      'nodejs/node_modules/layer-greeting/index.js': {
        text: "exports.greet = (n) => 'overridden ' + n;",
      },
    });
    await engine.deploy(
      nodeFunction('layer-consumer', {
        name: 'layered-twice',
        layers: [fixture('layers', 'greeting-layer'), second],
      }),
    );
    const result = await engine.invoke('layered-twice', '{"name":"x"}');
    expect(json(result)).toEqual({ greeting: 'overridden x' });
  });

  it('fails without the layer exactly as Lambda: Runtime.ImportModuleError', async () => {
    await engine.deploy(nodeFunction('layer-consumer', { name: 'no-layer' }));
    const result = await engine.invoke('no-layer', '{}');
    expect(result.errorType).toBe('Runtime.ImportModuleError');
  });
});

describe('zip packages', () => {
  it('runs a Node function from a .zip', async () => {
    const zip = writeZip('node.zip', {
      'index.js': { text: 'exports.handler = async (e) => ({ fromZip: true, e });' },
    });
    await engine.deploy({
      name: 'zipped',
      runtime: nodeFunction('x').runtime,
      handler: 'index.handler',
      code: zip,
    });
    expect(json(await engine.invoke('zipped', '{"a":1}'))).toEqual({ fromZip: true, e: { a: 1 } });
  });

  it('keeps the executable bit of a custom runtime bootstrap inside a zip', async () => {
    const dir = fixture('provided', 'bash-echo');
    const zip = writeZip('custom.zip', {
      bootstrap: { text: readFileSync(path.join(dir, 'bootstrap'), 'utf8'), mode: 0o755 },
      'function.sh': { text: readFileSync(path.join(dir, 'function.sh'), 'utf8') },
    });
    await engine.deploy({
      name: 'zipped-bash',
      runtime: 'provided.al2023',
      handler: 'function.handler',
      code: zip,
    });
    expect(json(await engine.invoke('zipped-bash', '{"z":1}'))).toMatchObject({ echo: { z: 1 } });
  });

  it('rejects a corrupt zip with AWS wording', async () => {
    const bad = path.join(work, 'corrupt.zip');
    writeFileSync(bad, 'this is not a zip');
    await expect(
      engine.deploy({ name: 'corrupt', runtime: 'provided.al2023', handler: 'x.y', code: bad }),
    ).rejects.toMatchObject({
      code: 'InvalidParameterValueException',
      message: 'Could not unzip uploaded file. Please check your file, then try to upload again.',
    });
  });
});
