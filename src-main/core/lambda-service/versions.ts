import { LambdaError } from '../errors/lambda-error';
import type { FunctionRecord, VersionRecord } from './function-record';
import { checkRevision, newVersion, type LambdaService } from './lambda-service';
import { page, versionKey } from './pagination';

/** PublishVersion: snapshots $LATEST as the next number, or returns the last version if nothing changed (reference 7.5). */
export function publishVersion(
  service: LambdaService,
  name: string,
  body: { CodeSha256?: string; Description?: string; RevisionId?: string },
): Record<string, unknown> {
  const record = service.require(name);
  const latest = record.latest;
  if (body.CodeSha256 !== undefined && body.CodeSha256 !== latest.code.sha256) {
    throw new LambdaError(
      'InvalidParameterValueException',
      `CodeSHA256 (${body.CodeSha256}) is different from current CodeSHA256 in $LATEST (${latest.code.sha256}). Please try again with the CodeSHA256 in $LATEST.`,
    );
  }
  checkRevision(latest, body.RevisionId);
  const last = record.versions.at(-1);
  if (last && sameContent(last, latest)) return service.describe(record, last);
  record.lastVersionNumber += 1;
  const settings =
    body.Description !== undefined
      ? { ...latest.settings, description: body.Description }
      : latest.settings;
  const published = { ...newVersion(String(record.lastVersionNumber), settings, latest.code) };
  record.versions.push(published);
  service.save(record);
  return service.describe(record, published);
}

/** ListVersionsByFunction: $LATEST first, then versions in order; at most 50 per page. */
export function listVersions(
  service: LambdaService,
  name: string,
  options: { marker?: string; maxItems?: number },
): { Versions: unknown[]; NextMarker?: string } {
  const record = service.require(name);
  const result = page([record.latest, ...record.versions], (v) => versionKey(v.version), options);
  // AWS lists $LATEST with its qualified ARN (`...:fn:$LATEST`).
  const Versions = result.items.map((v) => service.describe(record, v, true, v.version));
  return result.nextMarker ? { Versions, NextMarker: result.nextMarker } : { Versions };
}

/** Whether $LATEST still equals a published version (same code and settings). */
function sameContent(version: VersionRecord, latest: VersionRecord): boolean {
  return (
    version.code.sha256 === latest.code.sha256 &&
    JSON.stringify({ ...version.settings, description: '' }) ===
      JSON.stringify({ ...latest.settings, description: '' })
  );
}

/** Checks that a version exists (`$LATEST` or a published number), else Lambda's 404. */
export function requireVersion(
  service: LambdaService,
  record: FunctionRecord,
  version: string,
): void {
  if (version === '$LATEST') return;
  if (!record.versions.some((v) => v.version === version)) {
    throw new LambdaError(
      'ResourceNotFoundException',
      `Function not found: ${service.arn(record.name, version)}`,
      404,
    );
  }
}
