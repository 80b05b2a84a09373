/**
 * A minimal waPC host written against the `WebAssembly` namespace type, so that the same code drives a guest on
 * V8 and on the interpreter. The host runtime proper takes V8 modules only until the engine seam is wired; this
 * drives the protocol's imports directly (DESIGN.md, "Wire format").
 */
import type { WebAssemblyEngine } from "../../host-runtime/engine.js";
import type { Instance as InterpreterInstance } from "../../host-runtime/interpreter/index.js";

export type HostCall = (binding: string, namespace: string, operation: string, payload: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export interface WapcGuest {
  readonly instance: WebAssembly.Instance;
  invoke(operation: string, payload: Uint8Array): Uint8Array;
  /** On the interpreter only: the guest may await an async host call in-process. */
  invokeAsync(operation: string, payload: Uint8Array): Promise<Uint8Array>;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

export async function loadWapcGuest(api: WebAssemblyEngine, bytes: Uint8Array, hostCall?: HostCall): Promise<WapcGuest> {
  let memory!: WebAssembly.Memory;
  const bytesAt = (ptr: number, len: number): Uint8Array => new Uint8Array(memory.buffer, ptr, len).slice();
  const text = (ptr: number, len: number): string => fromUtf8.decode(bytesAt(ptr, len));
  let request: { operation: Uint8Array; payload: Uint8Array } = { operation: new Uint8Array(0), payload: new Uint8Array(0) };
  let response: Uint8Array | undefined;
  let guestError: string | undefined;
  let hostResponse: Uint8Array = new Uint8Array(0);
  let hostError: Uint8Array = new Uint8Array(0);
  const wapc = {
    __guest_request(opPtr: number, payloadPtr: number) {
      new Uint8Array(memory.buffer).set(request.operation, opPtr);
      new Uint8Array(memory.buffer).set(request.payload, payloadPtr);
    },
    __guest_response: (ptr: number, len: number) => void (response = bytesAt(ptr, len)),
    __guest_error: (ptr: number, len: number) => void (guestError = text(ptr, len)),
    __host_call(bp: number, bl: number, np: number, nl: number, op: number, ol: number, pp: number, pl: number) {
      const settle = (result: Uint8Array): number => ((hostResponse = result), 1);
      const fail = (error: unknown): number => ((hostError = utf8.encode(String(error))), 0);
      if (hostCall === undefined) return fail(new Error("no host call"));
      try {
        const result = hostCall(text(bp, bl), text(np, nl), text(op, ol), bytesAt(pp, pl));
        return result instanceof Promise ? result.then(settle, fail) : settle(result);
      } catch (error) {
        return fail(error);
      }
    },
    __host_response_len: () => hostResponse.length,
    __host_response: (ptr: number) => new Uint8Array(memory.buffer).set(hostResponse, ptr),
    __host_error_len: () => hostError.length,
    __host_error: (ptr: number) => new Uint8Array(memory.buffer).set(hostError, ptr),
    __console_log: () => {},
  };
  const env = { abort: () => { throw new Error("guest aborted"); } };
  const { instance } = (await api.instantiate(bytes as Uint8Array<ArrayBuffer>, { wapc, env })) as unknown as WebAssembly.WebAssemblyInstantiatedSource;
  memory = instance.exports.memory as WebAssembly.Memory;
  for (const init of ["_start", "_initialize", "wapc_init"]) (instance.exports[init] as (() => void) | undefined)?.();
  const begin = (operation: string, payload: Uint8Array): [number, number] => {
    request = { operation: utf8.encode(operation), payload };
    response = undefined;
    guestError = undefined;
    return [request.operation.length, payload.length];
  };
  const finish = (operation: string, ok: unknown): Uint8Array => {
    if (ok !== 1) throw new Error(`guest call ${operation} failed: ${guestError ?? "no message"}`);
    return response ?? new Uint8Array(0);
  };
  return {
    instance,
    invoke(operation, payload) {
      const [opLen, len] = begin(operation, payload);
      return finish(operation, (instance.exports.__guest_call as (a: number, b: number) => number)(opLen, len));
    },
    async invokeAsync(operation, payload) {
      const [opLen, len] = begin(operation, payload);
      return finish(operation, await (instance as unknown as InterpreterInstance).callAsync("__guest_call", [opLen, len]));
    },
  };
}
