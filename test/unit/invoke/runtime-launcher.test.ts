import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { findRuntime, type RuntimeInfo } from '../../../src-main/core/functions/runtime-catalog';
import {
  LaunchError,
  RuntimeLauncher,
  nodeMemoryArgs,
  versionWarnings,
} from '../../../src-main/core/invoke/runtime-launcher';
import { thrown } from '../thrown';

const POSIX = process.platform !== 'win32';

function runtime(id: string): RuntimeInfo {
  const info = findRuntime(id);
  if (!info) throw new Error(`unknown runtime ${id}`);
  return info;
}

describe('nodeMemoryArgs', () => {
  it('sizes the heap as Lambda bootstrap does for 128 MB', () => {
    expect(nodeMemoryArgs(128)).toEqual([
      '--expose-gc',
      '--max-http-header-size=81920',
      '--max-semi-space-size=6',
      '--max-old-space-size=116',
    ]);
  });

  it('sizes the heap for 1024 MB', () => {
    expect(nodeMemoryArgs(1024)).toEqual([
      '--expose-gc',
      '--max-http-header-size=81920',
      '--max-semi-space-size=51',
      '--max-old-space-size=922',
    ]);
  });

  it('sizes the heap for 10,240 MB', () => {
    expect(nodeMemoryArgs(10_240).slice(2)).toEqual([
      '--max-semi-space-size=512',
      '--max-old-space-size=9216',
    ]);
  });
});

describe('versionWarnings', () => {
  it('is silent when the Node major matches', () => {
    expect(versionWarnings(runtime('nodejs22.x'), 'v22.11.0')).toEqual([]);
    expect(versionWarnings(runtime('nodejs20.x'), 'v20.19.0')).toEqual([]);
  });

  it('warns when the Node major differs', () => {
    expect(versionWarnings(runtime('nodejs22.x'), 'v20.19.0')).toEqual([
      'WARNING: nodejs22.x runs on the local v20.19.0, not Node.js 22; behaviour may differ from Lambda.',
    ]);
  });

  it('is silent when the Python minor matches, whatever the patch', () => {
    expect(versionWarnings(runtime('python3.12'), 'Python 3.12.4')).toEqual([]);
    expect(versionWarnings(runtime('python3.10'), 'Python 3.10.0')).toEqual([]);
  });

  it('warns when the Python minor differs (3.1x is not 3.1)', () => {
    expect(versionWarnings(runtime('python3.12'), 'Python 3.11.7')).toEqual([
      'WARNING: python3.12 runs on the local Python 3.11.7, not Python 3.12; behaviour may differ from Lambda.',
    ]);
    expect(versionWarnings(runtime('python3.10'), 'Python 3.1.5')).toHaveLength(1);
    expect(versionWarnings(runtime('python3.13'), 'Python 3.130.0')).toHaveLength(1);
  });

  it('is silent when there is nothing to compare', () => {
    expect(versionWarnings(runtime('nodejs22.x'), undefined)).toEqual([]);
    expect(versionWarnings(runtime('nodejs22.x'), 'no digits here')).toEqual([]);
    expect(versionWarnings(runtime('provided.al2023'), 'v22.1.0')).toEqual([]);
  });
});

