// WIDL defaults end to end with an AssemblyScript guest (test/fixtures/defaults): the generated stubs leave
// defaulted arguments out, the guest's glue fills keys missing from raw msgpack, and the decoder's nesting limit
// turns a payload nested 10,000 deep into a GuestError. The cases live in test/fixtures/defaults/suite.ts.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describeDefaultsSuite, DEFAULTS_SCHEMA } from "../fixtures/defaults/suite.js";
import { buildGuest, fixture, outRoot } from "./build.js";

describeDefaultsSuite("AssemblyScript", join(outRoot, "defaults"), async () => {
  const { wasm } = await buildGuest({
    name: "defaults",
    schemaFile: DEFAULTS_SCHEMA,
    entrySource: readFileSync(fixture("defaults/as/index.ts"), "utf8"),
    abi: "wapc",
  });
  return wasm;
});
