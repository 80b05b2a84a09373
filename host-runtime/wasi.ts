/**
 * A deny-by-default WASI preview1 shim, for the modules `wasi_snapshot_preview1` and `wasi_unstable`.
 *
 * node:wasi cannot hand a guest's output to a callback, which hosts need to capture it, so we implement the small
 * part of WASI that waPC guests use:
 * - fd 1 and 2 go to callbacks; fd 0 reads as end of file;
 * - args and environment are empty unless granted;
 * - clocks and `random_get` work;
 * - `proc_exit` throws `WasiExitError` (the host forgives code 0 during initialization);
 * - directories granted as preopens can be opened, listed (`fd_readdir`) and read below their root, nothing else;
 *   without a grant every filesystem call answers EBADF (no such descriptor) or ENOTCAPABLE (a descriptor without that right).
 *
 * Every other preview1 function exists, so guests built against full WASI (TinyGo, wasi-libc) link, and answers
 * ENOSYS. `wasi_unstable` (preview0) differs from preview1 only in `fd_seek`'s whence numbering and the filestat
 * layout among what we implement; both are handled.
 */
import {
  closeSync,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  realpathSync,
  requireHostFiles,
  resolve,
  sep,
  statSync,
  type HostFileStats as Stats,
} from "./wasi-host-files.js";
import { WasiExitError } from "./errors.js";
import { encodeUtf8, type GuestMemory } from "./guest-memory.js";
import type { ResolvedWasiOptions } from "./options.js";

/** WASI errno values used here (preview1 `errno`). */
export const Errno = {
  SUCCESS: 0,
  ACCES: 2,
  BADF: 8,
  EXIST: 20,
  INVAL: 28,
  IO: 29,
  ISDIR: 31,
  LOOP: 32,
  NAMETOOLONG: 37,
  NOENT: 44,
  NOSYS: 52,
  NOTDIR: 54,
  SPIPE: 70,
  NOTCAPABLE: 76,
} as const;

const FILETYPE_CHARACTER_DEVICE = 2;
const FILETYPE_DIRECTORY = 3;
const FILETYPE_REGULAR_FILE = 4;
const FILETYPE_SYMBOLIC_LINK = 7;

const OFLAGS_CREAT = 1;
const OFLAGS_DIRECTORY = 2;
const OFLAGS_EXCL = 4;
const OFLAGS_TRUNC = 8;

/** Rights that would let a guest change a file; a read-only grant refuses a `path_open` asking for any. */
const WRITE_RIGHTS =
  (1n << 0n) | // fd_datasync
  (1n << 6n) | // fd_write
  (1n << 8n) | // fd_allocate
  (1n << 22n); // fd_filestat_set_size
/** Rights of a read-only file or directory descriptor: everything except writing and changing. */
const READ_ONLY_RIGHTS = ((1n << 29n) - 1n) & ~WRITE_RIGHTS;
/** Stdio rights leave out fd_seek and fd_tell, so wasi-libc's isatty() is true and stdout is line-buffered. */
const STDIO_RIGHTS = (1n << 1n) | (1n << 6n) | (1n << 27n);

/** Every function of wasi_snapshot_preview1, so guests link even where we answer ENOSYS. */
export const preview1Functions = [
  "args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get", "clock_time_get",
  "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get", "fd_fdstat_set_flags",
  "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times", "fd_pread",
  "fd_prestat_get", "fd_prestat_dir_name", "fd_pwrite", "fd_read", "fd_readdir", "fd_renumber", "fd_seek",
  "fd_sync", "fd_tell", "fd_write", "path_create_directory", "path_filestat_get", "path_filestat_set_times",
  "path_link", "path_open", "path_readlink", "path_remove_directory", "path_rename", "path_symlink",
  "path_unlink_file", "poll_oneoff", "proc_exit", "proc_raise", "sched_yield", "random_get", "sock_accept",
  "sock_recv", "sock_send", "sock_shutdown",
] as const;

/** Functions whose first argument is a descriptor: EBADF for an unknown one, ENOTCAPABLE for a known one. */
const deniedFdFunctions = [
  "fd_advise", "fd_allocate", "fd_datasync", "fd_fdstat_set_flags", "fd_fdstat_set_rights",
  "fd_filestat_set_size", "fd_filestat_set_times", "fd_pwrite", "fd_renumber", "fd_sync",
  "path_create_directory", "path_filestat_set_times", "path_link", "path_readlink", "path_remove_directory",
  "path_rename", "path_symlink", "path_unlink_file",
] as const;

