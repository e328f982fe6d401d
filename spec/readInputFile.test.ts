import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputFileError, readInputBytes, readInputText } from "./readInputFile.js";

function failure(read: () => unknown): InputFileError {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(InputFileError);
    return e as InputFileError;
  }
  throw new Error("expected an InputFileError");
}

describe("readInputFile", () => {
  const dir = mkdtempSync(join(tmpdir(), "roadgym-input-"));

  it("reads a regular file", () => {
    writeFileSync(join(dir, "a.txt"), "héllo");
    expect(readInputText(join(dir, "a.txt"))).toBe("héllo");
    expect(readInputBytes(join(dir, "a.txt")).length).toBe(6);
  });

  it("refuses devices, pipes and folders at once, without reading them", () => {
    expect(failure(() => readInputText("/dev/zero"))).toMatchObject({
      message: "/dev/zero: not a regular file (a character device)",
      reason: "not a regular file (a character device)",
      code: "ENOTREG",
    });
    const fifo = join(dir, "pipe");
    execFileSync("mkfifo", [fifo]);
    // Opening a named pipe would wait for a writer for ever: it is refused before.
    expect(failure(() => readInputText(fifo)).reason).toBe("not a regular file (a named pipe)");
    expect(failure(() => readInputText(dir))).toMatchObject({ code: "EISDIR", reason: "it is a folder, not a file" });
    expect(failure(() => readInputText(join(dir, "missing")))).toMatchObject({
      code: "ENOENT",
      reason: "no such file",
    });
  });

  it("refuses a file over the size limit", () => {
    writeFileSync(join(dir, "big.txt"), "x".repeat(3 * 1024 * 1024));
    expect(failure(() => readInputText(join(dir, "big.txt"), { maxBytes: 1024 * 1024 }))).toMatchObject({
      code: "EFBIG",
      reason: "the file is 3.0 MiB, more than the 1 MiB roadgym reads",
    });
  });
});
