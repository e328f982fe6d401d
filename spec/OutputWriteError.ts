/**
 * A file a run writes (a replay, a trajectory CSV) could not be written: the disk is full, a quota
 * or file-size limit was reached, the device failed. Not a bug and not bad input: the CLI prints the
 * message (what, where, why) after the run's summary and exits 1, never with a stack trace.
 */
import { statSync } from "node:fs";
import { dirname } from "node:path";

/** Plain words for the error codes a write can fail with. */
const REASONS: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EFBIG: "the file is too large (a file-size limit was reached)",
  EIO: "input/output error",
  EROFS: "the file system is read-only",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  ENOENT: "no such folder",
  ENOTDIR: "a part of the path is not a folder",
  EISDIR: "it is a folder",
};

/** A run's output file that could not be written. */
export class OutputWriteError extends Error {
  /**
   * @param message the whole message
   * @param path the file
   * @param code the system error code (`ENOSPC`, …), when there is one
   */
  constructor(
    message: string,
    readonly path: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "OutputWriteError";
  }

  /**
   * `cannot write <what> <path>: <reason> (<code>)[; <consequence>]` from the error a file call threw.
   * @param what the kind of file, e.g. "the replay"
   * @param consequence what the user still has, e.g. "it is readable up to tick 42"
   */
  static of(what: string, path: string, cause: unknown, consequence?: string): OutputWriteError {
    const code =
      cause && typeof cause === "object" && "code" in cause && typeof cause.code === "string" ? cause.code : undefined;
    const reason = (code && REASONS[code]) ?? (cause instanceof Error ? cause.message : String(cause));
    const message = `cannot write ${what} ${path}: ${reason}${code ? ` (${code})` : ""}${consequence ? `; ${consequence}` : ""}`;
    return new OutputWriteError(message, path, code);
  }
}

/**
 * Checks, without creating anything, that `path` can be written: an existing file that is not a
 * folder, or a new name in an existing folder.
 * @throws OutputWriteError naming the file and why
 */
export function checkWritableOutput(what: string, path: string): void {
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    if (st?.isDirectory()) throw Object.assign(new Error("is a folder"), { code: "EISDIR" });
    if (st === undefined) {
      const dir = statSync(dirname(path), { throwIfNoEntry: false });
      if (dir === undefined) throw Object.assign(new Error("no such folder"), { code: "ENOENT" });
      if (!dir.isDirectory()) throw Object.assign(new Error("not a folder"), { code: "ENOTDIR" });
    }
  } catch (e) {
    throw OutputWriteError.of(what, path, e);
  }
}
