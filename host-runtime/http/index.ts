/**
 * `@widl-bindgen/host/http` (Node only): a guest served over HTTP, as `widl-bindgen serve` runs it, and the JSON
 * payload helpers `serve` and `invoke` share. `serveGuest` loads a guest file, in-process or into a worker pool
 * (`servingMode`), and answers `POST /<operation>` with JSON (DESIGN.md, "HTTP"); an `OperationCodec` decides how
 * JSON becomes a payload.
 */
import "../node/host-files.js";

export { serveGuest, servingMode, type ServeGuestOptions, type ServingGuest, type ServingMode } from "./serve-guest.js";
export { GuestServerOptionError, type GuestServerOptions } from "./guest-server.js";
export {
  ArgumentError,
  UnknownOperationError,
  genericCodec,
  parseJsonArguments,
  formatJson,
  formatResultText,
  type OperationCodec,
} from "./json-payload.js";
