import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  waitUntilFunctionActiveV2,
  type Runtime,
} from '@aws-sdk/client-lambda';
import { zipSync } from 'fflate';
import { startLocalEndpoint } from '../../src-main/core/endpoint/local-endpoint';
import { interleaved, percentile, type Row } from './bench-stats';

/** Invoke latency through @aws-sdk/client-lambda and the signed local endpoint, next to the same engine called directly. */
export async function endpointRows(
  handlerDir: string,
  runtime: string,
  warm: number,
  warmup: number,
): Promise<Row[]> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lwb-bench-endpoint-'));
  const endpoint = await startLocalEndpoint({ dataDir, port: 0, settleMs: 0 });
  const lambda = new LambdaClient({
    endpoint: endpoint.url,
    region: endpoint.region,
    credentials: endpoint.credentials,
  });
  try {
    const zip = zipSync({
      'index.js': readFileSync(path.join(handlerDir, 'index.js')),
      'package.json': readFileSync(path.join(handlerDir, 'package.json')),
    });
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'bench-endpoint',
        Runtime: runtime as Runtime,
        Role: 'arn:aws:iam::123456789012:role/bench',
        Handler: 'index.handler',
        Code: { ZipFile: zip },
      }),
    );
    await waitUntilFunctionActiveV2(
      { client: lambda, maxWaitTime: 30, minDelay: 1, maxDelay: 1 },
      { FunctionName: 'bench-endpoint' },
    );
    const payload = Buffer.from('{"n":1}');
    const [viaSdk, direct] = await interleaved(
      () => lambda.send(new InvokeCommand({ FunctionName: 'bench-endpoint', Payload: payload })),
      () => endpoint.engine.invoke('bench-endpoint', payload),
      warm,
      warmup,
    );
    const base = percentile(direct, 50);
    return [
      {
        name: 'invoke via SDK + local endpoint, p50',
        value: percentile(viaSdk, 50),
        unit: 'ms',
        baselineName: 'engine direct',
        baseline: base,
      },
      {
        name: 'invoke via SDK + local endpoint, p99',
        value: percentile(viaSdk, 99),
        unit: 'ms',
        baselineName: 'engine direct',
        baseline: percentile(direct, 99),
      },
    ];
  } finally {
    lambda.destroy();
    await endpoint.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
