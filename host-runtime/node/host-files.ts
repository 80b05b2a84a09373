/**
 * Gives the WASI shim the real filesystem for read-only preopens. Imported for its effect by the Node entries
 * (node.ts, codegen-node.ts, the pool worker); the browser entries never import it.
 */
import { closeSync, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from "node:fs";
import { resolve, sep } from "node:path";
import { installHostFiles } from "../wasi-host-files.js";

installHostFiles({
  realpathSync,
  statSync,
  lstatSync,
  fstatSync,
  openSync,
  readSync,
  closeSync,
  readdirSync: (path) => readdirSync(path),
  resolve,
  sep,
});
