import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { RuntimeInfo } from '../functions/runtime-catalog';

/** Executable overrides, keyed by runtime id (`python3.12`) or family (`nodejs`, `python`). */
export type RuntimeExecutables = Readonly<Record<string, string>>;

/** How to start one environment's runtime process. */
export interface LaunchPlan {
  readonly command: string;
  readonly args: readonly string[];
  /** Our runtime client's folder (Lambda's /var/runtime). */
  readonly runtimeDir: string;
  readonly languageBinDir?: string;
  /** `node v20.19.0` / `Python 3.11.7` as found locally. */
  readonly localVersion?: string;
  /** e.g. a major-version mismatch between the local executable and the runtime. */
  readonly warnings: readonly string[];
  /** Whether the runtime client writes framed records to the telemetry fd. */
  readonly usesTelemetryFd: boolean;
}

/** A runtime that cannot start; reported to the caller as Lambda reports a bad entrypoint. */
export class LaunchError extends Error {
  readonly errorType = 'Runtime.InvalidEntrypoint';
}

/** Finds the executables that run each runtime and builds the command line, as Lambda's bootstrap scripts do. */
export class RuntimeLauncher {
  private readonly versions = new Map<string, string | undefined>();
  private readonly resolved = new Map<string, string | undefined>();

  constructor(
    private readonly resourcesDir: string,
    private readonly executables: RuntimeExecutables = {},
    private readonly searchPath: string = process.env.PATH ?? '',
  ) {}

  /** The launch plan for a runtime, or a LaunchError naming what is missing and how to fix it. */
  plan(runtime: RuntimeInfo, memoryMb: number, taskRoot: string, optDir?: string): LaunchPlan {
    if (runtime.family === 'provided') return this.planProvided(taskRoot, optDir);
    const isNode = runtime.family === 'nodejs';
    const runtimeDir = path.join(this.resourcesDir, 'runtimes', isNode ? 'nodejs' : 'python');
    const names = isNode ? ['node'] : [`python${runtime.languageVersion}`, 'python3'];
    const command = this.locate(runtime, names);
    const localVersion = this.versionOf(command);
    const warnings = versionWarnings(runtime, localVersion);
    const args = isNode
      ? [...nodeMemoryArgs(memoryMb), path.join(runtimeDir, 'index.mjs')]
      : ['-u', path.join(runtimeDir, 'bootstrap.py')];
    return {
      command,
      args,
      runtimeDir,
      languageBinDir: path.dirname(command),
      localVersion,
      warnings,
      usesTelemetryFd: true,
    };
  }

  private planProvided(taskRoot: string, optDir?: string): LaunchPlan {
    const candidates = [
      path.join(taskRoot, 'bootstrap'),
      ...(optDir ? [path.join(optDir, 'bootstrap')] : []),
    ];
    const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
    if (!found) {
      throw new LaunchError(`Couldn't find valid bootstrap(s): [${candidates.join(' ')}]`);
    }
    try {
      accessSync(found, constants.X_OK);
    } catch {
      throw new LaunchError(
        `fork/exec ${found}: permission denied (make it executable: chmod +x ${found})`,
      );
    }
    return {
      command: found,
      args: [],
      runtimeDir: path.dirname(found),
      warnings: [],
      usesTelemetryFd: false,
    };
  }

