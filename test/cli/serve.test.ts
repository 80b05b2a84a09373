import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./run-cli.js";
import { startServe, type ServeProcess } from "./serve-process.js";
import { buildTestGuest, testGuestDefaultsSchema, testGuestSchema } from "./test-guests.js";

// A fresh folder per run: the same file may run twice at once (watch mode, copies of the suite).
const out = mkdtempSync(join(tmpdir(), "widl-serve-"));

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** One HTTP request on a fresh connection. */
function send(url: string, method: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, body: text, headers: res.headers }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("widl-bindgen serve: statuses", () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    const guest = buildTestGuest(out);
    serve = await startServe([guest, "version", "--schema", testGuestSchema, "--timeout-ms", "500", "--max-body", "256", "--workers", "2"]);
  });
  afterAll(async () => {
    expect(await serve.stop("SIGINT")).toBe(0);
  });

  it("binds 127.0.0.1 by default", () => {
    expect(serve.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("200: POST /<operation> with a JSON body answers JSON, i64 from a string kept exact", async () => {
    const r = await send(`${serve.url}/echo`, "POST", '{"msg":"hi","n":"9007199254740993","tags":["a"]}');
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(r.body)).toEqual({ msg: "hi", n: "9007199254740993", tags: ["a"] });
  });

  it("200: GET /?key=<json> for the fixed operation answers result=<value> (the book's curl form)", async () => {
    const r = await send(`${serve.url}/?key=${encodeURIComponent("{}")}`, "GET");
    expect(r).toMatchObject({ status: 200, body: "result=version-1" });
  });

  it("200: GET /healthz", async () => {
    const r = await send(`${serve.url}/healthz`, "GET");
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ status: "ok" });
  });

  it("400: bad JSON, with the parser's reason", async () => {
    const r = await send(`${serve.url}/echo`, "POST", '{"msg":');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error).toMatch(/^invalid JSON/);
    const get = await send(`${serve.url}/?key=${encodeURIComponent("{nope")}`, "GET");
    expect(get.status).toBe(400);
  });

  it("400: a wrong type names the field, nested ones too", async () => {
    const r = await send(`${serve.url}/echo`, "POST", '{"msg":5,"n":1}');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toEqual({ error: "msg: expected string, got JSON number", field: "msg" });
    const nested = await send(`${serve.url}/echo`, "POST", '{"msg":"a","n":1,"tags":["x",{}]}');
    expect(nested.status).toBe(400);
    expect(JSON.parse(nested.body).field).toBe("tags[1]");
    const missing = await send(`${serve.url}/echo`, "POST", '{"msg":"a"}');
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.body).error).toMatch(/missing required parameter "n"/);
  });

  it("404: an operation the schema does not declare, and a path that is no operation", async () => {
    const r = await send(`${serve.url}/nope`, "POST", "{}");
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body).error).toMatch(/unknown operation "nope"/);
    expect((await send(`${serve.url}/a/b`, "POST", "{}")).status).toBe(404);
  });

  it("405: a method the path does not take, with Allow", async () => {
    const r = await send(`${serve.url}/echo`, "GET");
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe("POST");
    expect(JSON.parse(r.body).error).toMatch(/GET is not allowed/);
    expect((await send(`${serve.url}/`, "DELETE")).status).toBe(405);
    expect((await send(`${serve.url}/healthz`, "POST", "")).status).toBe(405);
  });

  it("413: a body past --max-body, declared or streamed", async () => {
    const big = JSON.stringify({ msg: "x".repeat(300), n: 1 });
    const r = await send(`${serve.url}/echo`, "POST", big);
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body).error).toMatch(/larger than the limit of 256 bytes/);
    const chunked = await send(`${serve.url}/echo`, "POST", Buffer.from(big), { "Transfer-Encoding": "chunked" });
    expect(chunked.status).toBe(413);
  });

  it("500: a guest error carries the guest's message", async () => {
    const r = await send(`${serve.url}/fail`, "POST");
    expect(r.status).toBe(500);
    expect(JSON.parse(r.body)).toEqual({ error: "the guest refused: fail was called" });
  });

  it("504: a call past --timeout-ms, and the next call still works", async () => {
    const r = await send(`${serve.url}/spin`, "POST");
    expect(r.status).toBe(504);
    expect(JSON.parse(r.body).error).toMatch(/timed out after 500 ms/);
    expect((await send(`${serve.url}/echo`, "POST", '{"msg":"after","n":1}')).status).toBe(200);
  });

  it("writes one access-log line per request", async () => {
    await send(`${serve.url}/echo?tag=log-check`, "POST", '{"msg":"log","n":1}');
    await new Promise((r) => setTimeout(r, 100));
    const lines = serve.stdout().split("\n").filter((l) => l.includes("log-check"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/127\.0\.0\.1 "POST \/echo\?tag=log-check HTTP\/1\.1" 200 \d+ [\d.]+ms$/);
  });
});

