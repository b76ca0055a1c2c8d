import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LogStore } from './log-store';
import { DEFAULT_LOG_LIMITS, type LogStoreLimits } from './log-store-types';
import { loadLogs } from './persistence/load-logs';
import { LogWriter } from './persistence/log-writer';

/** A LogStore kept on disk. */
export interface PersistentLogStore {
  readonly store: LogStore;
  /** Problems found at load (torn last lines, corrupt files) and write failures since, naming the files. */
  readonly warnings: string[];
  /** Writes everything buffered so far. */
  flush(): Promise<void>;
  /** Stops persisting after writing what is buffered. */
  close(): Promise<void>;
}

/** Options of openPersistentLogStore. */
export interface PersistenceOptions {
  /** Longest a new event waits in memory before it is written; 200 ms by default. */
  readonly flushIntervalMs?: number;
  readonly now?: () => number;
}

/**
 * Opens the log store kept under `<dataDir>/logs/`: one directory per group (URL-encoded name,
 * with `group.json`) and one append-only JSON Lines file per stream (a header line, then one event
 * per line). Loading keeps the store's caps, drops events past a group's retention, skips a torn
 * last line or corrupt lines with a warning (rewriting the file clean), and compacts files that
 * hold more than twice the caps.
 */
export async function openPersistentLogStore(
  dataDir: string,
  limits: LogStoreLimits = DEFAULT_LOG_LIMITS,
  options: PersistenceOptions = {},
): Promise<PersistentLogStore> {
  const root = join(dataDir, 'logs');
  await mkdir(root, { recursive: true });
  const now = options.now ?? Date.now;
  const store = new LogStore(limits, now);
  const loaded = await loadLogs(root, store, limits, now());
  const writer = new LogWriter(store, limits, loaded, options.flushIntervalMs ?? 200);
  writer.start();
  return {
    store,
    warnings: loaded.warnings,
    flush: () => writer.flush(),
    close: () => writer.close(),
  };
}
