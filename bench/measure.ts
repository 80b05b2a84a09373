/**
 * Timing for the benchmarks that compare several contenders in one run: each is calibrated, then rounds are
 * interleaved (A B C, A B C, …) and the median per contender is kept, so load from other processes (two shared
 * cores) and GC cycles fall on all contenders alike.
 */
export interface Contender {
  readonly fn: () => unknown;
  readonly isAsync?: boolean;
}

/** ns per call of one batch of `count` calls. */
async function batch({ fn, isAsync }: Contender, count: number): Promise<number> {
  const start = process.hrtime.bigint();
  if (isAsync) for (let i = 0; i < count; i++) await fn();
  else for (let i = 0; i < count; i++) fn();
  return Number(process.hrtime.bigint() - start) / count;
}

/** Median ns per call of each contender over `rounds` interleaved rounds of about `roundMs` each. */
export async function nsPerCall(contenders: readonly Contender[], rounds = 9, roundMs = 40): Promise<number[]> {
  const counts: number[] = [];
  for (const contender of contenders) {
    let count = 16;
    while ((await batch(contender, count)) * count < 20e6) count *= 2; // warm-up and calibration
    counts.push(Math.max(16, Math.round((roundMs * 1e6) / (await batch(contender, count)))));
  }
  const samples: number[][] = contenders.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < contenders.length; i++) samples[i]!.push(await batch(contenders[i]!, counts[i]!));
  }
  return samples.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!);
}

/** A table cell: ns right-aligned. */
export const ns = (n: number, width = 10): string => (n < 100 ? n.toFixed(1) : n.toFixed(0)).padStart(width);

/** A ratio cell: `12.3×`. */
export const ratio = (n: number, width = 8): string => `${n.toFixed(2)}×`.padStart(width);
