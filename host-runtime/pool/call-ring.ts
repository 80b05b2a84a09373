/**
 * The pool's call transport: two single-producer, single-consumer rings in one SharedArrayBuffer per worker, one
 * for calls (main thread → worker) and one for answers (worker → main thread).
 *
 * Why not postMessage for every call: a postMessage round trip with structured clone cost ~9 µs and most of the
 * main thread's time per pooled call, for a guest call of ~1 µs (bench/serve.ts, P6: `postMessage` was the top
 * entry of serve's profile after the socket writes). Through the rings, a call is a copy of its bytes into shared
 * memory and an `Atomics.notify` when the worker is asleep; the worker sleeps in `Atomics.wait`, and the main thread
 * waits for answers with `Atomics.waitAsync`, one wake-up draining every answer ready by then.
 *
 * Anything that is not plain bytes (loads, generic `call`s, errors, large payloads, answers after guest output) still
 * travels by postMessage; the ring then carries a `VIA_PORT` record in its place, so both sides see one order.
 *
 * A record is a header of `HEAD_WORDS` int32 words (kind and four fields) and a body of bytes, 8-aligned. A record
 * never wraps: one that does not fit at the end is put at the start, behind a `WRAP` record.
 */

/** Record kinds. */
export const WRAP = 0;
/** Calls ring: a waPC invoke; fields: id, generation, operation length, payload length; body: operation, payload. */
export const INVOKE = 1;
/** Either ring: the next message on the port stands here (fields: id for answers). */
export const VIA_PORT = 2;
/** Answers ring: a successful result; fields: id, length; body: the result bytes. */
export const RESULT = 3;

/** Payloads and results up to this size go through the rings; larger ones by postMessage, transferred. */
export const INLINE_MAX = 16 * 1024;

const HEAD_WORDS = 5;
const HEAD_BYTES = HEAD_WORDS * 4;
/** Control words of a ring, before its bytes. */
const WRITE = 0; // the producer's next offset, published after the record is written
const READ = 1; // the consumer's next offset, stored once a record is consumed
const COUNT = 2; // records published (wrapping): what the consumer waits on
const SLEEPING = 3; // 1 while the consumer waits, so the producer notifies only then
const CONTROL_BYTES = 16;

/**
 * Bytes per ring. Each ring holds at most the calls in flight on one worker (the pool's pipeline depth) plus a few
 * small port markers, each at most `INLINE_MAX` and a header: 512 KiB leaves ample room.
 */
const RING_BYTES = 512 * 1024;

/** The shared memory of one worker's rings. */
export function createCallChannel(): SharedArrayBuffer {
  return new SharedArrayBuffer(2 * (CONTROL_BYTES + RING_BYTES));
}

/** One ring over its part of the channel; both sides construct it, and each uses its own half of the methods. */
export class CallRing {
  readonly control: Int32Array;
  readonly words: Int32Array;
  readonly bytes: Uint8Array;
  private readonly size = RING_BYTES;

  /** `which`: 0 for the calls ring, 1 for the answers ring. */
  constructor(channel: SharedArrayBuffer, which: 0 | 1) {
    const base = which * (CONTROL_BYTES + RING_BYTES);
    this.control = new Int32Array(channel, base, CONTROL_BYTES / 4);
    this.words = new Int32Array(channel, base + CONTROL_BYTES, RING_BYTES / 4);
    this.bytes = new Uint8Array(channel, base + CONTROL_BYTES, RING_BYTES);
  }

  // --- producer side

  /**
   * The offset where a record with `bodyLength` bytes of body can be written, or -1 when the ring is full. Write it
   * with `head` and `bytes`, then `publish` it.
   */
  reserve(bodyLength: number): number {
    const need = (HEAD_BYTES + bodyLength + 7) & ~7;
    const w = this.control[WRITE]!; // written only by this side
    const r = Atomics.load(this.control, READ);
    // The write offset may never catch up with the read offset: equal means empty.
    if (w >= r) {
      const end = w + need;
      if (end < this.size || (end === this.size && r !== 0)) return w;
      if (need < r) {
        this.words[w >> 2] = WRAP;
        return 0;
      }
      return -1;
    }
    return r - w > need ? w : -1;
  }

