import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LambdaClient, type Runtime } from '@aws-sdk/client-lambda';
import { zipSync } from 'fflate';
import { EndpointServer, type Authenticate } from '../../../src-main/core/endpoint/endpoint-server';
import { createLambdaApi } from '../../../src-main/core/endpoint/lambda-api/lambda-api';
import { LambdaEngine } from '../../../src-main/core/invoke/lambda-engine';
import { LambdaService } from '../../../src-main/core/lambda-service/lambda-service';
import { LayerService } from '../../../src-main/core/lambda-service/layer-service';

/** A zip of the given files, as CreateFunction's ZipFile wants it. */
export function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(
    Object.fromEntries(
      Object.entries(files).map(([name, text]) => [name, new TextEncoder().encode(text)]),
    ),
  );
}

/** A Node handler zip: `index.handler` returns the event and a few context fields. */
export const ECHO_ZIP = zipOf({
  'index.js':
    "exports.handler = async (event, context) => { console.log('echo', JSON.stringify(event)); if (event.fail) throw new Error('asked to fail'); return { event, version: context.functionVersion, arn: context.invokedFunctionArn, clientContext: context.clientContext ?? null }; };",
  'package.json': '{"type":"commonjs"}',
});

/** The local Node runtime id. */
export const NODE_RUNTIME = `nodejs${process.versions.node.split('.')[0]}.x` as Runtime;

/** A role ARN for CreateFunction (required by the API). */
export const ROLE = 'arn:aws:iam::123456789012:role/lambda-role';

/** An endpoint over a fresh data folder, and an SDK client pointed at it. */
export async function startEndpoint(
  options: {
    dataDir?: string;
    authenticate?: Authenticate;
    settleMs?: number;
    maxBodyBytes?: number;
  } = {},
) {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'lwb-endpoint-'));
  const engine = new LambdaEngine({ dataDir, asyncRetryDelaysMs: [50, 50] });
  const layers = new LayerService(dataDir, 'us-east-1', '123456789012');
  const service = new LambdaService({
    dataDir,
    engine,
    region: 'us-east-1',
    accountId: '123456789012',
    settleMs: options.settleMs ?? 300,
    layerCode: (arn) => layers.codeOf(arn),
    layerAvailable: (arn) => layers.isAvailable(arn),
  });
  const server = new EndpointServer({
    apis: [
      createLambdaApi(
        service,
        layers,
        async (host, name, version) => `http://${host}/_lwb/code/${name}/${version}`,
      ),
    ],
    maxBodyBytes: options.maxBodyBytes,
    authenticate:
      options.authenticate ?? (async () => ({ region: 'us-east-1', service: 'lambda' })),
  });
  const url = await server.listen();
  const lambda = new LambdaClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  return {
    dataDir,
    url,
    lambda,
    service,
    engine,
    /** Stops the server and engine; removes the data folder unless `keepData`. */
    close: async (keepData = false) => {
      lambda.destroy();
      await server.close();
      await engine.shutdown();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