interface Descriptor {
  readonly kind: "directory" | "file";
  /** Host path (real path, symlinks resolved). */
  readonly hostPath: string;
  /** The real path of the preopen this descriptor was opened under; nothing outside it may be opened. */
  readonly root: string;
  /** Set on preopened directories: the name the guest sees. */
  readonly preopenName?: Uint8Array;
  /** Host file descriptor of an opened file. */
  readonly hostFd?: number;
  position: number;
}

type Variant = "preview1" | "unstable";

/** The WASI state of one guest: its descriptor table and grants. One per host, reset when the instance is re-created. */
export class WasiShim {
  private readonly descriptors = new Map<number, Descriptor>();
  private nextFd = 3;
  private readonly args: readonly Uint8Array[];
  private readonly env: readonly Uint8Array[];

  constructor(
    private readonly memory: GuestMemory,
    private readonly options: ResolvedWasiOptions,
  ) {
    this.args = options.args.map((arg) => encodeUtf8(`${arg}\0`));
    this.env = Object.entries(options.env).map(([key, value]) => encodeUtf8(`${key}=${value}\0`));
    this.reset();
  }

  /** Closes every file the guest opened and restores the preopens, for a fresh instance. */
  reset(): void {
    this.close();
    this.nextFd = 3;
    for (const [guestPath, hostDir] of Object.entries(this.options.preopens)) {
      requireHostFiles(guestPath);
      const root = realpathSync(resolve(hostDir));
      if (!statSync(root).isDirectory()) throw new Error(`WASI preopen ${guestPath}: ${hostDir} is not a directory`);
      this.descriptors.set(this.nextFd++, {
        kind: "directory",
        hostPath: root,
        root,
        preopenName: encodeUtf8(guestPath),
        position: 0,
      });
    }
  }

  /** Closes every host file the guest has open. */
  close(): void {
    for (const descriptor of this.descriptors.values()) {
      if (descriptor.hostFd !== undefined) closeSync(descriptor.hostFd);
    }
    this.descriptors.clear();
  }

  /** The import object for one of the two module names. */
  imports(variant: Variant): WebAssembly.ModuleImports {
    const imports: Record<string, (...args: never[]) => number> = {};
    for (const name of preview1Functions) imports[name] = () => Errno.NOSYS;
    for (const name of deniedFdFunctions) imports[name] = (fd: number) => this.deny(fd);
    const implemented = this.implemented(variant);
    return Object.assign(imports, implemented);
  }

  private deny(fd: number): number {
    return (fd >= 0 && fd <= 2) || this.descriptors.has(fd) ? Errno.NOTCAPABLE : Errno.BADF;
  }

