import { parseArgs } from 'node:util';

/** Help text of `lambda-workbench invoke`. */
export const INVOKE_USAGE = `Usage: lambda-workbench invoke DIR|ZIP|NAME [options]

DIR or ZIP is a function's code; with a SAM template.yaml in DIR (or the current folder), NAME is
a function's logical id. The response goes to stdout, Lambda's logs to stderr.

Options:
  --event FILE|-          Event JSON from a file or stdin (default: {})
  --handler H             Handler, e.g. index.handler (default: guessed from the code)
  --runtime R             Runtime, e.g. nodejs22.x, python3.12, provided.al2023 (default: guessed)
  --memory MB             Memory size, 128-10240 (default 128)
  --timeout S             Timeout in seconds, 1-900 (default 3)
  --env K=V               Environment variable (repeatable)
  --env-file FILE         Environment variables from a .env file
  --layer PATH            Layer folder or .zip, applied in order (repeatable, at most 5)
  --function NAME         Function to run when the template has several
  --template FILE         SAM template (default: template.yaml in DIR or the current folder)
  --parameter-overrides K=V  Template parameter (repeatable)
  --region R              Region the function believes it runs in (default us-east-1)
  --runtime-path ID=PATH  Executable for a runtime or family, e.g. python3.12=/usr/bin/python3.12
  --log-format Text|JSON  Lambda log format (default Text)
  --data-dir DIR          Where extracted code and temp folders go (default: app data folder)`;

/** Parsed `invoke` command line. */
export interface InvokeArgs {
  readonly target?: string;
  readonly event?: string;
  readonly handler?: string;
  readonly runtime?: string;
  readonly memory?: number;
  readonly timeout?: number;
  readonly env: readonly string[];
  readonly envFile?: string;
  readonly layers: readonly string[];
  readonly functionName?: string;
  readonly template?: string;
  readonly parameterOverrides: readonly string[];
  readonly region?: string;
  readonly runtimePaths: readonly string[];
  readonly logFormat?: string;
  readonly dataDir?: string;
  readonly help: boolean;
}

/** Parses the invoke options; throws with a readable message on unknown or malformed options. */
export function parseInvokeArgs(argv: readonly string[]): InvokeArgs {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      event: { type: 'string', short: 'e' },
      handler: { type: 'string' },
      runtime: { type: 'string' },
      memory: { type: 'string' },
      timeout: { type: 'string' },
      env: { type: 'string', multiple: true },
      'env-file': { type: 'string' },
      layer: { type: 'string', multiple: true },
      function: { type: 'string' },
      template: { type: 'string', short: 't' },
      'parameter-overrides': { type: 'string', multiple: true },
      region: { type: 'string' },
      'runtime-path': { type: 'string', multiple: true },
      'log-format': { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (positionals.length > 2)
    throw new Error(`Unexpected arguments: ${positionals.slice(2).join(' ')}`);
  return {
    target: positionals[0],
    functionName: values.function ?? positionals[1],
    event: values.event,
    handler: values.handler,
    runtime: values.runtime,
    memory: numberOption('--memory', values.memory),
    timeout: numberOption('--timeout', values.timeout),
    env: values.env ?? [],
    envFile: values['env-file'],
    layers: values.layer ?? [],
    template: values.template,
    parameterOverrides: values['parameter-overrides'] ?? [],
    region: values.region,
    runtimePaths: values['runtime-path'] ?? [],
    logFormat: values['log-format'],
    dataDir: values['data-dir'],
    help: values.help ?? false,
  };
}

/** Splits `K=V` pairs into a map; a pair without `=` is an error naming the option. */
export function keyValues(option: string, pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`${option} expects KEY=VALUE, got '${pair}'.`);
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${name} expects a number, got '${value}'.`);
  return n;
}
