import {
  createAlias,
  deleteAlias,
  getAlias,
  listAliases,
  updateAlias,
  type AliasBody,
} from '../../lambda-service/aliases';
import { parseFunctionName } from '../../lambda-service/function-name';
import type { LambdaService } from '../../lambda-service/lambda-service';
import { listVersions, publishVersion } from '../../lambda-service/versions';
import { empty, intParam, json, parseBody } from './rest-json';
import { path, type Route } from './route-table';

/** PublishVersion, ListVersionsByFunction and the alias operations. */
export function versionRoutes(service: LambdaService): Route[] {
  const name = (p: Record<string, string>): string => parseFunctionName(p.FunctionName ?? '').name;
  const page = (query: URLSearchParams) => ({
    marker: query.get('Marker') ?? undefined,
    maxItems: intParam('maxItems', query.get('MaxItems'), 1, 10_000),
  });
  return [
    {
      operation: 'PublishVersion',
      method: 'POST',
      pattern: path('/2015-03-31/functions/{FunctionName}/versions'),
      handle: async (req, p) =>
        json(
          201,
          await service.exclusive(name(p), () =>
            publishVersion(service, name(p), parseBody(req.body)),
          ),
        ),
    },
    {
      operation: 'ListVersionsByFunction',
      method: 'GET',
      pattern: path('/2015-03-31/functions/{FunctionName}/versions'),
      handle: async (req, p) => json(200, listVersions(service, name(p), page(req.query))),
    },
    {
      operation: 'CreateAlias',
      method: 'POST',
      pattern: path('/2015-03-31/functions/{FunctionName}/aliases'),
      handle: async (req, p) =>
        json(
          201,
          await service.exclusive(name(p), () =>
            createAlias(service, name(p), parseBody<AliasBody>(req.body)),
          ),
        ),
    },
    {
      operation: 'ListAliases',
      method: 'GET',
      pattern: path('/2015-03-31/functions/{FunctionName}/aliases'),
      handle: async (req, p) =>
        json(
          200,
          listAliases(service, name(p), {
            ...page(req.query),
            functionVersion: req.query.get('FunctionVersion') ?? undefined,
          }),
        ),
    },
    {
      operation: 'GetAlias',
      method: 'GET',
      pattern: path('/2015-03-31/functions/{FunctionName}/aliases/{Name}'),
      handle: async (_req, p) => json(200, getAlias(service, name(p), p.Name ?? '')),
    },
    {
      operation: 'UpdateAlias',
      method: 'PUT',
      pattern: path('/2015-03-31/functions/{FunctionName}/aliases/{Name}'),
      handle: async (req, p) =>
        json(
          200,
          await service.exclusive(name(p), () =>
            updateAlias(service, name(p), p.Name ?? '', parseBody<AliasBody>(req.body)),
          ),
        ),
    },
    {
      operation: 'DeleteAlias',
      method: 'DELETE',
      pattern: path('/2015-03-31/functions/{FunctionName}/aliases/{Name}'),
      handle: async (_req, p) => {
        await service.exclusive(name(p), () => deleteAlias(service, name(p), p.Name ?? ''));
        return empty(204);
      },
    },
  ];
}