  private implemented(variant: Variant) {
    const memory = this.memory;
    return {
      args_sizes_get: (argcPtr: number, bufSizePtr: number) => this.sizes(this.args, argcPtr, bufSizePtr),
      args_get: (argvPtr: number, bufPtr: number) => this.strings(this.args, argvPtr, bufPtr),
      environ_sizes_get: (countPtr: number, bufSizePtr: number) => this.sizes(this.env, countPtr, bufSizePtr),
      environ_get: (environPtr: number, bufPtr: number) => this.strings(this.env, environPtr, bufPtr),

      clock_res_get: (id: number, resultPtr: number) => {
        if (id < 0 || id > 3) return Errno.INVAL;
        // Realtime comes from performance.timeOrigin + now() (microseconds); the others from hrtime (ns).
        this.setU64(resultPtr, id === 0 ? 1000n : 1n, "clock_res_get");
        return Errno.SUCCESS;
      },
      clock_time_get: (id: number, _precision: bigint, resultPtr: number) => {
        let time: bigint;
        if (id === 0) time = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n;
        else if (id === 1) time = process.hrtime.bigint();
        else if (id === 2 || id === 3) time = BigInt(process.cpuUsage().user + process.cpuUsage().system) * 1000n;
        else return Errno.INVAL;
        this.setU64(resultPtr, time, "clock_time_get");
        return Errno.SUCCESS;
      },
      random_get: (ptr: number, length: number) => {
        const target = memory.range(ptr, length, "random_get");
        // getRandomValues fills at most 64 KiB per call.
        for (let offset = 0; offset < target.byteLength; offset += 65536) {
          crypto.getRandomValues(target.subarray(offset, offset + 65536));
        }
        return Errno.SUCCESS;
      },

      proc_exit: (code: number): never => {
        throw new WasiExitError(code >>> 0, { operation: memory.operation });
      },
      sched_yield: () => Errno.SUCCESS,

      fd_write: (fd: number, iovsPtr: number, iovsLength: number, writtenPtr: number) => {
        const sink = fd === 1 ? this.options.stdout : fd === 2 ? this.options.stderr : undefined;
        if (sink === undefined) return this.deny(fd);
        const chunks = this.iovecs(iovsPtr, iovsLength, "fd_write");
        let total = 0;
        for (const chunk of chunks) total += chunk.byteLength;
        // The sink gets its own copy: it may keep the bytes, and process.stdout writes asynchronously.
        const output = new Uint8Array(total);
        let offset = 0;
        for (const chunk of chunks) {
          output.set(chunk, offset);
          offset += chunk.byteLength;
        }
        this.setU32(writtenPtr, total, "fd_write");
        if (total > 0) sink(output);
        return Errno.SUCCESS;
      },
      fd_read: (fd: number, iovsPtr: number, iovsLength: number, readPtr: number) =>
        this.read(fd, iovsPtr, iovsLength, readPtr, undefined, "fd_read"),
      fd_pread: (fd: number, iovsPtr: number, iovsLength: number, offset: bigint, readPtr: number) =>
        this.read(fd, iovsPtr, iovsLength, readPtr, Number(offset), "fd_pread"),
      fd_seek: (fd: number, offset: bigint, whence: number, resultPtr: number) => {
        if (fd >= 0 && fd <= 2) return Errno.SPIPE;
        const descriptor = this.descriptors.get(fd);
        if (descriptor === undefined) return Errno.BADF;
        if (descriptor.hostFd === undefined) return Errno.ISDIR;
        // preview1 numbers whence SET, CUR, END; preview0 (wasi_unstable) CUR, END, SET.
        const kind = variant === "preview1" ? whence : (whence + 1) % 3;
        const base = kind === 0 ? 0 : kind === 1 ? descriptor.position : kind === 2 ? fstatSync(descriptor.hostFd).size : -1;
        if (base < 0) return Errno.INVAL;
        const position = base + Number(offset);
        if (position < 0) return Errno.INVAL;
        this.setU64(resultPtr, BigInt(position), "fd_seek");
        descriptor.position = position;
        return Errno.SUCCESS;
      },
      fd_tell: (fd: number, resultPtr: number) => {
        if (fd >= 0 && fd <= 2) return Errno.SPIPE;
        const descriptor = this.descriptors.get(fd);
        if (descriptor === undefined) return Errno.BADF;
        this.setU64(resultPtr, BigInt(descriptor.position), "fd_tell");
        return Errno.SUCCESS;
      },
      fd_close: (fd: number) => {
        if (fd >= 0 && fd <= 2) return Errno.SUCCESS;
        const descriptor = this.descriptors.get(fd);
        if (descriptor === undefined) return Errno.BADF;
        if (descriptor.hostFd !== undefined) closeSync(descriptor.hostFd);
        this.descriptors.delete(fd);
        return Errno.SUCCESS;
      },
      fd_fdstat_get: (fd: number, resultPtr: number) => {
        let filetype: number;
        let rights: bigint;
        if (fd >= 0 && fd <= 2) {
          filetype = FILETYPE_CHARACTER_DEVICE;
          rights = STDIO_RIGHTS;
        } else {
          const descriptor = this.descriptors.get(fd);
          if (descriptor === undefined) return Errno.BADF;
          filetype = descriptor.kind === "directory" ? FILETYPE_DIRECTORY : FILETYPE_REGULAR_FILE;
          rights = READ_ONLY_RIGHTS;
        }
        const at = memory.check(resultPtr, 24, "fd_fdstat_get");
        const view = memory.view;
        view.setUint8(at, filetype);
        view.setUint16(at + 2, 0, true);
        view.setBigUint64(at + 8, rights, true);
        view.setBigUint64(at + 16, rights, true);
        return Errno.SUCCESS;
      },
      fd_filestat_get: (fd: number, resultPtr: number) => {
        if (fd >= 0 && fd <= 2) {
          this.writeFilestat(resultPtr, undefined, variant);
          return Errno.SUCCESS;
        }
        const descriptor = this.descriptors.get(fd);
        if (descriptor === undefined) return Errno.BADF;
        return this.hostCall(() => {
          const stats = descriptor.hostFd !== undefined ? fstatSync(descriptor.hostFd) : statSync(descriptor.hostPath);
          this.writeFilestat(resultPtr, stats, variant);
        });
      },
      fd_prestat_get: (fd: number, resultPtr: number) => {
        const name = this.descriptors.get(fd)?.preopenName;
        if (name === undefined) return Errno.BADF;
        const at = memory.check(resultPtr, 8, "fd_prestat_get");
        memory.view.setUint8(at, 0);
        memory.view.setUint32(at + 4, name.byteLength, true);
        return Errno.SUCCESS;
      },
      fd_prestat_dir_name: (fd: number, ptr: number, length: number) => {
        const name = this.descriptors.get(fd)?.preopenName;
        if (name === undefined) return Errno.BADF;
        memory.write(ptr, name.subarray(0, length >>> 0), "fd_prestat_dir_name");
        return Errno.SUCCESS;
      },

      path_open: (
        dirFd: number,
        _dirFlags: number,
        pathPtr: number,
        pathLength: number,
        oflags: number,
        rightsBase: bigint,
        _rightsInheriting: bigint,
        _fdFlags: number,
        resultPtr: number,
      ) => {
        const directory = this.descriptors.get(dirFd);
        if (directory === undefined) return Errno.BADF;
        if (directory.kind !== "directory") return Errno.NOTDIR;
        // Grants are read-only: no creating, truncating or writing.
        if ((oflags & (OFLAGS_CREAT | OFLAGS_EXCL | OFLAGS_TRUNC)) !== 0) return Errno.NOTCAPABLE;
        if ((BigInt.asUintN(64, rightsBase) & WRITE_RIGHTS) !== 0n) return Errno.NOTCAPABLE;
        const target = this.resolvePath(directory, memory.readUtf8(pathPtr, pathLength, "path_open"));
        if (typeof target === "number") return target;
        return this.hostCall(() => {
          const stats = statSync(target);
          let descriptor: Descriptor;
          if (stats.isDirectory()) {
            descriptor = { kind: "directory", hostPath: target, root: directory.root, position: 0 };
          } else {
            if ((oflags & OFLAGS_DIRECTORY) !== 0) return Errno.NOTDIR;
            descriptor = { kind: "file", hostPath: target, root: directory.root, hostFd: openSync(target, "r"), position: 0 };
          }
          const fd = this.nextFd++;
          this.descriptors.set(fd, descriptor);
          this.setU32(resultPtr, fd, "path_open");
          return Errno.SUCCESS;
        });
      },
      fd_readdir: (fd: number, bufPtr: number, bufLength: number, cookie: bigint, usedPtr: number) => {
        if (fd >= 0 && fd <= 2) return Errno.NOTDIR;
        const directory = this.descriptors.get(fd);
        if (directory === undefined) return Errno.BADF;
        if (directory.kind !== "directory") return Errno.NOTDIR;
        const buffer = memory.range(bufPtr, bufLength, "fd_readdir");
        return this.hostCall(() => {
          const used = writeDirents(buffer, listDirectory(directory.hostPath, directory.root), BigInt.asUintN(64, cookie));
          this.setU32(usedPtr, used, "fd_readdir");
        });
      },
      path_filestat_get: (dirFd: number, _flags: number, pathPtr: number, pathLength: number, resultPtr: number) => {
        const directory = this.descriptors.get(dirFd);
        if (directory === undefined) return Errno.BADF;
        if (directory.kind !== "directory") return Errno.NOTDIR;
        const target = this.resolvePath(directory, memory.readUtf8(pathPtr, pathLength, "path_filestat_get"));
        if (typeof target === "number") return target;
        return this.hostCall(() => this.writeFilestat(resultPtr, statSync(target), variant));
      },
    };
  }

