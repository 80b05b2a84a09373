/**
 * Helpers shared by the scaffolding tests: a project folder as a map of relative path → content hash, to show
 * that a step changed nothing, or exactly what.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** Every file under `dir` (node_modules and build outputs left out) → sha256 of its content. */
export function treeHashes(dir: string, skip: readonly string[] = ["node_modules", "build", "dist", "target"]): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!skip.includes(entry.name)) walk(path);
      } else {
        out.set(path, createHash("sha256").update(readFileSync(join(dir, path))).digest("hex"));
      }
    }
  };
  walk("");
  return out;
}

/** The `--port` value and the remaining arguments of a command line. */
export function splitPort(args: readonly string[]): { port: string | undefined; rest: string[] } {
  const rest = [...args];
  const i = rest.indexOf("--port");
  if (i < 0) return { port: undefined, rest };
  const [, port] = rest.splice(i, 2);
  return { port, rest };
}

/** The JSON-array ENTRYPOINT of a Dockerfile. */
export function dockerEntrypoint(dockerfile: string): string[] {
  const line = dockerfile.split("\n").find((l) => l.startsWith("ENTRYPOINT "));
  if (line === undefined) throw new Error("the Dockerfile has no ENTRYPOINT");
  return JSON.parse(line.slice("ENTRYPOINT ".length)) as string[];
}
