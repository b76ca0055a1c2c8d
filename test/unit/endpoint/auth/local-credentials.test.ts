import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CREDENTIALS_FILE,
  generateLocalCredentials,
  loadOrCreateLocalCredentials,
} from '../../../../src-main/core/endpoint/auth/local-credentials';
import { thrown } from '../../thrown';

const POSIX = process.platform !== 'win32';
let dir: string;
let file: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lw-credentials-'));
  file = path.join(dir, 'data', CREDENTIALS_FILE);
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('loadOrCreateLocalCredentials', () => {
  it('creates AWS-shaped credentials in an owner-only file on first use, then reuses them', () => {
    const created = loadOrCreateLocalCredentials(path.dirname(file));
    expect(created.accessKeyId).toMatch(/^LKIA[A-Z2-7]{16}$/);
    expect(created.secretAccessKey).toMatch(/^[A-Za-z0-9/+]{40}$/);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual(created);
    if (POSIX) expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateLocalCredentials(path.dirname(file))).toEqual(created);
    // The temp file was published by link/rename and removed: nothing else is left behind.
    expect(fs.readdirSync(path.dirname(file))).toEqual([CREDENTIALS_FILE]);
  });

  it('generates different credentials every time', () => {
    const ids = new Set(Array.from({ length: 50 }, () => generateLocalCredentials().accessKeyId));
    expect(ids.size).toBe(50);
  });

  it('keeps hand-edited credentials and tightens a too-open file', () => {
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, JSON.stringify({ accessKeyId: 'test', secretAccessKey: 'test' }), {
      mode: 0o644,
    });
    fs.chmodSync(file, 0o644);
    expect(loadOrCreateLocalCredentials(path.dirname(file))).toEqual({
      accessKeyId: 'test',
      secretAccessKey: 'test',
    });
    if (POSIX) expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['{ not json', 'not valid JSON'],
    ['[]', 'accessKeyId must be'],
    ['{"accessKeyId":"LKIA/X","secretAccessKey":"s"}', 'accessKeyId must be'],
    ['{"accessKeyId":"LKIAX","secretAccessKey":"has space"}', 'secretAccessKey must be'],
    ['null', 'not a JSON object'],
  ])('names the file and the fix when it is corrupt: %s', (content, reason) => {
    fs.mkdirSync(path.dirname(file));
    fs.writeFileSync(file, content);
    const error = thrown(Error, () => loadOrCreateLocalCredentials(path.dirname(file)));
    expect(error.message).toContain(file);
    expect(error.message).toContain(reason);
    expect(error.message).toContain('Delete it');
    // A corrupt file is reported, never silently replaced (clients may still hold the old keys).
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
  });
});
