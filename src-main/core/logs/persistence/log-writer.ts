import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { LogStore } from '../log-store';
import type { LogAppended, LogStoreChange, LogStoreLimits } from '../log-store-types';
import {
  eventLine,
  GROUP_META_FILE,
  headerLine,
  writeAtomically,
  type GroupMeta,
} from './log-files';
import type { LoadedLogs } from './load-logs';
import { compactStreamFile } from './compact';

type Op =
  | { readonly kind: 'append'; readonly appended: LogAppended }
  | { readonly kind: 'change'; readonly change: LogStoreChange };

interface Pending {
  readonly group: string;
  readonly stream: string;
  readonly lines: string[];
  bytes: number;
  lastId: string;
}

/**
 * Mirrors a LogStore to disk: appended events are buffered and appended to their stream's JSON
 * Lines file at least every `flushMs`; creations, deletions and retention changes are applied in
 * order with them. Write failures become warnings, never crashes.
 */
export class LogWriter {
  private queue: Op[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<void> = Promise.resolve();
  private readonly unsubscribers: (() => void)[] = [];

  constructor(
    private readonly store: LogStore,
    private readonly limits: LogStoreLimits,
    private readonly loaded: LoadedLogs,
    private readonly flushMs: number,
  ) {}

  /** Starts following the store. */
  start(): void {
    this.unsubscribers.push(
      this.store.subscribe((appended) => this.enqueue({ kind: 'append', appended })),
      this.store.onChange((change) => this.enqueue({ kind: 'change', change })),
    );
  }

  /** Writes everything buffered so far. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const ops = this.queue;
    this.queue = [];
    this.chain = this.chain.then(() => this.drain(ops));
    return this.chain;
  }

  /** Stops following the store and writes what is buffered. */
  async close(): Promise<void> {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    await this.flush();
  }

  private enqueue(op: Op): void {
    this.queue.push(op);
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
  }

  private warn(what: string, error: unknown): void {
    this.loaded.warnings.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }

  private async drain(ops: Op[]): Promise<void> {
    const pending = new Map<string, Pending>();
    for (const op of ops) {
      if (op.kind === 'append') {
        const { group, stream, event } = op.appended;
        const file = this.loaded.book.streamFile(group, stream);
        const entry = pending.get(file) ?? {
          group,
          stream,
          lines: [],
          bytes: 0,
          lastId: event.eventId,
        };
        entry.lines.push(eventLine(event));
        entry.bytes += Buffer.byteLength(event.message);
        entry.lastId = event.eventId;
        pending.set(file, entry);
      } else {
        await this.writePending(pending);
        await this.apply(op.change).catch((error: unknown) =>
          this.warn(`log persistence (${op.change.kind})`, error),
        );
      }
    }
    await this.writePending(pending);
  }

  private async writePending(pending: Map<string, Pending>): Promise<void> {
    for (const [file, entry] of pending) {
      try {
        await mkdir(dirname(file), { recursive: true });
        await appendFile(file, entry.lines.join(''));
        const size = this.loaded.sizes.get(file) ?? { events: 0, bytes: 0 };
        size.events += entry.lines.length;
        size.bytes += entry.bytes;
        this.loaded.sizes.set(file, size);
        if (
          size.events > 2 * this.limits.maxEventsPerStream ||
          size.bytes > 2 * this.limits.maxBytesPerStream
        ) {
          const kept = await compactStreamFile(
            this.store,
            entry.group,
            entry.stream,
            file,
            entry.lastId,
          );
          if (kept) this.loaded.sizes.set(file, kept);
        }
      } catch (error) {
        this.warn(`${file}: could not write`, error);
      }
    }
    pending.clear();
  }

  private async writeMeta(group: string): Promise<void> {
    const meta = this.loaded.metas.get(group);
    if (!meta) return;
    const dir = this.loaded.book.groupDir(group);
    await mkdir(dir, { recursive: true });
    await writeAtomically(join(dir, GROUP_META_FILE), JSON.stringify(meta));
  }

  private async apply(change: LogStoreChange): Promise<void> {
    const { book, metas, sizes } = this.loaded;
    switch (change.kind) {
      case 'group-created':
        metas.set(change.group, { logGroupName: change.group, creationTime: change.creationTime });
        return this.writeMeta(change.group);
      case 'retention-set': {
        const meta: GroupMeta | undefined = metas.get(change.group);
        if (!meta) return;
        const { retentionInDays: _previous, ...rest } = meta;
        const days = change.retentionInDays;
        metas.set(change.group, days === undefined ? rest : { ...rest, retentionInDays: days });
        return this.writeMeta(change.group);
      }
      case 'group-deleted': {
        const dir = book.groupDir(change.group);
        book.forgetGroup(change.group);
        metas.delete(change.group);
        return rm(dir, { recursive: true, force: true });
      }
      case 'stream-created': {
        const file = book.streamFile(change.group, change.stream);
        await mkdir(dirname(file), { recursive: true });
        sizes.set(file, { events: 0, bytes: 0 });
        const header = { logStreamName: change.stream, creationTime: change.creationTime };
        return writeFile(file, headerLine(header));
      }
      case 'stream-deleted': {
        const file = book.knownStreamFile(change.group, change.stream);
        book.forgetStream(change.group, change.stream);
        if (file) sizes.delete(file);
        if (file) await rm(file, { force: true });
      }
    }
  }
}
