/**
 * A {@link ByteSource} over a file, read with positional reads (Node only: the viewer never
 * bundles this file). The size is taken when opened, so a file that a writer is still appending
 * to reads as far as it had got.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { ByteSource } from "./recordFormat.js";
import { ReplayReader } from "./ReplayReader.js";

/** Positional reads from an open file. */
export class FileByteSource implements ByteSource {
  readonly size: number;
  private fd: number | undefined;

  constructor(readonly path: string) {
    this.fd = openSync(path, "r");
    try {
      const st = fstatSync(this.fd);
      if (!st.isFile()) throw new Error(`${path}: not a regular file`);
      this.size = st.size;
    } catch (e) {
      closeSync(this.fd);
      throw e;
    }
  }

  read(offset: number, length: number): Uint8Array {
    if (this.fd === undefined) throw new Error(`${this.path}: file is closed`);
    const n = Math.max(0, Math.min(length, this.size - offset));
    const buf = new Uint8Array(n);
    let got = 0;
    while (got < n) {
      const r = readSync(this.fd, buf, got, n - got, offset + got);
      if (r === 0) break;
      got += r;
    }
    return got === n ? buf : buf.subarray(0, got);
  }

  /** Closes the file. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}

/** Opens a replay file for reading (throws a clear error for a missing, unreadable or non-replay file). */
export function openReplayFile(path: string): { reader: ReplayReader; close: () => void } {
  const source = new FileByteSource(path);
  try {
    return { reader: ReplayReader.open(source, path), close: () => source.close() };
  } catch (e) {
    source.close();
    throw e;
  }
}
