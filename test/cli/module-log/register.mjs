// Preloaded with `node --import` by test/cli/lazy-loading.test.ts: registers hooks.mjs, which appends the URL of
// every module the process loads to the file named by WIDL_MODULE_LOG.
import { register } from "node:module";

register("./hooks.mjs", import.meta.url, { data: { log: process.env.WIDL_MODULE_LOG } });
