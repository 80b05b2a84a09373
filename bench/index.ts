/**
 * `npm run bench`: runs every benchmark module in turn. Each module runs itself on import; add one
 * line per module below.
 */
await import("./parse.js");
await import("./parse-scaling.js");
await import("./pool.js");
await import("./invoke.js");
await import("./serve.js");
await import("./assemblyscript-dispatch.js");
await import("./assemblyscript-strings.js");
await import("./abi.js");
await import("./codec.js");
await import("./cli.js");
await import("./interpreter.js");
