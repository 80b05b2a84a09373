/**
 * The HTTP front's synchronous path (host-runtime/http/guest-server.ts): a guest with `invokeSync` (the in-process
 * guest of `serve`) is called through it and answered without a promise turn; its errors map to statuses as an
 * `invoke` rejection does.
 */
import { encode } from "@msgpack/msgpack";
import { afterEach, describe, expect, it } from "vitest";
import { GuestError } from "../../host-runtime/errors.js";
import { createGuestServer, type GuestServer } from "../../host-runtime/http/guest-server.js";

let server: GuestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(guest: Parameters<typeof createGuestServer>[0]): Promise<string> {
  server = createGuestServer(guest, { operation: "echo" });
  const { port } = await server.listen(0);
  return `http://127.0.0.1:${port}`;
}

describe("guest server with a synchronous guest", () => {
  it("calls invokeSync, never invoke, and answers its result", async () => {
    const url = await start({
      invoke: () => Promise.reject(new Error("invoke must not be called when invokeSync exists")),
      invokeSync: (_operation, payload) => payload,
    });
    const get = await fetch(`${url}/?key=${encodeURIComponent('"hi"')}`);
    expect([get.status, await get.text()]).toEqual([200, "result=hi"]);
    const post = await fetch(`${url}/echo`, { method: "POST", body: '{"a":[1,2]}' });
    expect([post.status, await post.json()]).toEqual([200, { a: [1, 2] }]);
  });

  it("maps a guest error thrown by invokeSync to 500 with the guest's message", async () => {
    const url = await start({
      invoke: () => Promise.resolve(encode("unused")),
      invokeSync: (operation) => {
        throw new GuestError(operation, "the guest refused");
      },
    });
    const r = await fetch(`${url}/?key=1`);
    expect(r.status).toBe(500);
    expect(((await r.json()) as { error: string }).error).toContain("the guest refused");
  });
});
