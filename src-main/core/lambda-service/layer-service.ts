import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { LambdaError } from '../errors/lambda-error';
import { writeFileAtomic } from '../fs/atomic-write';
import { CodeStore, type StoredCode } from './code-store';
import { lambdaTimestamp } from './function-record';

/** One published layer version. */
export interface LayerVersionRecord {
  readonly version: number;
  readonly code: StoredCode;
  readonly description: string;
  readonly createdDate: string;
  readonly compatibleRuntimes: readonly string[];
  readonly compatibleArchitectures: readonly string[];
  readonly licenseInfo?: string;
  /** Deleted versions stay for the functions that already use them (as in Lambda). */
  readonly deleted?: boolean;
}

/** The body of PublishLayerVersion. */
export interface PublishLayerBody {
  Content?: { ZipFile?: string; S3Bucket?: string; S3Key?: string };
  Description?: string;
  CompatibleRuntimes?: string[];
  CompatibleArchitectures?: string[];
  LicenseInfo?: string;
}

interface LayerRecord {
  name: string;
  lastVersion: number;
  versions: LayerVersionRecord[];
}

const LAYER_NAME = /^[a-zA-Z0-9-_]+$/;
const LAYER_VERSION_ARN = /^arn:aws[a-zA-Z-]*:lambda:[^:]+:\d{12}:layer:([a-zA-Z0-9-_]+):(\d+)$/;

/** The versions of a layer that were not deleted. */
function live(record: LayerRecord): LayerVersionRecord[] {
  return record.versions.filter((v) => !v.deleted);
}

/** Lambda layers: versions of zips (or local folders), stored one JSON file per layer. */
export class LayerService {
  readonly loadWarnings: string[] = [];
  private readonly layers = new Map<string, LayerRecord>();
  private readonly dir: string;
  private readonly code: CodeStore;

  constructor(
    dataDir: string,
    private readonly region: string,
    private readonly accountId: string,
  ) {
    this.dir = path.join(dataDir, 'state', 'layers');
    this.code = new CodeStore(path.join(dataDir, 'code'));
    if (!existsSync(this.dir)) return;
    for (const file of readdirSync(this.dir)) {
      // A temp file left by a crash mid-write: the rename never happened, the old file is intact.
      if (file.startsWith('.') && file.endsWith('.tmp')) {
        rmSync(path.join(this.dir, file), { force: true });
        continue;
      }
      if (!file.endsWith('.json') || file.startsWith('.')) continue;
      try {
        const record = JSON.parse(readFileSync(path.join(this.dir, file), 'utf8')) as LayerRecord;
        if (!record.name || !Array.isArray(record.versions))
          throw new Error('it is not a layer file');
        this.layers.set(record.name, record);
      } catch (error) {
        this.loadWarnings.push(
          `${path.join(this.dir, file)} could not be read (${String(error)}); the layer is skipped.`,
        );
      }
    }
  }

  /** PublishLayerVersion: version numbers grow and are never reused. */
  publish(name: string, body: PublishLayerBody): Record<string, unknown> {
    if (!LAYER_NAME.test(name) || name.length > 140) {
      throw new LambdaError(
        'ValidationException',
        `1 validation error detected: Value '${name}' at 'layerName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+`,
      );
    }
    const content = body.Content ?? {};
    let code: StoredCode;
    if (content.ZipFile) code = this.code.putZip(Buffer.from(content.ZipFile, 'base64'));
    else if (content.S3Bucket === 'hot-reload' && content.S3Key && path.isAbsolute(content.S3Key))
      code = this.code.folder(content.S3Key);
    else
      throw new LambdaError(
        'InvalidParameterValueException',
        'Upload the layer as Content.ZipFile, or register a local folder with S3Bucket "hot-reload" and S3Key set to its absolute path.',
      );
    const record = this.layers.get(name) ?? { name, lastVersion: 0, versions: [] };
    record.lastVersion += 1;
    const version: LayerVersionRecord = {
      version: record.lastVersion,
      code,
      description: body.Description ?? '',
      createdDate: lambdaTimestamp(),
      compatibleRuntimes: body.CompatibleRuntimes ?? [],
      compatibleArchitectures: body.CompatibleArchitectures ?? [],
      licenseInfo: body.LicenseInfo,
    };
    record.versions.push(version);
    this.layers.set(name, record);
    this.save(record);
    return this.describe(record, version);
  }

