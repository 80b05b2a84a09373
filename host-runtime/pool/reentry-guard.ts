import { AsyncLocalStorage } from "node:async_hooks";
import type { AsyncHostCall } from "./host-call-bridge.js";

/**
 * Tells a pool's `invoke` apart when it comes from inside one of that pool's own host functions.
 *
 * The guest that made the host call holds its worker until the host function settles, so an inner call on the same
 * pool waits for a worker that may only come free once the inner call is done: with one worker (or all of them in
 * such host calls) a deadlock until the timeout. In-process the guest refuses the same call at once
 * (`ReentrantCallError`); the pool does too. `AsyncLocalStorage` follows the host function across its awaits, and
 * the scope ends when the host function settles, so work it leaves running afterwards may still use the pool.
 */

interface HostCallScope {
  readonly pool: object;
  active: boolean;
}

const scopes = new AsyncLocalStorage<HostCallScope>();

/** `handler`, run so that calls it makes on `pool` while it has not settled are recognized as re-entry. */
export function guardHostCall(pool: object, handler: AsyncHostCall): AsyncHostCall {
  return (binding, namespace, operation, payload) => {
    const scope: HostCallScope = { pool, active: true };
    let pending: ReturnType<AsyncHostCall>;
    try {
      pending = scopes.run(scope, handler, binding, namespace, operation, payload);
    } catch (error) {
      scope.active = false;
      throw error;
    }
    if (typeof (pending as PromiseLike<unknown> | undefined)?.then !== "function") {
      scope.active = false;
      return pending;
    }
    const end = () => (scope.active = false);
    (pending as PromiseLike<unknown>).then(end, end);
    return pending;
  };
}

/**
 * Whether the running code is inside a host function of `pool` that has not settled. A cycle through another pool
 * (A's host function calls B, whose host function calls A) is not seen: B's host function starts from a message of
 * B's worker, outside A's scope.
 */
export function isReentry(pool: object): boolean {
  const scope = scopes.getStore();
  return scope !== undefined && scope.active && scope.pool === pool;
}
