import type { CodeBody } from '../../lambda-service/lambda-service';
import type { ConfigurationBody } from '../../lambda-service/create-input';
import { parseFunctionName } from '../../lambda-service/function-name';
import type { LambdaService } from '../../lambda-service/lambda-service';
import { empty, intParam, json, parseBody } from './rest-json';
import { path, type Route } from './route-table';

/** A function's download URL maker (GetFunction's Code.Location), given the host the caller used. */
export type CodeLocation = (host: string, name: string, version: string) => Promise<string>;

/** CreateFunction, Get*, ListFunctions, Update*, DeleteFunction. */
export function functionRoutes(service: LambdaService, codeLocation: CodeLocation): Route[] {
  const fn = (raw: string, qualifier?: string | null) => parseFunctionName(raw, qualifier);
  return [
    {
      operation: 'CreateFunction',
      method: 'POST',
      pattern: path('/2015-03-31/functions'),
      handle: async (req) => json(201, await service.create(parseBody(req.body))),
    },
    {
      operation: 'ListFunctions',
      method: 'GET',
      pattern: path('/2015-03-31/functions'),
      handle: async (req) =>
        json(
          200,
          service.list({
            marker: req.query.get('Marker') ?? undefined,
            maxItems: intParam('maxItems', req.query.get('MaxItems'), 1, 10_000),
            all: req.query.get('FunctionVersion') === 'ALL',
          }),
        ),
    },
    {
      operation: 'GetFunction',
      method: 'GET',
      pattern: path('/2015-03-31/functions/{FunctionName}'),
      handle: async (req, p) => {
        const { name, qualifier } = fn(p.FunctionName ?? '', req.query.get('Qualifier'));
        const Configuration = service.configuration(name, qualifier);
        const record = service.require(name, qualifier);
        const version = service.version(record, qualifier).version;
        return json(200, {
          Configuration,
          Code: { RepositoryType: 'S3', Location: await codeLocation(req.host, name, version) },
          ...(Object.keys(record.tags).length > 0 ? { Tags: record.tags } : {}),
          ...(record.reservedConcurrency !== undefined
            ? { Concurrency: { ReservedConcurrentExecutions: record.reservedConcurrency } }
            : {}),
        });
      },
    },
    {
      operation: 'GetFunctionConfiguration',
      method: 'GET',
      pattern: path('/2015-03-31/functions/{FunctionName}/configuration'),
      handle: async (req, p) => {
        const { name, qualifier } = fn(p.FunctionName ?? '', req.query.get('Qualifier'));
        return json(200, service.configuration(name, qualifier));
      },
    },
    {
      operation: 'UpdateFunctionCode',
      method: 'PUT',
      pattern: path('/2015-03-31/functions/{FunctionName}/code'),
      handle: async (req, p) =>
        json(
          200,
          await service.updateCode(
            fn(p.FunctionName ?? '').name,
            parseBody<CodeBody & { RevisionId?: string }>(req.body),
          ),
        ),
    },
    {
      operation: 'UpdateFunctionConfiguration',
      method: 'PUT',
      pattern: path('/2015-03-31/functions/{FunctionName}/configuration'),
      handle: async (req, p) =>
        json(
          200,
          await service.updateConfiguration(
            fn(p.FunctionName ?? '').name,
            parseBody<ConfigurationBody & { RevisionId?: string }>(req.body),
          ),
        ),
    },
    {
      operation: 'DeleteFunction',
      method: 'DELETE',
      pattern: path('/2015-03-31/functions/{FunctionName}'),
      handle: async (req, p) => {
        const { name, qualifier } = fn(p.FunctionName ?? '', req.query.get('Qualifier'));
        await service.remove(name, qualifier);
        return empty(204);
      },
    },
  ];
}
