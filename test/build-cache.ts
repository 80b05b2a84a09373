/**
 * Reuse of guest builds across test runs: asc and rustc take seconds and CI has two cores, so a build whose inputs
 * have not changed is not run again. The digest of the inputs is kept next to the output as `<output>.sha256`.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** A SHA-256 over `parts` in order, each ended by a NUL so that ("ab", "c") and ("a", "bc") differ. */
export function inputsDigest(parts: Iterable<string | Uint8Array>): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part).update("\0");
  return hash.digest("hex");
}

/**
 * Runs `build` (which writes `output`) unless `output` exists and was last built from inputs with `digest`.
 * The digest is recorded only after `build` succeeds, so a failed build is retried on the next run.
 */
export async function buildUnlessUnchanged(output: string, digest: string, build: () => Promise<void>): Promise<void> {
  const stamp = `${output}.sha256`;
  if (existsSync(output) && existsSync(stamp) && readFileSync(stamp, "utf8") === digest) return;
  await build();
  writeFileSync(stamp, digest);
}
