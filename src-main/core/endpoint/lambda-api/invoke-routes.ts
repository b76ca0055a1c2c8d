import { LambdaError } from '../../errors/lambda-error';
import { parseFunctionName } from '../../lambda-service/function-name';
import { invokeFunction } from '../../lambda-service/invoke-function';
import type { LambdaService } from '../../lambda-service/lambda-service';
import { empty } from './rest-json';
import { path, type Route } from './route-table';

const TYPES = new Set(['RequestResponse', 'Event', 'DryRun']);

/** Invoke: RequestResponse (200, also on function errors), Event (202), DryRun (204) — reference 6. */
export function invokeRoutes(service: LambdaService): Route[] {
  return [
    {
      operation: 'Invoke',
      method: 'POST',
      pattern: path('/2015-03-31/functions/{FunctionName}/invocations'),
      handle: async (req, p) => {
        const { name, qualifier } = parseFunctionName(
          p.FunctionName ?? '',
          req.query.get('Qualifier'),
        );
        const type = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
        if (!TYPES.has(type)) {
          throw new LambdaError(
            'ValidationException',
            `1 validation error detected: Value '${type}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
          );
        }
        const outcome = await invokeFunction(service, {
          name,
          qualifier,
          payload: req.body,
          invocationType: type as 'RequestResponse' | 'Event' | 'DryRun',
          clientContextBase64: header(req.headers['x-amz-client-context']),
        });
        if (outcome.kind === 'dry-run') return empty(204);
        if (outcome.kind === 'event') return empty(202, { 'x-amzn-RequestId': outcome.requestId });
        const { result } = outcome;
        const headers: Record<string, string> = {
          'Content-Type': 'application/json',
          'x-amzn-RequestId': result.requestId,
          'X-Amz-Executed-Version': result.executedVersion,
        };
        if (result.functionError) headers['X-Amz-Function-Error'] = result.functionError;
        if (header(req.headers['x-amz-log-type']) === 'Tail')
          headers['X-Amz-Log-Result'] = result.logTailBase64;
        return { status: 200, headers, body: result.payload };
      },
    },
  ];
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
