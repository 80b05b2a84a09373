/**
 * Watches a guest's .wasm file and hands each new version to a callback: `serve --reload`.
 *
 * The directory is watched, not the file: build tools often write a new file and rename it over the old one,
 * and a watch on the old file's inode would never fire again. Events come in bursts (a truncate, several
 * writes, a rename), so they are debounced, and a version whose bytes did not change is skipped.
 */
import { createHash } from "node:crypto";
import { watch, type FSWatcher } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, resolve } from "node:path";

export interface GuestWatcher {
  close(): void;
}

/** Options of `watchGuest`. */
export type WatchGuestOptions = Partial<
  Readonly<{
    /** Quiet time after the last change before the file is read, in milliseconds. Defaults to 100. */
    debounceMs: number;
    /** The hash of the bytes already loaded, so an unchanged file is not reloaded. Defaults to none. */
    initialBytes: Uint8Array;
    /** Told about reads that fail (the file is gone, or half-written and empty). Defaults to ignoring them. */
    onError: (error: unknown) => void;
  }>
>;

const digest = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Calls `onChange` with the file's bytes each time it changes. Calls never overlap: a change seen while
 * `onChange` runs is picked up after it.
 */
export function watchGuest(
  file: string,
  onChange: (bytes: Uint8Array) => Promise<void>,
  options: WatchGuestOptions = {},
): GuestWatcher {
  const path = resolve(file);
  const name = basename(path);
  const debounceMs = options.debounceMs ?? 100;
  let lastDigest = options.initialBytes === undefined ? undefined : digest(options.initialBytes);
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let closed = false;

  const check = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const bytes = await readFile(path);
      // An empty file is a writer that has truncated but not yet written; its next event brings the bytes.
      if (bytes.length === 0) return;
      const d = digest(bytes);
      if (d === lastDigest || closed) return;
      lastDigest = d;
      await onChange(bytes);
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
      if (again && !closed) {
        again = false;
        schedule();
      }
    }
  };

  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void check();
    }, debounceMs);
  };

  const watcher: FSWatcher = watch(dirname(path), (_event, changed) => {
    if (changed === null || changed === name) schedule();
  });
  watcher.on("error", (error) => options.onError?.(error));

  return {
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      watcher.close();
    },
  };
}