  /**
   * Maps a guest path below `directory` to a host path, or an errno. Absolute paths, `..` above the preopen and
   * symlinks leading out of it are all refused, the last by comparing real paths.
   */
  private resolvePath(directory: Descriptor, guestPath: string): string | number {
    if (guestPath.includes("\0")) return Errno.INVAL;
    if (guestPath.startsWith("/")) return Errno.NOTCAPABLE;
    // Lexically first, so a path outside the grant is refused before its existence can be probed.
    const lexical = resolve(directory.hostPath, guestPath);
    if (!isInside(directory.root, lexical)) return Errno.NOTCAPABLE;
    let real: string;
    try {
      real = realpathSync(lexical);
    } catch (error) {
      return errnoOf(error);
    }
    if (!isInside(directory.root, real)) return Errno.NOTCAPABLE;
    return real;
  }

  private read(
    fd: number,
    iovsPtr: number,
    iovsLength: number,
    readPtr: number,
    at: number | undefined,
    where: string,
  ): number {
    if (fd === 0) {
      this.setU32(readPtr, 0, where);
      return Errno.SUCCESS;
    }
    if (fd === 1 || fd === 2) return Errno.BADF;
    const descriptor = this.descriptors.get(fd);
    if (descriptor === undefined) return Errno.BADF;
    const hostFd = descriptor.hostFd;
    if (hostFd === undefined) return Errno.ISDIR;
    const chunks = this.iovecs(iovsPtr, iovsLength, where);
    return this.hostCall(() => {
      let position = at ?? descriptor.position;
      let total = 0;
      for (const chunk of chunks) {
        const count = readSync(hostFd, chunk, 0, chunk.byteLength, position);
        total += count;
        position += count;
        if (count < chunk.byteLength) break;
      }
      if (at === undefined) descriptor.position = position;
      this.setU32(readPtr, total, where);
    });
  }

