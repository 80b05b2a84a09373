// The WASI shim against a C guest built with clang and wasi-libc in the setup.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { HostOptionError, instantiate as hostInstantiate, MemoryAccessError, WasiExitError } from "@widl-bindgen/host";
import { Errno, preview1Functions } from "../../host-runtime/wasi.js";
import { buildWasiGuest, compileWat, fixtures } from "./guests.js";
import { ENGINES, onEngine } from "../engines.js";

const bytes = (value: string) => new TextEncoder().encode(value);
const text = (value: Uint8Array) => new TextDecoder().decode(value);

let reactor: Uint8Array;
beforeAll(() => {
  reactor = buildWasiGuest();
});

function captured() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    wasi: { stdout: (chunk: Uint8Array) => out.push(text(chunk)), stderr: (chunk: Uint8Array) => err.push(text(chunk)) },
  };
}

/** The command guests (a `main` that exits with `code`), built once for both engines: clang takes seconds. */
const commands = new Map<number, Uint8Array>();
function command(code: number): Uint8Array {
  if (!commands.has(code)) commands.set(code, buildWasiGuest(code));
  return commands.get(code)!;
}

describe.each(ENGINES)("on %s", (engine) => {
  const instantiate = onEngine(hostInstantiate, engine);

  describe("WASI C guest", () => {
    it("captures printf output and stderr through the callbacks", async () => {
      const io = captured();
      const host = await instantiate(reactor, undefined, undefined, { wasi: io.wasi });
      expect(text(host.invokeSync("hello", bytes("world")))).toBe("said hello");
      expect(io.out.join("")).toBe("hello from C, world\n");
      expect(io.err.join("")).toBe("a line for stderr\n");
    });

    it("hands stdout to @wapc/host's writer argument as text", async () => {
      const written: string[] = [];
      const host = await instantiate(reactor, undefined, (message) => written.push(message));
      host.invokeSync("hello", bytes("writer"));
      expect(written.join("")).toBe("hello from C, writer\n");
    });

    it('fails fopen("/etc/passwd") without a grant', async () => {
      const host = await instantiate(reactor, undefined, undefined, { wasi: captured().wasi });
      expect(text(host.invokeSync("open", bytes("/etc/passwd")))).toMatch(/^failed: /);
      expect(text(host.invokeSync("open", bytes("relative.txt")))).toMatch(/^failed: /);
    });

    it("reads files below a granted directory, and nothing outside it", async () => {
      const outside = mkdtempSync(join(tmpdir(), "widl-wasi-"));
      writeFileSync(join(outside, "secret.txt"), "secret");
      const granted = mkdtempSync(join(tmpdir(), "widl-wasi-"));
      writeFileSync(join(granted, "inside.txt"), "inside ✓");
      symlinkSync(join(outside, "secret.txt"), join(granted, "escape.txt"));
      const host = await instantiate(reactor, undefined, undefined, {
        wasi: { ...captured().wasi, preopens: { "/data": granted, "/fixtures": join(fixtures, "granted") } },
      });
      expect(text(host.invokeSync("open", bytes("/data/inside.txt")))).toBe("inside ✓");
      expect(text(host.invokeSync("open", bytes("/fixtures/sub/nested.txt")))).toBe("nested\n");
      expect(text(host.invokeSync("open", bytes("/fixtures/sub/../readme.txt")))).toBe("granted file ✓\n");
      expect(text(host.invokeSync("open", bytes("/data/escape.txt")))).toBe("failed: Capabilities insufficient");
      expect(text(host.invokeSync("open", bytes("/data/missing.txt")))).toBe("failed: No such file or directory");
      expect(text(host.invokeSync("open", bytes("/etc/passwd")))).toMatch(/^failed: /);
    });

    it("a `..` path to a file outside the grant is refused whether or not the file exists, so nothing can be probed", async () => {
      const parent = mkdtempSync(join(tmpdir(), "widl-wasi-"));
      const granted = join(parent, "granted");
      mkdirSync(granted);
      writeFileSync(join(parent, "exists.txt"), "outside");
      const host = await instantiate(reactor, undefined, undefined, { wasi: { ...captured().wasi, preopens: { "/data": granted } } });
      const refused = "failed: Capabilities insufficient";
      expect(text(host.invokeSync("open", bytes("/data/../exists.txt")))).toBe(refused);
      expect(text(host.invokeSync("open", bytes("/data/../missing.txt")))).toBe(refused);
      expect(text(host.invokeSync("open", bytes("/data/../../nowhere/missing.txt")))).toBe(refused);
      expect(text(host.invokeSync("open", bytes("/data/missing.txt")))).toBe("failed: No such file or directory");
    });

    it("lists a granted directory with opendir/readdir (fd_readdir): names, types, and nothing outside the grant", async () => {
      const granted = mkdtempSync(join(tmpdir(), "widl-wasi-"));
      writeFileSync(join(granted, "b.txt"), "b");
      writeFileSync(join(granted, "a ✓.txt"), "a");
      mkdirSync(join(granted, "sub"));
      writeFileSync(join(granted, "sub", "inner.txt"), "inner");
      symlinkSync(tmpdir(), join(granted, "link"));
      const host = await instantiate(reactor, undefined, undefined, { wasi: { ...captured().wasi, preopens: { "/data": granted } } });
      // d_type: 3 directory, 4 regular file, 7 symbolic link (preview1 filetype, which wasi-libc's DT_* are).
      expect(text(host.invokeSync("list", bytes("/data"))).split("\n")).toEqual([".:3", "..:3", "a ✓.txt:4", "b.txt:4", "link:7", "sub:3"]);
      expect(text(host.invokeSync("list", bytes("/data/sub"))).split("\n")).toEqual([".:3", "..:3", "inner.txt:4"]);
      expect(text(host.invokeSync("list", bytes("/data/sub/..")))).toContain("sub:3");
      // Listing is read-only and confined like opening: outside the grant, through a symlink out of it, or without one.
      expect(text(host.invokeSync("list", bytes("/data/..")))).toBe("failed: Capabilities insufficient");
      expect(text(host.invokeSync("list", bytes("/data/link")))).toBe("failed: Capabilities insufficient");
      expect(text(host.invokeSync("list", bytes("/data/b.txt")))).toBe("failed: Not a directory");
      const denied = await instantiate(reactor, undefined, undefined, { wasi: captured().wasi });
      expect(text(denied.invokeSync("list", bytes("/tmp")))).toMatch(/^failed: /);
    });

    it("lists a directory larger than wasi-libc's readdir buffer: truncated entries are resumed from their cookie", async () => {
      const granted = mkdtempSync(join(tmpdir(), "widl-wasi-"));
      // 300 entries of 24 + 60 bytes each: about 25 KB of dirents, six times wasi-libc's 4 KiB buffer, so entries
      // are cut at the buffer's end and fetched again from their cookie.
      const names = Array.from({ length: 300 }, (_, i) => `${String(i).padStart(4, "0")}-${"x".repeat(55)}`);
      for (const name of names) writeFileSync(join(granted, name), "");
      const host = await instantiate(reactor, undefined, undefined, { wasi: { ...captured().wasi, preopens: { "/data": granted } } });
      expect(text(host.invokeSync("count", bytes("/data")))).toBe("302");
    });

    it("sees an empty environment unless granted", async () => {
      const denied = await instantiate(reactor, undefined, undefined, { wasi: captured().wasi });
      expect(text(denied.invokeSync("getenv", bytes("HOME")))).toBe("(unset)");
      const granted = await instantiate(reactor, undefined, undefined, { wasi: { env: { GREETING: "hej ✓" } } });
      expect(text(granted.invokeSync("getenv", bytes("GREETING")))).toBe("hej ✓");
      expect(text(granted.invokeSync("getenv", bytes("HOME")))).toBe("(unset)");
    });

    it("reads end of file from stdin, and has working clocks and random", async () => {
      const host = await instantiate(reactor);
      expect(text(host.invokeSync("stdin", bytes("")))).toBe("read 0");
      const seconds = Number(text(host.invokeSync("clock", bytes(""))));
      expect(Math.abs(seconds - Date.now() / 1000)).toBeLessThan(5);
      expect(Number(text(host.invokeSync("random", bytes(""))))).toBeGreaterThan(20);
    });

    it("turns exit() during a call into WasiExitError, then recovers", async () => {
      const host = await instantiate(reactor, undefined, undefined, { wasi: captured().wasi });
      const error = (() => {
        try {
          host.invokeSync("exit", bytes("7"));
        } catch (e) {
          return e as WasiExitError;
        }
      })();
      expect(error).toBeInstanceOf(WasiExitError);
      expect(error?.code).toBe(7);
      expect(error?.operation).toBe("exit");
      expect(text(host.invokeSync("getenv", bytes("X")))).toBe("(unset)");
    });

    it("accepts proc_exit(0) from a command's _start, with granted args", async () => {
      const io = captured();
      const host = await instantiate(command(0), undefined, undefined, {
        wasi: { ...io.wasi, args: ["guest.wasm", "first-arg"] },
      });
      expect(io.out.join("")).toBe("main ran with 2 args, first: first-arg\n");
      expect(text(host.invokeSync("getenv", bytes("X")))).toBe("(unset)");
    });

    it("rejects a non-zero exit during initialization with WasiExitError", async () => {
      const io = captured();
      const error = await instantiate(command(3), undefined, undefined, { wasi: io.wasi }).catch((e) => e);
      expect(error).toBeInstanceOf(WasiExitError);
      expect(error.code).toBe(3);
      expect(error.operation).toBe("_start");
      expect(io.out.join("")).toBe("main ran with 0 args\n");
    });
  });

  describe("WASI imports", () => {
    it("provide every preview1 function under both module names; unimplemented ones answer ENOSYS", async () => {
      expect(new Set(preview1Functions).size).toBe(46);
      const host = await instantiate(await compileWat("wasi-imports"));
      const probe = (name: string) => (host.exports[name] as () => number)();
      expect(probe("sock_accept")).toBe(Errno.NOSYS);
      expect(probe("poll_oneoff")).toBe(Errno.NOSYS);
    });

    it("deny by default: unknown descriptors are EBADF, known ones without the right ENOTCAPABLE", async () => {
      const denied = await instantiate(await compileWat("wasi-imports"));
      const probe = (host: typeof denied, name: string) => (host.exports[name] as () => number)();
      expect(probe(denied, "write_fd9")).toBe(Errno.BADF);
      expect(probe(denied, "prestat_fd3")).toBe(Errno.BADF);
      expect(probe(denied, "unlink_fd3")).toBe(Errno.BADF);
      expect(probe(denied, "renumber_fd1")).toBe(Errno.NOTCAPABLE);
      const granted = await instantiate(await compileWat("wasi-imports"), undefined, undefined, {
        wasi: { preopens: { "/data": join(fixtures, "granted") } },
      });
      expect(probe(granted, "prestat_fd3")).toBe(Errno.SUCCESS);
      expect(probe(granted, "unlink_fd3")).toBe(Errno.NOTCAPABLE);
    });

    it("bounds-check guest pointers", async () => {
      const host = await instantiate(await compileWat("wasi-imports"));
      expect(() => (host.exports.random_oob as () => number)()).toThrow(MemoryAccessError);
    });

    it("reject unknown option keys with a named error", async () => {
      await expect(instantiate(reactor, undefined, undefined, { wasi: { files: {} } as never })).rejects.toThrow(
        new HostOptionError("wasi.files", "unknown option; expected one of args, env, preopens, stdout, stderr"),
      );
    });
  });
});
