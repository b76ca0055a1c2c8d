import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { LambdaError } from '../errors/lambda-error';
import type { FunctionInput } from '../functions/function-definition';
import type { LambdaEngine } from '../invoke/lambda-engine';
import { apiConfiguration, functionArn } from './api-configuration';
import { CodeStore, type StoredCode } from './code-store';
import { mergeSettings, settingsFromCreate, type ConfigurationBody } from './create-input';
import {
  lambdaTimestamp,
  type FunctionRecord,
  type FunctionSettings,
  type VersionRecord,
} from './function-record';
import { FunctionStore } from './function-store';

export type { CodeBody } from './code-upload';
import { KeyedLock } from './keyed-lock';
import { checkLayerReferences } from './layer-references';
import { storeCode, type CodeBody } from './code-upload';
import { engineInputOf } from './engine-input';
import { page, versionKey } from './pagination';
import { publishVersion } from './versions';

/** Options of the local Lambda service. */
export interface LambdaServiceOptions {
  readonly dataDir: string;
  readonly engine: LambdaEngine;
  readonly region: string;
  readonly accountId: string;
  /** How long Pending / InProgress last after create / update (AWS: about a second). */
  readonly settleMs?: number;
  /** Resolves a layer version ARN to its stored code (also deleted versions still in use). */
  readonly layerCode?: (arn: string) => StoredCode | undefined;
  /** Whether a layer version can be newly referenced (exists and is not deleted). */
  readonly layerAvailable?: (arn: string) => boolean;
}

/** Lambda's control plane over the local engine: functions, code, configuration, persisted as files. */
export class LambdaService {
  readonly functions = new Map<string, FunctionRecord>();
  readonly loadWarnings: string[];
  private readonly store: FunctionStore;
  private readonly code: CodeStore;
  private readonly settlesAt = new Map<string, { phase: 'pending' | 'updating'; at: number }>();
  private readonly deployed = new Map<string, string>();
  private readonly deploying = new Map<string, Promise<void>>();
  private readonly locks = new KeyedLock();
  /** Provisioned concurrency initialisations in progress, by function and qualifier. */
  readonly provisioning = new Map<string, { ready: boolean; error?: string }>();

  constructor(readonly options: LambdaServiceOptions) {
    this.store = new FunctionStore(options.dataDir);
    this.code = new CodeStore(path.join(options.dataDir, 'code'));
    const loaded = this.store.load();
    for (const record of loaded.functions) this.functions.set(record.name, record);
    this.loadWarnings = loaded.warnings;
  }

  /** CreateFunction: validates, stores the code and configuration, answers the new configuration (Pending). */
  create(
    body: ConfigurationBody & {
      FunctionName?: string;
      Code?: CodeBody;
      Publish?: boolean;
      Tags?: Record<string, string>;
    },
  ): Promise<Record<string, unknown>> {
    const name = body.FunctionName ?? '';
    return this.exclusive(name, async () => {
      if (this.functions.has(name)) {
        throw new LambdaError('ResourceConflictException', `Function already exist: ${name}`, 409);
      }
      const settings = settingsFromCreate(body);
      checkLayerReferences(this.options.layerAvailable, settings.layers, []);
      const latest = newVersion('$LATEST', settings, storeCode(this.code, body.Code ?? {}));
      const record: FunctionRecord = {
        name,
        latest,
        versions: [],
        lastVersionNumber: 0,
        aliases: [],
        provisioned: [],
        tags: { ...(body.Tags ?? {}) },
      };
      await this.check(record, latest);
      // Saved before it becomes visible: a failed write leaves nothing half-created.
      this.save(record);
      this.functions.set(name, record);
      this.settle(name, 'pending');
      return body.Publish ? publishVersion(this, name, {}) : this.describe(record, latest);
    });
  }

  /** GetFunctionConfiguration for `$LATEST`, a version or an alias. */
  configuration(name: string, qualifier?: string): Record<string, unknown> {
    const record = this.require(name, qualifier);
    return this.describe(record, this.version(record, qualifier), false, qualifier);
  }

  /** ListFunctions page: at most 50 per page whatever MaxItems says (reference 7.2); ALL includes versions. */
  list(options: { marker?: string; maxItems?: number; all?: boolean }): {
    Functions: unknown[];
    NextMarker?: string;
  } {
    const names = [...this.functions.keys()].sort();
    const entries = names.flatMap((name) => {
      const record = this.functions.get(name) as FunctionRecord;
      return options.all
        ? [record.latest, ...record.versions].map((v) => [record, v] as const)
        : [[record, record.latest] as const];
    });
    const result = page(
      entries,
      ([record, version]) => `${record.name}\u0000${versionKey(version.version)}`,
      options,
    );
    const Functions = result.items.map(([record, version]) => this.describe(record, version, true));
    return result.nextMarker ? { Functions, NextMarker: result.nextMarker } : { Functions };
  }

