// Marks the CLI entry executable after tsc, so `npm ci` on a fresh clone leaves a working bin.
import { chmodSync, existsSync } from "node:fs";

const bin = new URL("../dist/cli/main.js", import.meta.url);
if (existsSync(bin)) chmodSync(bin, 0o755);
