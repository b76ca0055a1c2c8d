import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { LambdaError } from '../errors/lambda-error';
import { extractZip } from './zip-extract';

/** Where a function's code and layers are laid out for the runtime (Lambda's /var/task and /opt). */
export interface PreparedCode {
  readonly taskRoot: string;
  readonly optDir?: string;
}

/**
 * Turns a code path (folder or .zip) and layer paths into folders a runtime can run.
 * Folders run in place, so edits show on the next cold start; zips are extracted once per content hash.
 */
export class CodeCache {
  /** Extractions in progress, by content hash: concurrent prepares of one zip share one extraction. */
  private readonly extracting = new Map<string, Promise<string>>();

  constructor(private readonly cacheDir: string) {}

  /** Lays out the code and the merged layers; throws LambdaError with AWS's wording for bad packages. */
  async prepare(code: string, layers: readonly string[]): Promise<PreparedCode> {
    const taskRoot = await this.materialise(code, 'code');
    if (layers.length === 0) return { taskRoot };
    return { taskRoot, optDir: await this.mergeLayers(layers) };
  }

  private async materialise(source: string, kind: 'code' | 'layer'): Promise<string> {
    if (!existsSync(source)) {
      throw new LambdaError(
        'InvalidParameterValueException',
        `The ${kind} path ${source} does not exist. Point it at a folder or a .zip file.`,
      );
    }
    if (statSync(source).isDirectory()) return source;
    const digest = createHash('sha256').update(readFileSync(source)).digest('hex');
    const target = path.join(this.cacheDir, 'zips', digest);
    if (existsSync(target)) return target;
    let pending = this.extracting.get(digest);
    if (!pending) {
      pending = extractOnce(source, target).finally(() => this.extracting.delete(digest));
      this.extracting.set(digest, pending);
    }
    return pending;
  }

  private async mergeLayers(layers: readonly string[]): Promise<string> {
    const roots: string[] = [];
    for (const layer of layers) roots.push(await this.materialise(layer, 'layer'));
    const key = createHash('sha256').update(JSON.stringify(roots)).digest('hex').slice(0, 24);
    const target = path.join(this.cacheDir, 'opt', key);
    // Rebuilt on every prepare: layer folders may have changed. Later layers overwrite earlier files, as in /opt.
    const staging = `${target}.tmp-${process.pid}-${Date.now()}`;
    mkdirSync(staging, { recursive: true });
    for (const root of roots)
      cpSync(root, staging, { recursive: true, force: true, dereference: false });
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
    return target;
  }
}

/** Extracts beside the target and renames, so a crash never leaves a half-extracted folder in the cache. */
async function extractOnce(source: string, target: string): Promise<string> {
  const staging = `${target}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  mkdirSync(staging, { recursive: true });
  try {
    await extractZip(source, staging);
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another process sharing the cache finished the same extraction first: theirs is as good.
    if (existsSync(target) && !(error instanceof LambdaError)) return target;
    throw error;
  }
  return target;
}
