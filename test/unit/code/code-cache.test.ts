import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { afterEach, beforeEach, describe, it, expect } from 'vitest';
import { CodeCache } from '../../../src-main/core/code/code-cache';
import { LambdaError } from '../../../src-main/core/errors/lambda-error';

const POSIX = process.platform !== 'win32';
const CORRUPT = 'Could not unzip uploaded file. Please check your file, then try to upload again.';

/** A Unix file entry with the given permission bits (external attributes = mode << 16, os 3). */
function unixFile(content: string, mode: number): [Uint8Array, { os: number; attrs: number }] {
  return [strToU8(content), { os: 3, attrs: (mode << 16) >>> 0 }];
}

let dir: string;
let cacheDir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lw-code-cache-'));
  cacheDir = path.join(dir, 'cache');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeZip(name: string, files: Zippable): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, zipSync(files));
  return file;
}

function writeTree(root: string, files: Record<string, string>): string {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return root;
}

async function rejection(promise: Promise<unknown>): Promise<LambdaError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LambdaError) return error;
    throw error;
  }
  throw new Error('expected a LambdaError');
}

function read(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

/** Every entry under the cache's zips folder (to spot leftovers). */
function zipsEntries(): string[] {
  const zips = path.join(cacheDir, 'zips');
  return fs.existsSync(zips) ? fs.readdirSync(zips) : [];
}

describe('CodeCache: folders', () => {
  it('runs a code folder in place, with no /opt when there are no layers', async () => {
    const code = writeTree(path.join(dir, 'code'), { 'index.js': 'x' });
    const prepared = await new CodeCache(cacheDir).prepare(code, []);
    expect(prepared).toEqual({ taskRoot: code });
    expect(prepared.optDir).toBeUndefined();
  });

  it('a missing code path is a clear InvalidParameterValueException', async () => {
    const missing = path.join(dir, 'nope');
    const err = await rejection(new CodeCache(cacheDir).prepare(missing, []));
    expect(err.code).toBe('InvalidParameterValueException');
    expect(err.statusCode).toBe(400);
    expect(err.message).toBe(
      `The code path ${missing} does not exist. Point it at a folder or a .zip file.`,
    );
  });

  it('a missing layer path is a clear error too', async () => {
    const code = writeTree(path.join(dir, 'code'), { 'index.js': 'x' });
    const missing = path.join(dir, 'layer.zip');
    const err = await rejection(new CodeCache(cacheDir).prepare(code, [missing]));
    expect(err.code).toBe('InvalidParameterValueException');
    expect(err.message).toBe(
      `The layer path ${missing} does not exist. Point it at a folder or a .zip file.`,
    );
  });
});

describe('CodeCache: zips', () => {
  it('extracts a zip with its folders and content', async () => {
    const zip = writeZip('code.zip', {
      'index.js': strToU8('exports.handler = async () => 1;\n'),
      lib: { 'util.js': strToU8('module.exports = 2;\n') },
      'deep/er/data.json': strToU8('{"a":1}'),
    });
    const { taskRoot } = await new CodeCache(cacheDir).prepare(zip, []);
    expect(read(path.join(taskRoot, 'index.js'))).toBe('exports.handler = async () => 1;\n');
    expect(read(path.join(taskRoot, 'lib', 'util.js'))).toBe('module.exports = 2;\n');
    expect(read(path.join(taskRoot, 'deep', 'er', 'data.json'))).toBe('{"a":1}');
    expect(path.dirname(taskRoot)).toBe(path.join(cacheDir, 'zips'));
  });

  it.skipIf(!POSIX)('keeps the executable bit (a custom runtime bootstrap)', async () => {
    const zip = writeZip('code.zip', {
      bootstrap: unixFile('#!/bin/sh\necho hi\n', 0o755),
      'handler.sh': unixFile('echo\n', 0o644),
      bin: { tool: unixFile('#!/bin/sh\n', 0o750) },
    });
    const { taskRoot } = await new CodeCache(cacheDir).prepare(zip, []);
    expect(fs.statSync(path.join(taskRoot, 'bootstrap')).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(taskRoot, 'handler.sh')).mode & 0o777).toBe(0o644);
    expect(fs.statSync(path.join(taskRoot, 'bin', 'tool')).mode & 0o777).toBe(0o750);
    fs.accessSync(path.join(taskRoot, 'bootstrap'), fs.constants.X_OK);
  });

  it.skipIf(!POSIX)('keeps symbolic links stored in the zip', async () => {
    const zip = writeZip('code.zip', {
      'lib/libfoo.so.1': unixFile('ELF', 0o644),
      'lib/libfoo.so': unixFile('libfoo.so.1', 0o120777),
    });
    const { taskRoot } = await new CodeCache(cacheDir).prepare(zip, []);
    const link = path.join(taskRoot, 'lib', 'libfoo.so');
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readlinkSync(link)).toBe('libfoo.so.1');
    expect(read(link)).toBe('ELF');
  });

  it('extracts the same zip content once (cached by hash, whatever its path)', async () => {
    const files = { 'index.js': strToU8('v1') };
    const first = writeZip('a.zip', files);
    const copy = path.join(dir, 'copy-of-a.zip');
    fs.copyFileSync(first, copy);
    const cache = new CodeCache(cacheDir);
    const one = await cache.prepare(first, []);
    fs.writeFileSync(path.join(one.taskRoot, 'marker'), 'kept');
    const two = await cache.prepare(first, []);
    const three = await new CodeCache(cacheDir).prepare(copy, []);
    expect(two.taskRoot).toBe(one.taskRoot);
    expect(three.taskRoot).toBe(one.taskRoot);
    expect(read(path.join(two.taskRoot, 'marker'))).toBe('kept');
    expect(zipsEntries()).toEqual([path.basename(one.taskRoot)]);
  });

  it('different zip content gets a different folder', async () => {
    const cache = new CodeCache(cacheDir);
    const one = await cache.prepare(writeZip('a.zip', { 'index.js': strToU8('v1') }), []);
    const two = await cache.prepare(writeZip('b.zip', { 'index.js': strToU8('v2') }), []);
    expect(two.taskRoot).not.toBe(one.taskRoot);
    expect(read(path.join(one.taskRoot, 'index.js'))).toBe('v1');
    expect(read(path.join(two.taskRoot, 'index.js'))).toBe('v2');
  });

  it('two concurrent prepares of the same zip both succeed', async () => {
    const zip = writeZip('code.zip', {
      'index.js': strToU8('x'.repeat(200_000)),
      'a.js': strToU8('a'),
      'b.js': strToU8('b'),
    });
    const cache = new CodeCache(cacheDir);
    const [one, two] = await Promise.all([cache.prepare(zip, []), cache.prepare(zip, [])]);
    expect(two.taskRoot).toBe(one.taskRoot);
    expect(read(path.join(one.taskRoot, 'b.js'))).toBe('b');
  });

  it('a corrupt file is InvalidParameterValueException with AWS wording, leaving nothing behind', async () => {
    const bad = path.join(dir, 'bad.zip');
    fs.writeFileSync(bad, 'this is not a zip file at all');
    const err = await rejection(new CodeCache(cacheDir).prepare(bad, []));
    expect(err.code).toBe('InvalidParameterValueException');
    expect(err.statusCode).toBe(400);
    expect(err.message).toBe(CORRUPT);
    expect(zipsEntries()).toEqual([]);
  });

  it('a truncated zip is reported the same way', async () => {
    const good = zipSync({ 'index.js': strToU8('y'.repeat(10_000)), 'b.js': strToU8('b') });
    const bad = path.join(dir, 'truncated.zip');
    fs.writeFileSync(bad, good.subarray(0, Math.floor(good.length / 2)));
    const err = await rejection(new CodeCache(cacheDir).prepare(bad, []));
    expect(err.code).toBe('InvalidParameterValueException');
    expect(err.message).toBe(CORRUPT);
  });

  it('rejects an entry that escapes the folder (../x) and writes nothing outside', async () => {
    const zip = writeZip('evil.zip', {
      'ok.js': strToU8('fine'),
      '../escaped.txt': strToU8('pwned'),
      '../../escaped2.txt': strToU8('pwned'),
    });
    const err = await rejection(new CodeCache(cacheDir).prepare(zip, []));
    expect(err.code).toBe('InvalidParameterValueException');
    expect(err.statusCode).toBe(400);
    expect(fs.existsSync(path.join(cacheDir, 'zips', 'escaped.txt'))).toBe(false);
    expect(fs.existsSync(path.join(cacheDir, 'escaped2.txt'))).toBe(false);
    expect(zipsEntries().filter((e) => !e.startsWith('.'))).toEqual([]);
  });

  it('a corrupt layer zip is reported with the same wording', async () => {
    const code = writeTree(path.join(dir, 'code'), { 'index.js': 'x' });
    const bad = path.join(dir, 'layer.zip');
    fs.writeFileSync(bad, Buffer.from('PK\u0003\u0004 garbage'));
    const err = await rejection(new CodeCache(cacheDir).prepare(code, [bad]));
    expect(err.message).toBe(CORRUPT);
  });
});

