/**
 * Timing for the benchmarks that compare several contenders in one run: each is calibrated, then rounds are
 * interleaved (A B C, A B C, …), so GC cycles and what load from other processes still shows fall on all contenders
 * alike. A round's time is this process's CPU time (`process.cpuUsage`), not wall time: on two cores shared with
 * other processes, wall time counts the moments this process waited for a core, which swung the same figure 3×
 * between rounds. Each figure is the median of at least 5 rounds of at least 200 ms, kept with its min and max.
 */
export interface Contender {
  readonly fn: () => unknown;
  readonly isAsync?: boolean;
}

/** A figure over rounds: the median, and the spread a reader needs to judge it. */
export interface Figure {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** The median, min and max of `values`. */
export function figure(values: readonly number[]): Figure {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** CPU ns per call of one batch of `count` calls. */
async function batch({ fn, isAsync }: Contender, count: number): Promise<number> {
  const start = process.cpuUsage();
  if (isAsync) for (let i = 0; i < count; i++) await fn();
  else for (let i = 0; i < count; i++) fn();
  const { user, system } = process.cpuUsage(start);
  return ((user + system) * 1000) / count;
}

/** CPU ns per call of each contender over `rounds` interleaved rounds of about `roundMs` of CPU each. */
export async function nsPerCall(contenders: readonly Contender[], rounds = 5, roundMs = 200): Promise<Figure[]> {
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
  return samples.map(figure);
}

const num = (n: number): string => (n < 100 ? n.toFixed(1) : n.toFixed(0));

/** A table cell: the median right-aligned. */
export const ns = (n: number, width = 10): string => num(n).padStart(width);

/** A table cell: `median [min–max]`. */
export const spread = (f: Figure, width = 22): string => `${num(f.median)} [${num(f.min)}–${num(f.max)}]`.padStart(width);

/** A ratio cell: `12.3×`. */
export const ratio = (n: number, width = 8): string => `${n.toFixed(2)}×`.padStart(width);