  /** Checked views of the iovec array's buffers. */
  private iovecs(iovsPtr: number, count: number, where: string): Uint8Array[] {
    const memory = this.memory;
    const at = memory.check(iovsPtr, (count >>> 0) * 8, where);
    const view = memory.view;
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < count >>> 0; i++) {
      chunks.push(memory.range(view.getUint32(at + i * 8, true), view.getUint32(at + i * 8 + 4, true), where));
    }
    return chunks;
  }

  private sizes(items: readonly Uint8Array[], countPtr: number, sizePtr: number): number {
    let size = 0;
    for (const item of items) size += item.byteLength;
    this.setU32(countPtr, items.length, "sizes_get");
    this.setU32(sizePtr, size, "sizes_get");
    return Errno.SUCCESS;
  }

  private strings(items: readonly Uint8Array[], pointersPtr: number, bufferPtr: number): number {
    let offset = bufferPtr >>> 0;
    items.forEach((item, index) => {
      this.setU32(pointersPtr + index * 4, offset, "args_get");
      this.memory.write(offset, item, "args_get");
      offset += item.byteLength;
    });
    return Errno.SUCCESS;
  }

  private writeFilestat(ptr: number, stats: Stats | undefined, variant: Variant): void {
    const size = variant === "preview1" ? 64 : 56;
    const at = this.memory.check(ptr, size, "filestat");
    const view = this.memory.view;
    new Uint8Array(view.buffer, at, size).fill(0);
    if (stats === undefined) {
      view.setUint8(at + 16, FILETYPE_CHARACTER_DEVICE);
      return;
    }
    const filetype = stats.isDirectory()
      ? FILETYPE_DIRECTORY
      : stats.isSymbolicLink()
        ? FILETYPE_SYMBOLIC_LINK
        : stats.isFile()
          ? FILETYPE_REGULAR_FILE
          : 0;
    const nanos = (ms: number) => BigInt(Math.round(ms * 1e6));
    view.setBigUint64(at, BigInt(stats.dev), true);
    view.setBigUint64(at + 8, BigInt(stats.ino), true);
    view.setUint8(at + 16, filetype);
    const rest = variant === "preview1" ? at + 32 : at + 24;
    if (variant === "preview1") view.setBigUint64(at + 24, BigInt(stats.nlink), true);
    else view.setUint32(at + 20, stats.nlink, true);
    view.setBigUint64(rest, BigInt(stats.size), true);
    view.setBigUint64(rest + 8, nanos(stats.atimeMs), true);
    view.setBigUint64(rest + 16, nanos(stats.mtimeMs), true);
    view.setBigUint64(rest + 24, nanos(stats.ctimeMs), true);
  }

  /** Runs a host filesystem operation, turning Node's error codes into WASI errnos. */
  private hostCall(action: () => number | void): number {
    try {
      return action() ?? Errno.SUCCESS;
    } catch (error) {
      return errnoOf(error);
    }
  }

  private setU32(ptr: number, value: number, where: string): void {
    const at = this.memory.check(ptr, 4, where);
    this.memory.view.setUint32(at, value, true);
  }

  private setU64(ptr: number, value: bigint, where: string): void {
    const at = this.memory.check(ptr, 8, where);
    this.memory.view.setBigUint64(at, value, true);
  }
}

