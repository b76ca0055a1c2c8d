/** Percentile of sorted samples (nearest rank). */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? NaN;
}

/** Runs `fn` `count` times after `warmup` unmeasured runs; returns each run's milliseconds. */
export async function sample(
  count: number,
  fn: () => Promise<unknown>,
  warmup = 5,
): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await fn();
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return times;
}

/** One printed row: a figure, its baseline and the ratio against a target. */
export interface Row {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baselineName?: string;
  readonly baseline?: number;
  readonly target?: number;
}

/** Formats rows as an aligned table with ratios and whether each target is met. */
export function table(rows: readonly Row[]): string {
  const out = [
    'measurement'.padEnd(44) + 'value'.padStart(12) + '  baseline'.padEnd(46) + 'ratio   target',
  ];
  for (const r of rows) {
    const value = `${r.value.toFixed(r.unit === 'inv/s' ? 0 : 3)} ${r.unit}`;
    const base =
      r.baseline !== undefined ? `${r.baselineName} ${r.baseline.toFixed(3)} ${r.unit}` : '';
    const ratio = r.baseline ? (r.value / r.baseline).toFixed(2) + 'x' : '';
    const target =
      r.target && r.baseline
        ? `<= ${r.target}x ${r.value / r.baseline <= r.target ? 'met' : 'MISSED'}`
        : '';
    out.push(
      r.name.padEnd(44) + value.padStart(12) + '  ' + base.padEnd(44) + ratio.padEnd(8) + target,
    );
  }
  return out.join('\n');
}

/**
 * Measures two paths in alternating rounds (after one warm-up for each), so slow drift on the
 * machine (JIT, GC, other load) hits both alike; returns each path's milliseconds.
 */
export async function interleaved(
  a: () => Promise<unknown>,
  b: () => Promise<unknown>,
  total: number,
  warmup: number,
  rounds = 10,
): Promise<[number[], number[]]> {
  await sample(0, a, warmup);
  await sample(0, b, warmup);
  const timesA: number[] = [];
  const timesB: number[] = [];
  const perRound = Math.max(1, Math.ceil(total / rounds));
  for (let round = 0; round < rounds; round += 1) {
    timesA.push(...(await sample(perRound, a, 0)));
    timesB.push(...(await sample(perRound, b, 0)));
  }
  return [timesA, timesB];
}
