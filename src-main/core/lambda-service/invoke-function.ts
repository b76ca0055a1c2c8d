import { LambdaError } from '../errors/lambda-error';
import type { InvokeResult } from '../invoke/invoke-types';
import type { FunctionRecord, VersionRecord } from './function-record';
import type { LambdaService } from './lambda-service';

/** One Invoke call as the API received it. */
export interface InvokeCall {
  readonly name: string;
  readonly qualifier?: string;
  readonly payload: Buffer;
  readonly invocationType: 'RequestResponse' | 'Event' | 'DryRun';
  /** X-Amz-Client-Context: base64 JSON, sync only. */
  readonly clientContextBase64?: string;
}

/** What Invoke produced: a sync result, or the id of a queued Event, or nothing for DryRun. */
export type InvokeOutcome =
  | { readonly kind: 'sync'; readonly result: InvokeResult }
  | { readonly kind: 'event'; readonly requestId: string }
  | { readonly kind: 'dry-run' };

/** Lambda's limit on the decoded client context. */
const MAX_CLIENT_CONTEXT_BYTES = 3583;

/** Invokes a function version or alias through the engine, as Lambda's Invoke API does. */
export async function invokeFunction(
  service: LambdaService,
  call: InvokeCall,
): Promise<InvokeOutcome> {
  const record = service.require(call.name, call.qualifier);
  const version = pickVersion(service, record, call.qualifier);
  service.assertInvokable(record.name);
  const invokedFunctionArn = service.arn(record.name, call.qualifier);
  const clientContext = decodeClientContext(call.clientContextBase64);
  await service.ensureDeployed(record, version);
  const engine = service.options.engine;
  const options = { version: version.version, invokedFunctionArn, clientContext };
  if (call.invocationType === 'DryRun') {
    engine.dryRun(record.name, call.payload, options);
    return { kind: 'dry-run' };
  }
  if (call.invocationType === 'Event') {
    // Client context is passed on synchronous invokes only.
    const queued = engine.invokeAsync(record.name, call.payload, {
      ...options,
      clientContext: undefined,
    });
    return { kind: 'event', requestId: queued.requestId };
  }
  return { kind: 'sync', result: await engine.invoke(record.name, call.payload, options) };
}

/** The version an invoke runs: the qualifier's, or for a weighted alias one of its two versions by weight. */
function pickVersion(
  service: LambdaService,
  record: FunctionRecord,
  qualifier?: string,
): VersionRecord {
  const alias = qualifier ? record.aliases.find((a) => a.name === qualifier) : undefined;
  const weights = alias?.additionalVersionWeights;
  if (alias && weights) {
    let roll = Math.random();
    for (const [version, weight] of Object.entries(weights)) {
      if (roll < weight) return service.version(record, version);
      roll -= weight;
    }
  }
  return service.version(record, qualifier);
}

function decodeClientContext(base64: string | undefined): string | undefined {
  if (!base64) return undefined;
  const decoded = Buffer.from(base64, 'base64');
  if (decoded.length > MAX_CLIENT_CONTEXT_BYTES) {
    throw new LambdaError(
      'InvalidParameterValueException',
      `Client context must be smaller than ${MAX_CLIENT_CONTEXT_BYTES} bytes when decoded.`,
    );
  }
  try {
    JSON.parse(decoded.toString('utf8'));
  } catch {
    throw new LambdaError(
      'InvalidRequestContentException',
      'Client context must be a valid Base64-encoded JSON object.',
    );
  }
  return decoded.toString('utf8');
}
