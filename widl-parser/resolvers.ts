/**
 * How the loader finds, names and reads imported files: on disk (`fsResolver`) or in a map held in
 * memory (`memoryResolver`). The loader decides what may be read (the import roots); a resolver
 * supplies the path arithmetic for its kind of path and reads only regular files.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync, type Stats } from "node:fs";
import { basename, dirname, isAbsolute, join, posix, relative, resolve } from "node:path";

/** Finds and reads imported files. */
export interface Resolver {
  /** The file that `specifier` names when `importer` imports it (path arithmetic only, no access). */
  resolve(specifier: string, importer: string): string;
  /**
   * Where `file` really is: absolute, with every symbolic link followed. A path whose end does not
   * exist keeps that end as written, so a missing file still has a place to be checked against
   * the import roots.
   */
  realpath(file: string): string;
  /** Whether the real path `file` is the folder `folder` (also a real path) or lies inside it. */
  contains(folder: string, file: string): boolean;
  /**
   * The text of the regular file `file`; throws (or returns undefined) when it cannot be read.
   * Anything else (a folder, a named pipe, a device) is refused without being read from.
   */
  read(file: string): string | undefined;
}

/** Thrown by a resolver's `read` for a path that is not a regular file. */
export class NotRegularFileError extends Error {
  override readonly name = "NotRegularFileError";
}

/** Reads from disk; `import "x.widl"` in `dir/a.widl` means `dir/x.widl`. */
export const fsResolver: Resolver = {
  resolve: (specifier, importer) => join(dirname(importer), specifier),
  realpath: (file) => {
    const missing: string[] = [];
    for (let at = resolve(file); ; at = dirname(at)) {
      try {
        return join(realpathSync.native(at), ...missing.reverse());
      } catch {
        // Not there (or not reachable): check what exists above it, keeping the rest as written.
        if (dirname(at) === at) return resolve(file);
        missing.push(basename(at));
      }
    }
  },
  contains: (folder, file) => {
    const rel = relative(folder, file);
    // Outside when the way there starts by going up (`..` as a whole segment; `..x` is a name) or,
    // on Windows, lies on another drive.
    return !isAbsolute(rel) && !/^\.\.(?:[\\/]|$)/.test(rel);
  },
  read: (file) => {
    // Opened without blocking, then checked through the descriptor: opening a named pipe that
    // nobody writes to would otherwise wait forever, and checking the path first would leave a
    // moment in which the file could be swapped for one.
    const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    try {
      const stats = fstatSync(fd);
      if (!stats.isFile()) throw new NotRegularFileError(`not a regular file (${kindOf(stats)})`);
      return readFileSync(fd, "utf8");
    } finally {
      closeSync(fd);
    }
  },
};

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a named pipe";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "not a file";
}

/**
 * Serves files from a map of POSIX paths to text; for tests and for tools that hold schemas in
 * memory. There are no links: a path is its own real path, once `.` and `..` are worked out.
 */
export function memoryResolver(files: Readonly<Record<string, string>>): Resolver {
  return {
    resolve: (specifier, importer) => posix.join(posix.dirname(importer), specifier),
    realpath: (file) => posix.normalize(file),
    contains: (folder, file) => {
      if (folder === ".") return !posix.isAbsolute(file) && file !== ".." && !file.startsWith("../");
      return file === folder || file.startsWith(folder.endsWith("/") ? folder : `${folder}/`);
    },
    read: (file) => (Object.hasOwn(files, file) ? files[file] : undefined),
  };
}