/** One directory entry as `fd_readdir` reports it. */
interface DirectoryEntry {
  readonly name: Uint8Array;
  readonly ino: bigint;
  readonly type: number;
}

/** Size of preview1's `dirent` header: d_next u64, d_ino u64, d_namlen u32, d_type u8, 3 bytes of padding. */
const DIRENT_BYTES = 24;

/**
 * The entries of a granted directory: "." and "..", then the host's entries sorted by name, so that a cookie (an
 * index into this list) means the same entry on the next call. ".." of a preopen lies outside the grant, so it
 * reports the preopen's own inode, as `path_open("..")` there is refused. A symlink is listed as one, wherever it
 * points; opening it is checked by `path_open`.
 */
function listDirectory(hostPath: string, root: string): DirectoryEntry[] {
  const self = BigInt(lstatSync(hostPath).ino);
  const parent = hostPath === root ? self : BigInt(lstatSync(resolve(hostPath, "..")).ino);
  const entries: DirectoryEntry[] = [
    { name: encodeUtf8("."), ino: self, type: FILETYPE_DIRECTORY },
    { name: encodeUtf8(".."), ino: parent, type: FILETYPE_DIRECTORY },
  ];
  const names = readdirSync(hostPath).sort();
  for (const name of names) {
    const stats = lstatSync(resolve(hostPath, name));
    const type = stats.isDirectory()
      ? FILETYPE_DIRECTORY
      : stats.isSymbolicLink()
        ? FILETYPE_SYMBOLIC_LINK
        : stats.isFile()
          ? FILETYPE_REGULAR_FILE
          : 0;
    entries.push({ name: encodeUtf8(name), ino: BigInt(stats.ino), type });
  }
  return entries;
}

/**
 * Writes the entries from index `cookie` on into `buffer`, each a `dirent` header then its name, and returns the
 * bytes used. As preview1 specifies, the last entry is cut off when the buffer is full: the guest sees that the
 * buffer was filled to the end, and asks again from that entry's cookie (wasi-libc grows its buffer when a single
 * entry does not fit). Fewer bytes than the buffer holds means the end of the directory.
 */
function writeDirents(buffer: Uint8Array, entries: readonly DirectoryEntry[], cookie: bigint): number {
  const scratch = new Uint8Array(DIRENT_BYTES);
  const header = new DataView(scratch.buffer);
  let used = 0;
  for (let index = Number(cookie > BigInt(entries.length) ? BigInt(entries.length) : cookie); index < entries.length; index++) {
    const entry = entries[index]!;
    header.setBigUint64(0, BigInt(index + 1), true);
    header.setBigUint64(8, entry.ino, true);
    header.setUint32(16, entry.name.byteLength, true);
    header.setUint8(20, entry.type);
    for (const part of [scratch, entry.name]) {
      const room = buffer.byteLength - used;
      buffer.set(part.subarray(0, room), used);
      used += Math.min(part.byteLength, room);
      if (used === buffer.byteLength) return used;
    }
  }
  return used;
}

function isInside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

function errnoOf(error: unknown): number {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "ENOENT":
      return Errno.NOENT;
    case "EACCES":
    case "EPERM":
      return Errno.ACCES;
    case "EISDIR":
      return Errno.ISDIR;
    case "ENOTDIR":
      return Errno.NOTDIR;
    case "ELOOP":
      return Errno.LOOP;
    case "ENAMETOOLONG":
      return Errno.NAMETOOLONG;
    case "EEXIST":
      return Errno.EXIST;
    default:
      // Our own errors (a MemoryAccessError from a bad pointer) are not filesystem errors: let them through.
      if (code === undefined) throw error;
      return Errno.IO;
  }
}
