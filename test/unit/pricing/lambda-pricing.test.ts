import { describe, it, expect } from 'vitest';
import { LAMBDA_PRICES, invocationCostUsd } from '../../../src-main/core/pricing/lambda-pricing';

const REQUEST = 0.0000002;

describe('LAMBDA_PRICES (us-east-1, tier 1)', () => {
  it('has the published rates', () => {
    expect(LAMBDA_PRICES.requestUsd).toBe(0.0000002);
    expect(LAMBDA_PRICES.gbSecondUsd.x86_64).toBe(0.0000166667);
    expect(LAMBDA_PRICES.gbSecondUsd.arm64).toBe(0.0000133334);
    expect(LAMBDA_PRICES.ephemeralGbSecondUsd).toBe(0.0000000309);
  });
});

describe('invocationCostUsd', () => {
  it('charges the $0.20 per million request fee even for 0 ms', () => {
    expect(invocationCostUsd(0, 128, 'x86_64')).toBe(REQUEST);
    expect(invocationCostUsd(0, 10_240, 'arm64')).toBe(REQUEST);
  });

  it('1 ms at 128 MB costs $0.0000000021 on x86_64 (rounded, as AWS publishes it)', () => {
    const duration = invocationCostUsd(1, 128, 'x86_64') - REQUEST;
    expect(Number(duration.toPrecision(2))).toBe(0.0000000021);
    expect(duration).toBeCloseTo(0.0000000020833375, 18);
  });

  it('1 ms at 128 MB costs $0.0000000017 on arm64', () => {
    const duration = invocationCostUsd(1, 128, 'arm64') - REQUEST;
    expect(Number(duration.toPrecision(2))).toBe(0.0000000017);
    expect(duration).toBeCloseTo(0.000000001666675, 18);
  });

  it('1 GB for 1 s costs one GB-second at the architecture rate', () => {
    expect(invocationCostUsd(1_000, 1_024, 'x86_64')).toBeCloseTo(REQUEST + 0.0000166667, 15);
    expect(invocationCostUsd(1_000, 1_024, 'arm64')).toBeCloseTo(REQUEST + 0.0000133334, 15);
  });

  it('arm64 is cheaper than x86_64 for the same work', () => {
    expect(invocationCostUsd(250, 512, 'arm64')).toBeLessThan(
      invocationCostUsd(250, 512, 'x86_64'),
    );
  });

  it('scales linearly with memory and billed duration (GB = 1,024 MB)', () => {
    // 3 s at 1,536 MB = 4.5 GB-s.
    expect(invocationCostUsd(3_000, 1_536, 'x86_64')).toBeCloseTo(REQUEST + 4.5 * 0.0000166667, 15);
  });

  it('adds nothing for the free 512 MB of ephemeral storage', () => {
    expect(invocationCostUsd(1_000, 1_024, 'x86_64', 512)).toBe(
      invocationCostUsd(1_000, 1_024, 'x86_64'),
    );
  });

  it('charges ephemeral storage above 512 MB per GB-second', () => {
    // 10,240 MB of /tmp: 9.5 GB above the free 512 MB, for 1 s.
    const extra =
      invocationCostUsd(1_000, 1_024, 'x86_64', 10_240) - invocationCostUsd(1_000, 1_024, 'x86_64');
    expect(extra).toBeCloseTo(9.5 * 0.0000000309, 18);
    // 1,536 MB of /tmp for 2 s at 128 MB: 1 GB x 2 s.
    expect(invocationCostUsd(2_000, 128, 'arm64', 1_536)).toBeCloseTo(
      REQUEST + 0.125 * 2 * 0.0000133334 + 2 * 0.0000000309,
      18,
    );
  });
});
