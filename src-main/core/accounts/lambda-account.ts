import {
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  paginateListFunctions,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import type { FunctionDetail, FunctionSummary } from '../../contract/functions';
import type { InvokeOutcome } from '../../contract/invoke';
import { parseReportLine } from '../logs/report-parser';
import { invocationCostUsd } from '../pricing/lambda-pricing';

/** How to reach one account's Lambda API: the local endpoint, or AWS with a profile's credentials. */
export interface AccountConnection {
  readonly endpoint?: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/**
 * One account's functions through the AWS SDK. The Local account is the same code with the local
 * endpoint as its endpoint, so the screens use one path for local and remote (issue 5).
 */
export class LambdaAccount {
  private readonly clients = new Map<string, LambdaClient>();

  constructor(private readonly connection: AccountConnection) {}

  /** Every function of a region, all pages. */
  async listFunctions(region: string): Promise<FunctionSummary[]> {
    const out: FunctionSummary[] = [];
    for await (const page of paginateListFunctions({ client: this.client(region) }, {})) {
      for (const config of page.Functions ?? []) out.push(summaryOf(config));
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** One function's configuration (at a qualifier). */
  async getFunction(region: string, name: string, qualifier?: string): Promise<FunctionDetail> {
    const out = await this.client(region).send(
      new GetFunctionCommand({ FunctionName: name, Qualifier: qualifier }),
    );
    const config = out.Configuration ?? {};
    return {
      ...summaryOf(config),
      version: config.Version ?? '$LATEST',
      state: config.State,
      lastUpdateStatus: config.LastUpdateStatus,
      environment: { ...(config.Environment?.Variables ?? {}) },
      layers: (config.Layers ?? []).map((l) => l.Arn ?? ''),
      ephemeralStorageMb: config.EphemeralStorage?.Size ?? 512,
      reservedConcurrency: out.Concurrency?.ReservedConcurrentExecutions,
      revisionId: config.RevisionId ?? '',
      codeSha256: config.CodeSha256 ?? '',
    };
  }

  /** Invokes with the log tail and reads the REPORT line, so local and remote results carry the same figures. */
  async invoke(
    region: string,
    request: {
      functionName: string;
      qualifier?: string;
      payload: string;
      invocationType: 'RequestResponse' | 'Event' | 'DryRun';
    },
  ): Promise<InvokeOutcome> {
    const sync = request.invocationType === 'RequestResponse';
    const out = await this.client(region).send(
      new InvokeCommand({
        FunctionName: request.functionName,
        Qualifier: request.qualifier,
        InvocationType: request.invocationType,
        LogType: sync ? 'Tail' : undefined,
        Payload: Buffer.from(request.payload),
      }),
    );
    const logs = out.LogResult ? Buffer.from(out.LogResult, 'base64').toString('utf8') : '';
    const report = parseReportLine(logs);
    const architecture = report
      ? await this.architectureOf(region, request.functionName, request.qualifier)
      : 'x86_64';
    return {
      statusCode: out.StatusCode ?? 0,
      requestId: report?.requestId ?? out.$metadata.requestId,
      executedVersion: out.ExecutedVersion,
      payload: Buffer.from(out.Payload ?? new Uint8Array()).toString('utf8'),
      functionError: out.FunctionError,
      logs,
      figures: report && {
        durationMs: report.durationMs,
        billedDurationMs: report.billedDurationMs,
        memorySizeMb: report.memorySizeMb,
        maxMemoryUsedMb: report.maxMemoryUsedMb,
        initDurationMs: report.initDurationMs,
        coldStart: report.initDurationMs !== undefined,
        costUsd: invocationCostUsd(report.billedDurationMs, report.memorySizeMb, architecture),
      },
    };
  }

  /** Closes the SDK clients. */
  close(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }

  private async architectureOf(
    region: string,
    name: string,
    qualifier?: string,
  ): Promise<'x86_64' | 'arm64'> {
    return (await this.getFunction(region, name, qualifier)).architecture;
  }

  private client(region: string): LambdaClient {
    let client = this.clients.get(region);
    if (!client) {
      client = new LambdaClient({
        region,
        endpoint: this.connection.endpoint,
        credentials: this.connection.credentials,
      });
      this.clients.set(region, client);
    }
    return client;
  }
}

function summaryOf(config: FunctionConfiguration): FunctionSummary {
  return {
    name: config.FunctionName ?? '',
    arn: config.FunctionArn ?? '',
    runtime: config.Runtime ?? 'unknown',
    handler: config.Handler ?? '',
    memoryMb: config.MemorySize ?? 128,
    timeoutSec: config.Timeout ?? 3,
    architecture: config.Architectures?.[0] === 'arm64' ? 'arm64' : 'x86_64',
    codeSize: config.CodeSize ?? 0,
    lastModified: config.LastModified ?? '',
    description: config.Description ?? '',
  };
}
