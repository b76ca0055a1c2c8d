import { platformLogFor } from '../logs/platform-log';
import type { Deployment } from './deployment';
import { INIT_LIMIT_MS } from './invocation-runner';

/**
 * Provisioned concurrency: initialises `count` environments ahead of any invoke, so their first
 * invoke is warm. Environments that fail INIT are dropped and reported in their log stream.
 */
export async function provisionEnvironments(
  deployment: Deployment,
  count: number,
): Promise<number> {
  const attempts = Array.from({ length: count }, async () => {
    const env = deployment.newEnvironment('provisioned-concurrency');
    const { version, arn } = deployment.runtimeVersion();
    const line = platformLogFor(deployment.def.logFormat).initStart(
      version,
      arn,
      'provisioned-concurrency',
    );
    env.log(`${line}\n`, Date.now());
    const attempt = await env.init(Date.now() + INIT_LIMIT_MS);
    deployment.pool.release(env);
    return attempt.ok;
  });
  return (await Promise.all(attempts)).filter(Boolean).length;
}
