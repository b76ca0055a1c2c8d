import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalEndpoint } from '../core/endpoint/local-endpoint';
import { CREDENTIALS_FILE } from '../core/endpoint/auth/local-credentials';
import { defaultDataDir } from './data-dir';

/** Help text of `lambda-workbench serve`. */
export const SERVE_USAGE = `Usage: lambda-workbench serve [--port 9001] [--host 127.0.0.1] [--data-dir DIR] [--region us-east-1]

Serves the local engine as an AWS endpoint: the Lambda API and the CloudWatch Logs API, signed
with SigV4 by the credentials it prints. Use it with the AWS CLI and SDKs:
  aws --endpoint-url http://127.0.0.1:9001 lambda list-functions

Options:
  --port N        Port to listen on (default 9001; 0 picks a free one)
  --host H        Interface to bind (default 127.0.0.1; anything else exposes it to the network)
  --data-dir DIR  Where functions, code, layers and logs are kept (default: the app data folder)
  --region R      The region the endpoint answers as (default us-east-1)`;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** `lambda-workbench serve`: runs until Ctrl-C, then stops environments and flushes state. */
export async function serveCommand(argv: readonly string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        region: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n\n${SERVE_USAGE}\n`,
    );
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${SERVE_USAGE}\n`);
    return 0;
  }
  const host = values.host ?? '127.0.0.1';
  const port = Number(values.port ?? 9001);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port expects a port number, got '${values.port}'.\n`);
    return 2;
  }
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  if (!LOOPBACK.has(host)) {
    process.stderr.write(
      `WARNING: binding to ${host} exposes the endpoint beyond this machine. Requests still need the printed credentials.\n`,
    );
  }
  let endpoint;
  try {
    endpoint = await startLocalEndpoint({ dataDir, host, port, region: values.region });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EADDRINUSE'
        ? `port ${port} on ${host} is already in use; stop the other server or pick another port (--port 0 picks a free one).`
        : code === 'EADDRNOTAVAIL'
          ? `${host} is not an address of this machine; use --host 127.0.0.1.`
          : error instanceof Error
            ? error.message
            : String(error);
    process.stderr.write(`Cannot start the local endpoint: ${reason}\n`);
    return 1;
  }
  for (const warning of endpoint.warnings) process.stderr.write(`Warning: ${warning}\n`);
  const { accessKeyId, secretAccessKey } = endpoint.credentials;
  process.stdout.write(
    [
      `Lambda Workbench local endpoint: ${endpoint.url}`,
      `  Region:            ${endpoint.region}`,
      `  Access key id:     ${accessKeyId}`,
      `  Secret access key: ${secretAccessKey}`,
      `  Data folder:       ${dataDir} (credentials in ${CREDENTIALS_FILE}, owner-only)`,
      '',
      'Use it from a shell:',
      `  export AWS_ACCESS_KEY_ID=${accessKeyId} AWS_SECRET_ACCESS_KEY=${secretAccessKey} AWS_REGION=${endpoint.region} AWS_DEFAULT_REGION=${endpoint.region}`,
      `  aws --endpoint-url ${endpoint.url} lambda list-functions`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    const stop = (): void => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stderr.write('Stopping: shutting environments down and flushing state...\n');
  await endpoint.close();
  return 0;
}
