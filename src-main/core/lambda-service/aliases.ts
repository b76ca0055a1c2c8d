import { randomUUID } from 'node:crypto';
import { LambdaError } from '../errors/lambda-error';
import type { AliasRecord, FunctionRecord } from './function-record';
import { checkRevision, type LambdaService } from './lambda-service';
import { page } from './pagination';
import { requireVersion } from './versions';

/** The body of CreateAlias / UpdateAlias. */
export interface AliasBody {
  Name?: string;
  FunctionVersion?: string;
  Description?: string;
  RevisionId?: string;
  RoutingConfig?: { AdditionalVersionWeights?: Record<string, number> };
}

const ALIAS_NAME = /^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$/;

/** CreateAlias with Lambda's rules for names, versions and weights (reference 7.6). */
export function createAlias(
  service: LambdaService,
  name: string,
  body: AliasBody,
): Record<string, unknown> {
  const record = service.require(name);
  const aliasName = body.Name ?? '';
  if (!ALIAS_NAME.test(aliasName) || aliasName.length > 128) {
    throw new LambdaError(
      'ValidationException',
      `1 validation error detected: Value '${aliasName}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)`,
    );
  }
  if (record.aliases.some((a) => a.name === aliasName)) {
    throw new LambdaError(
      'ResourceConflictException',
      `Alias already exists: ${aliasArn(service, record, aliasName)}`,
      409,
    );
  }
  if (!body.FunctionVersion) {
    throw new LambdaError(
      'ValidationException',
      "1 validation error detected: Value null at 'functionVersion' failed to satisfy constraint: Member must not be null",
    );
  }
  const alias = validated(service, record, {
    name: aliasName,
    functionVersion: body.FunctionVersion,
    description: body.Description ?? '',
    revisionId: randomUUID(),
    additionalVersionWeights: body.RoutingConfig?.AdditionalVersionWeights,
  });
  record.aliases.push(alias);
  service.save(record);
  return describeAlias(service, record, alias);
}

/** UpdateAlias: changes the given fields, with RevisionId precondition. */
export function updateAlias(
  service: LambdaService,
  name: string,
  aliasName: string,
  body: AliasBody,
): Record<string, unknown> {
  const record = service.require(name);
  const current = requireAlias(service, record, aliasName);
  checkRevision(current, body.RevisionId);
  const weights = body.RoutingConfig
    ? body.RoutingConfig.AdditionalVersionWeights
    : current.additionalVersionWeights;
  const alias = validated(service, record, {
    name: aliasName,
    functionVersion: body.FunctionVersion ?? current.functionVersion,
    description: body.Description ?? current.description,
    revisionId: randomUUID(),
    additionalVersionWeights: weights && Object.keys(weights).length > 0 ? weights : undefined,
  });
  record.aliases = record.aliases.map((a) => (a.name === aliasName ? alias : a));
  service.save(record);
  // Provisioned concurrency follows the alias to its new version.
  if (
    record.provisioned.some((p) => p.qualifier === aliasName) &&
    alias.functionVersion !== current.functionVersion
  ) {
    redeployTargets(service, record, [current.functionVersion, alias.functionVersion]);
  }
  return describeAlias(service, record, alias);
}

/** GetAlias. */
export function getAlias(
  service: LambdaService,
  name: string,
  aliasName: string,
): Record<string, unknown> {
  const record = service.require(name);
  return describeAlias(service, record, requireAlias(service, record, aliasName));
}

/** DeleteAlias. */
export function deleteAlias(service: LambdaService, name: string, aliasName: string): void {
  const record = service.require(name);
  const alias = requireAlias(service, record, aliasName);
  record.aliases = record.aliases.filter((a) => a.name !== aliasName);
  // The alias's provisioned concurrency goes with it.
  const hadProvisioned = record.provisioned.some((p) => p.qualifier === aliasName);
  record.provisioned = record.provisioned.filter((p) => p.qualifier !== aliasName);
  service.save(record);
  if (hadProvisioned) redeployTargets(service, record, [alias.functionVersion]);
}

/** Redeploys versions whose provisioned environments changed with an alias (in the background). */
function redeployTargets(
  service: LambdaService,
  record: FunctionRecord,
  versions: readonly string[],
): void {
  for (const version of new Set(versions)) {
    if (!service.options.engine.get(record.name, version)) continue;
    void service.deploy(record, service.version(record, version)).catch(() => undefined);
  }
}

/** ListAliases, optionally only those pointing at one version; at most 50 per page. */
export function listAliases(
  service: LambdaService,
  name: string,
  options: { functionVersion?: string; marker?: string; maxItems?: number },
): { Aliases: unknown[]; NextMarker?: string } {
  const record = service.require(name);
  const all = record.aliases.filter(
    (a) => !options.functionVersion || a.functionVersion === options.functionVersion,
  );
  const sorted = [...all].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const result = page(sorted, (a) => a.name, options);
  const Aliases = result.items.map((a) => describeAlias(service, record, a));
  return result.nextMarker ? { Aliases, NextMarker: result.nextMarker } : { Aliases };
}

function validated(
  service: LambdaService,
  record: FunctionRecord,
  alias: AliasRecord,
): AliasRecord {
  requireVersion(service, record, alias.functionVersion);
  const weights = alias.additionalVersionWeights;
  if (!weights) return alias;
  const entries = Object.entries(weights);
  const bad = entries.find(
    ([version, weight]) => !/^[0-9]+$/.test(version) || weight < 0 || weight > 1,
  );
  if (bad) {
    const shown = `{${entries.map(([k, v]) => `${k}=${Number.isInteger(v) ? v.toFixed(1) : v}`).join(', ')}}`;
    throw new LambdaError(
      'ValidationException',
      `1 validation error detected: Value '${shown}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]`,
    );
  }
  if (entries.length > 1) {
    throw new LambdaError(
      'InvalidParameterValueException',
      'Number of items in AdditionalVersionWeights cannot be greater than 1',
    );
  }
  if (alias.functionVersion === '$LATEST') {
    throw new LambdaError(
      'InvalidParameterValueException',
      '$LATEST is not supported for an alias pointing to more than 1 version',
    );
  }
  for (const [version] of entries) {
    if (version === alias.functionVersion) {
      throw new LambdaError(
        'InvalidParameterValueException',
        `Invalid function version ${version}. Function version ${version} is already included in routing configuration.`,
      );
    }
    requireVersion(service, record, version);
  }
  return alias;
}

function requireAlias(
  service: LambdaService,
  record: FunctionRecord,
  aliasName: string,
): AliasRecord {
  const alias = record.aliases.find((a) => a.name === aliasName);
  if (!alias) {
    throw new LambdaError(
      'ResourceNotFoundException',
      `Cannot find alias arn: ${aliasArn(service, record, aliasName)}`,
      404,
    );
  }
  return alias;
}

function aliasArn(service: LambdaService, record: FunctionRecord, aliasName: string): string {
  return service.arn(record.name, aliasName);
}

function describeAlias(
  service: LambdaService,
  record: FunctionRecord,
  alias: AliasRecord,
): Record<string, unknown> {
  return {
    AliasArn: aliasArn(service, record, alias.name),
    Name: alias.name,
    FunctionVersion: alias.functionVersion,
    Description: alias.description,
    RevisionId: alias.revisionId,
    ...(alias.additionalVersionWeights
      ? { RoutingConfig: { AdditionalVersionWeights: alias.additionalVersionWeights } }
      : {}),
  };
}
