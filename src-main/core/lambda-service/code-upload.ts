import path from 'node:path';
import { LambdaError } from '../errors/lambda-error';
import type { CodeStore, StoredCode } from './code-store';

/** The code part of CreateFunction / UpdateFunctionCode. */
export interface CodeBody {
  ZipFile?: string | Buffer;
  S3Bucket?: string;
  S3Key?: string;
  ImageUri?: string;
}

/** Lambda's limit on a zip uploaded directly (not through S3). */
const MAX_ZIPPED_BYTES = 52_428_800;

/** Marker buckets for registering a local folder in place (LocalStack's hot-reload convention). */
const LOCAL_FOLDER_BUCKETS = new Set(['hot-reload', '__local__']);

/** Stores the code a request carries (a zip, or a local folder registered in place), with Lambda's limits. */
export function storeCode(code: CodeStore, body: CodeBody): StoredCode {
  if (body.ZipFile !== undefined) {
    if (typeof body.ZipFile !== 'string' && !Buffer.isBuffer(body.ZipFile)) {
      throw new LambdaError(
        'SerializationException',
        'Unexpected value for ZipFile: expected base64 data.',
      );
    }
    const bytes =
      typeof body.ZipFile === 'string' ? Buffer.from(body.ZipFile, 'base64') : body.ZipFile;
    if (bytes.length > MAX_ZIPPED_BYTES) {
      // Reference 9.1: the direct-upload limit, with AWS's 413 wording.
      throw new LambdaError(
        'RequestEntityTooLargeException',
        `Zipped size must be smaller than ${MAX_ZIPPED_BYTES} bytes`,
        413,
      );
    }
    return code.putZip(bytes);
  }
  if (
    body.S3Bucket &&
    LOCAL_FOLDER_BUCKETS.has(body.S3Bucket) &&
    body.S3Key &&
    path.isAbsolute(body.S3Key)
  ) {
    return code.folder(body.S3Key);
  }
  if (body.ImageUri) {
    throw new LambdaError(
      'InvalidParameterValueException',
      'Container images are not supported by the local engine of Lambda Workbench.',
    );
  }
  throw new LambdaError(
    'InvalidParameterValueException',
    'The local endpoint has no S3: upload the code as ZipFile, or register a local folder with S3Bucket "hot-reload" and S3Key set to its absolute path.',
  );
}