  /** UpdateFunctionCode: new code for $LATEST (Publish, DryRun), with RevisionId precondition. */
  updateCode(
    name: string,
    body: CodeBody & {
      RevisionId?: string;
      Publish?: boolean;
      DryRun?: boolean;
      Architectures?: string[];
    },
  ): Promise<Record<string, unknown>> {
    return this.exclusive(name, async () => {
      const record = this.requireSettled(name);
      checkRevision(record.latest, body.RevisionId);
      const settings = body.Architectures
        ? mergeSettings(record.latest.settings, { Architectures: body.Architectures })
        : record.latest.settings;
      const latest = newVersion('$LATEST', settings, storeCode(this.code, body));
      await this.check(record, latest);
      if (body.DryRun) return this.describe(record, latest);
      this.commitLatest(record, latest);
      return body.Publish ? publishVersion(this, name, {}) : this.describe(record, latest);
    });
  }

  /** UpdateFunctionConfiguration: the given fields change on $LATEST, with RevisionId precondition. */
  updateConfiguration(
    name: string,
    body: ConfigurationBody & { RevisionId?: string },
  ): Promise<Record<string, unknown>> {
    return this.exclusive(name, async () => {
      const record = this.requireSettled(name);
      checkRevision(record.latest, body.RevisionId);
      const settings = mergeSettings(record.latest.settings, body);
      checkLayerReferences(
        this.options.layerAvailable,
        settings.layers,
        record.latest.settings.layers,
      );
      const latest = newVersion('$LATEST', settings, record.latest.code);
      await this.check(record, latest);
      this.commitLatest(record, latest);
      return this.describe(record, latest);
    });
  }

  /** DeleteFunction, or one published version of it (never one an alias still uses). */
  remove(name: string, qualifier?: string): Promise<void> {
    return this.exclusive(name, async () => {
      const record = this.require(name, qualifier);
      if (qualifier === '$LATEST') {
        throw new LambdaError(
          'InvalidParameterValueException',
          '$LATEST version cannot be deleted without deleting the function.',
        );
      }
      if (!qualifier) {
        this.store.remove(name);
        this.functions.delete(name);
        this.forget(name);
        await this.options.engine.remove(name);
        return;
      }
      // Wordings as AWS answers them (LocalStack's AWS-validated provider, delete_function).
      if (record.aliases.some((a) => a.name === qualifier)) {
        throw new LambdaError(
          'InvalidParameterValueException',
          'Deletion of aliases is not currently supported.',
        );
      }
      const users = record.aliases
        .filter(
          (a) =>
            a.functionVersion === qualifier ||
            a.additionalVersionWeights?.[qualifier] !== undefined,
        )
        .map((a) => a.name);
      if (users.length > 0) {
        throw new LambdaError(
          'ResourceConflictException',
          `Unable to delete version because the following aliases reference it: [${users.join(', ')}]`,
          409,
        );
      }
      record.versions = record.versions.filter((v) => v.version !== qualifier);
      record.provisioned = record.provisioned.filter((p) => p.qualifier !== qualifier);
      this.save(record);
      await this.options.engine.remove(name, qualifier);
    });
  }

  /** Drops what the service remembers in memory about a deleted function (state timers, deploy marks). */
  private forget(name: string): void {
    this.settlesAt.delete(name);
    for (const map of [this.deployed, this.provisioning]) {
      for (const key of [...map.keys()]) if (key.startsWith(`${name}\u0000`)) map.delete(key);
    }
  }

  /** Runs a change of one function after any other change of it has finished. */
  exclusive<T>(name: string, work: () => Promise<T> | T): Promise<T> {
    return this.locks.run(name, work);
  }

  /** The record of a function, or Lambda's 404 naming the ARN the caller used. */
  require(name: string, qualifier?: string): FunctionRecord {
    const record = this.functions.get(name);
    if (!record) throw notFound(this.arn(name, qualifier));
    return record;
  }

  /** A version of a function by qualifier (version number or `$LATEST`; aliases resolve elsewhere). */
  version(record: FunctionRecord, qualifier?: string): VersionRecord {
    if (!qualifier || qualifier === '$LATEST') return record.latest;
    const alias = record.aliases.find((a) => a.name === qualifier);
    const wanted = alias ? alias.functionVersion : qualifier;
    if (wanted === '$LATEST') return record.latest;
    const found = record.versions.find((v) => v.version === wanted);
    if (!found) throw notFound(this.arn(record.name, qualifier));
    return found;
  }