  /** ListLayers: each layer with its latest version. */
  list(): { Layers: unknown[] } {
    const Layers = [...this.layers.values()]
      .filter((l) => live(l).length > 0)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((l) => ({
        LayerName: l.name,
        LayerArn: this.layerArn(l.name),
        LatestMatchingVersion: this.describe(l, live(l).at(-1) as LayerVersionRecord, true),
      }));
    return { Layers };
  }

  /** ListLayerVersions, newest first. */
  versions(name: string): { LayerVersions: unknown[] } {
    const record = this.layers.get(name);
    return {
      LayerVersions: [...(record ? live(record) : [])]
        .reverse()
        .map((v) => this.describe(record as LayerRecord, v, true)),
    };
  }

  /** GetLayerVersion. */
  get(name: string, version: number): Record<string, unknown> {
    const record = this.layers.get(name);
    const found = record?.versions.find((v) => v.version === version && !v.deleted);
    if (!record || !found) throw this.notFound();
    return this.describe(record, found);
  }

  /**
   * DeleteLayerVersion (a missing version succeeds, as in Lambda). "To avoid breaking functions, a
   * copy of the version remains in Lambda until no functions refer to it" (AWS API reference).
   */
  delete(name: string, version: number): void {
    const record = this.layers.get(name);
    if (!record) return;
    record.versions = record.versions.map((v) =>
      v.version === version ? { ...v, deleted: true } : v,
    );
    this.save(record);
  }

  /** Whether a layer version ARN can be newly referenced by a function. */
  isAvailable(arn: string): boolean {
    const found = this.find(arn);
    return found !== undefined && !found.deleted;
  }

  /** GetLayerVersionByArn. */
  getByArn(arn: string): Record<string, unknown> {
    const match = LAYER_VERSION_ARN.exec(arn);
    if (!match) throw this.notFound();
    return this.get(match[1] ?? '', Number(match[2]));
  }

  /** The stored code of a layer version ARN, for functions that reference it (deleted ones too). */
  codeOf(arn: string): StoredCode | undefined {
    return this.find(arn)?.code;
  }

  private find(arn: string): LayerVersionRecord | undefined {
    const match = LAYER_VERSION_ARN.exec(arn);
    if (!match) return undefined;
    return this.layers.get(match[1] ?? '')?.versions.find((v) => v.version === Number(match[2]));
  }

  private describe(
    record: LayerRecord,
    v: LayerVersionRecord,
    short = false,
  ): Record<string, unknown> {
    const LayerVersionArn = `${this.layerArn(record.name)}:${v.version}`;
    const common = {
      LayerVersionArn,
      Version: v.version,
      Description: v.description,
      CreatedDate: v.createdDate,
      ...(v.compatibleRuntimes.length > 0 ? { CompatibleRuntimes: v.compatibleRuntimes } : {}),
      ...(v.compatibleArchitectures.length > 0
        ? { CompatibleArchitectures: v.compatibleArchitectures }
        : {}),
      ...(v.licenseInfo ? { LicenseInfo: v.licenseInfo } : {}),
    };
    if (short) return common;
    return {
      Content: {
        Location: `file://${v.code.path}`,
        CodeSha256: v.code.sha256,
        CodeSize: v.code.size,
      },
      LayerArn: this.layerArn(record.name),
      ...common,
    };
  }

  private layerArn(name: string): string {
    return `arn:aws:lambda:${this.region}:${this.accountId}:layer:${name}`;
  }

  private notFound(): LambdaError {
    return new LambdaError(
      'ResourceNotFoundException',
      'The resource you requested does not exist.',
      404,
    );
  }

  private save(record: LayerRecord): void {
    writeFileAtomic(this.fileOf(record.name), `${JSON.stringify(record, null, 2)}\n`);
  }

  private fileOf(name: string): string {
    return path.join(this.dir, `${name}.json`);
  }
}