  private locate(runtime: RuntimeInfo, names: readonly string[]): string {
    const configured = this.executables[runtime.id] ?? this.executables[runtime.family];
    if (configured) {
      if (isExecutable(configured)) return configured;
      throw new LaunchError(
        `The ${runtime.id} executable configured at ${configured} does not exist or is not executable. Fix the runtime path setting for ${runtime.id}.`,
      );
    }
    const onPath = names.flatMap((name) =>
      this.searchPath
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.join(dir, name)),
    );
    // Exact-version interpreters from version managers come before a generic python3 / node.
    // Exact-version interpreters (python3.X on PATH, pyenv, nvm) come before a generic python3 / node.
    const exactOnPath =
      runtime.family === 'python' ? onPath.slice(0, onPath.length / names.length) : [];
    const candidates = [...exactOnPath, ...versionManagerCandidates(runtime), ...onPath];
    for (const candidate of candidates) {
      if (!isExecutable(candidate)) continue;
      const real = this.resolveReal(candidate, runtime);
      if (real) return real;
    }
    throw new LaunchError(
      `Cannot start ${runtime.id}: no ${names.join(' or ')} executable found on PATH. Install it, or set the runtime path for ${runtime.id} (CLI: --runtime-path ${runtime.id}=/path/to/${names.at(-1)}).`,
    );
  }

  /**
   * The interpreter a candidate really is, or undefined when it does not run (a pyenv shim for an
   * inactive version exits 127). Resolving through shims also saves their start-up on every cold start.
   */
  private resolveReal(candidate: string, runtime: RuntimeInfo): string | undefined {
    if (!this.resolved.has(candidate)) {
      const probe =
        runtime.family === 'nodejs'
          ? spawnSync(candidate, ['-p', 'process.execPath'], { encoding: 'utf8', timeout: 10_000 })
          : spawnSync(candidate, ['-c', 'import sys; print(sys.executable)'], {
              encoding: 'utf8',
              timeout: 10_000,
            });
      const real = probe.status === 0 ? probe.stdout.trim() : '';
      this.resolved.set(candidate, real && isExecutable(real) ? real : undefined);
    }
    return this.resolved.get(candidate);
  }

  private versionOf(command: string): string | undefined {
    if (!this.versions.has(command)) {
      const out = spawnSync(command, ['--version'], { encoding: 'utf8', timeout: 10_000 });
      const text = `${out.stdout ?? ''}${out.stderr ?? ''}`.trim();
      this.versions.set(command, text || undefined);
    }
    return this.versions.get(command);
  }
}

/** Lambda's Node bootstrap sizes V8's heap from the function memory: new space = memory/10, semi = new/2, old = rest. */
export function nodeMemoryArgs(memoryMb: number): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  return [
    '--expose-gc',
    '--max-http-header-size=81920',
    `--max-semi-space-size=${Math.floor(newSpace / 2)}`,
    `--max-old-space-size=${memoryMb - newSpace}`,
  ];
}

/** A warning when the local language version differs from the runtime's (e.g. nodejs22.x on local Node 20). */
export function versionWarnings(runtime: RuntimeInfo, localVersion: string | undefined): string[] {
  if (!runtime.languageVersion || !localVersion) return [];
  const found = /(\d+)\.(\d+)/.exec(localVersion);
  if (!found) return [];
  const local = runtime.family === 'nodejs' ? found[1] : `${found[1]}.${found[2]}`;
  if (local === runtime.languageVersion) return [];
  return [
    `WARNING: ${runtime.id} runs on the local ${localVersion}, not ${runtime.family === 'nodejs' ? 'Node.js' : 'Python'} ${runtime.languageVersion}; behaviour may differ from Lambda.`,
  ];
}

/** Exact-version interpreters installed by pyenv or nvm, which developers commonly use for several versions. */
function versionManagerCandidates(runtime: RuntimeInfo): string[] {
  const version = runtime.languageVersion;
  if (!version) return [];
  const home = os.homedir();
  const [root, prefix, binary] =
    runtime.family === 'python'
      ? [
          path.join(process.env.PYENV_ROOT ?? path.join(home, '.pyenv'), 'versions'),
          `${version}.`,
          `python${version}`,
        ]
      : [
          path.join(process.env.NVM_DIR ?? path.join(home, '.nvm'), 'versions', 'node'),
          `v${version}.`,
          'node',
        ];
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.startsWith(prefix))
    .sort(byVersionDescending)
    .map((entry) => path.join(root, entry, 'bin', binary));
}

/** Orders `3.12.10` before `3.12.9` (numerically, highest first). */
function byVersionDescending(a: string, b: string): number {
  const pa = a.match(/\d+/g)?.map(Number) ?? [];
  const pb = b.match(/\d+/g)?.map(Number) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
    const diff = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
