import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { openPersistentLogStore } from '../../../src-main/core/logs/log-persistence';
import { startLogsApi, type LogsHarness } from './logs-harness';

let harness: LogsHarness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await harness?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('serves events put through the API after the endpoint restarts', async () => {
  dir = await mkdtemp(join(tmpdir(), 'lw-logs-api-'));
  const first = await openPersistentLogStore(dir);
  harness = await startLogsApi(first.store);
  await harness.client.send(new CreateLogGroupCommand({ logGroupName: '/local/app' }));
  await harness.client.send(
    new CreateLogStreamCommand({ logGroupName: '/local/app', logStreamName: 'main' }),
  );
  const now = Date.now();
  await harness.client.send(
    new PutLogEventsCommand({
      logGroupName: '/local/app',
      logStreamName: 'main',
      logEvents: [
        { timestamp: now - 10, message: '{"level":"ERROR","msg":"boom"}' },
        { timestamp: now, message: '{"level":"INFO","msg":"fine"}' },
      ],
    }),
  );
  await harness.close();
  await first.close();

  const second = await openPersistentLogStore(dir);
  harness = await startLogsApi(second.store);
  const out = await harness.client.send(
    new FilterLogEventsCommand({
      logGroupName: '/local/app',
      filterPattern: '{ $.level = "ERROR" }',
    }),
  );
  expect(out.events?.map((e) => e.message)).toEqual(['{"level":"ERROR","msg":"boom"}']);
  expect(second.warnings).toEqual([]);
  await second.close();
});
