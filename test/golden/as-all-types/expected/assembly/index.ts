// Generated once by widl-bindgen {version} (target assemblyscript-scaffold) from ../../../fixtures/all-types/schema.widl. Yours to edit: regenerating never overwrites it.
// The guest's entry file. Build it with asc, e.g.
//   npx asc assembly/index.ts -o build/guest.wasm -O3 --enable simd
// (--enable simd is optional: it makes the runtime's string conversions about 4x faster.)
// To run under @wapc/host, which has no env.abort import, add
//   --use abort=~lib/widl-bindgen/guest-runtime/assemblyscript/wapc/wapcAbort
import { Handlers, Celsius, Collections, Color, Everything, HostResult, Optionals, Point, Scalars, Shape, Texts, UserId } from "./module";

Handlers.registerEchoScalars(echoScalars);
Handlers.registerEchoTexts(echoTexts);
Handlers.registerEchoOptionals(echoOptionals);
Handlers.registerEchoCollections(echoCollections);
Handlers.registerEchoEverything(echoEverything);
Handlers.registerEchoString(echoString);
Handlers.registerEchoBytes(echoBytes);
Handlers.registerEchoDatetime(echoDatetime);
Handlers.registerEchoColor(echoColor);
Handlers.registerEchoShape(echoShape);
Handlers.registerEchoAlias(echoAlias);
Handlers.registerScalarsToStruct(scalarsToStruct);
Handlers.registerAdd(add);
Handlers.registerUtf8Length(utf8Length);
Handlers.registerConcat(concat);
Handlers.registerRecord(record);
Handlers.registerLastRecorded(lastRecorded);
Handlers.registerUseHost(useHost);
Handlers.registerFail(fail);

/** Returns its argument unchanged. */
function echoScalars(value: Scalars): Scalars {
  // TODO: implement echo_scalars.
  return new Scalars();
}

/** Returns its argument unchanged. */
function echoTexts(value: Texts): Texts {
  // TODO: implement echo_texts.
  return new Texts();
}

/** Returns its argument unchanged. */
function echoOptionals(value: Optionals): Optionals {
  // TODO: implement echo_optionals.
  return new Optionals();
}

/** Returns its argument unchanged. */
function echoCollections(value: Collections): Collections {
  // TODO: implement echo_collections.
  return new Collections();
}

/** Returns its argument unchanged. */
function echoEverything(value: Everything): Everything {
  // TODO: implement echo_everything.
  return new Everything();
}

/** Unary: the argument is sent bare. Returns it unchanged. */
function echoString(value: string): string {
  // TODO: implement echo_string.
  return "";
}

/** Returns its argument unchanged (tests send empty and 1 MiB). */
function echoBytes(value: ArrayBuffer): ArrayBuffer {
  // TODO: implement echo_bytes.
  return new ArrayBuffer(0);
}

/** Returns its argument unchanged. */
function echoDatetime(value: Date): Date {
  // TODO: implement echo_datetime.
  return new Date(0);
}

/** Returns its argument unchanged. */
function echoColor(value: Color): Color {
  // TODO: implement echo_color.
  return Color.Red;
}

/** Returns its argument unchanged. */
function echoShape(value: Shape): Shape {
  // TODO: implement echo_shape.
  return new Shape();
}

/** Returns its argument unchanged. */
function echoAlias(value: UserId, temperature: Celsius): UserId {
  // TODO: implement echo_alias.
  return 0;
}

/** Every scalar as its own parameter (one wasm value each on the direct ABI); returns them as Scalars. */
function scalarsToStruct(aBool: bool, aI8: i8, aU8: u8, aI16: i16, aU16: u16, aI32: i32, aU32: u32, aI64: i64, aU64: u64, aF32: f32, aF64: f64): Scalars {
  // TODO: implement scalars_to_struct.
  return new Scalars();
}

/** Returns a + b (tests keep the sum in range). */
function add(a: i64, b: i64): i64 {
  // TODO: implement add.
  return 0;
}

/** Returns the UTF-8 byte length of value. */
function utf8Length(value: string): u32 {
  // TODO: implement utf8_length.
  return 0;
}

/** Returns prefix + value, or value alone when prefix is absent. */
function concat(value: string, prefix: string | null): string {
  // TODO: implement concat.
  return "";
}

/** Void: remembers value for last_recorded. */
function record(value: string): void {
  // TODO: implement record.
}

/** Zero parameters: returns the value passed to the last record call, or the empty string. */
function lastRecorded(): string {
  // TODO: implement last_recorded.
  return "";
}

/** Calls the host: greeting = Host.greeting(name), shifted = Host.shift(point, 1); also calls Host.log(name). A host error is returned as this operation's error, with the host's message. */
function useHost(name: string, point: Point): HostResult {
  // TODO: implement use_host.
  return new HostResult();
}

/** Always fails with the error message "boom: " + reason. */
function fail(reason: string): string {
  // TODO: implement fail.
  return "";
}

// asc exports only what the entry file exports: these are the glue's wasm exports.
export { __guest_call, __widl_malloc, __widl_free, __widl_ret_area, __widl_op_echo_scalars, __widl_op_echo_texts, __widl_op_echo_optionals, __widl_op_echo_collections, __widl_op_echo_everything, __widl_op_echo_string, __widl_op_echo_bytes, __widl_op_echo_datetime, __widl_op_echo_color, __widl_op_echo_shape, __widl_op_echo_alias, __widl_op_scalars_to_struct, __widl_op_add, __widl_op_utf8_length, __widl_op_concat, __widl_op_record, __widl_op_last_recorded, __widl_op_use_host, __widl_op_fail } from "./module";
