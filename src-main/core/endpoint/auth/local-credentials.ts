import { randomBytes, randomInt } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { LocalCredentials } from '../endpoint-types';

/** Name of the credentials file inside the data directory. */
export const CREDENTIALS_FILE = 'credentials.json';

// AWS access key ids are 20 characters of base32 (A-Z, 2-7) behind a type prefix (AKIA, ASIA);
// LKIA marks local keys, as LocalStack does. Secrets are 40 base64 characters.
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Loads the endpoint's credentials from <dataDir>/credentials.json, creating them (0600) on first use. */
export function loadOrCreateLocalCredentials(dataDir: string): LocalCredentials {
  const file = path.join(dataDir, CREDENTIALS_FILE);
  const existing = readCredentials(file);
  if (existing) return existing;
  const created = generateLocalCredentials();
  if (createExclusively(file, `${JSON.stringify(created, null, 2)}\n`)) return created;
  // Another process created the file first: use its credentials, so both agree.
  return readCredentials(file) ?? created;
}

/** Fresh random credentials shaped like AWS's: `LKIA` + 16 base32 chars, 40-char secret. */
export function generateLocalCredentials(): LocalCredentials {
  let accessKeyId = 'LKIA';
  for (let i = 0; i < 16; i++) accessKeyId += KEY_ALPHABET[randomInt(KEY_ALPHABET.length)];
  // 30 random bytes are exactly 40 base64 characters of [A-Za-z0-9+/], no padding.
  return { accessKeyId, secretAccessKey: randomBytes(30).toString('base64') };
}

function readCredentials(file: string): LocalCredentials | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const credentials = parseCredentials(text);
  if (typeof credentials === 'string') {
    throw new Error(
      `The endpoint credentials file ${file} is corrupt (${credentials}). Delete it and new credentials will be generated on next use; then update your AWS profile with them.`,
    );
  }
  restrictToOwner(file);
  return credentials;
}

/** The credentials in a file's text, or why they are unusable. */
function parseCredentials(text: string): LocalCredentials | string {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return 'not valid JSON';
  }
  if (typeof data !== 'object' || data === null) return 'not a JSON object';
  const { accessKeyId, secretAccessKey } = data as Record<string, unknown>;
  // Hand-edited keys are fine, within IAM's limits; a '/' in the key id would break SigV4 scopes.
  if (typeof accessKeyId !== 'string' || !/^\w{1,128}$/.test(accessKeyId)) {
    return 'accessKeyId must be 1-128 letters, digits or underscores';
  }
  if (typeof secretAccessKey !== 'string' || !/^[\x21-\x7e]{1,128}$/.test(secretAccessKey)) {
    return 'secretAccessKey must be 1-128 printable characters without spaces';
  }
  return { accessKeyId, secretAccessKey };
}

/** The secret must stay private: tighten a file someone made group- or world-readable. */
function restrictToOwner(file: string): void {
  if (process.platform === 'win32') return;
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
}

/**
 * Writes `data` to `file` only if it does not exist yet, atomically: the content goes to an
 * owner-only temp file first, then a hard link publishes it, which (unlike rename) fails when
 * another process got there first, so two first starts cannot end up with different secrets.
 * Where hard links are unsupported, rename is the fallback. Returns whether this call created it.
 */
function createExclusively(file: string, data: string): boolean {
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = path.join(
    dir,
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const fd = openSync(temp, 'wx', 0o600);
    try {
      writeSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(temp, file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') {
        throw error;
      }
      renameSync(temp, file);
    }
    return true;
  } finally {
    rmSync(temp, { force: true });
  }
}
