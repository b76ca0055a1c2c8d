import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEnvFile } from '../../../src-main/core/sam/env-file';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/sam/env/${name}`, import.meta.url));

describe('readEnvFile', () => {
  it('parses quotes, comments, export prefixes and multi-line values', () => {
    expect(readEnvFile(fixture('basic.env'))).toEqual({
      PLAIN: 'value',
      EXPORTED: 'yes',
      DOUBLE: 'two words',
      SINGLE: 'single # not a comment',
      INLINE: 'abc',
      EMPTY: '',
      MULTI: 'line1\nline2',
      ESCAPED: 'a\nb',
      SPACED: 'padded',
      URL: 'postgres://u:p@h:5432/db?x=1',
    });
  });

  it('names the file when it cannot be read', () => {
    const missing = fixture('missing.env');
    expect(() => readEnvFile(missing)).toThrow(`Cannot read env file ${missing}: ENOENT`);
  });

  it('names the file and line of a malformed line', () => {
    expect(() => readEnvFile(fixture('malformed.env'))).toThrow(
      /^Invalid env file .*malformed\.env at line 2: "this line is wrong" is not a KEY=value line$/,
    );
  });
});

describe('readEnvFile: line endings', () => {
  it('accepts CRLF files and a byte order mark', () => {
    const dir = mkdtempSync(join(tmpdir(), 'env-file-'));
    try {
      const path = join(dir, 'crlf.env');
      writeFileSync(path, '\uFEFFA=1\r\nB="two"\r\n# note\r\n');
      expect(readEnvFile(path)).toEqual({ A: '1', B: 'two' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
