import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';

/** A deployment package as Lambda describes it. */
export interface StoredCode {
  /** `zip`: bytes kept in the code store; `folder`: a local folder registered without zipping. */
  readonly kind: 'zip' | 'folder';
  /** Absolute path of the stored zip, or of the folder. */
  readonly path: string;
  /** Base64 of the SHA-256 of the zip (Lambda's CodeSha256; for folders, of the path and time). */
  readonly sha256: string;
  readonly size: number;
}

/** Keeps uploaded zips by content hash under `<dataDir>/code`, written atomically. */
export class CodeStore {
  constructor(private readonly dir: string) {}

  /** Stores a zip (once per content) and describes it. */
  putZip(bytes: Buffer): StoredCode {
    const digest = createHash('sha256').update(bytes).digest();
    const file = path.join(this.dir, `${digest.toString('hex')}.zip`);
    if (!existsSync(file)) writeFileAtomic(file, bytes);
    return { kind: 'zip', path: file, sha256: digest.toString('base64'), size: bytes.length };
  }

  /** Describes a local folder registered in place (LocalStack's `hot-reload` convention). */
  folder(folder: string): StoredCode {
    const digest = createHash('sha256').update(`${folder}\u0000${Date.now()}`).digest('base64');
    return { kind: 'folder', path: folder, sha256: digest, size: 0 };
  }

  /** The bytes of a stored zip (for GetFunction's download URL). */
  read(code: StoredCode): Buffer {
    return readFileSync(code.path);
  }
}