  /** Makes sure the engine runs the current revision of a version (deployed lazily, on first invoke). */
  async ensureDeployed(record: FunctionRecord, version: VersionRecord): Promise<void> {
    const key = `${record.name}\u0000${version.version}`;
    if (
      this.deployed.get(key) === version.revisionId &&
      this.options.engine.get(record.name, version.version)
    )
      return;
    await this.deploy(record, version);
  }

  /** (Re)deploys a version with its current settings, layers and concurrency; concurrent calls share one deploy. */
  async deploy(record: FunctionRecord, version: VersionRecord): Promise<void> {
    const key = `${record.name}\u0000${version.version}\u0000${version.revisionId}`;
    let pending = this.deploying.get(key);
    if (!pending) {
      pending = this.options.engine
        .deploy(this.engineInput(record, version), version.version)
        .then(
          () =>
            void this.deployed.set(`${record.name}\u0000${version.version}`, version.revisionId),
        )
        .finally(() => this.deploying.delete(key));
      this.deploying.set(key, pending);
    }
    await pending;
    if (!this.functions.has(record.name)) {
      // Deleted while it was being deployed: leave nothing running.
      await this.options.engine.remove(record.name);
      throw notFound(this.arn(record.name));
    }
  }

  /** Throws the 409 Lambda answers while a function is still Pending. */
  assertInvokable(name: string): void {
    if (this.phase(name) === 'pending') {
      throw new LambdaError(
        'ResourceConflictException',
        'The operation cannot be performed at this time. The function is currently in the following state: Pending',
        409,
      );
    }
  }

  /** Persists a record after a change made by another part of the service. */
  save(record: FunctionRecord): void {
    this.store.save(record);
  }

  /** Lambda's FunctionConfiguration of a version, with the current state. */
  describe(
    record: FunctionRecord,
    version: VersionRecord,
    forList = false,
    qualifier?: string,
  ): Record<string, unknown> {
    const layerSizes = new Map(
      version.settings.layers.map((arn) => [arn, this.options.layerCode?.(arn)?.size ?? 0]),
    );
    const phase = version.version === '$LATEST' ? this.phase(record.name) : 'settled';
    return apiConfiguration(record, version, {
      region: this.options.region,
      accountId: this.options.accountId,
      phase,
      layerSizes,
      forList,
      qualifier,
    });
  }

  /** A function's ARN as the caller addressed it. */
  arn(name: string, qualifier?: string): string {
    return functionArn(this.options.region, this.options.accountId, name, qualifier);
  }

  /** The engine's input for one version: settings, code path, resolved layers and concurrency. */
  engineInput(record: FunctionRecord, version: VersionRecord): FunctionInput {
    return engineInputOf(record, version, this.options.layerCode);
  }

  private phase(name: string): 'pending' | 'updating' | 'settled' {
    const entry = this.settlesAt.get(name);
    if (!entry || Date.now() >= entry.at) return 'settled';
    return entry.phase;
  }

  private settle(name: string, phase: 'pending' | 'updating'): void {
    this.settlesAt.set(name, { phase, at: Date.now() + (this.options.settleMs ?? 500) });
  }

  private requireSettled(name: string): FunctionRecord {
    const record = this.require(name);
    if (this.phase(name) !== 'settled') {
      throw new LambdaError(
        'ResourceConflictException',
        `The operation cannot be performed at this time. An update is in progress for resource: ${this.arn(name)}`,
        409,
      );
    }
    return record;
  }

  /** Validates a version as Lambda does at once (limits, runtime, zip, layers) without touching running environments. */
  private async check(record: FunctionRecord, version: VersionRecord): Promise<void> {
    await this.options.engine.validate(this.engineInput({ ...record, latest: version }, version));
  }

  /** Makes a new $LATEST current: saved first, then in memory, then InProgress. */
  private commitLatest(record: FunctionRecord, latest: VersionRecord): void {
    this.save({ ...record, latest });
    record.latest = latest;
    this.settle(record.name, 'updating');
  }
}

/** A fresh version record with a new RevisionId and LastModified. */
export function newVersion(
  version: string,
  settings: FunctionSettings,
  code: StoredCode,
): VersionRecord {
  return { version, settings, code, revisionId: randomUUID(), lastModified: lambdaTimestamp() };
}

/** Lambda's 404 for a function or version: `Function not found: <arn>`. */
export function notFound(arn: string): LambdaError {
  return new LambdaError('ResourceNotFoundException', `Function not found: ${arn}`, 404);
}

/** RevisionId precondition: 412 PreconditionFailedException with AWS's wording (reference 7.5). */
export function checkRevision(current: { revisionId: string }, given: string | undefined): void {
  if (given !== undefined && given !== current.revisionId) {
    throw new LambdaError(
      'PreconditionFailedException',
      'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      412,
    );
  }
}
