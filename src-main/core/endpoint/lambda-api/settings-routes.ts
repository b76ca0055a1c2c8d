import {
  deleteProvisioned,
  deleteReservedConcurrency,
  getProvisioned,
  listProvisioned,
  putProvisioned,
  putReservedConcurrency,
} from '../../lambda-service/concurrency';
import { parseFunctionName } from '../../lambda-service/function-name';
import type { LambdaService } from '../../lambda-service/lambda-service';
import type { LayerService, PublishLayerBody } from '../../lambda-service/layer-service';
import { empty, json, parseBody } from './rest-json';
import { path, type Route } from './route-table';

/** Reserved and provisioned concurrency, GetAccountSettings, and the layer operations. */
export function settingsRoutes(service: LambdaService, layers: LayerService): Route[] {
  const name = (p: Record<string, string>): string => parseFunctionName(p.FunctionName ?? '').name;
  // The qualifier may come in the query or inside the name (`fn:1`), as for every Lambda operation.
  const qualifier = (p: Record<string, string>, q: URLSearchParams): string | undefined =>
    parseFunctionName(p.FunctionName ?? '', q.get('Qualifier')).qualifier;
  const layerName = (p: Record<string, string>): string =>
    (p.LayerName ?? '').replace(/^arn:aws[a-zA-Z-]*:lambda:[^:]+:\d{12}:layer:/, '');
  return [
    {
      operation: 'PutFunctionConcurrency',
      method: 'PUT',
      pattern: path('/2017-10-31/functions/{FunctionName}/concurrency'),
      handle: async (req, p) =>
        json(
          200,
          await service.exclusive(name(p), () =>
            putReservedConcurrency(
              service,
              name(p),
              parseBody<{ ReservedConcurrentExecutions?: number }>(req.body)
                .ReservedConcurrentExecutions,
            ),
          ),
        ),
    },
    {
      operation: 'GetFunctionConcurrency',
      method: 'GET',
      pattern: path('/2019-09-30/functions/{FunctionName}/concurrency'),
      handle: async (_req, p) => {
        const value = service.require(name(p)).reservedConcurrency;
        return json(200, value === undefined ? {} : { ReservedConcurrentExecutions: value });
      },
    },
    {
      operation: 'DeleteFunctionConcurrency',
      method: 'DELETE',
      pattern: path('/2017-10-31/functions/{FunctionName}/concurrency'),
      handle: async (_req, p) => {
        await service.exclusive(name(p), () => deleteReservedConcurrency(service, name(p)));
        return empty(204);
      },
    },
    {
      operation: 'PutProvisionedConcurrencyConfig',
      method: 'PUT',
      pattern: path('/2019-09-30/functions/{FunctionName}/provisioned-concurrency'),
      handle: async (req, p) =>
        json(
          202,
          await service.exclusive(name(p), () =>
            putProvisioned(
              service,
              name(p),
              qualifier(p, req.query),
              parseBody<{ ProvisionedConcurrentExecutions?: number }>(req.body)
                .ProvisionedConcurrentExecutions,
            ),
          ),
        ),
    },
    {
      operation: 'GetProvisionedConcurrencyConfig',
      method: 'GET',
      pattern: path('/2019-09-30/functions/{FunctionName}/provisioned-concurrency'),
      handle: async (req, p) =>
        req.query.get('List') === 'ALL'
          ? json(200, listProvisioned(service, name(p)))
          : json(200, getProvisioned(service, name(p), qualifier(p, req.query))),
    },
    {
      operation: 'DeleteProvisionedConcurrencyConfig',
      method: 'DELETE',
      pattern: path('/2019-09-30/functions/{FunctionName}/provisioned-concurrency'),
      handle: async (req, p) => {
        await service.exclusive(name(p), () =>
          deleteProvisioned(service, name(p), qualifier(p, req.query)),
        );
        return empty(204);
      },
    },
    {
      operation: 'GetAccountSettings',
      method: 'GET',
      pattern: path('/2016-08-19/account-settings'),
      handle: async () => {
        const functions = [...service.functions.values()];
        const limit = service.options.engine.accountConcurrency;
        const reserved = functions.reduce((sum, f) => sum + (f.reservedConcurrency ?? 0), 0);
        const totalCodeSize = functions.reduce(
          (sum, f) => sum + [f.latest, ...f.versions].reduce((s, v) => s + v.code.size, 0),
          0,
        );
        return json(200, {
          AccountLimit: {
            TotalCodeSize: 80_530_636_800,
            CodeSizeUnzipped: 262_144_000,
            CodeSizeZipped: 52_428_800,
            ConcurrentExecutions: limit,
            UnreservedConcurrentExecutions: limit - reserved,
          },
          AccountUsage: { TotalCodeSize: totalCodeSize, FunctionCount: functions.length },
        });
      },
    },
    {
      operation: 'PublishLayerVersion',
      method: 'POST',
      pattern: path('/2018-10-31/layers/{LayerName}/versions'),
      handle: async (req, p) =>
        json(201, layers.publish(layerName(p), parseBody<PublishLayerBody>(req.body))),
    },
    {
      operation: 'ListLayerVersions',
      method: 'GET',
      pattern: path('/2018-10-31/layers/{LayerName}/versions'),
      handle: async (_req, p) => json(200, layers.versions(layerName(p))),
    },
    {
      operation: 'GetLayerVersion',
      method: 'GET',
      pattern: path('/2018-10-31/layers/{LayerName}/versions/{VersionNumber}'),
      handle: async (_req, p) => json(200, layers.get(layerName(p), Number(p.VersionNumber))),
    },
    {
      operation: 'DeleteLayerVersion',
      method: 'DELETE',
      pattern: path('/2018-10-31/layers/{LayerName}/versions/{VersionNumber}'),
      handle: async (_req, p) => {
        layers.delete(layerName(p), Number(p.VersionNumber));
        return empty(204);
      },
    },
    {
      operation: 'ListLayers',
      method: 'GET',
      pattern: path('/2018-10-31/layers'),
      // GetLayerVersionByArn shares the path: GET /2018-10-31/layers?find=LayerVersion&Arn=...
      handle: async (req) =>
        req.query.get('find') === 'LayerVersion'
          ? json(200, layers.getByArn(req.query.get('Arn') ?? ''))
          : json(200, layers.list()),
    },
  ];
}
