// Generated once by widl-bindgen {version} (target assemblyscript-scaffold) from ../../cuckoo/schema.widl. Yours to edit: regenerating never overwrites it.
// The guest's entry file. Build it with asc, e.g.
//   npx asc assembly/index.ts -o build/guest.wasm -O3 --enable simd
// (--enable simd is optional: it makes the runtime's string conversions about 4x faster.)
// To run under @wapc/host, which has no env.abort import, add
//   --use abort=~lib/widl-bindgen/guest-runtime/assemblyscript/wapc/wapcAbort
import { Handlers, Input } from "./module";

Handlers.registerCheckWordExists(checkWordExists);
Handlers.registerHandleInput(handleInput);

function checkWordExists(name: string): string {
  // TODO: implement check_word_exists.
  return "";
}

function handleInput(inp: Input): string {
  // TODO: implement handle_input.
  return "";
}

// asc exports only what the entry file exports: these are the glue's wasm exports.
export { __guest_call } from "./module";
