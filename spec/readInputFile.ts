/**
 * Reading a file the user named (a scenario, a map, route files, recorded trajectories, a policy):
 * only a regular file, and only up to a size limit, so that a path such as `/dev/zero`, a named
 * pipe or a runaway file gives a clear error instead of reading for ever or exhausting memory. The
 * checks are made on the open file (`fstat`), and no more than the size it had then is read.
 */
import { closeSync, fstatSync, openSync, readSync, statSync, type Stats } from "node:fs";

/**
 * The largest input file read (bytes): 512 MiB, about the longest string V8 holds (2^29 − 24
 * UTF-16 units), so a text file past it could not be read as text anyway. Options lower or raise
 * it per call (binary weight files need no string).
 */
export const MAX_INPUT_FILE_BYTES = 512 * 1024 * 1024;

/**
 * A file that cannot be read as input. The message is `<path>: <reason>`; `reason` alone is for
 * callers that name the file their own way. `code` is the system's (`ENOENT`, …), `ENOTREG` (not a
 * regular file) or `EFBIG` (over the size limit).
 */
export class InputFileError extends Error {
  constructor(
    readonly reason: string,
    readonly path: string,
    readonly code: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "InputFileError";
  }
}

/** Options of {@link readInputBytes} and {@link readInputText}. */
export interface ReadInputOptions {
  /** The most bytes the file may have. @default {@link MAX_INPUT_FILE_BYTES} */
  maxBytes?: number;
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return "a folder";
  if (st.isCharacterDevice()) return "a character device";
  if (st.isBlockDevice()) return "a block device";
  if (st.isFIFO()) return "a named pipe";
  if (st.isSocket()) return "a socket";
  return "not a regular file";
}

function check(path: string, st: Stats, maxBytes: number): void {
  if (st.isDirectory()) throw new InputFileError("it is a folder, not a file", path, "EISDIR");
  if (!st.isFile()) throw new InputFileError(`not a regular file (${kindOf(st)})`, path, "ENOTREG");
  if (st.size > maxBytes)
    throw new InputFileError(
      `the file is ${(st.size / 2 ** 20).toFixed(1)} MiB, more than the ${(maxBytes / 2 ** 20).toFixed(0)} MiB roadgym reads`,
      path,
      "EFBIG",
    );
}

/**
 * The bytes of the regular file at `path`.
 * @throws InputFileError for a missing or unreadable path, a folder, a device, pipe or socket, or a
 *   file over the size limit; the message starts with the path
 */
export function readInputBytes(path: string, options: ReadInputOptions = {}): Buffer {
  const maxBytes = options.maxBytes ?? MAX_INPUT_FILE_BYTES;
  let fd: number;
  try {
    // Checked before opening too: opening a named pipe would wait for a writer.
    check(path, statSync(path), maxBytes);
    fd = openSync(path, "r");
  } catch (e) {
    if (e instanceof InputFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? "EIO";
    const why = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (e as Error).message;
    throw new InputFileError(why, path, code);
  }
  try {
    const st = fstatSync(fd);
    check(path, st, maxBytes);
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, buf, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return got === st.size ? buf : buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** The UTF-8 text of the regular file at `path` (see {@link readInputBytes}). */
export function readInputText(path: string, options: ReadInputOptions = {}): string {
  return readInputBytes(path, options).toString("utf8");
}
