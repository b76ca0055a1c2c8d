import { chmodSync, createWriteStream, mkdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { LambdaError } from '../errors/lambda-error';

/** Lambda's cap on unzipped code plus layers. */
export const MAX_UNZIPPED_BYTES = 262_144_000;

const SYMLINK = 0o120000;

const CORRUPT = 'Could not unzip uploaded file. Please check your file, then try to upload again.';

/** Extracts a zip, keeping Unix permissions (a custom runtime's `bootstrap` must stay executable). */
export async function extractZip(zipPath: string, targetDir: string): Promise<void> {
  const zip = await open(zipPath);
  let total = 0;
  try {
    for await (const entry of entries(zip)) {
      const destination = path.resolve(targetDir, entry.fileName);
      if (!destination.startsWith(path.resolve(targetDir) + path.sep)) {
        throw new LambdaError('InvalidParameterValueException', CORRUPT);
      }
      if (entry.fileName.endsWith('/')) {
        mkdirSync(destination, { recursive: true });
        continue;
      }
      total += entry.uncompressedSize;
      if (total > MAX_UNZIPPED_BYTES) {
        throw new LambdaError(
          'InvalidParameterValueException',
          `Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`,
        );
      }
      mkdirSync(path.dirname(destination), { recursive: true });
      const fileType = (entry.externalFileAttributes >>> 16) & 0o170000;
      if (fileType === SYMLINK) {
        // Layers rely on symlinks such as libfoo.so -> libfoo.so.1 (zip --symlinks); keep them, inside the folder only.
        const linkTarget = (await readEntry(zip, entry)).toString('utf8');
        const resolved = path.resolve(path.dirname(destination), linkTarget);
        if (!resolved.startsWith(path.resolve(targetDir) + path.sep)) {
          throw new LambdaError('InvalidParameterValueException', CORRUPT);
        }
        symlinkSync(linkTarget, destination);
        continue;
      }
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
        zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))),
      );
      await pipeline(stream, createWriteStream(destination));
      const mode = (entry.externalFileAttributes >>> 16) & 0o777;
      if (mode) chmodSync(destination, mode | 0o400);
    }
  } catch (error) {
    if (error instanceof LambdaError) throw error;
    throw new LambdaError('InvalidParameterValueException', CORRUPT);
  } finally {
    zip.close();
  }
}

function open(zipPath: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, autoClose: false }, (err, zip) =>
      err ? reject(new LambdaError('InvalidParameterValueException', CORRUPT)) : resolve(zip),
    ),
  );
}

async function* entries(zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  while (true) {
    const entry = await new Promise<yauzl.Entry | undefined>((resolve, reject) => {
      const onEntry = (e: yauzl.Entry): void => {
        cleanup();
        resolve(e);
      };
      const onEnd = (): void => {
        cleanup();
        resolve(undefined);
      };
      const onError = (err: Error): void => {
        cleanup();
        reject(err);
      };
      const cleanup = (): void => {
        zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
      };
      zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
      zip.readEntry();
    });
    if (!entry) return;
    yield entry;
  }
}

async function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))),
  );
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
