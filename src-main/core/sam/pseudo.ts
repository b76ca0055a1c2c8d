/** Where the template is pretended to be deployed, for pseudo parameters. */
export interface DeployTarget {
  region: string;
  accountId: string;
}

/** Default region and account, the same placeholders `sam local` uses. */
export const DEFAULT_TARGET: DeployTarget = { region: 'us-east-1', accountId: '123456789012' };

/** Partition of a region: China and GovCloud regions live in their own partitions. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Values of the `AWS::*` pseudo parameters for a local "stack" named `local`; NoValue is handled by the resolver. */
export function pseudoParameters(target: DeployTarget): Record<string, unknown> {
  const partition = partitionOf(target.region);
  return {
    'AWS::Region': target.region,
    'AWS::AccountId': target.accountId,
    'AWS::StackName': 'local',
    'AWS::StackId': `arn:${partition}:cloudformation:${target.region}:${target.accountId}:stack/local/00000000-0000-0000-0000-000000000000`,
    'AWS::Partition': partition,
    'AWS::URLSuffix': partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com',
    'AWS::NotificationARNs': [],
  };
}

/** `Fn::GetAZs`: three made-up zones `<region>a..c`, enough for templates that pick one with `Fn::Select`. */
export function availabilityZones(region: string): string[] {
  return ['a', 'b', 'c'].map((suffix) => `${region}${suffix}`);
}

/** `Fn::Cidr` for IPv4 blocks; undefined when the arguments don't describe a valid IPv4 split. */
export function ipv4Cidr(block: string, count: number, cidrBits: number): string[] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(block.trim());
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  const newPrefix = 32 - cidrBits;
  if (octets.some((o) => o > 255) || prefix > 32 || newPrefix < prefix || newPrefix > 32) {
    return undefined;
  }
  if (!Number.isInteger(count) || count < 1 || count > 2 ** (newPrefix - prefix)) return undefined;
  const base = octets.reduce((acc, o) => acc * 256 + o, 0);
  const network = base - (base % 2 ** (32 - prefix));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const start = network + i * 2 ** cidrBits;
    const parts = [24, 16, 8, 0].map((shift) => Math.floor(start / 2 ** shift) % 256);
    out.push(`${parts.join('.')}/${newPrefix}`);
  }
  return out;
}
