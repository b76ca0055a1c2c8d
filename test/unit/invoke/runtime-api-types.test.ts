import { describe, it, expect } from 'vitest';
import {
  MAX_SYNC_PAYLOAD_BYTES,
  normaliseErrorType,
} from '../../../src-main/core/invoke/runtime-api-types';

describe('MAX_SYNC_PAYLOAD_BYTES', () => {
  it('is 6 MiB + 100 bytes', () => {
    expect(MAX_SYNC_PAYLOAD_BYTES).toBe(6_291_556);
  });
});

describe('normaliseErrorType', () => {
  it('keeps Runtime.* and Function.* types of the form (Runtime|Function).[A-Z][a-zA-Z]+', () => {
    for (const kept of [
      'Runtime.ExitError',
      'Runtime.ImportModuleError',
      'Runtime.HandlerNotFound',
      'Runtime.UnhandledPromiseRejection',
      'Runtime.OutOfMemory',
      'Function.ResponseSizeTooLarge',
      'Function.Ab',
      'Runtime.Unknown',
    ])
      expect(normaliseErrorType(kept)).toBe(kept);
  });

  it('books a missing or empty type as Runtime.Unknown', () => {
    expect(normaliseErrorType(undefined)).toBe('Runtime.Unknown');
    expect(normaliseErrorType('')).toBe('Runtime.Unknown');
  });

  it('books free-text types as Runtime.Unknown', () => {
    for (const raw of ['Error', 'TypeError', 'Exception', 'ValueError', 'Handled', 'Unhandled'])
      expect(normaliseErrorType(raw)).toBe('Runtime.Unknown');
  });

  it('books malformed Runtime.* types as Runtime.Unknown', () => {
    for (const raw of [
      'Runtime.',
      'Runtime.X', // needs at least two letters
      'Runtime.exitError', // lower-case first letter
      'Runtime.Exit1',
      'Runtime.Exit_Error',
      'Runtime.Exit.Error',
      'Runtime.ExitError ',
      ' Runtime.ExitError',
      'runtime.ExitError',
      'Runtime',
      'MyRuntime.ExitError',
    ])
      expect(normaliseErrorType(raw), raw).toBe('Runtime.Unknown');
  });

  it('books malformed Function.* types as Function.Unknown', () => {
    for (const raw of [
      'Function.',
      'Function.x',
      'Function.Bad1',
      'Function.Two.Parts',
      'Function.A',
    ])
      expect(normaliseErrorType(raw), raw).toBe('Function.Unknown');
  });
});
