import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import type { FunctionRecord } from './function-record';

const SCHEMA = 1;

/** What loading the stored functions found: the functions, and a readable line per file that could not be read. */
export interface LoadedFunctions {
  readonly functions: FunctionRecord[];
  readonly warnings: string[];
}

/**
 * Functions as plain JSON files, one per function (`<dataDir>/state/functions/<name>.json`), so a
 * person can read them and a corrupt one never takes the others down. Writes are atomic.
 */
export class FunctionStore {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'state', 'functions');
  }

  /** Reads every stored function; unreadable files are reported, not fatal. */
  load(): LoadedFunctions {
    const functions: FunctionRecord[] = [];
    const warnings: string[] = [];
    if (!existsSync(this.dir)) return { functions, warnings };
    for (const name of readdirSync(this.dir)) {
      // A temp file left by a crash mid-write: the rename never happened, so the old file is intact.
      if (name.startsWith('.') && name.endsWith('.tmp')) {
        rmSync(path.join(this.dir, name), { force: true });
        continue;
      }
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      const file = path.join(this.dir, name);
      try {
        const parsed = JSON.parse(readFileSync(file, 'utf8')) as {
          schema?: number;
          function?: FunctionRecord;
        };
        if (parsed.schema !== SCHEMA || !parsed.function?.name || !parsed.function.latest) {
          throw new Error('it is not a Lambda Workbench function file');
        }
        functions.push(parsed.function);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        warnings.push(
          `${file} could not be read (${reason}); the function in it is skipped. Fix or delete the file.`,
        );
      }
    }
    return { functions, warnings };
  }

  /** Writes one function atomically. */
  save(record: FunctionRecord): void {
    writeFileAtomic(
      this.fileOf(record.name),
      `${JSON.stringify({ schema: SCHEMA, function: record }, null, 2)}\n`,
    );
  }

  /** Removes one function's file. */
  remove(name: string): void {
    rmSync(this.fileOf(name), { force: true });
  }

  private fileOf(name: string): string {
    return path.join(this.dir, `${name}.json`);
  }
}
