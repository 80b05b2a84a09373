/**
 * The experiment the chart draws: fill the filter with fresh words in steps and, after each step, check words
 * that were never added. Every "true" among them is a false positive, so their share is the measured rate.
 */
import type { Cuckoo } from "../generated/cuckoo.js";

/** One step of the experiment. */
export interface FillPoint {
  /** Fingerprints stored after the step (`stats().items`). */
  readonly items: number;
  /** `stats().loadFactor`: items / capacity. */
  readonly loadFactor: number;
  /** Share of never-added words the filter claimed to hold. */
  readonly falsePositiveRate: number;
}

/** How the filter is filled. */
export interface FillPlan {
  /** Words added per step. */
  readonly stepWords: number;
  /** Never-added words checked after each step. */
  readonly probes: number;
  /** Stop after this many steps, or earlier when the filter reports itself full. */
  readonly maxSteps: number;
}

/** Enough steps to reach a full filter of 16,384 slots, with a rate resolved to 1 in 8,000. */
export const defaultPlan: FillPlan = { stepWords: 1024, probes: 8000, maxSteps: 16 };

/**
 * Runs the experiment on `cuckoo` and returns one point per step, the first for the filter as it was. Words added
 * are `fill-<run>-<n>` and probes `probe-<run>-<n>`, so no probe is ever added, and a second run adds new words.
 */
export function fillAndMeasure(cuckoo: Cuckoo, run: number, plan: FillPlan = defaultPlan): FillPoint[] {
  const measure = (): FillPoint => {
    let positives = 0;
    for (let i = 0; i < plan.probes; i++) if (cuckoo.checkWordExists(`probe-${run}-${i}`) === "true") positives++;
    const stats = cuckoo.stats();
    return { items: stats.items, loadFactor: stats.loadFactor, falsePositiveRate: positives / plan.probes };
  };
  const points = [measure()];
  let added = 0;
  for (let step = 0; step < plan.maxSteps; step++) {
    let full = false;
    for (let i = 0; i < plan.stepWords && !full; i++) full = !cuckoo.addWord(`fill-${run}-${added++}`);
    points.push(measure());
    if (full) break;
  }
  return points;
}
