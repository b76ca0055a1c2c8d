import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';

// Node's parser glues a line without `=` onto the next key, so a key with whitespace means a malformed line.
const VALID_KEY = /^[^\s=#]+$/;

/** Reads a dotenv file (`KEY=value`, quotes, `#` comments, `export` prefixes) into a map; errors name the file. */
export function readEnvFile(path: string): Record<string, string> {
  const absolute = resolve(path);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot read env file ${absolute}: ${reason}`);
  }
  const parsed = parseEnv(text.replace(/^\uFEFF/, ''));
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!VALID_KEY.test(key)) {
      const firstLine = key.split('\n')[0]?.trim() ?? key;
      const lineNumber = text.split(/\r?\n/).findIndex((line) => line.includes(firstLine)) + 1;
      const where = lineNumber > 0 ? ` at line ${lineNumber}` : '';
      throw new Error(
        `Invalid env file ${absolute}${where}: "${firstLine}" is not a KEY=value line`,
      );
    }
    out[key] = value ?? '';
  }
  return out;
}
