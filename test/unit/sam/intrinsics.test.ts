import { describe, it, expect } from 'vitest';
import { IntrinsicResolver } from '../../../src-main/core/sam/intrinsics';
import type { ResolverOptions, TemplateSections } from '../../../src-main/core/sam/intrinsics';
import { NO_VALUE } from '../../../src-main/core/sam/values';

const sections: TemplateSections = {
  parameters: {
    Stage: { Type: 'String', Default: 'dev' },
    Memory: { Type: 'Number', Default: 256 },
    Zones: { Type: 'CommaDelimitedList', Default: 'a, b,c' },
    Ids: { Type: 'List<AWS::EC2::Subnet::Id>', Default: 'subnet-1,subnet-2' },
    Required: { Type: 'String' },
    Secret: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/secret' },
  },
  mappings: { Sizes: { dev: { Memory: 128 }, prod: { Memory: 2048 } } },
  conditions: {
    IsProd: { 'Fn::Equals': [{ Ref: 'Stage' }, 'prod'] },
    IsDev: { 'Fn::Not': [{ Condition: 'IsProd' }] },
    DevAndUs: {
      'Fn::And': [{ Condition: 'IsDev' }, { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] }],
    },
    ProdOrImported: {
      'Fn::Or': [{ Condition: 'IsProd' }, { 'Fn::Equals': [{ 'Fn::ImportValue': 'x' }, 'y'] }],
    },
    DevOrImported: {
      'Fn::Or': [{ Condition: 'IsDev' }, { 'Fn::Equals': [{ 'Fn::ImportValue': 'x' }, 'y'] }],
    },
    Loop: { 'Fn::Not': [{ Condition: 'Loop' }] },
    MemoryIs256: { 'Fn::Equals': [{ Ref: 'Memory' }, 256] },
  },
  resources: { Table: { Type: 'AWS::DynamoDB::Table' } },
};

function setup(options: ResolverOptions = {}) {
  const resolver = new IntrinsicResolver(sections, options);
  const warnings: string[] = [];
  const resolve = (value: unknown): unknown => resolver.resolve(value, warnings, 'X');
  return { resolver, warnings, resolve };
}

describe('IntrinsicResolver: Ref', () => {
  it('resolves parameters from Default, typed as CloudFormation returns them', () => {
    const { resolve, warnings } = setup();
    expect(resolve({ Ref: 'Stage' })).toBe('dev');
    expect(resolve({ Ref: 'Memory' })).toBe('256');
    expect(resolve({ Ref: 'Zones' })).toEqual(['a', 'b', 'c']);
    expect(resolve({ Ref: 'Ids' })).toEqual(['subnet-1', 'subnet-2']);
    expect(warnings).toEqual([]);
  });

  it('prefers parameter overrides, including for SSM parameters and pseudo parameters', () => {
    const { resolve, warnings } = setup({
      parameterOverrides: {
        Stage: 'prod',
        Secret: 's3cr3t',
        Required: 'r',
        'AWS::Region': 'eu-west-1',
      },
    });
    expect(resolve({ Ref: 'Stage' })).toBe('prod');
    expect(resolve({ Ref: 'Secret' })).toBe('s3cr3t');
    expect(resolve({ Ref: 'Required' })).toBe('r');
    expect(resolve({ Ref: 'AWS::Region' })).toBe('eu-west-1');
    expect(warnings).toEqual([]);
  });

  it('uses placeholders and warns for parameters without a value', () => {
    const { resolve, warnings } = setup();
    expect(resolve({ Ref: 'Required' })).toBe('${Required}');
    expect(resolve({ Ref: 'Secret' })).toBe('${Secret}');
    expect(resolve({ Ref: 'Nope' })).toBe('${Nope}');
    expect(warnings).toEqual([
      'X: parameter Required has no Default and no override; using the placeholder "${Required}"',
      expect.stringContaining('parameter Secret is read from SSM Parameter Store'),
      'X: !Ref Nope names no parameter or resource; using the placeholder "${Nope}"',
    ]);
  });

  it('resolves pseudo parameters with defaults and options', () => {
    const { resolve } = setup();
    expect(
      resolve(
        ['AWS::Region', 'AWS::AccountId', 'AWS::StackName', 'AWS::Partition', 'AWS::URLSuffix'].map(
          (Ref) => ({ Ref }),
        ),
      ),
    ).toEqual(['us-east-1', '123456789012', 'local', 'aws', 'amazonaws.com']);
    const china = setup({ region: 'cn-north-1', accountId: '111122223333' }).resolve;
    expect(
      china({ 'Fn::Sub': '${AWS::Partition}:${AWS::Region}:${AWS::AccountId}:${AWS::URLSuffix}' }),
    ).toBe('aws-cn:cn-north-1:111122223333:amazonaws.com.cn');
  });

  it('drops keys and list items set to AWS::NoValue', () => {
    const { resolve } = setup();
    expect(resolve({ A: { Ref: 'AWS::NoValue' }, B: [1, { Ref: 'AWS::NoValue' }, 2] })).toEqual({
      B: [1, 2],
    });
    expect(resolve({ Ref: 'AWS::NoValue' })).toBe(NO_VALUE);
  });

  it('resolves a Ref to a resource to its logical id, with a warning', () => {
    const { resolve, warnings } = setup();
    expect(resolve({ Ref: 'Table' })).toBe('Table');
    expect(warnings).toEqual([
      'X: !Ref Table (AWS::DynamoDB::Table) resolves to its logical id "Table" locally',
    ]);
  });
});

