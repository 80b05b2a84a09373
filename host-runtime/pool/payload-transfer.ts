/**
 * Moving bytes between threads with at most one copy.
 *
 * Structured clone copies a typed array's *whole* underlying buffer, not just the view: a 10-byte view into a
 * Node Buffer pool slab sends 8 KiB. And transferring a buffer detaches it for the sender. So:
 * - a view that covers its whole buffer, and that we own, is transferred (no copy);
 * - a view that covers its whole buffer but belongs to the caller is cloned (one copy);
 * - a partial view is sliced, and the slice is transferred (one copy of just the view's bytes).
 */

/** Whether `bytes` is the whole of a plain, transferable ArrayBuffer. */
function coversItsBuffer(bytes: Uint8Array): boolean {
  return bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
}

/**
 * The buffers to transfer when sending `value`, which we own (a result or output produced in this thread): its
 * buffer if it is a `Uint8Array` covering it, else none.
 */
export function transferListOf(value: unknown): ArrayBuffer[] {
  return value instanceof Uint8Array && coversItsBuffer(value) && value.byteLength > 0 ? [value.buffer as ArrayBuffer] : [];
}

/**
 * Prepares a caller's payload for `postMessage`: the bytes to send and what to transfer. With `handOver`, the
 * caller gives up the buffer (it is detached afterwards); without it, the caller's bytes are never detached.
 */
export function preparePayload(payload: Uint8Array, handOver: boolean): { bytes: Uint8Array; transfer: ArrayBuffer[] } {
  if (coversItsBuffer(payload)) {
    return handOver && payload.byteLength > 0 ? { bytes: payload, transfer: [payload.buffer as ArrayBuffer] } : { bytes: payload, transfer: [] };
  }
  const copy = payload.slice();
  return { bytes: copy, transfer: copy.byteLength > 0 ? [copy.buffer] : [] };
}
