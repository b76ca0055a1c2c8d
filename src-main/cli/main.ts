import { invokeCommand } from './invoke-command';
import { serveCommand } from './serve-command';

const USAGE = `Usage: lambda-workbench <command> [options]

Commands:
  invoke DIR|ZIP|NAME   Run a function locally, like \`sam local invoke\`: response on stdout,
                        Lambda-formatted logs on stderr, non-zero exit on function error.
  serve                 Serve the local engine as an AWS endpoint (Lambda and CloudWatch Logs
                        APIs, SigV4) for the AWS CLI and SDKs.
  help                  Show this text.

Run \`lambda-workbench <command> --help\` for a command's options.`;

/** Entry point of the lambda-workbench command; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'invoke':
      return invokeCommand(rest);
    case 'serve':
      return serveCommand(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`Unknown command '${command}'.\n\n${USAGE}\n`);
      return 2;
  }
}
