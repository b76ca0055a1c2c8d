import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { LambdaError } from '../errors/lambda-error';
import type { LambdaService } from '../lambda-service/lambda-service';
import type { EndpointApi } from './endpoint-types';
import { errorResponse } from './lambda-api/rest-json';

/** Path prefix of the deployment-package downloads GetFunction points at. */
export const CODE_DOWNLOAD_PREFIX = '/_lambda-workbench/code/';

/**
 * Serves GetFunction's Code.Location: the function version's zip (a registered folder is zipped on
 * the fly). The URL is presigned like S3's, so the server's SigV4 check covers it.
 */
export function createCodeDownloadApi(service: LambdaService): EndpointApi {
  return {
    signingName: 'lambda',
    matches: (req) => req.method === 'GET' && req.rawPath.startsWith(CODE_DOWNLOAD_PREFIX),
    handle: async (req) => {
      try {
        const [name = '', version = ''] = req.rawPath
          .slice(CODE_DOWNLOAD_PREFIX.length)
          .split('/')
          .map(decodeURIComponent);
        const record = service.require(name, version);
        const code = service.version(record, version).code;
        const body =
          code.kind === 'zip' ? readFileSync(code.path) : Buffer.from(zipFolder(code.path));
        return {
          status: 200,
          headers: { 'Content-Type': 'application/zip', 'Content-Length': String(body.length) },
          body,
        };
      } catch (error) {
        if (error instanceof LambdaError) return errorResponse(error);
        if (error instanceof URIError)
          return errorResponse(
            new LambdaError('ResourceNotFoundException', 'No such code package.', 404),
          );
        throw error;
      }
    },
  };
}

/** The path (without query) of a version's download. */
export function codeDownloadPath(name: string, version: string): string {
  return `${CODE_DOWNLOAD_PREFIX}${encodeURIComponent(name)}/${encodeURIComponent(version)}`;
}

function zipFolder(root: string): Uint8Array {
  const files: Zippable = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const full = path.join(dir, entry);
      // lstat: a symlink (possibly a cycle) is not followed; Lambda's zips keep links as links anyway.
      const stat = lstatSync(full);
      if (stat.isSymbolicLink()) continue;
      if (stat.isDirectory()) walk(full);
      else
        files[path.relative(root, full).split(path.sep).join('/')] = [
          readFileSync(full),
          { os: 3, attrs: stat.mode << 16 },
        ];
    }
  };
  walk(root);
  return zipSync(files);
}
