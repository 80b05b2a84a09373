/** The direct ABI's host side (docs/abi.md, "direct"): `DirectGuest`, its pooled twin, and ABI detection. */
export {
  DirectGuest,
  instantiateDirect,
  directAbiExports,
  type DirectExports,
  type LoweredArgument,
  type LoweredResult,
} from "./direct-guest.js";
export { DirectPoolGuest, type DirectPoolResult } from "./direct-pool-guest.js";
export { detectAbi, exportedAbis, type GuestAbiName } from "./abi-detection.js";
export { ASCII_DECODE_MAX, ASCII_LOOP_MAX } from "./utf8.js";
