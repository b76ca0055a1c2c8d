import { mkdtemp, readdir, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  openPersistentLogStore,
  type PersistentLogStore,
} from '../../../src-main/core/logs/log-persistence';
import { DEFAULT_LOG_LIMITS, type LogStoreLimits } from '../../../src-main/core/logs/log-store';

const GROUP = '/aws/lambda/orders';
const STREAM = '2025/11/24/[$LATEST]0123456789abcdef0123456789abcdef';
const GROUP_DIR = encodeURIComponent(GROUP);
const STREAM_FILE = `${encodeURIComponent(STREAM)}.jsonl`;

const dirs: string[] = [];
const open: PersistentLogStore[] = [];
afterEach(async () => {
  for (const p of open.splice(0)) await p.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'lw-logs-'));
  dirs.push(dir);
  return dir;
}

async function openStore(dir: string, limits: Partial<LogStoreLimits> = {}, now?: () => number) {
  const p = await openPersistentLogStore(
    dir,
    { ...DEFAULT_LOG_LIMITS, ...limits },
    now ? { now } : {},
  );
  open.push(p);
  return p;
}

/** Closes one store (flushing it) and opens the data dir again, as a restart would. */
async function restart(p: PersistentLogStore, dir: string, limits: Partial<LogStoreLimits> = {}) {
  await p.close();
  open.splice(open.indexOf(p), 1);
  return openStore(dir, limits);
}

const streamPath = (dir: string) => join(dir, 'logs', GROUP_DIR, STREAM_FILE);
const lines = async (path: string) =>
  (await readFile(path, 'utf8')).split('\n').filter((l) => l !== '');

