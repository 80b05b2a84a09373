/**
 * The engines every end-to-end suite runs its guests on (DESIGN.md, "Engines"): V8's own WebAssembly and the
 * TypeScript interpreter, which must give identical answers. Suites parametrize over this list
 * (`describe.each(ENGINES)`), so adding an engine is one line here.
 */
import type { HostCall, HostCallMap, HostOptions, ModuleSource, Writer } from "@widl-bindgen/host";

export const ENGINES = ["v8", "interpreter"] as const;

/** One of `ENGINES`. */
export type TestEngine = (typeof ENGINES)[number];

type Instantiate<R> = (
  source: ModuleSource,
  hostCall?: HostCall | HostCallMap,
  writer?: Writer,
  options?: HostOptions,
) => Promise<R>;

/** `instantiate` (the root's, or the @wapc/host drop-in's) that loads every guest on `engine`. */
export function onEngine<R>(instantiate: Instantiate<R>, engine: TestEngine): Instantiate<R> {
  return (source, hostCall, writer, options) => instantiate(source, hostCall, writer, { ...options, engine });
}
