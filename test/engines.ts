/**
 * The engines every end-to-end suite runs its guests on (DESIGN.md, "Engines"): V8's own WebAssembly and the
 * TypeScript interpreter, which must give identical answers. Suites parametrize over this list
 * (`describe.each(ENGINES)`), so adding an engine is one line here.
 */
export const ENGINES = ["v8", "interpreter"] as const;

/** One of `ENGINES`. */
export type TestEngine = (typeof ENGINES)[number];
