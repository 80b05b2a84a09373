// WIDL defaults end to end with a Rust guest (test/rust/fixtures/defaults/lib.rs over test/fixtures/defaults):
// the generated stubs leave defaulted arguments out, the guest's glue fills keys missing from raw msgpack, and
// the decoder's nesting limit turns a payload nested 10,000 deep into a GuestError. The cases live in
// test/fixtures/defaults/suite.ts.
import { join } from "node:path";
import { describe } from "vitest";
import { describeDefaultsSuite } from "../fixtures/defaults/suite.js";
import { buildRustGuest, outRoot } from "./build-guest.js";
import { skipRust } from "./toolchain.js";

describe.skipIf(skipRust("rust defaults"))("Rust guest", () => {
  describeDefaultsSuite("Rust", join(outRoot, "defaults"), async () => {
    const { wasm } = await buildRustGuest("defaults", "test/fixtures/defaults/schema.widl", "test/rust/fixtures/defaults/lib.rs", {
      abi: "wapc",
    });
    return wasm;
  });
});
