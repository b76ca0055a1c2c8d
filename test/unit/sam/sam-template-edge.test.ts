import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findSamTemplate, readSamTemplate } from '../../../src-main/core/sam/sam-template';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sam-template-'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Writes files (path -> content) under a fresh folder and returns it. */
function project(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

describe('findSamTemplate', () => {
  it('returns undefined when the folder has no template', () => {
    expect(findSamTemplate(project('empty', { 'README.md': 'x' }))).toBeUndefined();
  });

  it('prefers template.yaml, then template.yml, then template.json', () => {
    const all = project('all', { 'template.yaml': '', 'template.yml': '', 'template.json': '' });
    expect(findSamTemplate(all)).toBe(join(all, 'template.yaml'));
    const yml = project('yml', { 'template.yml': '', 'template.json': '' });
    expect(findSamTemplate(yml)).toBe(join(yml, 'template.yml'));
    const json = project('json', { 'template.json': '' });
    expect(findSamTemplate(json)).toBe(join(json, 'template.json'));
  });

  it('prefers the sam build output, as sam local invoke does, unless told not to', () => {
    const built = project('built', { 'template.yaml': '', '.aws-sam/build/template.yaml': '' });
    expect(findSamTemplate(built)).toBe(join(built, '.aws-sam/build/template.yaml'));
    expect(findSamTemplate(built, { includeBuild: false })).toBe(join(built, 'template.yaml'));
  });

  it('ignores a folder named like a template', () => {
    const dir = project('dir-named', { 'template.yaml/inner.txt': '', 'template.yml': '' });
    expect(findSamTemplate(dir)).toBe(join(dir, 'template.yml'));
  });
});

describe('readSamTemplate: edge cases', () => {
  const dir = () =>
    project('edge', {
      'src/index.mjs': 'export const handler = async () => 1;',
      'template.yaml': [
        'Transform: AWS::Serverless-2016-10-31',
        'Parameters:',
        '  UseEnv: { Type: String, Default: "yes" }',
        'Conditions:',
        '  WithEnv: !Equals [!Ref UseEnv, "yes"]',
        'Resources:',
        '  Bucket: { Type: AWS::S3::Bucket }',
        '  NamedByAttr:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      FunctionName: !GetAtt Bucket.Arn',
        '      CodeUri: src',
        '      Handler: index.handler',
        '      Runtime: nodejs22.x',
        '      Environment: !If [WithEnv, { Variables: { A: "1", LIST: [x] } }, !Ref AWS::NoValue]',
        '      MemorySize: lots',
        '      Architectures: [sparc]',
        '      Layers: [!GetAtt Bucket.Arn]',
        '  DefaultCode:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      Handler: src/index.handler',
        '      Runtime: nodejs22.x',
        '  Inline:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      InlineCode: "exports.handler = async () => 1"',
        '      Handler: index.handler',
        '      Runtime: nodejs22.x',
        '  MissingFolder:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      CodeUri: not-built/',
        '      Runtime: nodejs22.x',
        '  Nested:',
        '    Type: AWS::Serverless::Application',
        '    Properties: { Location: ./nested.yaml }',
      ].join('\n'),
    });

  it('falls back to the logical id when FunctionName cannot be resolved', () => {
    const template = readSamTemplate(join(dir(), 'template.yaml'));
    const fn = template.functions[0];
    expect(fn?.functionName).toBe('NamedByAttr');
    expect(fn?.input.name).toBe('NamedByAttr');
    expect(fn?.warnings).toContain(
      'FunctionName could not be resolved; using the logical id NamedByAttr',
    );
  });

  it('resolves a whole property chosen by !If and warns about unusable values', () => {
    const fn = readSamTemplate(join(dir(), 'template.yaml')).functions[0];
    expect(fn?.input.environment).toEqual({ A: '1', LIST: '' });
    expect(fn?.input.memoryMb).toBeUndefined();
    expect(fn?.input.architecture).toBeUndefined();
    expect(fn?.input.layers).toEqual([]);
    expect(fn?.runnable).toBe(true);
    expect(fn?.warnings).toEqual(
      expect.arrayContaining([
        'Environment.Variables.LIST is a list, not a string; using ""',
        'MemorySize: "lots" is not a number; ignored',
        'Architectures: "sparc" is not x86_64 or arm64; ignored',
        'Layers: "${Bucket.Arn}" is not a layer of this template; skipped',
      ]),
    );
  });

  it('drops a property set to AWS::NoValue through a condition', () => {
    const template = readSamTemplate(join(dir(), 'template.yaml'), {
      parameterOverrides: { UseEnv: 'no' },
    });
    expect(template.functions[0]?.input.environment).toBeUndefined();
  });

  it('defaults CodeUri to the template folder and flags InlineCode and missing folders', () => {
    const base = dir();
    const template = readSamTemplate(join(base, 'template.yaml'));
    const byId = Object.fromEntries(template.functions.map((f) => [f.logicalId, f]));
    expect(byId['DefaultCode']?.input.code).toBe(base);
    expect(byId['DefaultCode']?.warnings).toEqual([]);
    expect(byId['Inline']).toMatchObject({
      runnable: false,
      warnings: ['InlineCode is not supported locally; put the code in a folder and use CodeUri'],
    });
    expect(byId['MissingFolder']?.runnable).toBe(false);
    expect(byId['MissingFolder']?.warnings).toEqual([
      `code ${join(base, 'not-built')} does not exist`,
      'Handler is missing (set it on the function or in Globals.Function)',
    ]);
    expect(template.warnings).toEqual([
      'nested application Nested is not read; its functions are not available',
    ]);
  });
});