describe('IntrinsicResolver: Fn::Sub', () => {
  it('substitutes parameters, pseudo parameters and escapes ${!Literal}', () => {
    const { resolve, warnings } = setup();
    expect(resolve({ 'Fn::Sub': '${Stage}-${AWS::Region}-${!Literal}-${ Stage }' })).toBe(
      'dev-us-east-1-${Literal}-dev',
    );
    expect(warnings).toEqual([]);
  });

  it('supports the two-argument form, whose variables may be intrinsics', () => {
    const { resolve } = setup();
    const sub = {
      'Fn::Sub': [
        '${Name}/${Stage}/${Size}',
        { Name: 'app', Size: { 'Fn::FindInMap': ['Sizes', 'prod', 'Memory'] } },
      ],
    };
    expect(resolve(sub)).toBe('app/dev/2048');
  });

  it('keeps unresolvable variables as readable placeholders', () => {
    const { resolve, warnings } = setup();
    expect(resolve({ 'Fn::Sub': 'arn=${Table.Arn} x=${Unknown}' })).toBe(
      'arn=${Table.Arn} x=${Unknown}',
    );
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain('!GetAtt Table.Arn cannot be resolved locally');
  });
});

describe('IntrinsicResolver: other functions', () => {
  it('computes Join, Select, Split, Base64, GetAZs, Cidr, Length and ToJsonString', () => {
    const { resolve, warnings } = setup();
    expect(resolve({ 'Fn::Join': ['-', ['a', { Ref: 'Stage' }, 3, true]] })).toBe('a-dev-3-true');
    expect(resolve({ 'Fn::Join': [',', { Ref: 'Zones' }] })).toBe('a,b,c');
    expect(resolve({ 'Fn::Select': ['1', { Ref: 'Zones' }] })).toBe('b');
    expect(resolve({ 'Fn::Split': ['|', 'x|y'] })).toEqual(['x', 'y']);
    expect(resolve({ 'Fn::Base64': { 'Fn::Sub': '${Stage}' } })).toBe(
      Buffer.from('dev').toString('base64'),
    );
    expect(resolve({ 'Fn::GetAZs': '' })).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(resolve({ 'Fn::Cidr': ['10.0.0.0/16', 3, 8] })).toEqual([
      '10.0.0.0/24',
      '10.0.1.0/24',
      '10.0.2.0/24',
    ]);
    expect(resolve({ 'Fn::Length': [1, 2] })).toBe(2);
    expect(resolve({ 'Fn::ToJsonString': { a: { Ref: 'Stage' } } })).toBe('{"a":"dev"}');
    expect(warnings).toEqual([]);
  });

  it('warns with placeholders when a list function gets bad arguments', () => {
    const { resolve, warnings } = setup();
    expect(resolve({ 'Fn::Select': [5, ['a']] })).toBe('${Select}');
    expect(resolve({ 'Fn::Cidr': ['2001:db8::/56', 1, 64] })).toBe('${Cidr}');
    expect(warnings).toHaveLength(2);
  });

  it('looks values up in Mappings, with the optional DefaultValue', () => {
    const { resolve, warnings } = setup();
    expect(resolve({ 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Memory'] })).toBe(128);
    expect(resolve({ 'Fn::FindInMap': ['Sizes', 'qa', 'Memory', { DefaultValue: 512 }] })).toBe(
      512,
    );
    expect(resolve({ 'Fn::FindInMap': ['Sizes', 'qa', 'Memory'] })).toBe(
      '${Mapping:Sizes.qa.Memory}',
    );
    expect(warnings).toEqual([
      'X: !FindInMap Sizes.qa.Memory is not in Mappings; using the placeholder "${Mapping:Sizes.qa.Memory}"',
    ]);
  });

  it('keeps GetAtt, ImportValue and Transform as placeholders with warnings', () => {
    const { resolve, warnings } = setup();
    expect(resolve({ 'Fn::GetAtt': ['Table', 'StreamArn'] })).toBe('${Table.StreamArn}');
    expect(resolve({ 'Fn::GetAtt': 'Table.Arn' })).toBe('${Table.Arn}');
    expect(resolve({ 'Fn::ImportValue': { 'Fn::Sub': '${Stage}-url' } })).toBe(
      '${ImportValue:dev-url}',
    );
    expect(resolve({ 'Fn::Transform': { Name: 'AWS::Include' } })).toBe(
      '${Transform:AWS::Include}',
    );
    expect(resolve({ 'Fn::Unknown': 1 })).toBe('${Fn::Unknown}');
    expect(warnings).toHaveLength(5);
  });

  it('tells whether a value resolved completely', () => {
    const { resolver } = setup();
    expect(resolver.tryResolve({ 'Fn::Sub': '${Stage}' }, [], 'X')).toEqual({
      value: 'dev',
      complete: true,
    });
    expect(resolver.tryResolve({ 'Fn::Sub': '${Table.Arn}' }, [], 'X').complete).toBe(false);
  });
});

describe('IntrinsicResolver: conditions', () => {
  it('evaluates Equals, Not, And, Or and Condition references', () => {
    const { resolver, resolve, warnings } = setup();
    expect(resolver.condition('IsProd', warnings)).toBe(false);
    expect(resolver.condition('IsDev', warnings)).toBe(true);
    expect(resolver.condition('DevAndUs', warnings)).toBe(true);
    expect(resolver.condition('DevOrImported', warnings)).toBe(true);
    expect(resolver.condition('MemoryIs256', warnings)).toBe(true);
    expect(resolve({ 'Fn::If': ['IsProd', 'p', 'd'] })).toBe('d');
    expect(resolve({ 'Fn::If': ['IsDev', { Ref: 'AWS::NoValue' }, 'x'] })).toBe(NO_VALUE);
    expect(warnings.filter((w) => !w.includes('ImportValue'))).toEqual([]);
  });

  it('follows overrides', () => {
    const { resolver } = setup({ parameterOverrides: { Stage: 'prod' } });
    expect(resolver.condition('IsProd', [])).toBe(true);
    expect(resolver.condition('DevAndUs', [])).toBe(false);
  });

  it('takes the false branch of an undecidable condition, with a warning', () => {
    const { resolver, resolve, warnings } = setup();
    expect(resolver.condition('ProdOrImported', [])).toBeUndefined();
    expect(resolve({ 'Fn::If': ['ProdOrImported', 'yes', 'no'] })).toBe('no');
    expect(warnings).toContain(
      'X: condition ProdOrImported cannot be decided locally; using its false branch',
    );
  });

  it('does not loop on self-referencing or unknown conditions', () => {
    const { resolver } = setup();
    const warnings: string[] = [];
    expect(resolver.condition('Loop', warnings)).toBeUndefined();
    expect(resolver.condition('Missing', warnings)).toBeUndefined();
    expect(warnings).toEqual([
      'condition Loop refers to itself',
      'condition Missing is not defined in Conditions',
    ]);
  });
});