describe('persistent log store', () => {
  it('keeps groups, streams, events, ids, times and retention across a restart', async () => {
    const dir = await dataDir();
    const first = await openStore(dir);
    const a = first.store.append(GROUP, STREAM, 'one\n', 1_000);
    const b = first.store.append(GROUP, STREAM, 'two\n', 2_000);
    first.store.createGroup('/local/empty');
    first.store.createStream('/local/empty', 'idle');
    first.store.setRetention('/local/empty', 30);
    const before = { groups: first.store.groups(), streams: first.store.streams(GROUP) };

    const second = await restart(first, dir);
    expect(second.warnings).toEqual([]);
    expect(second.store.groups()).toEqual(before.groups);
    expect(second.store.streams(GROUP)).toEqual(before.streams);
    expect(second.store.events(GROUP, STREAM)).toEqual([a, b]);
    expect(second.store.events('/local/empty', 'idle')).toEqual([]);
    const c = second.store.append(GROUP, STREAM, 'three\n');
    expect(c.eventId > b.eventId).toBe(true);
  });

  it('lays files out as <dataDir>/logs/<group>/<stream>.jsonl, URL-encoded, with a header line', async () => {
    const dir = await dataDir();
    const p = await openStore(dir);
    p.store.append(GROUP, STREAM, 'hello\n', 1_000);
    await p.flush();
    expect(await readdir(join(dir, 'logs', GROUP_DIR))).toEqual(
      expect.arrayContaining(['group.json', STREAM_FILE]),
    );
    const [header, event] = await lines(streamPath(dir));
    expect(JSON.parse(header ?? '')).toMatchObject({ logStreamName: STREAM });
    expect(JSON.parse(event ?? '')).toMatchObject({ timestamp: 1_000, message: 'hello\n' });
  });

  it('writes buffered events within 200 ms without an explicit flush', async () => {
    const dir = await dataDir();
    const p = await openStore(dir);
    p.store.append(GROUP, STREAM, 'soon\n');
    await new Promise((r) => setTimeout(r, 350));
    expect((await readFile(streamPath(dir), 'utf8')).includes('soon')).toBe(true);
  });

  it('skips a torn last line with a warning naming the file, keeps the rest, and repairs the file', async () => {
    const dir = await dataDir();
    const first = await openStore(dir);
    first.store.append(GROUP, STREAM, 'kept\n', 1_000);
    await first.close();
    open.splice(0);
    await appendFile(streamPath(dir), '{"timestamp":2000,"ingestionTime":2000,"eventId":"0000');

    const second = await openStore(dir);
    expect(second.warnings).toHaveLength(1);
    expect(second.warnings[0]).toContain(streamPath(dir));
    expect(second.warnings[0]).toContain('torn last line');
    expect(second.store.events(GROUP, STREAM)?.map((e) => e.message)).toEqual(['kept\n']);
    second.store.append(GROUP, STREAM, 'after\n', 3_000);

    const third = await restart(second, dir);
    expect(third.warnings).toEqual([]);
    expect(third.store.events(GROUP, STREAM)?.map((e) => e.message)).toEqual(['kept\n', 'after\n']);
  });

  it('keeps a last line that only lacks its newline', async () => {
    const dir = await dataDir();
    const first = await openStore(dir);
    first.store.append(GROUP, STREAM, 'a\n', 1_000);
    await first.close();
    open.splice(0);
    const text = await readFile(streamPath(dir), 'utf8');
    await writeFile(streamPath(dir), text.slice(0, -1));
    const second = await openStore(dir);
    expect(second.warnings).toEqual([]);
    second.store.append(GROUP, STREAM, 'b\n', 2_000);
    const third = await restart(second, dir);
    expect(third.store.events(GROUP, STREAM)?.map((e) => e.message)).toEqual(['a\n', 'b\n']);
  });

  it('reports a corrupt line or file, keeps a .corrupt copy, and still loads everything else', async () => {
    const dir = await dataDir();
    const first = await openStore(dir);
    first.store.append(GROUP, STREAM, 'one\n', 1_000);
    first.store.append(GROUP, STREAM, 'two\n', 2_000);
    first.store.append(GROUP, 'garbage', 'x\n', 1_000);
    first.store.append('/other', 'fine', 'ok\n', 1_000);
    await first.close();
    open.splice(0);
    const [header, one, two] = await lines(streamPath(dir));
    await writeFile(streamPath(dir), [header, '{not json', one, 'null', two, ''].join('\n'));
    const garbage = join(dir, 'logs', GROUP_DIR, 'garbage.jsonl');
    await writeFile(garbage, '\u0000\u0001binary junk\nmore junk\n');

    const second = await openStore(dir);
    expect(second.warnings).toHaveLength(2);
    expect(second.warnings.find((w) => w.startsWith(streamPath(dir)))).toContain(
      'skipped 2 corrupt lines (first: line 2)',
    );
    expect(second.warnings.find((w) => w.startsWith(garbage))).toContain('no usable content');
    expect(second.store.events(GROUP, STREAM)?.map((e) => e.message)).toEqual(['one\n', 'two\n']);
    expect(second.store.events(GROUP, 'garbage')).toBeUndefined();
    expect(second.store.events('/other', 'fine')?.map((e) => e.message)).toEqual(['ok\n']);
    const files = await readdir(join(dir, 'logs', GROUP_DIR));
    expect(files).toEqual(
      expect.arrayContaining([`${STREAM_FILE}.corrupt`, 'garbage.jsonl.corrupt']),
    );

    const third = await restart(second, dir);
    expect(third.warnings).toEqual([]);
  });

  it('respects the caps on load and compacts a file holding more than twice the cap', async () => {
    const dir = await dataDir();
    const first = await openStore(dir);
    for (let i = 0; i < 30; i += 1) first.store.append(GROUP, STREAM, `e${i}\n`, 1_000 + i);
    await first.close();
    open.splice(0);

    const capped = await openStore(dir, { maxEventsPerStream: 10 });
    expect(capped.store.events(GROUP, STREAM)?.map((e) => e.message)).toEqual(
      Array.from({ length: 10 }, (_, i) => `e${i + 20}\n`),
    );
    expect(capped.store.streams(GROUP)?.[0]?.droppedEvents).toBe(20);
    expect(await lines(streamPath(dir))).toHaveLength(11);
  });

  it('compacts a stream file at runtime once it holds more than twice the cap', async () => {
    const dir = await dataDir();
    const p = await openStore(dir, { maxEventsPerStream: 10 });
    for (let i = 0; i < 25; i += 1) p.store.append(GROUP, STREAM, `e${i}\n`, 1_000 + i);
    await p.flush();
    const held = (await lines(streamPath(dir))).length - 1;
    expect(held).toBeLessThanOrEqual(10);
    const again = await restart(p, dir, { maxEventsPerStream: 10 });
    expect(again.store.events(GROUP, STREAM)?.at(-1)?.message).toBe('e24\n');
    expect(again.store.events(GROUP, STREAM)?.map((e) => e.message)).toEqual(
      p.store.events(GROUP, STREAM)?.map((e) => e.message),
    );
  });

  it('keeps the newest streams within the streams-per-group cap', async () => {
    const dir = await dataDir();
    let t = 1_000;
    const first = await openStore(dir, {}, () => (t += 1));
    for (const s of ['s1', 's2', 's3']) first.store.append(GROUP, s, `${s}\n`);
    await first.close();
    open.splice(0);
    const second = await openStore(dir, { maxStreamsPerGroup: 2 });
    expect(
      second.store
        .streams(GROUP)
        ?.map((s) => s.logStreamName)
        .sort(),
    ).toEqual(['s2', 's3']);
    expect(await readdir(join(dir, 'logs', GROUP_DIR))).not.toContain('s1.jsonl');
  });

  it('deletes files with their groups and streams', async () => {
    const dir = await dataDir();
    const first = await openStore(dir);
    first.store.append(GROUP, STREAM, 'x\n');
    first.store.append(GROUP, 'other', 'x\n');
    first.store.append('/gone', 's', 'x\n');
    await first.flush();
    first.store.deleteStream(GROUP, 'other');
    first.store.deleteGroup('/gone');
    const second = await restart(first, dir);
    expect(second.store.groups().map((g) => g.logGroupName)).toEqual([GROUP]);
    expect(second.store.streams(GROUP)?.map((s) => s.logStreamName)).toEqual([STREAM]);
    expect(await readdir(join(dir, 'logs'))).toEqual([GROUP_DIR]);
  });

  it('drops events older than the retention on load', async () => {
    const dir = await dataDir();
    const now = Date.now();
    const first = await openStore(dir);
    first.store.append(GROUP, STREAM, 'old\n', now - 3 * 86_400_000);
    first.store.append(GROUP, STREAM, 'new\n', now - 1_000);
    first.store.setRetention(GROUP, 1);
    const second = await restart(first, dir);
    expect(second.store.events(GROUP, STREAM)?.map((e) => e.message)).toEqual(['new\n']);
  });

  it('keeps names apart that differ only in case, and survives odd names', async () => {
    const dir = await dataDir();
    const first = await openStore(dir);
    first.store.append('/a/Fn', 's', 'upper\n');
    first.store.append('/a/fn', 's', 'lower\n');
    first.store.append('.', '..', 'dots\n');
    first.store.append(GROUP, 'x'.repeat(300), 'long\n');
    const second = await restart(first, dir);
    expect(second.warnings).toEqual([]);
    expect(second.store.events('/a/Fn', 's')?.[0]?.message).toBe('upper\n');
    expect(second.store.events('/a/fn', 's')?.[0]?.message).toBe('lower\n');
    expect(second.store.events('.', '..')?.[0]?.message).toBe('dots\n');
    expect(second.store.events(GROUP, 'x'.repeat(300))?.[0]?.message).toBe('long\n');
  });

  it('stops writing after close', async () => {
    const dir = await dataDir();
    const p = await openStore(dir);
    p.store.append(GROUP, STREAM, 'before\n');
    await p.close();
    open.splice(0);
    p.store.append(GROUP, STREAM, 'after\n');
    await new Promise((r) => setTimeout(r, 250));
    expect(await readFile(streamPath(dir), 'utf8')).not.toContain('after');
  });
});
