// Marks the CLI entry executable after tsc, so `npm ci` on a fresh clone leaves a working bin; and removes
// dist/host-runtime, which builds from before @widl-bindgen/host became its own package (host-runtime/dist) left
// behind and which `npm pack` would otherwise ship in widl-bindgen.
import { chmodSync, existsSync, rmSync } from "node:fs";

const bin = new URL("../dist/cli/main.js", import.meta.url);
if (existsSync(bin)) chmodSync(bin, 0o755);
rmSync(new URL("../dist/host-runtime", import.meta.url), { recursive: true, force: true });
