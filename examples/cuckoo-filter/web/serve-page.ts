/**
 * `npm run web`: builds the cuckoo page and serves it on http://127.0.0.1:8090/ (`PORT` picks another port) until
 * Ctrl-C.
 */
import { buildWebPage } from "./build.js";
import { serveStatic } from "./static-server.js";

const root = await buildWebPage();
const server = await serveStatic(root, Number(process.env["PORT"] ?? 8090));
process.stdout.write(`cuckoo page: ${server.url} (Ctrl-C stops)\n`);
process.once("SIGINT", () => void server.close().then(() => process.exit(0)));
process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
