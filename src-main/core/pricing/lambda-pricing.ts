import type { Architecture } from '../functions/function-definition';

/**
 * Lambda on-demand prices (us-east-1, tier 1, no free tier), in one place.
 * Source: aws.amazon.com/lambda/pricing (see shared/reference/lambda-fidelity.md section 10).
 */
export const LAMBDA_PRICES = {
  requestUsd: 0.0000002,
  gbSecondUsd: { x86_64: 0.0000166667, arm64: 0.0000133334 } satisfies Record<Architecture, number>,
  /** Ephemeral storage above the free 512 MB, per GB-second. */
  ephemeralGbSecondUsd: 0.0000000309,
} as const;

/** What one invocation costs: the request fee plus billed GB-seconds (and extra /tmp) at the architecture's rate. */
export function invocationCostUsd(
  billedMs: number,
  memoryMb: number,
  architecture: Architecture,
  ephemeralStorageMb = 512,
): number {
  const seconds = billedMs / 1000;
  const duration = (memoryMb / 1024) * seconds * LAMBDA_PRICES.gbSecondUsd[architecture];
  const extraTmp =
    (Math.max(0, ephemeralStorageMb - 512) / 1024) * seconds * LAMBDA_PRICES.ephemeralGbSecondUsd;
  return LAMBDA_PRICES.requestUsd + duration + extraTmp;
}
