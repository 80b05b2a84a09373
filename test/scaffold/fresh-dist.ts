/**
 * The builds the bins run: tests that install widl-bindgen into a project (packed, or linked from this checkout)
 * run `dist/cli/main.js` and the runtime package's `host-runtime/dist/`, so neither may be older than its sources.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { repoRoot } from "../cli/run-cli.js";

/**
 * Whether a build is older than a source it compiles: dist/ for the three tool stages, host-runtime/dist/ for the
 * runtime package.
 */
function distIsStale(): boolean {
  const stale = (dir: string, out: string, base: string): boolean =>
    readdirSync(join(repoRoot, dir), { withFileTypes: true }).some((e) => {
      const rel = join(dir, e.name);
      if (e.isDirectory()) return e.name !== "dist" && e.name !== "node_modules" && stale(rel, out, base);
      if (!/\.(ts|peggy)$/.test(e.name) || e.name.endsWith(".d.ts")) return false;
      const built = join(repoRoot, out, relativeTo(base, rel).replace(/\.peggy$/, ".js").replace(/\.ts$/, ".js"));
      const target = e.name.endsWith(".peggy") ? join(repoRoot, out, dir, "grammar.js") : built;
      return !existsSync(target) || statSync(target).mtimeMs < statSync(join(repoRoot, rel)).mtimeMs;
    });
  const relativeTo = (base: string, rel: string) => (base === "" ? rel : relative(base, rel));
  return ["widl-parser", "generators", "cli"].some((d) => stale(d, "dist", "")) || stale("host-runtime", "host-runtime/dist", "host-runtime");
}

/** Builds (`npm run build`) when a source is newer than its build. */
export function ensureFreshDist(): void {
  if (distIsStale()) execFileSync("npm", ["run", "build"], { cwd: repoRoot, stdio: "pipe" });
}
