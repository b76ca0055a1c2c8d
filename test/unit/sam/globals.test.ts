import { describe, it, expect } from 'vitest';
import { mergeGlobals } from '../../../src-main/core/sam/globals';

describe('mergeGlobals', () => {
  it('lets function values win over global primitives', () => {
    expect(mergeGlobals({ Timeout: 10, Runtime: 'nodejs22.x' }, { Timeout: 30 })).toEqual({
      Timeout: 30,
      Runtime: 'nodejs22.x',
    });
  });

  it('merges maps key by key (Environment.Variables)', () => {
    const globals = { Environment: { Variables: { A: 'g', B: 'g' } } };
    const local = { Environment: { Variables: { B: 'l', C: 'l' } } };
    expect(mergeGlobals(globals, local)).toEqual({
      Environment: { Variables: { A: 'g', B: 'l', C: 'l' } },
    });
  });

  it('concatenates lists, globals first (Layers)', () => {
    expect(mergeGlobals({ Layers: [{ Ref: 'G' }] }, { Layers: ['arn:l'] })).toEqual({
      Layers: [{ Ref: 'G' }, 'arn:l'],
    });
  });

  it('replaces Architectures, since a function has exactly one', () => {
    expect(mergeGlobals({ Architectures: ['x86_64'] }, { Architectures: ['arm64'] })).toEqual({
      Architectures: ['arm64'],
    });
  });

  it('treats intrinsic calls as primitives and mismatched types as overrides', () => {
    const globals = { Environment: { Variables: { A: 'g' } }, Layers: ['arn:g'] };
    const local = {
      Environment: { 'Fn::If': ['C', { Variables: {} }, { Ref: 'AWS::NoValue' }] },
      Layers: { Ref: 'L' },
    };
    expect(mergeGlobals(globals, local)).toEqual(local);
  });

  it('works without Globals or Properties', () => {
    expect(mergeGlobals(undefined, { Handler: 'h' })).toEqual({ Handler: 'h' });
    expect(mergeGlobals({ Handler: 'h' }, undefined)).toEqual({ Handler: 'h' });
  });
});
