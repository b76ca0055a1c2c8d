import { LambdaError } from '../errors/lambda-error';
import { LambdaEngine, type EngineOptions } from '../invoke/lambda-engine';
import { LambdaService } from '../lambda-service/lambda-service';
import { LayerService } from '../lambda-service/layer-service';
import { openPersistentLogStore } from '../logs/log-persistence';
import { loadOrCreateLocalCredentials } from './auth/local-credentials';
import { presignUrl, CODE_LOCATION_SECONDS } from './auth/presigned-url';
import { verifySigV4 } from './auth/sigv4-verifier';
import { codeDownloadPath, createCodeDownloadApi } from './code-download-api';
import { EndpointServer } from './endpoint-server';
import type { LocalCredentials } from './endpoint-types';
import { createLambdaApi } from './lambda-api/lambda-api';
import { createLogsApi } from './logs-api/logs-api';

/** Settings of a local endpoint; only the data folder is required. */
export interface LocalEndpointOptions extends Partial<Omit<EngineOptions, 'dataDir' | 'logStore'>> {
  readonly dataDir: string;
  readonly host?: string;
  readonly port?: number;
  /** How long Pending / InProgress last (default 500 ms). */
  readonly settleMs?: number;
}

/** A running local endpoint: the URL and credentials for clients, its parts, and how to stop it. */
export interface LocalEndpoint {
  readonly url: string;
  readonly credentials: LocalCredentials;
  readonly region: string;
  readonly engine: LambdaEngine;
  readonly service: LambdaService;
  /** Files that could not be loaded (reported, never fatal). */
  readonly warnings: readonly string[];
  /** Stops serving, shuts environments down, flushes logs. */
  close(): Promise<void>;
}

/** Builds the engine, the Lambda and Logs services over one data folder, and serves them with SigV4. */
export async function startLocalEndpoint(options: LocalEndpointOptions): Promise<LocalEndpoint> {
  const { dataDir } = options;
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const credentials = loadOrCreateLocalCredentials(dataDir);
  const logs = await openPersistentLogStore(dataDir);
  const engine = new LambdaEngine({ ...options, dataDir, region, accountId, logStore: logs.store });
  const layers = new LayerService(dataDir, region, accountId);
  const service = new LambdaService({
    dataDir,
    engine,
    region,
    accountId,
    settleMs: options.settleMs,
    layerCode: (arn) => layers.codeOf(arn),
    layerAvailable: (arn) => layers.isAvailable(arn),
  });
  const codeLocation = (host: string, name: string, version: string): Promise<string> =>
    presignUrl({
      origin: `http://${host}`,
      path: codeDownloadPath(name, version),
      credentials,
      region,
      expiresInSeconds: CODE_LOCATION_SECONDS,
    });
  const server = new EndpointServer({
    apis: [
      createCodeDownloadApi(service),
      createLambdaApi(service, layers, codeLocation),
      createLogsApi(logs.store, { region, accountId }),
    ],
    authenticate: async (request) => {
      const scope = await verifySigV4(request, credentials);
      // One endpoint serves one region: state is not kept per region.
      if (scope.region !== region) {
        throw new LambdaError(
          'InvalidSignatureException',
          `Credential should be scoped to a valid region, not '${scope.region}'. This local endpoint serves ${region}; start it with --region ${scope.region} to serve that region.`,
          403,
        );
      }
      return scope;
    },
    accessKeyId: credentials.accessKeyId,
    host: options.host,
    port: options.port,
  });
  let url: string;
  try {
    url = await server.listen();
  } catch (error) {
    await engine.shutdown();
    await logs.close();
    throw error;
  }
  return {
    url,
    credentials,
    region,
    engine,
    service,
    warnings: [...service.loadWarnings, ...layers.loadWarnings, ...logs.warnings],
    close: async () => {
      await server.close();
      await engine.shutdown();
      await logs.close();
    },
  };
}
