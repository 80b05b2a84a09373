/**
 * How much fuel each slice of an asynchronous call gets (`callAsync`, boundary.ts). A fixed size cannot suit both
 * ends of V8's warm-up: the executor runs about 50 times slower before V8 has optimized it, so 100,000 units,
 * a millisecond once warm, held the event loop 45–70 ms in a fresh process's first slice (a spinning guest
 * under `callAsync`; 2.5–7 ms with these sizes; test/interpreter/engine.test.ts checks the first slice). So
 * unless the caller fixes `sliceFuel`, slices start small and are scaled after each one towards `SLICE_MS` of
 * wall time, growing at most 4× at a time so that one fast slice measured at a coarse clock does not overshoot.
 *
 * Slice sizes only decide when the guest yields; fuel accounting does not depend on them, so metered calls spend
 * the same units however they are sliced.
 */
const SLICE_MS = 1;
const FIRST_SLICE = 2_000;
const MIN_SLICE = 1_000;
const MAX_SLICE = 10_000_000;

const now: () => number = typeof performance === "object" ? () => performance.now() : () => Date.now();

/** The fuel of the slices of one asynchronous call: fixed by the caller, or sized from each slice's time. */
export class SliceSizer {
  /** Fuel units for the next slice. */
  fuel: number;
  private started = 0;

  /** `fixed`: the caller's `sliceFuel`, kept for every slice; undefined to adapt. */
  constructor(private readonly fixed: number | undefined) {
    if (fixed !== undefined && !(fixed >= 1)) throw new RangeError(`sliceFuel must be at least 1, got ${fixed}`);
    this.fuel = fixed ?? FIRST_SLICE;
  }

  /** A slice starts. */
  start(): void {
    if (this.fixed === undefined) this.started = now();
  }

  /** The slice that started last used up its fuel: size the next one from how long it took. */
  spent(): void {
    if (this.fixed !== undefined) return;
    const elapsed = Math.max(now() - this.started, 0.01);
    const scaled = Math.min(this.fuel * 4, Math.round((this.fuel * SLICE_MS) / elapsed));
    this.fuel = Math.min(MAX_SLICE, Math.max(MIN_SLICE, scaled));
  }
}
