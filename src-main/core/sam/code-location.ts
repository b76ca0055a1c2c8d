import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { IntrinsicResolver } from './intrinsics';
import { isRecord, recordOf } from './values';
import type { PlainRecord } from './values';

/** A local code path, or why a resource's code is not on this machine. */
export type CodeLocation = { path: string } | { problem: string };

/** Everything needed to turn a code property into a local path. */
export interface CodeContext {
  /** Folder of the template: relative paths are resolved against it. */
  dir: string;
  resolver: IntrinsicResolver;
  warnings: string[];
}

/** Turns a (resolved) CodeUri/ContentUri/Code/Content value into a local path, refusing S3 locations. */
function localPath(value: unknown, property: string, ctx: CodeContext): CodeLocation {
  if (typeof value === 'string' && value !== '') {
    if (/^s3:\/\//i.test(value)) {
      return { problem: `${property} ${value} is in S3; only local code can be run` };
    }
    if (/^https?:\/\//i.test(value)) {
      return { problem: `${property} ${value} is remote; only local code can be run` };
    }
    return { path: isAbsolute(value) ? value : resolve(ctx.dir, value) };
  }
  const s3 = recordOf(value);
  const bucket = s3['Bucket'] ?? s3['S3Bucket'];
  const key = s3['Key'] ?? s3['S3Key'];
  if (bucket !== undefined || key !== undefined) {
    return {
      problem: `${property} points at S3 object s3://${String(bucket)}/${String(key)}; only local code can be run`,
    };
  }
  return { problem: `${property} is not a local path` };
}

// CDK's synthesized templates point Code/Content at S3 but name the local asset folder in Metadata.
function cdkAsset(metadata: unknown, property: string, ctx: CodeContext): CodeLocation | undefined {
  const meta = recordOf(metadata);
  const path = meta['aws:asset:path'];
  const assetProperty = meta['aws:asset:property'];
  if (typeof path !== 'string' || (assetProperty !== undefined && assetProperty !== property)) {
    return undefined;
  }
  return { path: resolve(ctx.dir, path) };
}

function resolved(props: PlainRecord, key: string, ctx: CodeContext): unknown {
  return ctx.resolver.resolve(props[key], ctx.warnings, key);
}

/** Local code of an `AWS::Serverless::Function` (CodeUri, default `.` as in `sam local`). */
export function serverlessFunctionCode(props: PlainRecord, ctx: CodeContext): CodeLocation {
  if (props['InlineCode'] !== undefined) {
    return {
      problem: 'InlineCode is not supported locally; put the code in a folder and use CodeUri',
    };
  }
  if (props['CodeUri'] === undefined) return { path: ctx.dir };
  return localPath(resolved(props, 'CodeUri', ctx), 'CodeUri', ctx);
}

/** Local code of an `AWS::Lambda::Function`: `Code` as a path (sam build output) or a CDK asset folder. */
export function lambdaFunctionCode(
  props: PlainRecord,
  metadata: unknown,
  ctx: CodeContext,
): CodeLocation {
  const asset = cdkAsset(metadata, 'Code', ctx);
  if (asset) return asset;
  const code = resolved(props, 'Code', ctx);
  if (isRecord(code) && code['ZipFile'] !== undefined) {
    return {
      problem: 'Code.ZipFile (inline code) is not supported locally; put the code in a folder',
    };
  }
  if (code === undefined) return { path: ctx.dir };
  return localPath(code, 'Code', ctx);
}

/** Local content of a layer resource (`ContentUri` for SAM, `Content` or a CDK asset for Lambda). */
export function layerContent(resource: PlainRecord, ctx: CodeContext): CodeLocation {
  const props = recordOf(resource['Properties']);
  if (resource['Type'] === 'AWS::Serverless::LayerVersion') {
    return localPath(resolved(props, 'ContentUri', ctx), 'ContentUri', ctx);
  }
  return (
    cdkAsset(resource['Metadata'], 'Content', ctx) ??
    localPath(resolved(props, 'Content', ctx), 'Content', ctx)
  );
}

/** Whether a local code path exists; warns when not (the usual sign that `sam build` has not run). */
export function checkExists(path: string, what: string, warnings: string[]): boolean {
  if (existsSync(path)) return true;
  warnings.push(`${what} ${path} does not exist`);
  return false;
}
