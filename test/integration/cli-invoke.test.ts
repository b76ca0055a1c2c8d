import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from './engine-harness';

const CLI = path.resolve(fixture('..', '..', 'src-main', 'cli', 'lambda-workbench.mjs'));
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lwb-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(args: string[], options: { cwd?: string; input?: string } = {}) {
  const out = spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir], {
    cwd: options.cwd ?? process.cwd(),
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: out.status, stdout: out.stdout, stderr: out.stderr };
}

describe('lambda-workbench invoke', () => {
  it('prints the response on stdout and Lambda logs on stderr, exit 0', () => {
    const event = path.join(dataDir, 'event.json');
    writeFileSync(event, '{"name":"cli"}');
    const run = cli([
      'invoke',
      fixture('nodejs', 'cjs-async'),
      '--event',
      event,
      '--memory',
      '256',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, event: { name: 'cli' } });
    expect(run.stderr).toMatch(/START RequestId: [0-9a-f-]{36} Version: \$LATEST\n/);
    expect(run.stderr).toMatch(/REPORT RequestId: .*\tMemory Size: 256 MB\t/);
  });

  it('reads the event from stdin with --event -', () => {
    const run = cli(
      ['invoke', fixture('python', 'basic'), '--handler', 'app.lambda_handler', '--event', '-'],
      {
        input: '{"from":"stdin"}',
      },
    );
    expect(run.stderr).not.toContain('Error:');
    expect(JSON.parse(run.stdout)).toMatchObject({ event: { from: 'stdin' } });
  });

  it('exits non-zero on a function error, with the error JSON on stdout', () => {
    const run = cli(['invoke', fixture('nodejs', 'throw')]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ errorType: 'Error', errorMessage: 'boom' });
  });

  it('invokes a SAM function by logical id with Globals, !Ref, !Sub and --env overrides', () => {
    const run = cli(['invoke', 'HelloFunction', '--env', 'EXTRA=yes', '--region', 'eu-west-1'], {
      cwd: fixture('sam', 'cli-project'),
    });
    expect(run.stderr).not.toMatch(/^Error/m);
    expect(JSON.parse(run.stdout)).toMatchObject({
      stage: 'dev',
      greeting: 'hello from eu-west-1',
      extra: 'yes',
      memory: '256',
    });
  });

  it('reads --env-file and applies --layer', () => {
    const envFile = path.join(dataDir, 'vars.env');
    writeFileSync(envFile, '# comment\nexport GREETING="from env file"\nEXTRA=file\n');
    const run = cli(['invoke', 'HelloFunction', '--env-file', envFile, '--env', 'EXTRA=flag'], {
      cwd: fixture('sam', 'cli-project'),
    });
    expect(JSON.parse(run.stdout)).toMatchObject({ greeting: 'from env file', extra: 'flag' });
    const layered = cli(
      [
        'invoke',
        fixture('nodejs', 'layer-consumer'),
        '--layer',
        fixture('layers', 'greeting-layer'),
        '--event',
        '-',
      ],
      { input: '{"name":"cli"}' },
    );
    expect(layered.code).toBe(0);
    expect(JSON.parse(layered.stdout).greeting).toContain('cli');
  });

  it('asks which function to run when the template has several', () => {
    const run = cli(['invoke', fixture('sam', 'cli-project')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('defines several functions (HelloFunction, FailFunction)');
  });

  it('rejects a bad definition with the AWS error words', () => {
    const run = cli(['invoke', fixture('nodejs', 'cjs-async'), '--memory', '64']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      "ValidationException: 1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128",
    );
  });

  it('explains a missing runtime executable', () => {
    const run = cli([
      'invoke',
      fixture('nodejs', 'cjs-async'),
      '--runtime-path',
      'nodejs=/nowhere/node',
    ]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ errorType: 'Runtime.InvalidEntrypoint' });
    expect(run.stdout).toContain('/nowhere/node does not exist or is not executable');
  });
});
