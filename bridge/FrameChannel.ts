/**
 * Length-prefixed frames over two file descriptors (pipes the Python client made), read and written
 * synchronously: the server does one thing at a time for one client, and blocking reads cost no
 * event-loop round trip per step. Reads are buffered (a step's frame usually arrives in one read);
 * each frame is a `u32` little-endian payload length and the payload.
 */
import { readSync, writeSync } from "node:fs";
import { MAX_FRAME_BYTES } from "./protocol.js";

/** One end of the protocol: read frames from `inFd`, write frames to `outFd`. */
export class FrameChannel {
  private buffer = Buffer.allocUnsafe(1 << 16);
  /** Bytes of `buffer` read but not yet returned: `[start, end)`. */
  private start = 0;
  private end = 0;
  private readonly header = Buffer.alloc(4);

  constructor(
    private readonly inFd: number,
    private readonly outFd: number,
  ) {}

  /**
   * The next frame's payload (a view valid until the next read), or undefined at end of input (the
   * client closed its end: it exited or closed the environment).
   * @throws Error on a truncated frame or an impossible length
   */
  read(): Buffer | undefined {
    if (!this.fill(4)) {
      if (this.end === this.start) return undefined;
      throw new Error(`bridge: input ended inside a frame header (${this.end - this.start} of 4 bytes)`);
    }
    const length = this.buffer.readUInt32LE(this.start);
    if (length > MAX_FRAME_BYTES) throw new Error(`bridge: frame of ${length} bytes refused (corrupt length prefix?)`);
    if (!this.fill(4 + length))
      throw new Error(`bridge: input ended inside a frame (${this.end - this.start - 4} of ${length} bytes)`);
    const payload = this.buffer.subarray(this.start + 4, this.start + 4 + length);
    this.start += 4 + length;
    return payload;
  }

  /** Writes one frame made of `parts` (concatenated). */
  write(...parts: Uint8Array[]): void {
    let length = 0;
    for (const p of parts) length += p.byteLength;
    this.header.writeUInt32LE(length, 0);
    this.writeAll(this.header);
    for (const p of parts) this.writeAll(p);
  }

  /** Reads until at least `n` unread bytes are buffered; false at end of input. */
  private fill(n: number): boolean {
    if (this.end - this.start >= n) return true;
    if (this.start > 0) {
      this.buffer.copy(this.buffer, 0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
    }
    if (n > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(n, this.buffer.length * 2));
      this.buffer.copy(bigger, 0, 0, this.end);
      this.buffer = bigger;
    }
    while (this.end < n) {
      const got = readSync(this.inFd, this.buffer, this.end, this.buffer.length - this.end, null);
      if (got === 0) return false;
      this.end += got;
    }
    return true;
  }

  private writeAll(bytes: Uint8Array): void {
    let off = 0;
    while (off < bytes.byteLength) off += writeSync(this.outFd, bytes, off, bytes.byteLength - off);
  }
}
