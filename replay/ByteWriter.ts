/**
 * A growable little-endian byte buffer with the primitives of the replay format: bytes, u32,
 * unsigned and zigzag varints (exact for every safe integer, not just 32 bits) and length-prefixed
 * UTF-8 strings. Pure (no Node APIs): the viewer bundles it.
 */

const _encoder = new TextEncoder();

/** Appends replay primitives to a buffer that grows as needed. */
export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  /** Bytes written so far. */
  length = 0;

  /** @param initialCapacity starting size in bytes. @default 1024 */
  constructor(initialCapacity = 1024) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
    this.view = new DataView(this.buf.buffer);
  }

  /** Forgets the contents, keeping the storage. */
  reset(): void {
    this.length = 0;
  }

  private ensure(extra: number): void {
    const need = this.length + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** One byte (0..255). */
  u8(v: number): void {
    this.ensure(1);
    this.buf[this.length++] = v;
  }

  /** Unsigned 32-bit little-endian integer. */
  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, v >>> 0, true);
    this.length += 4;
  }

  /** Unsigned LEB128 varint of a non-negative safe integer. */
  varuint(v: number): void {
    if (!(v >= 0) || !Number.isSafeInteger(v)) throw new RangeError(`replay: cannot encode ${v} as an unsigned varint`);
    this.ensure(8);
    if (v < 0x80) {
      this.buf[this.length++] = v;
      return;
    }
    while (v >= 0x80) {
      this.ensure(1);
      this.buf[this.length++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.ensure(1);
    this.buf[this.length++] = v;
  }

  /** Zigzag-mapped varint of a signed safe integer (0, −1, 1, −2, … → 0, 1, 2, 3, …). */
  varint(v: number): void {
    this.varuint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  /** Raw bytes. */
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** A varint byte length followed by the UTF-8 bytes of `s`. */
  string(s: string): void {
    const b = _encoder.encode(s);
    this.varuint(b.length);
    this.bytes(b);
  }

  /** A view of the bytes written so far (valid until the next write). */
  written(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  /** A copy of the bytes written so far. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
