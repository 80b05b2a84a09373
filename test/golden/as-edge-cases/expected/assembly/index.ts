// Generated once by widl-bindgen {version} (target assemblyscript-scaffold) from ../schema.widl. Yours to edit: regenerating never overwrites it.
// The guest's entry file. Build it with asc, e.g.
//   npx asc assembly/index.ts -o build/guest.wasm -O3 --enable simd
// (--enable simd is optional: it makes the runtime's string conversions about 4x faster.)
// To run under @wapc/host, which has no env.abort import, add
//   --use abort=~lib/widl-bindgen/guest-runtime/assemblyscript/wapc/wapcAbort
import * as rt from "widl-bindgen/guest-runtime/assemblyscript";
import { Handlers, Box, Holder, Level, Levels, Result } from "./module";

Handlers.registerAbort(abort);
Handlers.registerEchoHolder(echoHolder);
Handlers.registerBox(box);
Handlers.registerNothing(nothing);
Handlers.registerLevels(levels);

function abort(class_: string, v: Result): Result {
  // TODO: implement abort.
  return new Result();
}

function echoHolder(h: Holder): Holder {
  // TODO: implement echo_holder.
  return new Holder();
}

function box(b: Box): Box {
  // TODO: implement box.
  return new Box();
}

function nothing(): void {
  // TODO: implement nothing.
}

function levels(l: Level, maybe: rt.Box<Level> | null): Levels {
  // TODO: implement levels.
  return new Map<Level, Array<rt.Box<Level> | null>>();
}

// asc exports only what the entry file exports: these are the glue's wasm exports.
export { __guest_call, __widl_malloc, __widl_free, __widl_ret_area, __widl_op_abort, __widl_op_echo_holder, __widl_op_box, __widl_op_nothing, __widl_op_levels } from "./module";