describe('RuntimeLauncher', () => {
  let dir: string;
  let task: string;
  let opt: string;
  let bin: string;
  const resources = path.resolve('/lw-resources');

  const savedEnv = { PYENV_ROOT: process.env.PYENV_ROOT, NVM_DIR: process.env.NVM_DIR };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lw-launcher-'));
    // Keep this machine's pyenv / nvm installs out of the search.
    process.env.PYENV_ROOT = path.join(dir, 'pyenv');
    process.env.NVM_DIR = path.join(dir, 'nvm');
    task = path.join(dir, 'task');
    opt = path.join(dir, 'opt');
    bin = path.join(dir, 'bin');
    for (const d of [task, opt, bin]) fs.mkdirSync(d);
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  /**
   * A fake language executable: prints `version` for --version, and its own path when probed for
   * the real interpreter (`node -p process.execPath`, `python -c "...sys.executable"`).
   */
  function fakeExecutable(name: string, version: string, folder = bin): string {
    fs.mkdirSync(folder, { recursive: true });
    const file = path.join(folder, name);
    fs.writeFileSync(
      file,
      `#!/bin/sh\ncase "$1" in\n  --version) echo "${version}" ;;\n  -p|-c) echo "$0" ;;\nesac\n`,
      { mode: 0o755 },
    );
    return file;
  }

  describe('provided runtimes', () => {
    it('names both bootstrap candidates when neither exists', () => {
      const err = thrown(LaunchError, () =>
        new RuntimeLauncher(resources, {}, '').plan(runtime('provided.al2023'), 128, task, opt),
      );
      expect(err.message).toBe(
        `Couldn't find valid bootstrap(s): [${path.join(task, 'bootstrap')} ${path.join(opt, 'bootstrap')}]`,
      );
      expect(err.errorType).toBe('Runtime.InvalidEntrypoint');
    });

    it('names only the task bootstrap without layers', () => {
      const err = thrown(LaunchError, () =>
        new RuntimeLauncher(resources, {}, '').plan(runtime('provided.al2'), 128, task),
      );
      expect(err.message).toBe(
        `Couldn't find valid bootstrap(s): [${path.join(task, 'bootstrap')}]`,
      );
    });

    it('does not take a directory named bootstrap', () => {
      fs.mkdirSync(path.join(task, 'bootstrap'));
      expect(() =>
        new RuntimeLauncher(resources, {}, '').plan(runtime('provided.al2023'), 128, task),
      ).toThrow(LaunchError);
    });

    it.skipIf(!POSIX)('reports a non-executable bootstrap as permission denied', () => {
      const file = path.join(task, 'bootstrap');
      fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o644 });
      fs.chmodSync(file, 0o644);
      const err = thrown(LaunchError, () =>
        new RuntimeLauncher(resources, {}, '').plan(runtime('provided.al2023'), 128, task),
      );
      expect(err.message.startsWith(`fork/exec ${file}: permission denied`)).toBe(true);
      expect(err.message).toContain(`chmod +x ${file}`);
      expect(err.errorType).toBe('Runtime.InvalidEntrypoint');
    });

    it.skipIf(!POSIX)('runs an executable task bootstrap, without telemetry fd', () => {
      const file = fakeExecutable('bootstrap', '', task);
      const plan = new RuntimeLauncher(resources, {}, '').plan(
        runtime('provided.al2023'),
        128,
        task,
        opt,
      );
      expect(plan).toMatchObject({ command: file, args: [], warnings: [], usesTelemetryFd: false });
    });

    it.skipIf(!POSIX)('falls back to /opt/bootstrap, and prefers the task one', () => {
      const inOpt = fakeExecutable('bootstrap', '', opt);
      const launcher = new RuntimeLauncher(resources, {}, '');
      expect(launcher.plan(runtime('provided.al2023'), 128, task, opt).command).toBe(inOpt);
      const inTask = fakeExecutable('bootstrap', '', task);
      expect(launcher.plan(runtime('provided.al2023'), 128, task, opt).command).toBe(inTask);
    });
  });

  describe('managed runtimes', () => {
    it('a configured executable that does not exist is a clear LaunchError', () => {
      const missing = path.join(dir, 'nope', 'node');
      const err = thrown(LaunchError, () =>
        new RuntimeLauncher(resources, { 'nodejs22.x': missing }, '').plan(
          runtime('nodejs22.x'),
          128,
          task,
        ),
      );
      expect(err.message).toBe(
        `The nodejs22.x executable configured at ${missing} does not exist or is not executable. Fix the runtime path setting for nodejs22.x.`,
      );
      expect(err.errorType).toBe('Runtime.InvalidEntrypoint');
    });

    it('a configured family executable that does not exist is a LaunchError too', () => {
      const missing = path.join(dir, 'nope', 'python3');
      const err = thrown(LaunchError, () =>
        new RuntimeLauncher(resources, { python: missing }, '').plan(
          runtime('python3.12'),
          128,
          task,
        ),
      );
      expect(err.message).toContain(missing);
      expect(err.message).toContain('python3.12');
    });

    it('with nothing on the search path, names the --runtime-path option (node)', () => {
      const err = thrown(LaunchError, () =>
        new RuntimeLauncher(resources, {}, '').plan(runtime('nodejs22.x'), 128, task),
      );
      expect(err.message).toBe(
        'Cannot start nodejs22.x: no node executable found on PATH. Install it, or set the runtime path for nodejs22.x (CLI: --runtime-path nodejs22.x=/path/to/node).',
      );
    });

    it('with nothing on the search path, names the --runtime-path option (python)', () => {
      const err = thrown(LaunchError, () =>
        new RuntimeLauncher(resources, {}, bin).plan(runtime('python3.12'), 128, task),
      );
      expect(err.message).toContain('no python3.12 or python3 executable found on PATH');
      expect(err.message).toContain('--runtime-path python3.12=/path/to/python3');
    });

    it.skipIf(!POSIX)('finds node on the search path and builds the command line', () => {
      const node = fakeExecutable('node', 'v22.3.0');
      const plan = new RuntimeLauncher(
        resources,
        {},
        ['', path.join(dir, 'empty'), bin].join(path.delimiter),
      ).plan(runtime('nodejs22.x'), 1024, task);
      expect(plan).toEqual({
        command: node,
        args: [...nodeMemoryArgs(1024), path.join(resources, 'runtimes', 'nodejs', 'index.mjs')],
        runtimeDir: path.join(resources, 'runtimes', 'nodejs'),
        languageBinDir: bin,
        localVersion: 'v22.3.0',
        warnings: [],
        usesTelemetryFd: true,
      });
    });

    it.skipIf(!POSIX)('warns when the local node major differs', () => {
      fakeExecutable('node', 'v20.19.0');
      const plan = new RuntimeLauncher(resources, {}, bin).plan(runtime('nodejs22.x'), 128, task);
      expect(plan.warnings).toEqual([
        'WARNING: nodejs22.x runs on the local v20.19.0, not Node.js 22; behaviour may differ from Lambda.',
      ]);
    });

    it.skipIf(!POSIX)('prefers python3.x over python3, and runs bootstrap.py unbuffered', () => {
      fakeExecutable('python3', 'Python 3.11.2');
      const exact = fakeExecutable('python3.12', 'Python 3.12.1');
      const plan = new RuntimeLauncher(resources, {}, bin).plan(runtime('python3.12'), 128, task);
      expect(plan.command).toBe(exact);
      expect(plan.args).toEqual(['-u', path.join(resources, 'runtimes', 'python', 'bootstrap.py')]);
      expect(plan.warnings).toEqual([]);
    });

    it.skipIf(!POSIX)('finds an exact-version pyenv interpreter, newest patch first', () => {
      const versions = path.join(dir, 'pyenv', 'versions');
      fakeExecutable('python3.12', 'Python 3.12.9', path.join(versions, '3.12.9', 'bin'));
      const newest = fakeExecutable(
        'python3.12',
        'Python 3.12.10',
        path.join(versions, '3.12.10', 'bin'),
      );
      fakeExecutable('python3.11', 'Python 3.11.9', path.join(versions, '3.11.9', 'bin'));
      const plan = new RuntimeLauncher(resources, {}, '').plan(runtime('python3.12'), 128, task);
      expect(plan.command).toBe(newest);
      expect(plan.localVersion).toBe('Python 3.12.10');
    });

    it.skipIf(!POSIX)('prefers an exact-major nvm node over a generic node on PATH', () => {
      fakeExecutable('node', 'v20.19.0');
      const exact = fakeExecutable(
        'node',
        'v22.11.0',
        path.join(dir, 'nvm', 'versions', 'node', 'v22.11.0', 'bin'),
      );
      const plan = new RuntimeLauncher(resources, {}, bin).plan(runtime('nodejs22.x'), 128, task);
      expect(plan.command).toBe(exact);
      expect(plan.warnings).toEqual([]);
    });

    it.skipIf(!POSIX)('skips a candidate that does not run (an inactive pyenv shim)', () => {
      const shims = path.join(dir, 'shims');
      fs.mkdirSync(shims);
      fs.writeFileSync(path.join(shims, 'python3'), '#!/bin/sh\nexit 127\n', { mode: 0o755 });
      const real = fakeExecutable('python3', 'Python 3.12.3');
      const plan = new RuntimeLauncher(resources, {}, [shims, bin].join(path.delimiter)).plan(
        runtime('python3.12'),
        128,
        task,
      );
      expect(plan.command).toBe(real);
    });

    it.skipIf(!POSIX)('uses a configured executable over the search path', () => {
      fakeExecutable('node', 'v22.0.0');
      const other = path.join(dir, 'other');
      fs.mkdirSync(other);
      const configured = fakeExecutable('node', 'v24.1.0', other);
      const plan = new RuntimeLauncher(resources, { nodejs: configured }, bin).plan(
        runtime('nodejs24.x'),
        128,
        task,
      );
      expect(plan.command).toBe(configured);
      expect(plan.languageBinDir).toBe(other);
      expect(plan.warnings).toEqual([]);
    });
  });
});
