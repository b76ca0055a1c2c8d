import { invokeCommand } from './invoke-command';

const USAGE = `Usage: lambda-workbench <command> [options]

Commands:
  invoke DIR|ZIP|NAME   Run a function locally, like \`sam local invoke\`: response on stdout,
                        Lambda-formatted logs on stderr, non-zero exit on function error.
  help                  Show this text.

Run \`lambda-workbench invoke --help\` for the invoke options.`;

/** Entry point of the lambda-workbench command; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'invoke':
      return invokeCommand(rest);
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
