/**
 * Usage and input errors: the one place that decides how the CLI says "you called me wrong" (exit code 2, one
 * line on stderr, no stack trace). The exit codes, the same in every command (README, "Exit codes"):
 *
 * - 0: done;
 * - 1: the command ran and found problems (schema diagnostics) or failed at run time (a guest error, a failed
 *   install, a server that cannot start);
 * - 2: it could not run as asked: an unknown command or option, missing or extra arguments, a bad option value,
 *   or an input it cannot use (a missing or unreadable file, a file that is not what the command takes).
 */
import { accessSync, constants, statSync } from "node:fs";

/** Prints `widl-bindgen <command>: <message>` and a pointer to the command's help, and sets exit code 2. */
export function usageError(command: string | undefined, message: string): void {
  const who = command === undefined ? "widl-bindgen" : `widl-bindgen ${command}`;
  process.stderr.write(`${who}: ${message} (see "${who} --help")\n`);
  process.exitCode = 2;
}

/** Why `path` cannot be read as a file (`ENOENT`, `EACCES`, `EISDIR`), or undefined when it can. */
export function unreadableFile(path: string): string | undefined {
  try {
    accessSync(path, constants.R_OK);
    return statSync(path).isDirectory() ? "EISDIR" : undefined;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  }
}

/**
 * Checks that each path is a readable file; on the first that is not, reports it as a usage error (exit 2) and
 * returns false. Every command treats a missing input file the same way this way.
 */
export function requireReadable(command: string, paths: readonly string[]): boolean {
  for (const path of paths) {
    const why = unreadableFile(path);
    if (why !== undefined) {
      usageError(command, `cannot read ${path}: ${why}`);
      return false;
    }
  }
  return true;
}

/** The closest of `candidates` to `typed`, if it is close enough to be a likely typo (edit distance ≤ 2). */
export function closest(typed: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = editDistance(typed.toLowerCase(), candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

/** Levenshtein distance with adjacent transpositions (`chekc` → `check` is one edit). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}
