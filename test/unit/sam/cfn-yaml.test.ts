import { describe, it, expect } from 'vitest';
import { parseCfnTemplate } from '../../../src-main/core/sam/cfn-yaml';
import { SamTemplateError } from '../../../src-main/core/sam/template-error';

const parse = (text: string): unknown => parseCfnTemplate(text, '/t/template.yaml').value;

describe('parseCfnTemplate', () => {
  it('turns scalar short tags into their long form', () => {
    expect(
      parse('a: !Ref Env\nb: !Sub "x-${Env}"\nc: !ImportValue shared\nd: !Condition IsProd'),
    ).toEqual({
      a: { Ref: 'Env' },
      b: { 'Fn::Sub': 'x-${Env}' },
      c: { 'Fn::ImportValue': 'shared' },
      d: { Condition: 'IsProd' },
    });
  });

  it('splits the scalar !GetAtt at the first dot only', () => {
    expect(parse('a: !GetAtt Table.Arn\nb: !GetAtt Stack.Outputs.Url')).toEqual({
      a: { 'Fn::GetAtt': ['Table', 'Arn'] },
      b: { 'Fn::GetAtt': ['Stack', 'Outputs.Url'] },
    });
  });

  it('handles sequence and mapping forms, nested tags and aliases', () => {
    const text = [
      'vars: &vars { Name: !Ref Env }',
      'sub: !Sub ["${Name}", *vars]',
      'getatt: !GetAtt [Bucket, Arn]',
      'join: !Join [",", [!Ref A, b]]',
      'b64: !Base64 { "Fn::Sub": x }',
      'transform: !Transform { Name: AWS::Include }',
      'sel:',
      '  !Select',
      '    - 0',
      '    - !GetAZs ""',
    ].join('\n');
    expect(parse(text)).toEqual({
      vars: { Name: { Ref: 'Env' } },
      sub: { 'Fn::Sub': ['${Name}', { Name: { Ref: 'Env' } }] },
      getatt: { 'Fn::GetAtt': ['Bucket', 'Arn'] },
      join: { 'Fn::Join': [',', [{ Ref: 'A' }, 'b']] },
      b64: { 'Fn::Base64': { 'Fn::Sub': 'x' } },
      transform: { 'Fn::Transform': { Name: 'AWS::Include' } },
      sel: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
    });
  });

  it('parses every short tag', () => {
    const tags = [
      'Ref',
      'Sub',
      'GetAtt',
      'Join',
      'If',
      'Select',
      'Split',
      'FindInMap',
      'ImportValue',
      'Base64',
      'Equals',
      'Not',
      'And',
      'Or',
      'Condition',
      'Cidr',
      'GetAZs',
      'Transform',
      'Length',
      'ToJsonString',
    ];
    const text = tags.map((tag) => `${tag}: !${tag} [x, y]`).join('\n');
    const value = parse(text) as Record<string, Record<string, unknown>>;
    for (const tag of tags) {
      const long = tag === 'Ref' || tag === 'Condition' ? tag : `Fn::${tag}`;
      expect(value[tag]).toEqual({ [long]: ['x', 'y'] });
    }
  });

  it('keeps date-like values as strings', () => {
    expect(parse('Version: 2012-10-17\nOther: 2010-09-09')).toEqual({
      Version: '2012-10-17',
      Other: '2010-09-09',
    });
  });

  it('reads JSON templates', () => {
    expect(parse('{ "Resources": { "A": { "Ref": "B" } } }')).toEqual({
      Resources: { A: { Ref: 'B' } },
    });
  });

  it('reports unknown tags as warnings, not errors', () => {
    const parsed = parseCfnTemplate('a: !Bogus x\n', '/t/template.yaml');
    expect(parsed.value).toEqual({ a: 'x' });
    expect(parsed.warnings).toEqual(['line 1, column 4: Unresolved tag: !Bogus']);
  });

  it('names the file, line and column of a syntax error', () => {
    const run = (): unknown => parse('Resources:\n  Fn:\n    Type: x\n   Bad: [\n');
    expect(run).toThrow(SamTemplateError);
    expect(run).toThrow(/^Invalid template \/t\/template\.yaml at line 4, column \d+: /);
  });
});
