import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileNameOf, STREAM_FILE_EXTENSION } from './log-files';

const keyOf = (group: string, stream: string): string => `${group}\u0000${stream}`;

/**
 * Which directory holds each group and which file each stream. Names are URL-encoded; when two
 * names differ only in case (one file on macOS and Windows), the later one gets a hash suffix.
 */
export class PathBook {
  private readonly groupDirs = new Map<string, string>();
  private readonly streamFiles = new Map<string, string>();
  private readonly taken = new Map<string, string>();

  constructor(private readonly root: string) {}

  /** Records where an existing group lives (at load). */
  adoptGroup(group: string, dir: string): void {
    this.groupDirs.set(group, dir);
    this.taken.set(dir.toLowerCase(), group);
  }

  /** Records where an existing stream lives (at load). */
  adoptStream(group: string, stream: string, file: string): void {
    this.streamFiles.set(keyOf(group, stream), file);
    this.taken.set(file.toLowerCase(), keyOf(group, stream));
  }

  /** The group's directory, assigned on first use. */
  groupDir(group: string): string {
    const known = this.groupDirs.get(group);
    if (known) return known;
    const dir = this.free((suffix) => join(this.root, fileNameOf(group) + suffix), group);
    this.groupDirs.set(group, dir);
    return dir;
  }

  /** The stream's file, assigned on first use. */
  streamFile(group: string, stream: string): string {
    const key = keyOf(group, stream);
    const known = this.streamFiles.get(key);
    if (known) return known;
    const dir = this.groupDir(group);
    const file = this.free(
      (suffix) => join(dir, fileNameOf(stream) + suffix + STREAM_FILE_EXTENSION),
      key,
    );
    this.streamFiles.set(key, file);
    return file;
  }

  /** The stream's file if one was assigned. */
  knownStreamFile(group: string, stream: string): string | undefined {
    return this.streamFiles.get(keyOf(group, stream));
  }

  /** Forgets a group and its streams (after deleting its directory). */
  forgetGroup(group: string): void {
    const dir = this.groupDirs.get(group);
    this.groupDirs.delete(group);
    if (dir) this.taken.delete(dir.toLowerCase());
    for (const [key, file] of this.streamFiles) {
      if (key.startsWith(`${group}\u0000`)) {
        this.streamFiles.delete(key);
        this.taken.delete(file.toLowerCase());
      }
    }
  }

  /** Forgets a stream (after deleting its file). */
  forgetStream(group: string, stream: string): void {
    const file = this.streamFiles.get(keyOf(group, stream));
    this.streamFiles.delete(keyOf(group, stream));
    if (file) this.taken.delete(file.toLowerCase());
  }

  private free(pathWith: (suffix: string) => string, owner: string): string {
    let path = pathWith('');
    const holder = this.taken.get(path.toLowerCase());
    if (holder !== undefined && holder !== owner) {
      path = pathWith(`~${createHash('sha256').update(owner).digest('hex').slice(0, 8)}`);
    }
    this.taken.set(path.toLowerCase(), owner);
    return path;
  }
}
