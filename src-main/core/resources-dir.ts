import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's `resources/` folder (runtime clients live there), found by walking up from this module. */
export function defaultResourcesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    const candidate = path.join(dir, 'resources');
    if (existsSync(path.join(candidate, 'runtimes'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('Cannot find the resources/runtimes folder; pass resourcesDir to the engine.');
}
