/** The direct ABI's host side (docs/abi.md, "direct"): `DirectGuest`, its async twin (pools, suspending calls), and ABI detection. */
export {
  DirectGuest,
  directAbiExports,
  type DirectExports,
  type LoweredArgument,
  type LoweredResult,
} from "./direct-guest.js";
export { DirectAsyncGuest, type DirectAsyncResult } from "./direct-async-guest.js";
export { detectAbi, exportedAbis, type GuestAbiName } from "./abi-detection.js";
export { ASCII_DECODE_MAX, ASCII_LOOP_MAX } from "./utf8.js";