  head(at: number, kind: number, a: number, b = 0, c = 0, d = 0): void {
    const i = at >> 2;
    const words = this.words;
    words[i] = kind;
    words[i + 1] = a;
    words[i + 2] = b;
    words[i + 3] = c;
    words[i + 4] = d;
  }

  /** Where a record's body starts. */
  body(at: number): number {
    return at + HEAD_BYTES;
  }

  /**
   * Makes the record at `at` visible to the consumer, and wakes it if it sleeps. With `wake` false the caller
   * promises a `wake()` soon after: a producer publishing a burst of records pays for one `Atomics.notify` (a futex
   * wake-up, 10% of serve's main thread when paid per call; bench/serve.ts, P6).
   */
  publish(at: number, bodyLength: number, wake = true): void {
    const next = (at + ((HEAD_BYTES + bodyLength + 7) & ~7)) % this.size;
    Atomics.store(this.control, WRITE, next);
    Atomics.add(this.control, COUNT, 1);
    if (wake) this.wake();
  }

  /** Wakes the consumer if it sleeps. */
  wake(): void {
    if (Atomics.load(this.control, SLEEPING) === 1) Atomics.notify(this.control, COUNT);
  }

  /** Writes a record without a body; false when the ring is full. */
  mark(kind: number, a: number): boolean {
    const at = this.reserve(0);
    if (at < 0) return false;
    this.head(at, kind, a);
    this.publish(at, 0);
    return true;
  }

  // --- consumer side

  /** The offset of the next record, or -1 when there is none. */
  next(): number {
    let r = this.control[READ]!; // written only by this side
    if (r === Atomics.load(this.control, WRITE)) return -1;
    if (this.words[r >> 2] === WRAP) {
      r = 0;
      Atomics.store(this.control, READ, 0);
      if (r === Atomics.load(this.control, WRITE)) return -1;
    }
    return r;
  }

  kind(at: number): number {
    return this.words[at >> 2]!;
  }

  /** Field 1–4 of the record at `at`. */
  field(at: number, n: 1 | 2 | 3 | 4): number {
    return this.words[(at >> 2) + n]!;
  }

  /** Frees the record at `at`, with `bodyLength` bytes of body, for the producer. */
  release(at: number, bodyLength: number): void {
    Atomics.store(this.control, READ, (at + ((HEAD_BYTES + bodyLength + 7) & ~7)) % this.size);
  }

  /** The record count to pass to `sleep`/`waitAsync`, read before checking `next`. */
  count(): number {
    return Atomics.load(this.control, COUNT);
  }

  /** Blocks the worker until a record is published after `seen` was read (worker side). */
  sleep(seen: number): void {
    Atomics.store(this.control, SLEEPING, 1);
    if (this.next() < 0) Atomics.wait(this.control, COUNT, seen);
    Atomics.store(this.control, SLEEPING, 0);
  }

  /**
   * A promise settled once a record is published after `seen` was read (main thread side), or undefined when one
   * already was. Call `awake` when it settles.
   */
  waitAsync(seen: number): Promise<unknown> | undefined {
    Atomics.store(this.control, SLEEPING, 1);
    const result = (Atomics as unknown as AtomicsWithWaitAsync).waitAsync(this.control, COUNT, seen);
    if (result.async) return result.value;
    Atomics.store(this.control, SLEEPING, 0);
    return undefined;
  }

  awake(): void {
    Atomics.store(this.control, SLEEPING, 0);
  }
}

/** `Atomics.waitAsync` (ES2024, in Node 20), which the ES2022 library typings lack. */
interface AtomicsWithWaitAsync {
  waitAsync(
    array: Int32Array,
    index: number,
    value: number,
  ): { async: false; value: "not-equal" | "timed-out" } | { async: true; value: Promise<"ok" | "timed-out"> };
}

/** Node's native UTF-8 slice; it takes a view of shared memory, which TextDecoder refuses. */
const utf8Slice = (Buffer.prototype as unknown as { utf8Slice(this: Uint8Array, start: number, end: number): string }).utf8Slice;

/** Decodes `[start, end)` of a ring's bytes as UTF-8. */
export function ringText(bytes: Uint8Array, start: number, end: number): string {
  return utf8Slice.call(bytes, start, end);
}
