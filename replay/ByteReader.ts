/**
 * Reads the primitives that {@link ByteWriter} writes, checking every bound: running past the end
 * or meeting a malformed varint is a {@link ReplayFormatError} naming the offset, never a garbage value.
 * Pure (no Node APIs): the viewer bundles it.
 */
import { ReplayFormatError } from "./ReplayFormatError.js";

const _decoder = new TextDecoder("utf-8", { fatal: true });

/** A cursor over a byte array. */
export class ByteReader {
  /** Next byte to read. */
  pos: number;
  private readonly view: DataView;

  /**
   * @param bytes the data.
   * @param what names the data in error messages (e.g. `frame record at byte 1234`).
   */
  constructor(
    readonly bytes: Uint8Array,
    private readonly what = "replay data",
  ) {
    this.pos = 0;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Bytes left. */
  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  private need(n: number): void {
    if (this.pos + n > this.bytes.length)
      throw new ReplayFormatError(
        `${this.what}: needs ${n} more byte(s) at offset ${this.pos}, only ${this.remaining} left`,
      );
  }

  /** One byte. */
  u8(): number {
    this.need(1);
    return this.bytes[this.pos++];
  }

  /** Unsigned 32-bit little-endian integer. */
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** Unsigned LEB128 varint (at most a safe integer). */
  varuint(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      this.need(1);
      const b = this.bytes[this.pos++];
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) {
        if (!Number.isSafeInteger(result)) break;
        return result;
      }
      scale *= 0x80;
    }
    throw new ReplayFormatError(`${this.what}: malformed varint ending at offset ${this.pos}`);
  }

  /** Zigzag varint (signed). */
  varint(): number {
    const u = this.varuint();
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }

  /** `n` raw bytes (a view, not a copy). */
  take(n: number): Uint8Array {
    this.need(n);
    const b = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }

  /** A length-prefixed UTF-8 string. */
  string(): string {
    const n = this.varuint();
    const at = this.pos;
    try {
      return _decoder.decode(this.take(n));
    } catch (e) {
      if (e instanceof ReplayFormatError) throw e;
      throw new ReplayFormatError(`${this.what}: invalid UTF-8 in the string at offset ${at}`);
    }
  }
}
