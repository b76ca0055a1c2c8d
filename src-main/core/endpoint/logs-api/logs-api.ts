import { randomUUID } from 'node:crypto';
import { isLambdaError } from '../../errors/lambda-error';
import type { LogStore } from '../../logs/log-store';
import type { EndpointApi, EndpointRequest, EndpointResponse } from '../endpoint-types';
import { describeLogGroups, describeLogStreams } from './describe-ops';
import { filterLogEvents } from './filter-log-events';
import { getLogEvents } from './get-log-events';
import {
  createLogGroup,
  createLogStream,
  deleteLogGroup,
  deleteLogStream,
  deleteRetentionPolicy,
  putRetentionPolicy,
} from './group-ops';
import { DEFAULT_LIVE_TAIL_TIMINGS, type LiveTailTimings } from './live-tail-session';
import type { LogsContext } from './logs-context';
import type { LogsInput } from './logs-params';
import { putLogEvents } from './put-log-events';
import { startLiveTail } from './start-live-tail';

/** Options of the CloudWatch Logs API. */
export interface LogsApiOptions {
  /** Region for ARNs when the request carries none. */
  readonly region: string;
  readonly accountId: string;
  /** Live tail timings; AWS's (1 s updates, 3 h sessions) by default. */
  readonly liveTail?: Partial<LiveTailTimings>;
  readonly now?: () => number;
}

/** awsJson1_1 (reference 8.1): `X-Amz-Target: Logs_20140328.<Operation>`. */
export const LOGS_TARGET_PREFIX = 'Logs_20140328.';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

type JsonOperation = (ctx: LogsContext, input: LogsInput) => Record<string, unknown>;

const OPERATIONS: Readonly<Record<string, JsonOperation>> = {
  DescribeLogGroups: describeLogGroups,
  DescribeLogStreams: describeLogStreams,
  GetLogEvents: getLogEvents,
  FilterLogEvents: filterLogEvents,
  CreateLogGroup: createLogGroup,
  CreateLogStream: createLogStream,
  DeleteLogGroup: deleteLogGroup,
  DeleteLogStream: deleteLogStream,
  PutLogEvents: putLogEvents,
  PutRetentionPolicy: putRetentionPolicy,
  DeleteRetentionPolicy: deleteRetentionPolicy,
};

function targetOf(headers: EndpointRequest['headers']): string {
  const value = headers['x-amz-target'];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function json(status: number, body: unknown, requestId: string): EndpointResponse {
  return {
    status,
    headers: { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId },
    body: JSON.stringify(body),
  };
}

function parseBody(body: Buffer): LogsInput | undefined {
  if (body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as LogsInput)
      : undefined;
  } catch {
    return undefined;
  }
}

/** The endpoint's CloudWatch Logs API over the engine's LogStore. */
export function createLogsApi(store: LogStore, options: LogsApiOptions): EndpointApi {
  const timings = { ...DEFAULT_LIVE_TAIL_TIMINGS, ...options.liveTail };
  return {
    signingName: 'logs',
    matches: (request) =>
      request.method === 'POST' && targetOf(request.headers).startsWith(LOGS_TARGET_PREFIX),

    async handle(request) {
      const requestId = randomUUID();
      const target = targetOf(request.headers);
      const operation = target.slice(LOGS_TARGET_PREFIX.length);
      const input = parseBody(request.body);
      if (!input) {
        return json(
          400,
          { __type: 'SerializationException', message: 'The request body is not a JSON object.' },
          requestId,
        );
      }
      const ctx: LogsContext = {
        store,
        region: request.region || options.region,
        accountId: options.accountId,
        requestId,
        now: options.now ?? Date.now,
      };
      try {
        if (operation === 'StartLiveTail') return startLiveTail(ctx, input, timings);
        const handler = Object.hasOwn(OPERATIONS, operation) ? OPERATIONS[operation] : undefined;
        if (!handler) {
          // AWS answers `{"__type":"UnknownOperationException"}` with no message (aws/aws-sdk-net#1536);
          // we add one naming the operation, as the local endpoint serves only part of the API.
          const message = `Operation ${target} is not supported by the local CloudWatch Logs endpoint.`;
          return json(400, { __type: 'UnknownOperationException', message }, requestId);
        }
        return json(200, handler(ctx, input), requestId);
      } catch (error) {
        if (isLambdaError(error)) {
          return json(
            error.statusCode,
            { __type: error.code, message: error.message, ...error.extra },
            requestId,
          );
        }
        const message = error instanceof Error ? error.message : String(error);
        return json(500, { __type: 'ServiceUnavailableException', message }, requestId);
      }
    },
  };
}
