import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { json, nodeFunction, startEngine } from './engine-harness';

const harness = startEngine();
const { engine } = harness;
afterAll(() => harness.close());

describe('ephemeral storage (/tmp)', () => {
  it('gives each environment a private temp folder that survives warm invokes and is removed at shutdown', async () => {
    await engine.deploy(nodeFunction('tmp-writer'));
    const first = json<{ tmpdir: string; files: number }>(
      await engine.invoke('tmp-writer', '{"mb":1}'),
    );
    const second = json<{ tmpdir: string; files: number }>(
      await engine.invoke('tmp-writer', '{"mb":1}'),
    );
    expect(second.tmpdir).toBe(first.tmpdir);
    expect(second.files).toBe(2);
    expect(first.tmpdir.startsWith(harness.dataDir)).toBe(true);
    await engine.remove('tmp-writer');
    expect(existsSync(first.tmpdir)).toBe(false);
  });

  it('retires an environment whose /tmp outgrows its ephemeral storage, saying why', async () => {
    await engine.deploy(nodeFunction('tmp-writer', { name: 'tmp-hog', ephemeralStorageMb: 512 }));
    const result = await engine.invoke('tmp-hog', '{"mb":513}');
    expect(result.logs).toContain(
      "WARNING: /tmp holds 513 MB, more than this function's ephemeral storage (512 MB).",
    );
    const next = await engine.invoke('tmp-hog', '{"mb":1}');
    expect(next.coldStart).toBe(true);
  });
});
