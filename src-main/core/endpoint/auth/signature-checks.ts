import { type AuthDialect, incompleteSignature, invalidSignature } from './auth-errors';

// Lambda says "- 5 min." in its expiry message (github.com/serverless/serverless/issues/27,
// github.com/aws/aws-cli/issues/4600); DynamoDB said 15 in 2013 (mhart/dynalite), newer Coral
// services say 5 too (Kinesis: github.com/remind101/logspout-kinesis/issues/21, SSM:
// github.com/aws/aws-sdk-net/issues/1506).

/** How far X-Amz-Date may be from the endpoint's clock. */
export const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** The `keyid/date/region/service/aws4_request` part of a SigV4 credential. */
export interface CredentialScope {
  readonly accessKeyId: string;
  readonly date: string;
  readonly region: string;
  readonly service: string;
  readonly terminator: string;
}

/** Parses `20150830T123600Z` (ISO-8601 basic format, UTC), or undefined when it is not one. */
export function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  // Date.UTC rolls 20150230 over to March; the round trip rejects such impossible dates.
  return formatAmzDate(date) === value ? date : undefined;
}

/** Formats a time as `20150830T123600Z`, dropping milliseconds. */
export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** Rejects a header-signed request whose X-Amz-Date is not a basic-format date. */
export function requireAmzDate(value: string, dialect: AuthDialect): Date {
  const date = parseAmzDate(value);
  if (date) return date;
  // Wording recorded from DynamoDB (mhart/dynalite index.js).
  throw incompleteSignature(
    dialect,
    `Date must be in ISO-8601 'basic format'. Got '${value}'. See http://en.wikipedia.org/wiki/ISO_8601`,
  );
}

/** Rejects a signature dated more than CLOCK_SKEW_MS away from `now`, in AWS's words. */
export function checkClockSkew(signed: Date, now: Date, dialect: AuthDialect): void {
  // Wording: github.com/aws/aws-cli/issues/4600 (expired); scratchstack-aws-signature
  // src/error.rs (not yet current). AWS prints its own clock to the second.
  const nowSeconds = new Date(Math.floor(now.getTime() / 1000) * 1000);
  const minutes = CLOCK_SKEW_MS / 60_000;
  const earliest = new Date(nowSeconds.getTime() - CLOCK_SKEW_MS);
  const latest = new Date(nowSeconds.getTime() + CLOCK_SKEW_MS);
  if (signed < earliest) {
    throw invalidSignature(
      dialect,
      `Signature expired: ${formatAmzDate(signed)} is now earlier than ${formatAmzDate(earliest)} (${formatAmzDate(nowSeconds)} - ${minutes} min.)`,
    );
  }
  if (signed > latest) {
    throw invalidSignature(
      dialect,
      `Signature not yet current: ${formatAmzDate(signed)} is still later than ${formatAmzDate(latest)} (${formatAmzDate(nowSeconds)} + ${minutes} min.)`,
    );
  }
}

/** Splits a credential into its five parts, or undefined when it does not have exactly five. */
export function splitCredential(credential: string): CredentialScope | undefined {
  // AWS ignores trailing slashes here (mhart/dynalite index.js notes).
  const parts = credential.replace(/\/+$/, '').split('/');
  if (parts.length !== 5) return undefined;
  const [accessKeyId, date, region, service, terminator] = parts as [
    string,
    string,
    string,
    string,
    string,
  ];
  return { accessKeyId, date, region, service, terminator };
}

/** Parses the Authorization header's Credential, rejecting anything but five parts. */
export function requireCredentialScope(credential: string, dialect: AuthDialect): CredentialScope {
  const scope = splitCredential(credential);
  if (scope) return scope;
  throw incompleteSignature(
    dialect,
    `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
  );
}

// The endpoint serves every region, but the scope's region ends up in ARNs (and maybe paths),
// so it must not be arbitrary text.

/** Whether a region looks like an AWS region (`us-east-1`, `us-gov-west-1`, `cn-north-1`). */
export function isRegionName(region: string): boolean {
  return /^[a-z]{2}(-[a-z0-9]+)+-\d{1,2}$/.test(region);
}

/** Rejects a scope with a bad region, terminator or date, joining the complaints as AWS does. */
export function checkCredentialScope(
  scope: CredentialScope,
  amzDate: string,
  dialect: AuthDialect,
): void {
  // Wording and the space-joined list: DynamoDB's answer recorded in mhart/dynalite index.js.
  const problems: string[] = [];
  if (!isRegionName(scope.region)) {
    problems.push(`Credential should be scoped to a valid region, not '${scope.region}'.`);
  }
  if (scope.terminator !== 'aws4_request') {
    problems.push(
      `Credential should be scoped with a valid terminator: 'aws4_request', not '${scope.terminator}'.`,
    );
  }
  const expectedDate = amzDate.slice(0, 8);
  if (scope.date !== expectedDate) {
    problems.push(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${expectedDate}', from '${amzDate}'.`,
    );
  }
  if (problems.length > 0) throw invalidSignature(dialect, problems.join(' '));
}
