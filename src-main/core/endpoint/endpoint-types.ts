import type { IncomingHttpHeaders } from 'node:http';

/** One HTTP request as the endpoint's API handlers see it, after the body was read and the signature checked. */
export interface EndpointRequest {
  readonly method: string;
  /** The path exactly as received (still percent-encoded), without the query string. */
  readonly rawPath: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** Region from the SigV4 credential scope. */
  readonly region: string;
  /** Host header value, for URLs the endpoint hands out (e.g. Code.Location). */
  readonly host: string;
}

/** What an API handler answers; a streamed body is written chunk by chunk (event streams). */
export interface EndpointResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Buffer | string | AsyncIterable<Buffer>;
}

/** One API served by the endpoint (Lambda restJson1, CloudWatch Logs awsJson1_1). */
export interface EndpointApi {
  /** The SigV4 service name its requests must be signed for (`lambda`, `logs`). */
  readonly signingName: 'lambda' | 'logs';
  /** Whether this API serves the request (by path or X-Amz-Target). */
  matches(request: Pick<EndpointRequest, 'method' | 'rawPath' | 'headers'>): boolean;
  handle(request: EndpointRequest): Promise<EndpointResponse>;
}

/** The endpoint's generated local credentials. */
export interface LocalCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** Largest request body accepted before parsing (Lambda's CreateFunction request limit). */
export const MAX_REQUEST_BODY_BYTES = 70_167_211;
