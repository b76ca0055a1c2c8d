import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fixture, nodeFunction, startEngine } from './engine-harness';

/** Processes whose command line mentions a path (the runtime's task root is its cwd, not its args). */
function processesIn(dir: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pid='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => Number(line.trim()))
    .filter((pid) => {
      if (!pid) return false;
      try {
        return execFileSync('readlink', [`/proc/${pid}/cwd`], { encoding: 'utf8' }).trim() === dir;
      } catch {
        return false;
      }
    });
}

describe.skipIf(process.platform !== 'linux')('environment lifecycle', () => {
  it('shuts idle environments down after the idle timeout; the next invoke is cold', async () => {
    const harness = startEngine({ idleTimeoutMs: 200 });
    await harness.engine.deploy(nodeFunction('counter', { name: 'idle' }));
    expect((await harness.engine.invoke('idle', '{}')).coldStart).toBe(true);
    expect((await harness.engine.invoke('idle', '{}')).coldStart).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(processesIn(fixture('nodejs', 'counter'))).toEqual([]);
    expect((await harness.engine.invoke('idle', '{}')).coldStart).toBe(true);
    await harness.close();
  });

  it('leaves no runtime process behind after shutdown, frozen or busy', async () => {
    const harness = startEngine();
    await harness.engine.deploy(nodeFunction('counter', { name: 'frozen' }));
    await harness.engine.deploy(nodeFunction('timeout', { name: 'busy', timeoutSec: 30 }));
    await harness.engine.invoke('frozen', '{}');
    await new Promise((resolve) => setTimeout(resolve, 100)); // past the freeze grace: it is stopped now
    const busy = harness.engine.invoke('busy', '{}');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(processesIn(fixture('nodejs', 'counter'))).toHaveLength(1);
    expect(processesIn(fixture('nodejs', 'timeout'))).toHaveLength(1);
    await harness.close();
    await busy.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(processesIn(fixture('nodejs', 'counter'))).toEqual([]);
    expect(processesIn(fixture('nodejs', 'timeout'))).toEqual([]);
  });
});