describe("widl-bindgen serve without a schema", () => {
  it("passes JSON through generically; POST / and GET / need a fixed operation", async () => {
    const guest = buildTestGuest(join(out, "generic"));
    const serve = await startServe([guest]);
    try {
      const r = await send(`${serve.url}/echo`, "POST", '{"anything":[1,2]}');
      expect(r).toMatchObject({ status: 200, body: '{"anything":[1,2]}' });
      const g = await send(`${serve.url}/?key=%7B%7D`, "GET");
      expect(g.status).toBe(404);
      expect(JSON.parse(g.body).error).toMatch(/no operation is fixed/);
      // Nesting: 256 levels pass through; deeper, up to a body of nearly 1 MiB, is a 400, and the server lives on.
      const nested = (n: number) => `${"[".repeat(n)}1${"]".repeat(n)}`;
      expect(await send(`${serve.url}/echo`, "POST", nested(256))).toMatchObject({ status: 200, body: nested(256) });
      for (const n of [257, 500_000]) {
        const deep = await send(`${serve.url}/echo`, "POST", nested(n));
        expect(deep.status).toBe(400);
        expect(JSON.parse(deep.body)).toEqual({ error: "nesting deeper than 256" });
      }
      expect((await send(`${serve.url}/echo`, "POST", "[1]")).status).toBe(200);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });
});

describe("widl-bindgen serve --schema with WIDL defaults and a recursive type", () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    serve = await startServe([buildTestGuest(join(out, "defaults")), "--schema", testGuestDefaultsSchema, "--workers", "1"]);
  });
  afterAll(async () => {
    expect(await serve.stop("SIGINT")).toBe(0);
  });

  it("an omitted defaulted argument takes its default, and a result's missing fields theirs", async () => {
    const r = await send(`${serve.url}/echo`, "POST", '{"msg":"hi"}');
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ msg: "hi", n: 7, tags: ["x"] });
    expect(JSON.parse((await send(`${serve.url}/echo`, "POST")).body)).toEqual({ msg: "hello", n: 7, tags: ["x"] });
    const short = await send(`${serve.url}/echo_short`, "POST", '{"msg":"a"}');
    expect(JSON.parse(short.body)).toEqual({ msg: "a", n: 7, tags: ["x"] });
  });

  it("400, not a stack overflow or a 500: JSON nested past 256 levels for a recursive type", async () => {
    const tree = (n: number) => `${'{"children":['.repeat(n)}${"]}".repeat(n)}`;
    // 128 trees are 256 levels (each is a map holding a list); deep enough that unbounded recursion would overflow.
    expect(await send(`${serve.url}/echo_tree`, "POST", tree(128))).toMatchObject({ status: 200, body: tree(128) });
    for (const n of [129, 60_000]) {
      const r = await send(`${serve.url}/echo_tree`, "POST", tree(n));
      expect(r.status).toBe(400);
      const body = JSON.parse(r.body) as { error: string; field: string };
      expect(body.error).toMatch(/: nesting deeper than 256$/);
      expect(body.field).toMatch(/^tree(\.children\[0\])+$/);
    }
    expect((await send(`${serve.url}/echo`, "POST", "{}")).status).toBe(200);
  });
});

