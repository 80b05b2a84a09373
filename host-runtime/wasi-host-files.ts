/**
 * The host filesystem calls behind WASI preopens, supplied by the Node entry (node/host-files.ts) so the core of
 * @widl-bindgen/host imports no Node builtin and runs in browsers. Without a filesystem installed (a browser, or
 * the core imported alone) a guest can have every other WASI grant, but a preopen is refused with a
 * `HostOptionError` when the guest is loaded.
 */
import { HostOptionError } from "./errors.js";

/** What `fstatSync`/`statSync` give back, as far as the WASI shim reads it. */
export interface HostFileStats {
  readonly dev: number;
  readonly ino: number;
  readonly nlink: number;
  readonly size: number;
  readonly atimeMs: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isCharacterDevice(): boolean;
}

/** The synchronous filesystem calls the WASI shim makes for read-only preopens (`node:fs` and `node:path` shaped). */
export interface HostFiles {
  realpathSync(path: string): string;
  statSync(path: string): HostFileStats;
  /** Like `statSync`, but a symlink's own stats. */
  lstatSync(path: string): HostFileStats;
  fstatSync(fd: number): HostFileStats;
  openSync(path: string, flags: "r"): number;
  readSync(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number;
  closeSync(fd: number): void;
  /** The names in a directory, without "." and "..". */
  readdirSync(path: string): string[];
  /** `path.resolve`. */
  resolve(...paths: string[]): string;
  /** `path.sep`. */
  readonly sep: string;
}

let installed: HostFiles | undefined;

/**
 * The host's path separator, a live binding updated by `installHostFiles` (ES modules export bindings, not
 * values), so the shim reads it like `node:path`'s `sep`.
 */
export let sep = "/";

/** Installs the host filesystem; the Node entry calls it once when it is imported. */
export function installHostFiles(files: HostFiles): void {
  installed = files;
  sep = files.sep;
}

/** Throws a `HostOptionError` naming the preopen unless a host filesystem is installed. */
export function requireHostFiles(preopen: string): void {
  if (installed === undefined) {
    throw new HostOptionError(
      `wasi.preopens["${preopen}"]`,
      "a preopen needs a host filesystem, which only the Node entry of @widl-bindgen/host has; in a browser, " +
        "give the guest its data through arguments or host calls instead",
    );
  }
}

// The shim calls these as it would call node:fs and node:path. A descriptor on a host file exists only after
// `requireHostFiles` passed, so `installed` is set whenever they run.
export const realpathSync = (path: string): string => installed!.realpathSync(path);
export const statSync = (path: string): HostFileStats => installed!.statSync(path);
export const lstatSync = (path: string): HostFileStats => installed!.lstatSync(path);
export const readdirSync = (path: string): string[] => installed!.readdirSync(path);
export const fstatSync = (fd: number): HostFileStats => installed!.fstatSync(fd);
export const openSync = (path: string, flags: "r"): number => installed!.openSync(path, flags);
export const readSync = (fd: number, buffer: Uint8Array, offset: number, length: number, position: number): number =>
  installed!.readSync(fd, buffer, offset, length, position);
export const closeSync = (fd: number): void => installed!.closeSync(fd);
export const resolve = (...paths: string[]): string => installed!.resolve(...paths);
