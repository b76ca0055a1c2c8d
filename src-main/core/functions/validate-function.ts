import path from 'node:path';
import { LambdaError } from '../errors/lambda-error';
import {
  ENVIRONMENT_LIMIT_BYTES,
  environmentKeyViolation,
  measureEnvironment,
  reservedKeysUsed,
} from './environment-limits';
import type { FunctionDefinition } from './function-definition';
import {
  ALL_RUNTIME_IDS,
  DEPRECATED_RUNTIMES,
  findRuntime,
  supportedRuntimes,
} from './runtime-catalog';
import {
  FUNCTION_NAME_PATTERN,
  HANDLER_PATTERN,
  LOG_GROUP_PATTERN,
  constraint,
  message,
  validationErrorsDetected,
  violation,
} from './validation-messages';

// A definition holds a plain name, so only the name part of AWS's pattern applies here.
const FUNCTION_NAME = /^[a-zA-Z0-9_-]+$/;
// Java's \s (the service validates in Java) is ASCII whitespace only, unlike JavaScript's.
// eslint-disable-next-line no-control-regex -- \x0B (vertical tab) is part of Java's \s.
const HANDLER = /^[^ \t\n\x0B\f\r]+$/;
const LOG_GROUP = /^[.\-_/#A-Za-z0-9]+$/;
// Enum values in model order, the order AWS prints them in [rec: "[x86_64, arm64]"].
const ARCHITECTURES = ['x86_64', 'arm64'];
const LOG_FORMATS = ['JSON', 'Text'];
const APPLICATION_LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
const MAX_LAYERS = 5;

/** Throws a LambdaError with AWS's code, status and wording when the definition breaks a Lambda limit. */
export function validateFunction(def: FunctionDefinition): void {
  const fraction = fractionalNumber(def);
  if (fraction) throw new LambdaError('InvalidParameterValueException', fraction, 400);
  // AWS validates the request model first and reports every broken constraint at once.
  const violations = modelViolations(def);
  if (violations.length > 0) {
    throw new LambdaError('ValidationException', validationErrorsDetected(violations), 400);
  }
  const problem = serviceProblem(def) ?? localProblem(def);
  if (problem) throw new LambdaError('InvalidParameterValueException', problem, 400);
}

/** Own check: integer members must hold integers, or the range checks below would let NaN through. */
function fractionalNumber(def: FunctionDefinition): string | undefined {
  const integers: [string, number | undefined][] = [
    ['timeout', def.timeoutSec],
    ['memorySize', def.memoryMb],
    ['ephemeralStorage.size', def.ephemeralStorageMb],
    ['reservedConcurrentExecutions', def.reservedConcurrency],
    ['provisionedConcurrentExecutions', def.provisionedConcurrency],
  ];
  const bad = integers.find(([, value]) => value !== undefined && !Number.isInteger(value));
  return bad && message.notWholeNumber(bad[0], bad[1] as number);
}

/** Constraint violations of the botocore model, in CreateFunctionRequest member order. */
function modelViolations(def: FunctionDefinition): string[] {
  const out: string[] = [];
  const check = (broken: boolean, member: string, value: string | number, rule: string) => {
    if (broken) out.push(violation(member, value, rule));
  };
  const range = (member: string, value: number, min: number, max: number) => {
    check(value < min, member, value, constraint.min(min));
    check(value > max, member, value, constraint.max(max));
  };
  const oneOf = (member: string, value: string, values: string[]) =>
    check(!values.includes(value), member, value, constraint.enumSet(values));

  // The model allows 140 characters (for ARNs); the 64 for plain names is a service check below.
  check(def.name.length < 1, 'functionName', def.name, constraint.minLength(1));
  check(def.name.length > 140, 'functionName', def.name, constraint.maxLength(140));
  const namePattern = constraint.pattern(FUNCTION_NAME_PATTERN);
  check(!FUNCTION_NAME.test(def.name), 'functionName', def.name, namePattern);
  check(!HANDLER.test(def.handler), 'handler', def.handler, constraint.pattern(HANDLER_PATTERN));
  check(def.handler.length > 128, 'handler', def.handler, constraint.maxLength(128));
  const description = def.description ?? '';
  check(description.length > 256, 'description', description, constraint.maxLength(256));
  range('timeout', def.timeoutSec, 1, 900);
  range('memorySize', def.memoryMb, 128, 10240);
  const keys = environmentKeyViolation(def.environment);
  if (keys) out.push(keys);
  // Architectures is a one-item list; AWS prints the list and the member rules [rec 2024-03].
  const archRule = `Member must satisfy constraint: [${constraint.enumSet(ARCHITECTURES)}, Member must not be null]`;
  const archValue = `[${def.architecture}]`;
  check(!ARCHITECTURES.includes(def.architecture), 'architectures', archValue, archRule);
  range('ephemeralStorage.size', def.ephemeralStorageMb, 512, 10240);
  oneOf('loggingConfig.logFormat', def.logFormat, LOG_FORMATS);
  if (def.applicationLogLevel !== undefined) {
    oneOf('loggingConfig.applicationLogLevel', def.applicationLogLevel, APPLICATION_LOG_LEVELS);
  }
  const group = def.logGroup;
  if (group !== undefined) {
    const at = 'loggingConfig.logGroup';
    check(group.length < 1, at, group, constraint.minLength(1));
    check(group.length > 512, at, group, constraint.maxLength(512));
    check(!LOG_GROUP.test(group), at, group, constraint.pattern(LOG_GROUP_PATTERN));
  }
  // These two belong to PutFunctionConcurrency / PutProvisionedConcurrencyConfig in AWS.
  const reserved = def.reservedConcurrency;
  if (reserved !== undefined) {
    check(reserved < 0, 'reservedConcurrentExecutions', reserved, constraint.min(0));
  }
  const provisioned = def.provisionedConcurrency;
  if (provisioned !== undefined) {
    check(provisioned < 1, 'provisionedConcurrentExecutions', provisioned, constraint.min(1));
  }
  return out;
}

/** The first check Lambda itself makes after the model, with its wording. */
function serviceProblem(def: FunctionDefinition): string | undefined {
  // A plain name over 64 characters: AWS's aggregate wording, but InvalidParameterValueException [rec 2024-03].
  if (def.name.length > 64) {
    const tooLong = violation('functionName', def.name, constraint.maxLength(64));
    return validationErrorsDetected([tooLong]);
  }
  if (DEPRECATED_RUNTIMES.includes(def.runtime)) return message.deprecatedRuntime(def.runtime);
  if (!ALL_RUNTIME_IDS.includes(def.runtime)) {
    // AWS lists only the runtimes it still lets you create functions with.
    const creatable = ALL_RUNTIME_IDS.filter((id) => !DEPRECATED_RUNTIMES.includes(id));
    return message.unknownRuntime(def.runtime, creatable);
  }
  const reservedKeys = reservedKeysUsed(def.environment);
  if (reservedKeys.length > 0) return message.reservedKeys(reservedKeys);
  const measured = measureEnvironment(def.environment);
  if (measured.bytes > ENVIRONMENT_LIMIT_BYTES) return message.environmentTooLarge(measured.text);
  if (def.layers.length > MAX_LAYERS) return message.tooManyLayers;
  const textWithLevel = def.logFormat === 'Text' && def.applicationLogLevel !== undefined;
  if (textWithLevel) return message.logLevelWithText;
  const { reservedConcurrency: reserved, provisionedConcurrency: provisioned } = def;
  if (reserved !== undefined && provisioned !== undefined && provisioned > reserved) {
    return message.provisionedOverReserved;
  }
  return undefined;
}

/** Limits of the local engine rather than of Lambda, checked once AWS would accept the definition. */
function localProblem(def: FunctionDefinition): string | undefined {
  if (!isAbsolutePath(def.code)) return message.badPath('Code', def.code);
  const layer = def.layers.find((p) => !isAbsolutePath(p));
  if (layer !== undefined) return message.badPath('Layer', layer);
  if (!findRuntime(def.runtime)) {
    const supported = supportedRuntimes().map((r) => r.id);
    return message.unsupportedLocally(def.runtime, supported);
  }
  return undefined;
}

function isAbsolutePath(p: string): boolean {
  return p.trim() !== '' && path.isAbsolute(p);
}
