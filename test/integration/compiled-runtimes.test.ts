import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, json, startEngine } from './engine-harness';

/**
 * Custom runtimes written in Go and Rust (standard libraries only: there is no module proxy or
 * crates.io here), compiled into a `bootstrap` by the test and run as provided.al2023.
 */
const harness = startEngine();
const work = mkdtempSync(path.join(os.tmpdir(), 'lwb-compiled-'));
afterAll(async () => {
  await harness.close();
  rmSync(work, { recursive: true, force: true });
});

function build(name: string, compile: (out: string) => void): string {
  const dir = path.join(work, name);
  mkdirSync(dir);
  compile(path.join(dir, 'bootstrap'));
  return dir;
}

describe('custom runtime in Rust', () => {
  it('runs a std-only Rust bootstrap', async () => {
    const dir = build('rust', (out) =>
      execFileSync('rustc', ['-O', fixture('provided', 'rust-runtime', 'main.rs'), '-o', out]),
    );
    await harness.engine.deploy({
      name: 'rust',
      runtime: 'provided.al2023',
      handler: 'unused.handler',
      code: dir,
    });
    const result = await harness.engine.invoke('rust', '{"hello":"rust"}');
    expect(json(result)).toEqual({
      language: 'rust',
      requestId: result.requestId,
      event: { hello: 'rust' },
    });
    expect(result.logs).toContain('rust runtime started for rust\n');
    expect(result.logs).toContain(`rust handling ${result.requestId}\n`);
    expect((await harness.engine.invoke('rust', '{}')).coldStart).toBe(false);
  });
});

describe('custom runtime in Go', () => {
  it('runs a net/http Go bootstrap, including errors posted to /error', async () => {
    const cache = path.join(work, 'go-cache');
    const dir = build('go', (out) =>
      execFileSync('go', ['build', '-o', out, fixture('provided', 'go-runtime', 'main.go')], {
        env: {
          ...process.env,
          GOCACHE: cache,
          GOPATH: path.join(work, 'gopath'),
          GOFLAGS: '-mod=mod',
          CGO_ENABLED: '0',
        },
      }),
    );
    await harness.engine.deploy({
      name: 'go',
      runtime: 'provided.al2',
      handler: 'unused.handler',
      code: dir,
    });
    const ok = await harness.engine.invoke('go', '{"n":1}');
    expect(json(ok)).toMatchObject({ language: 'go', requestId: ok.requestId, event: { n: 1 } });
    expect(Number(json<{ deadline: string }>(ok).deadline)).toBeGreaterThan(Date.now());
    const failed = await harness.engine.invoke('go', '{"fail":true}');
    expect(failed.functionError).toBe('Unhandled');
    expect(json(failed)).toEqual({ errorMessage: 'go said no', errorType: 'GoError' });
    expect(failed.logs).toMatch(/\tStatus: error\tError Type: Function\.GoError\n$/);
  });
});
