import { LambdaError } from '../../errors/lambda-error';
import { parseFunctionName } from '../../lambda-service/function-name';
import type { LambdaService } from '../../lambda-service/lambda-service';
import type { EndpointApi, EndpointRequest, EndpointResponse } from '../endpoint-types';
import { functionRoutes, type CodeLocation } from './function-routes';
import { invokeRoutes } from './invoke-routes';
import { versionRoutes } from './version-routes';
import { settingsRoutes } from './settings-routes';
import type { LayerService } from '../../lambda-service/layer-service';
import { errorResponse } from './rest-json';
import { matchRoute, type Route } from './route-table';

/** Path prefixes of Lambda's API versions (restJson1): whatever starts with one of them is Lambda's. */
const LAMBDA_PREFIX =
  /^\/20(15-03-31|16-08-19|17-03-31|17-10-31|18-10-31|19-09-25|19-09-30|20-04-22|20-06-30|21-10-31|21-11-15|22-\d\d-\d\d|23-\d\d-\d\d|24-\d\d-\d\d|25-\d\d-\d\d)\//;

/** Lambda operations the local endpoint knows by path but does not implement (answered with a clear error). */
const UNSUPPORTED: readonly [RegExp, string][] = [
  [
    /^\/2021-11-15\/functions\/[^/]+\/response-streaming-invocations/,
    'InvokeWithResponseStream (use Invoke)',
  ],
  [
    /^\/2015-03-31\/event-source-mappings/,
    'event source mappings (CreateEventSourceMapping, ListEventSourceMappings, ...)',
  ],
  [/\/policy/, 'resource policies (AddPermission, GetPolicy, RemovePermission)'],
  [/\/url/, 'function URLs (CreateFunctionUrlConfig, GetFunctionUrlConfig, ...)'],
  [
    /\/event-invoke-config/,
    'asynchronous invoke configuration (PutFunctionEventInvokeConfig, ...)',
  ],
  [/\/code-signing-config/, 'code signing configuration'],
  [/^\/2017-03-31\/tags/, 'tagging (TagResource, ListTags, UntagResource)'],
  [/\/recursion-config/, 'recursion configuration'],
];

/** The Lambda API (restJson1, /2015-03-31/...) over the local service. */
export function createLambdaApi(
  service: LambdaService,
  layers: LayerService,
  codeLocation: CodeLocation,
): EndpointApi {
  const routes: Route[] = [
    ...invokeRoutes(service),
    ...versionRoutes(service),
    ...functionRoutes(service, codeLocation),
    ...settingsRoutes(service, layers),
  ];
  return {
    signingName: 'lambda',
    matches: (req) => LAMBDA_PREFIX.test(req.rawPath),
    handle: async (req: EndpointRequest): Promise<EndpointResponse> => {
      try {
        const found = matchRoute(routes, req.method, req.rawPath);
        if (!found) throw unsupported(req);
        checkRegion(found.params.FunctionName, req.region);
        return await found.route.handle(req, found.params);
      } catch (error) {
        if (error instanceof LambdaError) return errorResponse(error);
        if (error instanceof URIError) {
          return errorResponse(
            new LambdaError('InvalidParameterValueException', `Malformed path: ${req.rawPath}`),
          );
        }
        throw error;
      }
    },
  };
}

/** A FunctionName ARN of another region is not reachable here (reference 6). */
function checkRegion(functionName: string | undefined, region: string): void {
  const arnRegion = functionName ? parseFunctionName(functionName).region : undefined;
  if (arnRegion && arnRegion !== region) {
    throw new LambdaError(
      'ResourceNotFoundException',
      `Functions from '${arnRegion}' are not reachable in this region ('${region}')`,
      404,
    );
  }
}

function unsupported(req: Pick<EndpointRequest, 'method' | 'rawPath'>): LambdaError {
  const known = UNSUPPORTED.find(([pattern]) => pattern.test(req.rawPath));
  if (known) {
    return new LambdaError(
      'UnsupportedOperationException',
      `The local endpoint of Lambda Workbench does not support ${known[1]}. Use a real AWS account for these.`,
      501,
    );
  }
  return new LambdaError(
    'UnknownOperationException',
    `Unknown Lambda operation: ${req.method} ${req.rawPath}`,
    404,
  );
}
