import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { FIXTURES } from '../engine-harness';

const CLI = path.resolve(FIXTURES, '..', '..', 'src-main', 'cli', 'lambda-workbench.mjs');

/** A `lambda-workbench serve` child process and what it printed. */
export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** Everything written to stdout and stderr so far. */
  output(): string;
}

/** Starts `serve --port 0` on a data folder and waits for the printed URL and credentials. */
export function startServe(dataDir: string): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${text}`)), 20_000);
    const check = (): void => {
      const url = /local endpoint: (http:\/\/\S+)/.exec(text)?.[1];
      const key = /Access key id:\s+(\S+)/.exec(text)?.[1];
      const secret = /Secret access key:\s+(\S+)/.exec(text)?.[1];
      if (url && key && secret && text.includes('Press Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, url, accessKeyId: key, secretAccessKey: secret, output: () => text });
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${text}`)));
  });
}

/** Sends a signal and waits for the process to end; resolves to its exit code. */
export function stopServe(
  serve: ServeProcess,
  signal: NodeJS.Signals = 'SIGINT',
): Promise<number | null> {
  return new Promise((resolve) => {
    serve.child.once('exit', (code) => resolve(code));
    serve.child.kill(signal);
  });
}
