// AssemblyScript side of bench/assemblyscript-dispatch.ts: two ways to find the operation of a waPC call.
// - bytes: the generated glue's way, `operationIs(name)` down the list of names, comparing the request's
//   bytes in place;
// - map: decode the name to a string (String.UTF8.decode) and look it up in a Map<string, i32>.
// Each export is one waPC call as the host makes it: fetch the request (one __guest_request import call,
// so nothing can be hoisted out of the host's loop), then dispatch; it returns the operation's index.
import { operationIs, operationName, receiveRequest } from "widl-bindgen/guest-runtime/assemblyscript";

const NAMES: string[] = [
  "echo_scalars", "echo_texts", "echo_optionals", "echo_collections", "echo_everything", "echo_string",
  "echo_bytes", "echo_datetime", "echo_color", "echo_shape", "echo_alias", "scalars_to_struct", "add",
  "utf8_length", "concat", "record", "last_recorded", "use_host", "fail",
];

const table = new Map<string, i32>();
for (let i = 0; i < NAMES.length; i++) table.set(NAMES[i], i);

export function byBytes(opLen: usize): i32 {
  receiveRequest(opLen, 0);
  // As the generated __guest_call does it: one comparison per operation, in schema order.
  if (operationIs("echo_scalars")) return 0;
  if (operationIs("echo_texts")) return 1;
  if (operationIs("echo_optionals")) return 2;
  if (operationIs("echo_collections")) return 3;
  if (operationIs("echo_everything")) return 4;
  if (operationIs("echo_string")) return 5;
  if (operationIs("echo_bytes")) return 6;
  if (operationIs("echo_datetime")) return 7;
  if (operationIs("echo_color")) return 8;
  if (operationIs("echo_shape")) return 9;
  if (operationIs("echo_alias")) return 10;
  if (operationIs("scalars_to_struct")) return 11;
  if (operationIs("add")) return 12;
  if (operationIs("utf8_length")) return 13;
  if (operationIs("concat")) return 14;
  if (operationIs("record")) return 15;
  if (operationIs("last_recorded")) return 16;
  if (operationIs("use_host")) return 17;
  if (operationIs("fail")) return 18;
  return -1;
}

export function byMap(opLen: usize): i32 {
  receiveRequest(opLen, 0);
  const name = operationName();
  return table.has(name) ? table.get(name) : -1;
}

/** The floor: fetch the request and dispatch nothing. */
export function byNothing(opLen: usize): i32 {
  receiveRequest(opLen, 0);
  return 0;
}
