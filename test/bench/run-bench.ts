/**
 * `npm run bench`: the engine's speed next to floors and a peer measured in the same run on the
 * same machine. Not a test: it prints figures and ratios (targets: warm p50 <= 1.5x lambda-local's
 * in-process time, cold start <= 1.3x a bare `node -e "require(handler)"` process start).
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import lambdaLocal from 'lambda-local';
import { LambdaEngine } from '../../src-main/core/invoke/lambda-engine';
import { interleaved, percentile, sample, table, type Row } from './bench-stats';
import { endpointRows } from './endpoint-bench';

const here = path.dirname(fileURLToPath(import.meta.url));
const nodeHandlerDir = path.join(here, 'handlers', 'node');
const pythonHandlerDir = path.join(here, 'handlers', 'python');
const nodeRuntime = `nodejs${process.versions.node.split('.')[0]}.x`;
const WARM = Number(process.env.BENCH_WARM ?? 500);
const COLD = Number(process.env.BENCH_COLD ?? 15);
// The same warm-up for every measured path: V8 must JIT-compile our engine as it does lambda-local.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1000);

async function bareNodeStart(): Promise<number[]> {
  const script = `require(${JSON.stringify(path.join(nodeHandlerDir, 'index.js'))})`;
  return sample(
    COLD,
    () => new Promise((resolve) => spawn('node', ['-e', script]).on('exit', resolve)),
    2,
  );
}

async function loopbackRoundTrip(): Promise<number[]> {
  const server = http.createServer((_req, res) => res.end('{}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (): Promise<void> =>
    new Promise((resolve) =>
      http.get({ port, host: '127.0.0.1', agent }, (res) => res.resume().on('end', resolve)),
    );
  const times = await sample(WARM, get, 20);
  agent.destroy();
  server.close();
  return times;
}

/** One in-process lambda-local invocation of the same handler (the peer). */
function lambdaLocalOnce(): Promise<unknown> {
  return lambdaLocal.execute({
    event: { n: 1 },
    lambdaPath: path.join(nodeHandlerDir, 'index.js'),
    timeoutMs: 3000,
    verboseLevel: 0,
  });
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lwb-bench-'));
  const engine = new LambdaEngine({ dataDir });
  const rows: Row[] = [];
  try {
    const bare = percentile(await bareNodeStart(), 50);
    const loop = percentile(await loopbackRoundTrip(), 50);
    lambdaLocal.getLogger().level = 'error';
    await engine.deploy({
      name: 'bench-node',
      runtime: nodeRuntime,
      handler: 'index.handler',
      code: nodeHandlerDir,
    });
    await engine.deploy({
      name: 'bench-python',
      runtime: 'python3.11',
      handler: 'app.handler',
      code: pythonHandlerDir,
    });
    // Interleaved rounds with the same warm-up: JIT and machine drift hit both paths alike.
    const [node, peer] = await interleaved(
      () => engine.invoke('bench-node', '{"n":1}'),
      lambdaLocalOnce,
      WARM,
      WARMUP,
    );
    const python = await sample(WARM, () => engine.invoke('bench-python', '{"n":1}'), WARMUP);
    const cold: number[] = [];
    for (let i = 0; i < COLD; i += 1) {
      await engine.deploy({
        name: 'bench-cold',
        runtime: nodeRuntime,
        handler: 'index.handler',
        code: nodeHandlerDir,
      });
      const start = performance.now();
      await engine.invoke('bench-cold', '{"n":1}');
      cold.push(performance.now() - start);
    }
    rows.push(
      { name: 'floor: bare node -e require(handler), p50', value: bare, unit: 'ms' },
      { name: 'floor: loopback HTTP round trip, p50', value: loop, unit: 'ms' },
      { name: 'peer: lambda-local in-process, p50', value: percentile(peer, 50), unit: 'ms' },
      { name: 'peer: lambda-local in-process, p99', value: percentile(peer, 99), unit: 'ms' },
      {
        name: 'warm invoke, Node, p50',
        value: percentile(node, 50),
        unit: 'ms',
        baselineName: 'lambda-local',
        baseline: percentile(peer, 50),
        target: 1.5,
      },
      {
        name: 'warm invoke, Node, p99',
        value: percentile(node, 99),
        unit: 'ms',
        baselineName: 'lambda-local',
        baseline: percentile(peer, 99),
      },
      {
        name: 'warm invoke, Node, p50 vs loopback',
        value: percentile(node, 50),
        unit: 'ms',
        baselineName: 'loopback',
        baseline: loop,
      },
      {
        name: 'warm invoke, Python, p50',
        value: percentile(python, 50),
        unit: 'ms',
        baselineName: 'loopback',
        baseline: loop,
      },
      { name: 'warm invoke, Python, p99', value: percentile(python, 99), unit: 'ms' },
      {
        name: 'cold start (invoke incl. INIT), Node, p50',
        value: percentile(cold, 50),
        unit: 'ms',
        baselineName: 'bare node',
        baseline: bare,
        target: 1.3,
      },
    );
    for (const concurrency of [1, 2, 4]) {
      await engine.deploy({
        name: 'bench-tp',
        runtime: nodeRuntime,
        handler: 'index.handler',
        code: nodeHandlerDir,
      });
      await Promise.all(Array.from({ length: concurrency }, () => engine.invoke('bench-tp', '{}')));
      const total = 400 * concurrency;
      let left = total;
      const start = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (left > 0) {
            left -= 1;
            await engine.invoke('bench-tp', '{"n":1}');
          }
        }),
      );
      const perSecond = total / ((performance.now() - start) / 1000);
      rows.push({
        name: `throughput, ${concurrency} concurrent environment(s)`,
        value: perSecond,
        unit: 'inv/s',
      });
    }
    rows.push(...(await endpointRows(nodeHandlerDir, nodeRuntime, WARM, WARMUP)));
    process.stdout.write(
      `Lambda Workbench benchmark (${os.cpus().length} cores, Node ${process.version}, ${WARM} warm samples)\n\n`,
    );
    process.stdout.write(`${table(rows)}\n`);
  } finally {
    await engine.shutdown();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
