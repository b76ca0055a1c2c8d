import { describe, it, expect, afterAll } from 'vitest';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSamTemplate } from '../../../src-main/core/sam/sam-template';
import { SamTemplateError } from '../../../src-main/core/sam/template-error';
import type { SamFunction, SamTemplate } from '../../../src-main/core/sam/types';

const FIXTURES = fileURLToPath(new URL('../../fixtures/sam/', import.meta.url));
const fixture = (name: string): string => join(FIXTURES, name);
const APP = fixture('app');

function fn(template: SamTemplate, logicalId: string): SamFunction {
  const found = template.functions.find((f) => f.logicalId === logicalId);
  if (!found) throw new Error(`no function ${logicalId}`);
  return found;
}

describe('readSamTemplate: Globals, parameters and layers (app fixture)', () => {
  const template = readSamTemplate(join(APP, 'template.yaml'), {
    parameterOverrides: { ApiKey: 'key-1' },
  });

  it('lists the zip functions and skips the image function with a warning', () => {
    expect(template.path).toBe(join(APP, 'template.yaml'));
    expect(template.functions.map((f) => f.logicalId)).toEqual([
      'HelloFunction',
      'WorkerFunction',
      'BrokenFunction',
    ]);
    expect(template.warnings).toEqual([
      'function ImageFunction uses PackageType Image, which is not supported locally; skipped',
    ]);
  });

  it('merges Globals.Function into each function, function values winning', () => {
    const hello = fn(template, 'HelloFunction');
    expect(hello.functionName).toBe('HelloFunction');
    expect(hello.runnable).toBe(true);
    expect(hello.input).toMatchObject({
      name: 'HelloFunction',
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      code: join(APP, 'src/hello'),
      memoryMb: 512,
      timeoutSec: 10,
      architecture: 'arm64',
      ephemeralStorageMb: 1024,
      reservedConcurrency: 5,
      provisionedConcurrency: 2,
      description: 'Hello in dev',
      logFormat: 'JSON',
      applicationLogLevel: 'DEBUG',
      logGroup: '/custom/local/hello',
    });
    const worker = fn(template, 'WorkerFunction');
    expect(worker.input).toMatchObject({ memoryMb: 256, timeoutSec: 10, architecture: 'x86_64' });
    expect(worker.input.environment).toEqual({
      STAGE: 'dev',
      SHARED: 'from-globals',
      OVERRIDDEN: 'from-globals',
    });
    expect(worker.warnings).toEqual([]);
  });

  it('merges environment variables key by key and stringifies them as SAM does', () => {
    expect(fn(template, 'HelloFunction').input.environment).toEqual({
      STAGE: 'dev',
      SHARED: 'from-globals',
      OVERRIDDEN: 'from-function',
      TABLE: 'orders',
      TABLE_ARN: '${OrdersTable.Arn}',
      REGION_URL: 'https://dynamodb.us-east-1.amazonaws.com',
      LITERAL: 'keep ${NotAVariable} as is',
      TWO_ARG: 'orders-123456789012',
      COUNT: '3',
      ENABLED: 'true',
      EMPTY: '',
      FIRST_SUBNET: 'subnet-b',
      JOINED: 'subnet-a|subnet-b',
      MODE: 'development',
      KEY: 'key-1',
      SECRET: '${SecretParam}',
      QUEUE: 'WorkQueue',
    });
  });

  it('resolves layer Refs to local paths, globals first, and skips remote ARNs', () => {
    const hello = fn(template, 'HelloFunction');
    expect(hello.input.layers).toEqual([join(APP, 'layers/shared'), join(APP, 'layers/extra')]);
    expect(hello.warnings).toContain(
      'layer arn:aws:lambda:us-east-1:123456789012:layer:remote:3 is remote and is skipped locally',
    );
    expect(hello.warnings).toEqual([
      'Environment.Variables.TABLE_ARN: !GetAtt OrdersTable.Arn cannot be resolved locally; using the placeholder "${OrdersTable.Arn}"',
      expect.stringContaining(
        'Environment.Variables.SECRET: parameter SecretParam is read from SSM',
      ),
      'Environment.Variables.QUEUE: !Ref WorkQueue (AWS::SQS::Queue) resolves to its logical id "WorkQueue" locally',
      'layer arn:aws:lambda:us-east-1:123456789012:layer:remote:3 is remote and is skipped locally',
    ]);
  });

  it('resolves FunctionName when it is a string after intrinsics', () => {
    const worker = fn(template, 'WorkerFunction');
    expect(worker.functionName).toBe('dev-worker');
    expect(worker.input).toMatchObject({ name: 'dev-worker', handler: 'app.handler' });
    expect(worker.input.code).toBe(join(APP, 'src/worker'));
  });

  it('keeps functions it cannot run, with warnings, instead of failing the read', () => {
    const broken = fn(template, 'BrokenFunction');
    expect(broken.runnable).toBe(false);
    expect(broken.input.runtime).toBe('');
    expect(broken.input.layers).toEqual([join(APP, 'layers/shared')]);
    expect(broken.warnings).toEqual([
      'CodeUri s3://my-bucket/code.zip is in S3; only local code can be run',
      'Runtime is missing (set it on the function or in Globals.Function)',
      'layer S3Layer is skipped: ContentUri points at S3 object s3://layer-bucket/layer.zip; only local code can be run',
    ]);
  });
});

