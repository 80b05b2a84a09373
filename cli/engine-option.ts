/** `--engine`, shared by `invoke` and `serve`: which engine runs the guest. */
import { engineNames, type EngineName } from "@widl-bindgen/host/vocabulary";

/** The option's help text. */
export const engineOptionHelp = `Run the guest on ${engineNames.map((n) => `"${n}"`).join(" or ")} (the TypeScript interpreter; default "v8")`;

/** Checks `--engine` (a `RangeError` naming the engines there are); `"v8"` when absent. */
export function engineName(value: string | undefined): EngineName {
  if (value === undefined) return "v8";
  const name = engineNames.find((n) => n === String(value));
  if (name === undefined) throw new RangeError(`--engine must be one of ${engineNames.join(", ")}, got ${String(value)}`);
  return name;
}