describe("widl-bindgen serve --reload", () => {
  // Both ways one process runs the guest: on the server's thread (the default) and in the worker pool.
  it.each([
    ["in-process", []],
    ["pool", ["--workers", "2"]],
  ] as const)("hot-reloads a rebuilt guest while requests keep flowing, none failing (%s)", async (mode, modeArgs) => {
    const dir = join(out, `reload-${mode}`);
    const guest = buildTestGuest(dir, "guest.wasm", 1);
    const serve = await startServe([guest, "version", "--reload", ...modeArgs]);
    await serve.waitForStderr(mode === "pool" ? "guest runs in the worker pool" : "guest runs in-process");
    const seen: { body: string; sentAt: number; receivedAt: number }[] = [];
    const failures: string[] = [];
    let stop = false;
    const loop = async () => {
      while (!stop) {
        try {
          const sentAt = performance.now();
          const r = await send(`${serve.url}/?key=%7B%7D`, "GET");
          if (r.status === 200) seen.push({ body: r.body, sentAt, receivedAt: performance.now() });
          else failures.push(`${r.status} ${r.body}`);
        } catch (e) {
          failures.push((e as Error).message);
        }
      }
    };
    try {
      const loops = Array.from({ length: 8 }, loop);
      await new Promise((r) => setTimeout(r, 300));
      // Build the new version elsewhere and rename it over the old file, as build tools do.
      const next = buildTestGuest(join(dir, "next"), "guest.wasm", 2);
      writeFileSync(`${guest}.tmp`, readFileSync(next));
      renameSync(`${guest}.tmp`, guest);
      await serve.waitForStderr("reloaded");
      await new Promise((r) => setTimeout(r, 300));
      stop = true;
      await Promise.all(loops);
      expect(failures).toEqual([]);
      expect(seen.every((s) => s.body === "result=version-1" || s.body === "result=version-2")).toBe(true);
      expect(seen[0]!.body).toBe("result=version-1");
      expect(seen[seen.length - 1]!.body).toBe("result=version-2");
      // Calls already running may finish on the old module, but once the new one has answered, every call sent
      // after that answer runs on the new one.
      const switched = Math.min(...seen.filter((s) => s.body === "result=version-2").map((s) => s.receivedAt));
      expect(seen.filter((s) => s.sentAt > switched && s.body !== "result=version-2")).toEqual([]);
    } finally {
      stop = true;
      expect(await serve.stop()).toBe(0);
    }
  });

  it.each([
    ["in-process", []],
    ["pool", ["--workers", "1"]],
  ] as const)("keeps serving the old version when the new file is not a valid module (%s)", async (mode, modeArgs) => {
    const dir = join(out, `reload-bad-${mode}`);
    const guest = buildTestGuest(dir, "guest.wasm", 1);
    const serve = await startServe([guest, "version", "--reload", ...modeArgs]);
    try {
      writeFileSync(guest, "not wasm");
      await serve.waitForStderr("still serving the previous version");
      expect((await send(`${serve.url}/?key=%7B%7D`, "GET")).body).toBe("result=version-1");
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });
});

describe("widl-bindgen serve --engine interpreter", () => {
  it.each([
    ["in workers", ["--workers", "1"]],
    ["in-process", []],
  ])("serves the guest %s on the interpreter, with the answers V8 gives", async (_mode, extra) => {
    const guest = buildTestGuest(join(out, `interpreter-${extra.length}`));
    const serve = await startServe([guest, "version", "--schema", testGuestSchema, "--engine", "interpreter", ...extra]);
    try {
      const echoed = await send(`${serve.url}/echo`, "POST", '{"msg":"hi","n":"9007199254740993","tags":["a"]}');
      expect(echoed.status).toBe(200);
      expect(JSON.parse(echoed.body)).toEqual({ msg: "hi", n: "9007199254740993", tags: ["a"] });
      expect(await send(`${serve.url}/?key=%7B%7D`, "GET")).toMatchObject({ status: 200, body: "result=version-1" });
      const failed = await send(`${serve.url}/fail`, "POST");
      expect(failed.status).toBe(500);
      expect(JSON.parse(failed.body)).toEqual({ error: "the guest refused: fail was called" });
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });
});

describe("issue 17: a bad deploy and a guest call that never ends", () => {
  it("--reload --timeout-ms: a module whose wapc_init loops is logged and reported on /healthz; the old one keeps serving", async () => {
    const dir = join(out, "reload-looping-init");
    const guest = buildTestGuest(dir, "guest.wasm", 1);
    const serve = await startServe([guest, "version", "--reload", "--timeout-ms", "1000", "--workers", "1"]);
    try {
      expect(JSON.parse((await send(`${serve.url}/healthz`, "GET")).body)).toMatchObject({ status: "ok", module: { version: 1 } });
      const wat = readFileSync(join(repoRoot, "test/pool/fixtures/hostile-init.wat"), "utf8").replace('(export "INIT")', '(export "wapc_init")');
      writeFileSync(join(dir, "hostile.wat"), wat);
      execFileSync(join(repoRoot, "node_modules/.bin/wat2wasm"), [join(dir, "hostile.wat"), "-o", join(dir, "hostile.wasm")]);
      renameSync(join(dir, "hostile.wasm"), guest);
      await serve.waitForStderr("still serving the previous version");
      expect(serve.stderr()).toMatch(/reload of .* failed, still serving the previous version: the guest's initializer \(wapc_init\) did not finish within 1000 ms/);
      const health = await send(`${serve.url}/healthz`, "GET");
      // Ready (the old module answers), but the body says the deploy did not take and which module is live.
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toMatchObject({
        status: "ok",
        module: { version: 1 },
        reload: { status: "failed", error: expect.stringMatching(/wapc_init\) did not finish within 1000 ms/) },
      });
      expect((await send(`${serve.url}/?key=%7B%7D`, "GET")).body).toBe("result=version-1");
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  });

  it("SIGTERM while a guest call spins (no --timeout-ms): the process exits once --drain-ms has passed", async () => {
    const serve = await startServe([buildTestGuest(join(out, "drain")), "--workers", "1", "--drain-ms", "300"]);
    const spinning = send(`${serve.url}/spin`, "POST", "").catch((e: unknown) => e);
    // /healthz counts itself: 2 means the spin call is in flight.
    while ((JSON.parse((await send(`${serve.url}/healthz`, "GET")).body) as { inFlight: number }).inFlight < 2);
    expect(await serve.stop("SIGTERM")).toBe(0);
    expect(await spinning).toBeInstanceOf(Error); // its connection was closed at the deadline
    expect(serve.stderr()).toContain("SIGTERM: draining 1 in-flight request(s)");
    expect(serve.stderr()).toContain("stopped");
  });
});