describe('readSamTemplate: options', () => {
  it('applies parameter overrides everywhere, conditions included', () => {
    const template = readSamTemplate(join(APP, 'template.yaml'), {
      parameterOverrides: { Stage: 'prod', SecretParam: 'shh', ApiKey: 'k' },
    });
    const hello = fn(template, 'HelloFunction');
    expect(hello.input.environment).toMatchObject({
      STAGE: 'prod',
      MODE: 'production',
      ONLY_PROD: 'yes-prod',
      SECRET: 'shh',
    });
    expect(hello.input.applicationLogLevel).toBe('WARN');
    expect(fn(template, 'WorkerFunction').functionName).toBe('prod-worker');
  });

  it('uses the region and account given', () => {
    const template = readSamTemplate(join(APP, 'template.yaml'), {
      region: 'eu-central-1',
      accountId: '999988887777',
    });
    expect(fn(template, 'HelloFunction').input.environment).toMatchObject({
      REGION_URL: 'https://dynamodb.eu-central-1.amazonaws.com',
      TWO_ARG: 'orders-999988887777',
      KEY: '${ApiKey}',
    });
  });

  it('warns about overrides that match no parameter', () => {
    const template = readSamTemplate(join(APP, 'template.yaml'), {
      parameterOverrides: { Stag: 'prod' },
    });
    expect(template.warnings).toContain(
      'parameter override Stag matches no parameter of the template',
    );
  });
});

describe('readSamTemplate: every short tag', () => {
  it('loads a template using all of them and resolves what can be resolved', () => {
    const template = readSamTemplate(fixture('all-tags/template.yaml'));
    const fnAll = fn(template, 'AllTagsFunction');
    expect(fnAll.input).toMatchObject({
      runtime: 'nodejs22.x',
      handler: 'index.handler',
      memoryMb: 1024,
      timeoutSec: 30,
      code: fixture('all-tags'),
    });
    expect(fnAll.input.environment).toEqual({
      REF: 'prod',
      SUB: 'prod-us-east-1-aws',
      SUB_LIST: 'prod/aGk=',
      GETATT: '${Bucket.Arn}',
      GETATT_LIST: '${Bucket.DomainName}',
      JOIN: 'a-prod-c',
      IF: 'p',
      SELECT: 'us-east-1b',
      SPLIT_JOIN: 'x+y+z',
      FIND: '1024',
      IMPORT: '${ImportValue:shared-queue-url}',
      B64: 'aGVsbG8=',
      EQUALS: 'true',
      NOT: 'true',
      AND: 'true',
      OR: 'true',
      CONDITION_IF: 'long',
      UNKNOWABLE: 'fallback',
      CIDR: '10.0.1.0/24',
      TRANSFORM: '${Transform:AWS::Include}',
      LONG_SUB: 'prod!',
      LENGTH: '3',
      JSON: '{"a":1}',
    });
    expect(fnAll.warnings).toHaveLength(6);
  });

  it("warns when the function's resource Condition is false", () => {
    const template = readSamTemplate(fixture('all-tags/template.yaml'), {
      parameterOverrides: { Env: 'dev' },
    });
    expect(fn(template, 'AllTagsFunction').warnings).toContain(
      'its Condition Both is false, so CloudFormation would not create this function',
    );
  });
});

