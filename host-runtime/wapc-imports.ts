import {
  AsyncHostCallError,
  GuestError,
  GuestProtocolError,
  HostCallNotImplementedError,
  type WidlHostError,
} from "./errors.js";
import { encodeUtf8, type GuestMemory } from "./guest-memory.js";
import type { HostCall } from "./host-call.js";
import { isThenable } from "./thenable.js";
import { describeThrown, isInstance } from "./thrown-value.js";

const empty = new Uint8Array(0);

/**
 * Everything one guest call may leave behind. `begin` resets all of it, so nothing from a previous call (a
 * response, a guest error, a host response or error) can leak into the next one. One per loaded guest, shared by
 * the protocols driving it (a direct-ABI call reaches the host through these imports too), so `busy` refuses a
 * call on the instance while another one, of either protocol, is running.
 */
export class WapcCallState {
  operation = "";
  /** Counts calls begun, so a host function answering after its call was abandoned is told apart. */
  calls = 0;
  /** A call is running on the instance: from `begin` to `end`. */
  busy = false;
  /** The running call can wait for a host function's Promise (an `invoke` on the interpreter). */
  suspendable = false;
  /** The encoded operation name and payload `__guest_request` hands over; undefined outside a call. */
  request: Uint8Array | undefined = undefined;
  payload: Uint8Array = empty;
  guestResponse: Uint8Array | undefined = undefined;
  guestError: string | undefined = undefined;
  hostResponse: Uint8Array = empty;
  /** The last host error as UTF-8, so `__host_error_len` reports bytes, not UTF-16 units. */
  hostError: Uint8Array = empty;
  /** What the host function threw, kept so the caller can see the root cause of a guest failure. */
  hostCallError: unknown = undefined;

  /** Starts a call; `request` is undefined for a direct-ABI call, which has no `__guest_request`. */
  begin(operation: string, request: Uint8Array | undefined, payload: Uint8Array, suspendable = false): void {
    this.calls++;
    this.busy = true;
    this.suspendable = suspendable;
    this.operation = operation;
    this.request = request;
    this.payload = payload;
    this.guestResponse = undefined;
    this.guestError = undefined;
    this.hostResponse = empty;
    this.hostError = empty;
    this.hostCallError = undefined;
  }

  /** Drops the references to caller data once the call is over. */
  end(): void {
    this.busy = false;
    this.suspendable = false;
    this.request = undefined;
    this.payload = empty;
    this.hostResponse = empty;
  }

  /**
   * The error for a guest that reported failure with `message`. If it failed after calling a host operation nobody
   * implements, that `HostCallNotImplementedError` itself: the root cause is more useful than the guest's rewording
   * of it, and @wapc/host users match on its message. The same for a host function that answered with a Promise
   * the call could not wait for (`AsyncHostCallError`): a mistake in the host's code, not the guest's. Otherwise a
   * `GuestError`, with what a host function threw as its cause.
   */
  guestFailure(operation: string, message: string | undefined): WidlHostError {
    const hostError = this.hostCallError;
    if (isInstance(hostError, HostCallNotImplementedError) || isInstance(hostError, AsyncHostCallError)) {
      hostError.operation = operation;
      hostError.guestMessage = message;
      return hostError;
    }
    return new GuestError(operation, message, { cause: hostError });
  }
}

/** The nine `wapc` imports of DESIGN.md ("Wire format"), every guest pointer checked against memory. */
export function createWapcImports(
  state: WapcCallState,
  memory: GuestMemory,
  hostCall: HostCall,
  logger: (message: string) => void,
): WebAssembly.ModuleImports {
  return {
    __guest_request(operationPtr: number, payloadPtr: number): void {
      const request = state.request;
      if (request === undefined) {
        throw new GuestProtocolError("guest called __guest_request outside of a guest call", {
          operation: state.operation,
        });
      }
      memory.write(operationPtr, request, "__guest_request (operation)");
      memory.write(payloadPtr, state.payload, "__guest_request (payload)");
    },

    __guest_response(ptr: number, length: number): void {
      // One copy: the result must outlive the call, and the guest may reuse this memory as soon as it returns.
      state.guestResponse = memory.copy(ptr, length, "__guest_response");
    },

    __guest_error(ptr: number, length: number): void {
      state.guestError = memory.readUtf8(ptr, length, "__guest_error");
    },

    __host_call(
      bindingPtr: number,
      bindingLength: number,
      namespacePtr: number,
      namespaceLength: number,
      operationPtr: number,
      operationLength: number,
      payloadPtr: number,
      payloadLength: number,
    ): number | Promise<number> {
      const binding = memory.readUtf8(bindingPtr, bindingLength, "__host_call (binding)");
      const namespace = memory.readUtf8(namespacePtr, namespaceLength, "__host_call (namespace)");
      const operation = memory.readUtf8(operationPtr, operationLength, "__host_call (operation)");
      // A copy, because the host function may keep the payload beyond this call.
      const payload = memory.copy(payloadPtr, payloadLength, "__host_call (payload)");
      state.hostResponse = empty;
      state.hostError = empty;
      const answered = (result: unknown): number => {
        state.hostResponse = toBytes(result);
        return 1;
      };
      const failed = (error: unknown): number => {
        state.hostCallError = error;
        // @wapc/host sends `'' + e`; we keep that text so guests see the same message.
        state.hostError = encodeUtf8(describeThrown(error));
        return 0;
      };
      try {
        const result = hostCall(binding, namespace, operation, payload);
        if (!isThenable(result)) return answered(result);
        // The interpreter suspends the guest on this Promise and resumes it with the status. If the call was
        // abandoned meanwhile (its timeout), a later call owns the state: the late answer must not touch it.
        if (state.suspendable) {
          const call = state.calls;
          const current = (f: (value: unknown) => number) => (value: unknown) => (state.calls === call ? f(value) : 0);
          return Promise.resolve(result).then(current(answered)).catch(current(failed));
        }
        Promise.resolve(result).catch(() => undefined); // nobody waits for it: no unhandled rejection
        return failed(new AsyncHostCallError(binding, namespace, operation));
      } catch (error) {
        return failed(error);
      }
    },

    __host_response(ptr: number): void {
      memory.write(ptr, state.hostResponse, "__host_response");
    },

    __host_response_len(): number {
      return state.hostResponse.byteLength;
    },

    __host_error(ptr: number): void {
      memory.write(ptr, state.hostError, "__host_error");
    },

    __host_error_len(): number {
      return state.hostError.byteLength;
    },

    __console_log(ptr: number, length: number): void {
      logger(memory.readUtf8(ptr, length, "__console_log"));
    },
  };
}

/** Accepts what a host function may reasonably return; anything else is a host error sent to the guest. */
function toBytes(result: unknown): Uint8Array {
  if (result instanceof Uint8Array) return result;
  if (result === undefined || result === null) return empty;
  if (ArrayBuffer.isView(result)) return new Uint8Array(result.buffer, result.byteOffset, result.byteLength);
  if (result instanceof ArrayBuffer) return new Uint8Array(result);
  throw new TypeError(`host call returned ${typeof result}, expected a Uint8Array`);
}
