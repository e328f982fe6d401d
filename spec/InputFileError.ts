/**
 * A file that cannot be read as input (spec/readInputFile.ts; this file has no file system in it, so
 * code that also runs in a browser may test for it). The message is `<path>: <reason>`; `reason` alone is for
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