describe('readSamTemplate: AWS::Lambda::Function (JSON template)', () => {
  const dir = fixture('lambda-function');
  const template = readSamTemplate(join(dir, 'template.json'));

  it('reads local Code paths, layers and properties', () => {
    const plain = fn(template, 'PlainFunction');
    expect(plain.functionName).toBe('plain-us-east-1');
    expect(plain.input).toEqual({
      name: 'plain-us-east-1',
      runtime: 'python3.12',
      handler: 'index.handler',
      code: join(dir, 'code'),
      memoryMb: 256,
      timeoutSec: 30,
      architecture: 'arm64',
      environment: { MODE: 'plain' },
      layers: [join(dir, 'code')],
    });
    expect(plain.warnings).toEqual([]);
  });

  it('follows CDK asset metadata to the local asset folder', () => {
    const cdk = fn(template, 'CdkFunction');
    expect(cdk.input.code).toBe(join(dir, 'asset.abc123'));
    expect(cdk.runnable).toBe(true);
  });

  it('flags S3 code, inline code and a missing Handler', () => {
    expect(fn(template, 'S3Function')).toMatchObject({
      runnable: false,
      warnings: ['Code points at S3 object s3://my-bucket/fn.zip; only local code can be run'],
    });
    expect(fn(template, 'InlineFunction')).toMatchObject({
      runnable: false,
      warnings: [expect.stringContaining('Code.ZipFile (inline code) is not supported locally')],
    });
    expect(fn(template, 'NoHandlerFunction')).toMatchObject({
      runnable: false,
      warnings: ['Handler is missing'],
    });
  });
});

describe('readSamTemplate: errors', () => {
  // Broken templates are written at run time: as fixture files they would break `prettier --check .`.
  const dirs: string[] = [];
  const broken = (name: string, text: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'sam-broken-'));
    dirs.push(dir);
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('names the file, line and column of invalid YAML', () => {
    const path = broken(
      'template.yaml',
      'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n     Runtime: nodejs22.x\n',
    );
    expect(() => readSamTemplate(path)).toThrow(SamTemplateError);
    expect(() => readSamTemplate(path)).toThrow(`Invalid template ${path} at line 6, column `);
  });

  it('names the file, line and column of invalid JSON', () => {
    const path = broken(
      'template.json',
      '{\n  "Resources": {\n    "Fn": { "Type": "AWS::Serverless::Function" }\n    "Other": 1\n  }\n}\n',
    );
    expect(() => readSamTemplate(path)).toThrow(`Invalid template ${path} at line 4, column 5`);
  });

  it('explains a template without Resources', () => {
    const path = fixture('errors/no-resources.yaml');
    expect(() => readSamTemplate(path)).toThrow(`Template ${path} has no Resources section`);
  });

  it('names a template that cannot be read', () => {
    const path = fixture('errors/missing.yaml');
    expect(() => readSamTemplate(path)).toThrow(`Cannot read template ${path}: ENOENT`);
  });
});