describe('CodeCache: layers', () => {
  it('merges layers in order; later layers overwrite the same path', async () => {
    const code = writeTree(path.join(dir, 'code'), { 'index.js': 'x' });
    const first = writeTree(path.join(dir, 'layer1'), {
      'shared.txt': 'from layer 1',
      'nodejs/node_modules/one/index.js': 'one',
      'bin/tool': 'tool 1',
    });
    const second = writeZip('layer2.zip', {
      'shared.txt': strToU8('from layer 2'),
      'python/two.py': strToU8('two'),
      bin: { tool: strToU8('tool 2') },
    });
    const third = writeTree(path.join(dir, 'layer3'), { 'lib/three.so': 'three' });
    const { taskRoot, optDir } = await new CodeCache(cacheDir).prepare(code, [
      first,
      second,
      third,
    ]);
    expect(taskRoot).toBe(code);
    if (!optDir) throw new Error('expected an /opt folder');
    expect(read(path.join(optDir, 'shared.txt'))).toBe('from layer 2');
    expect(read(path.join(optDir, 'bin', 'tool'))).toBe('tool 2');
    expect(read(path.join(optDir, 'nodejs', 'node_modules', 'one', 'index.js'))).toBe('one');
    expect(read(path.join(optDir, 'python', 'two.py'))).toBe('two');
    expect(read(path.join(optDir, 'lib', 'three.so'))).toBe('three');
  });

  it('the order matters: reversed layers give the other file', async () => {
    const code = writeTree(path.join(dir, 'code'), { 'index.js': 'x' });
    const a = writeTree(path.join(dir, 'a'), { 'same.txt': 'A' });
    const b = writeTree(path.join(dir, 'b'), { 'same.txt': 'B' });
    const cache = new CodeCache(cacheDir);
    const ab = await cache.prepare(code, [a, b]);
    expect(read(path.join(ab.optDir ?? '', 'same.txt'))).toBe('B');
    const ba = await cache.prepare(code, [b, a]);
    expect(read(path.join(ba.optDir ?? '', 'same.txt'))).toBe('A');
  });

  it('does not modify the layer folders themselves', async () => {
    const code = writeTree(path.join(dir, 'code'), { 'index.js': 'x' });
    const a = writeTree(path.join(dir, 'a'), { 'same.txt': 'A' });
    const b = writeTree(path.join(dir, 'b'), { 'same.txt': 'B', 'only-b.txt': 'b' });
    await new CodeCache(cacheDir).prepare(code, [a, b]);
    expect(read(path.join(a, 'same.txt'))).toBe('A');
    expect(fs.existsSync(path.join(a, 'only-b.txt'))).toBe(false);
  });

  it('picks up changes in a layer folder on the next prepare', async () => {
    const code = writeTree(path.join(dir, 'code'), { 'index.js': 'x' });
    const layer = writeTree(path.join(dir, 'layer'), { 'v.txt': 'old', 'gone.txt': 'bye' });
    const cache = new CodeCache(cacheDir);
    await cache.prepare(code, [layer]);
    fs.writeFileSync(path.join(layer, 'v.txt'), 'new');
    fs.rmSync(path.join(layer, 'gone.txt'));
    const { optDir } = await cache.prepare(code, [layer]);
    expect(read(path.join(optDir ?? '', 'v.txt'))).toBe('new');
    expect(fs.existsSync(path.join(optDir ?? '', 'gone.txt'))).toBe(false);
  });

  it.skipIf(!POSIX)('keeps the executable bit of layer files in /opt', async () => {
    const code = writeTree(path.join(dir, 'code'), { 'index.js': 'x' });
    const layer = writeZip('layer.zip', {
      bin: { tool: unixFile('#!/bin/sh\n', 0o755) },
      bootstrap: unixFile('#!/bin/sh\n', 0o755),
    });
    const { optDir } = await new CodeCache(cacheDir).prepare(code, [layer]);
    expect(fs.statSync(path.join(optDir ?? '', 'bin', 'tool')).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(optDir ?? '', 'bootstrap')).mode & 0o777).toBe(0o755);
  });
});
