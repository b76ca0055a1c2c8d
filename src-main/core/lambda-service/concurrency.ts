import { LambdaError } from '../errors/lambda-error';
import { assertUnreservedMinimum } from '../invoke/concurrency-limiter';
import { lambdaTimestamp, type FunctionRecord } from './function-record';
import type { LambdaService } from './lambda-service';
import { requireVersion } from './versions';

/** PutFunctionConcurrency: reserved concurrency for all versions; at least 100 must stay unreserved (reference 7.7). */
export function putReservedConcurrency(
  service: LambdaService,
  name: string,
  value: number | undefined,
): { ReservedConcurrentExecutions: number } {
  const record = service.require(name);
  if (value === undefined || !Number.isInteger(value) || value < 0) {
    throw new LambdaError(
      'ValidationException',
      `1 validation error detected: Value '${value ?? 'null'}' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0`,
    );
  }
  const limit = service.options.engine.accountConcurrency;
  const others = [...service.functions.values()]
    .filter((f) => f.name !== name)
    .reduce((sum, f) => sum + (f.reservedConcurrency ?? 0), 0);
  assertUnreservedMinimum(limit, others, value);
  // Validate everything before changing anything (provisioned configs must still fit).
  if (record.provisioned.some((p) => p.requested > value)) {
    throw new LambdaError(
      'InvalidParameterValueException',
      'Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function',
    );
  }
  service.save({ ...record, reservedConcurrency: value });
  record.reservedConcurrency = value;
  // Environments keep running: only the limit changes, as in Lambda.
  service.options.engine.setReservedConcurrency(name, value);
  return { ReservedConcurrentExecutions: value };
}

/** DeleteFunctionConcurrency. */
export function deleteReservedConcurrency(service: LambdaService, name: string): void {
  const record = service.require(name);
  const { reservedConcurrency: _dropped, ...rest } = record;
  service.save(rest);
  delete record.reservedConcurrency;
  service.options.engine.setReservedConcurrency(name, undefined);
}

/** PutProvisionedConcurrencyConfig: version or alias only; the engine initialises the environments (202, IN_PROGRESS). */
export async function putProvisioned(
  service: LambdaService,
  name: string,
  qualifier: string | undefined,
  requested: number | undefined,
): Promise<Record<string, unknown>> {
  const record = service.require(name, qualifier);
  if (!qualifier || qualifier === '$LATEST') {
    throw new LambdaError(
      'InvalidParameterValueException',
      'Provisioned Concurrency Configs cannot be applied to unpublished function versions.',
    );
  }
  const version = service.version(record, qualifier);
  requireVersion(service, record, version.version);
  if (requested === undefined || !Number.isInteger(requested) || requested < 1) {
    throw new LambdaError(
      'ValidationException',
      `1 validation error detected: Value '${requested ?? 'null'}' at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 1`,
    );
  }
  if (record.reservedConcurrency !== undefined && requested > record.reservedConcurrency) {
    throw new LambdaError(
      'InvalidParameterValueException',
      'Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function',
    );
  }
  const entry = { qualifier, requested, lastModified: lambdaTimestamp() };
  record.provisioned = [...record.provisioned.filter((p) => p.qualifier !== qualifier), entry];
  service.save(record);
  // Initialising happens in the background, as in Lambda: the answer is IN_PROGRESS.
  const state: { ready: boolean; error?: string } = { ready: false };
  service.provisioning.set(`${name}\u0000${qualifier}`, state);
  service.deploy(record, version).then(
    () => (state.ready = true),
    (error: unknown) => (state.error = String(error)),
  );
  return { ...describeProvisioned(entry, 0, 'IN_PROGRESS') };
}

/** GetProvisionedConcurrencyConfig (READY once the environments are initialised). */
export function getProvisioned(
  service: LambdaService,
  name: string,
  qualifier: string | undefined,
): Record<string, unknown> {
  const record = service.require(name, qualifier);
  const entry = record.provisioned.find((p) => p.qualifier === qualifier);
  if (!entry) {
    throw new LambdaError(
      'ProvisionedConcurrencyConfigNotFoundException',
      'No Provisioned Concurrency Config found for this function',
      404,
    );
  }
  const state = service.provisioning.get(`${name}\u0000${qualifier}`) ?? { ready: true };
  if (state.error) return { ...describeProvisioned(entry, 0, 'FAILED'), StatusReason: state.error };
  return describeProvisioned(
    entry,
    state.ready ? entry.requested : 0,
    state.ready ? 'READY' : 'IN_PROGRESS',
  );
}

/** ListProvisionedConcurrencyConfigs. */
export function listProvisioned(
  service: LambdaService,
  name: string,
): { ProvisionedConcurrencyConfigs: unknown[] } {
  const record = service.require(name);
  return {
    ProvisionedConcurrencyConfigs: record.provisioned.map((p) => ({
      FunctionArn: service.arn(name, p.qualifier),
      ...getProvisioned(service, name, p.qualifier),
    })),
  };
}

/** DeleteProvisionedConcurrencyConfig. */
export async function deleteProvisioned(
  service: LambdaService,
  name: string,
  qualifier: string | undefined,
): Promise<void> {
  const record = service.require(name, qualifier);
  if (!record.provisioned.some((p) => p.qualifier === qualifier)) {
    throw new LambdaError(
      'ProvisionedConcurrencyConfigNotFoundException',
      'No Provisioned Concurrency Config found for this function',
      404,
    );
  }
  record.provisioned = record.provisioned.filter((p) => p.qualifier !== qualifier);
  service.save(record);
  await redeploy(service, record);
}

function describeProvisioned(
  entry: { requested: number; lastModified: string },
  available: number,
  status: string,
): Record<string, unknown> {
  return {
    RequestedProvisionedConcurrentExecutions: entry.requested,
    AvailableProvisionedConcurrentExecutions: available,
    AllocatedProvisionedConcurrentExecutions: available,
    Status: status,
    LastModified: entry.lastModified,
  };
}

/** Re-deploys every version the engine runs, so concurrency settings take effect at once. */
async function redeploy(service: LambdaService, record: FunctionRecord): Promise<void> {
  for (const version of [record.latest, ...record.versions]) {
    if (service.options.engine.get(record.name, version.version))
      await service.deploy(record, version);
  }
}
