/** Test strings for the runtime's UTF-8 fast paths. */

/** ASCII strings of 0…40 units, and each with one non-ASCII character (2, 3 or 4 UTF-8 bytes) at every position. */
export function stringsAroundSteps(): string[] {
  const out: string[] = [];
  for (let n = 0; n <= 40; n++) {
    const ascii = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH".slice(0, n);
    out.push(ascii);
    for (let i = 0; i < n; i += 3) for (const c of ["é", "€", "🎉"]) out.push(ascii.slice(0, i) + c + ascii.slice(i + 1));
  }
  return out;
}
