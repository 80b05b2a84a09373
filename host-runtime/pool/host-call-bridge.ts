import { receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { isInstance } from "../thrown-value.js";
import { isThenable } from "../thenable.js";
import { deserializeError, serializeError } from "./error-transport.js";
import { preparePayload, transferListOf } from "./payload-transfer.js";
import type { HostCallAnswer, HostCallRequest } from "./protocol.js";

/**
 * Lets a guest that runs synchronously in a worker call a host function that is asynchronous on the main thread.
 *
 * The guest's `__host_call` import must return before the guest continues, and the worker cannot run its event
 * loop while the guest is on the stack. So the worker posts the request on a dedicated MessagePort and blocks in
 * `Atomics.wait` on a shared counter. The main thread awaits the handler, posts the answer on the port, then
 * bumps the counter and notifies. The worker wakes and takes the answer with `receiveMessageOnPort`, which reads
 * the port's queue directly, without the event loop.
 *
 * The counter only ever increases, so a notify that lands before the worker starts waiting is not lost: the
 * worker waits only while the counter still holds the value it read before posting.
 */

/** A pooled host function: like the core runtime's `HostCall`, but it may return a Promise. */
export type AsyncHostCall = (
  binding: string,
  namespace: string,
  operation: string,
  payload: Uint8Array,
) => Uint8Array | undefined | void | Promise<Uint8Array | undefined | void>;

/** Worker side: a synchronous `HostCall` that blocks until the main thread has answered. */
export function createBlockingHostCall(
  port: MessagePort,
  signal: SharedArrayBuffer,
): (binding: string, namespace: string, operation: string, payload: Uint8Array) => Uint8Array {
  const counter = new Int32Array(signal);
  return (binding, namespace, operation, payload) => {
    const seen = Atomics.load(counter, 0);
    const request: HostCallRequest = { binding, namespace, operation, payload };
    // The payload is the host's own copy out of guest memory, so it is moved, not copied again.
    port.postMessage(request, transferListOf(payload));
    let received = receiveMessageOnPort(port);
    while (received === undefined) {
      // Blocks until the counter moves past `seen`. The answer is posted before the counter is bumped, so it is
      // normally in the queue on the first wake-up; the timed re-wait is only a guard against a lost wake-up.
      Atomics.wait(counter, 0, seen, 1000);
      received = receiveMessageOnPort(port);
    }
    const answer = received.message as HostCallAnswer;
    if (answer.ok) return answer.payload;
    throw deserializeError(answer.error);
  };
}

/**
 * Main-thread side: answers the requests of one worker with `handler`. Returns a function that stops serving.
 * The port does not keep the process alive; the worker's own reference does that while a call runs.
 */
export function serveHostCalls(port: MessagePort, signal: SharedArrayBuffer, handler: AsyncHostCall): () => void {
  const counter = new Int32Array(signal);
  let open = true;
  const answer = (message: HostCallAnswer, transfer: ArrayBuffer[] = []) => {
    if (!open) return; // The worker was terminated (e.g. timed out) while the handler ran.
    port.postMessage(message, transfer);
    Atomics.add(counter, 0, 1);
    Atomics.notify(counter, 0);
  };
  const succeed = (payload: Uint8Array | undefined | void) => {
    if (payload !== undefined && !isInstance(payload, Uint8Array)) {
      return fail(new TypeError(`a host call handler must return a Uint8Array, got ${typeof payload}`));
    }
    // The handler's bytes may be a view into a larger buffer (a Buffer from Node's pool): send only the view.
    const { bytes, transfer } = preparePayload(payload ?? new Uint8Array(0), false);
    answer({ ok: true, payload: bytes }, transfer);
  };
  const fail = (error: unknown) => answer({ ok: false, error: serializeError(error) });
  port.on("message", (request: HostCallRequest) => {
    // Everything the handler hands back is looked at inside the try: a returned value whose traps throw (a
    // Proxy) must fail the host call, not escape this listener and end the process.
    try {
      const pending = handler(request.binding, request.namespace, request.operation, request.payload);
      // A synchronous handler answers at once, without a microtask hop.
      if (!isThenable(pending)) succeed(pending);
      else pending.then(succeed, fail);
    } catch (error) {
      fail(error);
    }
  });
  port.unref();
  return () => {
    open = false;
    port.close();
  };
}
