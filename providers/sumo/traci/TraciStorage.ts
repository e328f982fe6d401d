/**
 * A big-endian byte buffer for SUMO's TraCI wire format: write at the end, read from a cursor.
 *
 * TraCI (https://sumo.dlr.de/docs/TraCI/Protocol.html) encodes everything in network byte order:
 * `ubyte`/`byte` (1 byte), `int` (4 bytes, signed), `double` (8 bytes, IEEE 754), `string` (int length +
 * bytes), `stringList` (int count + strings). A *typed* value is one type byte ({@link TraciType}) followed
 * by the value; variable values in get/subscription responses are always typed, which is what lets
 * {@link TraciStorage.readTypedValue} decode a response without knowing which variable it holds.
 *
 * Strings are UTF-8: SUMO keeps ids as the raw bytes of its (UTF-8) input files and echoes them back
 * unchanged, so ASCII ids (the usual case) are identical either way. (SUMO's Python client uses latin-1,
 * which only differs for non-ASCII ids.)
 */

/** The TraCI type byte that precedes every typed value. */
export const TraciType = {
  /** Geographic position: lon, lat (two doubles, degrees). */
  positionLonLat: 0x00,
  /** Cartesian position: x, y (two doubles, metres). */
  position2D: 0x01,
  /** Geographic position with altitude: lon, lat, alt (three doubles). */
  positionLonLatAlt: 0x02,
  /** Cartesian position: x, y, z (three doubles, metres). */
  position3D: 0x03,
  /** Road map position: road id (string), position along it (double, metres), lane index (ubyte). */
  positionRoadMap: 0x04,
  /** Polygon: point count (ubyte, or 0 then int) and that many (x, y) double pairs. */
  polygon: 0x06,
  /** Unsigned 8-bit integer. */
  ubyte: 0x07,
  /** Signed 8-bit integer. */
  byte: 0x08,
  /** Signed 32-bit integer. */
  integer: 0x09,
  /** 64-bit IEEE 754 double. */
  double: 0x0b,
  /** Length-prefixed string. */
  string: 0x0c,
  /** Count-prefixed list of strings. */
  stringList: 0x0e,
  /** Compound: item count (int) and that many typed values. */
  compound: 0x0f,
  /** Count-prefixed list of doubles. */
  doubleList: 0x10,
  /** RGBA colour, four ubytes. */
  color: 0x11,
} as const;

/** A 2D point in SUMO's network coordinates (metres, +x east, +y north). */
export interface TraciPoint2D {
  x: number;
  y: number;
}

/** A 3D point in SUMO's network coordinates (metres). */
export interface TraciPoint3D {
  x: number;
  y: number;
  z: number;
}

/** A geographic position (degrees), with altitude in metres when the type carries one. */
export interface TraciLonLat {
  lon: number;
  lat: number;
  alt?: number;
}

/** A position on the road map: road (edge) id, distance along it in metres, lane index. */
export interface TraciRoadMapPosition {
  roadId: string;
  pos: number;
  laneIndex: number;
}

/** An RGBA colour, each channel 0..255. */
export interface TraciColor {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** Any decoded typed value. Scalars (ubyte, byte, int, double) decode to `number`; a compound decodes to an array. */
export type TraciValue =
  | number
  | string
  | string[]
  | number[]
  | TraciPoint2D
  | TraciPoint3D
  | TraciLonLat
  | TraciRoadMapPosition
  | TraciColor
  | TraciPoint2D[]
  | TraciValue[];

const INITIAL_CAPACITY = 64;
const _encoder = new TextEncoder();
const _decoder = new TextDecoder("utf-8");

/** A growable big-endian buffer with a write end and a read cursor (like SUMO's `tcpip::Storage`). */
export class TraciStorage {
  private _bytes: Uint8Array;
  private _view: DataView;
  private _length: number;
  private _pos = 0;

  /** Wraps `bytes` for reading (the storage starts full, cursor at 0), or starts empty for writing. */
  constructor(bytes?: Uint8Array) {
    if (bytes) {
      this._bytes = bytes;
      this._length = bytes.length;
    } else {
      this._bytes = new Uint8Array(INITIAL_CAPACITY);
      this._length = 0;
    }
    this._view = new DataView(this._bytes.buffer, this._bytes.byteOffset, this._bytes.byteLength);
  }

  /** Number of bytes written (or wrapped). */
  get length(): number {
    return this._length;
  }

  /** The read cursor, in bytes from the start. */
  get position(): number {
    return this._pos;
  }

  /** Bytes left to read. */
  get remaining(): number {
    return this._length - this._pos;
  }

  /** A view of the written bytes (shares memory with the storage; copy it before writing more). */
  bytes(): Uint8Array {
    return this._bytes.subarray(0, this._length);
  }

  /** The unread bytes as hex, for error messages. */
  debugString(): string {
    return Array.from(this._bytes.subarray(this._pos, this._length), (b) => b.toString(16).padStart(2, "0")).join(" ");
  }

  // ---- writing ---------------------------------------------------------------------------------

  /** Appends raw bytes. */
  writeBytes(bytes: Uint8Array): this {
    const at = this.reserve(bytes.length);
    this._bytes.set(bytes, at);
    return this;
  }

  /** Appends an unsigned byte (0..255). */
  writeUbyte(value: number): this {
    checkInt(value, 0, 0xff, "ubyte");
    const at = this.reserve(1); // grow first: it may replace _view
    this._view.setUint8(at, value);
    return this;
  }

  /** Appends a signed byte (-128..127). */
  writeByte(value: number): this {
    checkInt(value, -0x80, 0x7f, "byte");
    const at = this.reserve(1); // grow first: it may replace _view
    this._view.setInt8(at, value);
    return this;
  }

  /** Appends a signed 32-bit integer. */
  writeInt(value: number): this {
    checkInt(value, -0x80000000, 0x7fffffff, "int");
    const at = this.reserve(4); // grow first: it may replace _view
    this._view.setInt32(at, value);
    return this;
  }

  /** Appends a 64-bit double. */
  writeDouble(value: number): this {
    const at = this.reserve(8); // grow first: it may replace _view
    this._view.setFloat64(at, value);
    return this;
  }

  /** Appends a string: int byte length, then its UTF-8 bytes. */
  writeString(value: string): this {
    const encoded = _encoder.encode(value);
    this.writeInt(encoded.length);
    return this.writeBytes(encoded);
  }

  /** Appends a string list: int count, then each string. */
  writeStringList(values: readonly string[]): this {
    this.writeInt(values.length);
    for (const v of values) this.writeString(v);
    return this;
  }

  /** Appends a double list: int count, then each double. */
  writeDoubleList(values: readonly number[]): this {
    this.writeInt(values.length);
    for (const v of values) this.writeDouble(v);
    return this;
  }

  /** Appends a TraCI length field: one ubyte when 1..255, else a 0 ubyte followed by an int. */
  writeLength(value: number): this {
    if (value > 0 && value <= 0xff) return this.writeUbyte(value);
    return this.writeUbyte(0).writeInt(value);
  }

  /** Appends a typed ubyte. */
  writeTypedUbyte(value: number): this {
    return this.writeUbyte(TraciType.ubyte).writeUbyte(value);
  }

  /** Appends a typed signed byte. */
  writeTypedByte(value: number): this {
    return this.writeUbyte(TraciType.byte).writeByte(value);
  }

  /** Appends a typed int. */
  writeTypedInt(value: number): this {
    return this.writeUbyte(TraciType.integer).writeInt(value);
  }

  /** Appends a typed double. */
  writeTypedDouble(value: number): this {
    return this.writeUbyte(TraciType.double).writeDouble(value);
  }

  /** Appends a typed string. */
  writeTypedString(value: string): this {
    return this.writeUbyte(TraciType.string).writeString(value);
  }

  /** Appends a typed string list. */
  writeTypedStringList(values: readonly string[]): this {
    return this.writeUbyte(TraciType.stringList).writeStringList(values);
  }

  /** Appends a typed double list. */
  writeTypedDoubleList(values: readonly number[]): this {
    return this.writeUbyte(TraciType.doubleList).writeDoubleList(values);
  }

  /** Appends a compound header: the type byte and the item count; the caller then writes `count` typed values. */
  writeCompoundHeader(count: number): this {
    return this.writeUbyte(TraciType.compound).writeInt(count);
  }

  /** Appends a typed 2D position (metres). */
  writeTypedPosition2D(p: TraciPoint2D): this {
    return this.writeUbyte(TraciType.position2D).writeDouble(p.x).writeDouble(p.y);
  }

  /** Appends a typed 3D position (metres). */
  writeTypedPosition3D(p: TraciPoint3D): this {
    return this.writeUbyte(TraciType.position3D).writeDouble(p.x).writeDouble(p.y).writeDouble(p.z);
  }

  /** Appends a typed lon/lat position (degrees). */
  writeTypedLonLat(p: TraciLonLat): this {
    return this.writeUbyte(TraciType.positionLonLat).writeDouble(p.lon).writeDouble(p.lat);
  }

  /** Appends a typed lon/lat/alt position (degrees, metres). */
  writeTypedLonLatAlt(p: Required<TraciLonLat>): this {
    return this.writeUbyte(TraciType.positionLonLatAlt).writeDouble(p.lon).writeDouble(p.lat).writeDouble(p.alt);
  }

  /** Appends a typed road map position. */
  writeTypedRoadMapPosition(p: TraciRoadMapPosition): this {
    return this.writeUbyte(TraciType.positionRoadMap).writeString(p.roadId).writeDouble(p.pos).writeUbyte(p.laneIndex);
  }

  /** Appends a typed polygon (metres). */
  writeTypedPolygon(points: readonly TraciPoint2D[]): this {
    this.writeUbyte(TraciType.polygon).writeLength(points.length);
    for (const p of points) this.writeDouble(p.x).writeDouble(p.y);
    return this;
  }

  /** Appends a typed RGBA colour. */
  writeTypedColor(c: TraciColor): this {
    return this.writeUbyte(TraciType.color).writeUbyte(c.r).writeUbyte(c.g).writeUbyte(c.b).writeUbyte(c.a);
  }

  // ---- reading ---------------------------------------------------------------------------------

  /** Reads `n` raw bytes (a view, not a copy). */
  readBytes(n: number): Uint8Array {
    const at = this.advance(n);
    return this._bytes.subarray(at, at + n);
  }

  /** Reads an unsigned byte. */
  readUbyte(): number {
    return this._view.getUint8(this.advance(1));
  }

  /** Reads a signed byte. */
  readByte(): number {
    return this._view.getInt8(this.advance(1));
  }

  /** Reads a signed 32-bit integer. */
  readInt(): number {
    return this._view.getInt32(this.advance(4));
  }

  /** Reads a 64-bit double. */
  readDouble(): number {
    return this._view.getFloat64(this.advance(8));
  }

  /** Reads a string (int byte length, UTF-8 bytes). */
  readString(): string {
    const n = this.readInt();
    if (n < 0) throw new Error(`TraCI storage: negative string length ${n} at byte ${this._pos - 4}`);
    return _decoder.decode(this.readBytes(n));
  }

  /** Reads a string list (int count, strings). */
  readStringList(): string[] {
    const n = this.readInt();
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.readString());
    return out;
  }

  /** Reads a double list (int count, doubles). */
  readDoubleList(): number[] {
    const n = this.readInt();
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push(this.readDouble());
    return out;
  }

  /** Reads a TraCI length field (one ubyte, or 0 followed by an int). */
  readLength(): number {
    const short = this.readUbyte();
    return short > 0 ? short : this.readInt();
  }

  /** Reads one type byte and checks it is `expected`. */
  readType(expected: number): void {
    const at = this._pos;
    const t = this.readUbyte();
    if (t !== expected) {
      throw new Error(`TraCI storage: expected type 0x${hex(expected)} at byte ${at}, found 0x${hex(t)}`);
    }
  }

  /** Reads a typed ubyte. */
  readTypedUbyte(): number {
    this.readType(TraciType.ubyte);
    return this.readUbyte();
  }

  /** Reads a typed signed byte. */
  readTypedByte(): number {
    this.readType(TraciType.byte);
    return this.readByte();
  }

  /** Reads a typed int. */
  readTypedInt(): number {
    this.readType(TraciType.integer);
    return this.readInt();
  }

  /** Reads a typed double. */
  readTypedDouble(): number {
    this.readType(TraciType.double);
    return this.readDouble();
  }

  /** Reads a typed string. */
  readTypedString(): string {
    this.readType(TraciType.string);
    return this.readString();
  }

  /** Reads a typed string list. */
  readTypedStringList(): string[] {
    this.readType(TraciType.stringList);
    return this.readStringList();
  }

  /** Reads a typed 2D position (metres). */
  readTypedPosition2D(): TraciPoint2D {
    this.readType(TraciType.position2D);
    return { x: this.readDouble(), y: this.readDouble() };
  }

  /** Reads a compound header and returns its item count. */
  readCompoundHeader(): number {
    this.readType(TraciType.compound);
    return this.readInt();
  }

  /** Reads any typed value, dispatching on its type byte. */
  readTypedValue(): TraciValue {
    const at = this._pos;
    const t = this.readUbyte();
    switch (t) {
      case TraciType.positionLonLat:
        return { lon: this.readDouble(), lat: this.readDouble() };
      case TraciType.position2D:
        return { x: this.readDouble(), y: this.readDouble() };
      case TraciType.positionLonLatAlt:
        return { lon: this.readDouble(), lat: this.readDouble(), alt: this.readDouble() };
      case TraciType.position3D:
        return { x: this.readDouble(), y: this.readDouble(), z: this.readDouble() };
      case TraciType.positionRoadMap:
        return { roadId: this.readString(), pos: this.readDouble(), laneIndex: this.readUbyte() };
      case TraciType.polygon: {
        const n = this.readLength();
        const points: TraciPoint2D[] = [];
        for (let i = 0; i < n; i++) points.push({ x: this.readDouble(), y: this.readDouble() });
        return points;
      }
      case TraciType.ubyte:
        return this.readUbyte();
      case TraciType.byte:
        return this.readByte();
      case TraciType.integer:
        return this.readInt();
      case TraciType.double:
        return this.readDouble();
      case TraciType.string:
        return this.readString();
      case TraciType.stringList:
        return this.readStringList();
      case TraciType.compound: {
        const n = this.readInt();
        const items: TraciValue[] = [];
        for (let i = 0; i < n; i++) items.push(this.readTypedValue());
        return items;
      }
      case TraciType.doubleList:
        return this.readDoubleList();
      case TraciType.color:
        return { r: this.readUbyte(), g: this.readUbyte(), b: this.readUbyte(), a: this.readUbyte() };
      default:
        throw new Error(`TraCI storage: unknown type byte 0x${hex(t)} at byte ${at}`);
    }
  }

  // ---- internals -------------------------------------------------------------------------------

  /** Makes room for `n` more bytes at the end; returns where they start. */
  private reserve(n: number): number {
    const at = this._length;
    const needed = at + n;
    if (needed > this._bytes.length) {
      let capacity = Math.max(this._bytes.length * 2, INITIAL_CAPACITY);
      while (capacity < needed) capacity *= 2;
      const grown = new Uint8Array(capacity);
      grown.set(this._bytes.subarray(0, at));
      this._bytes = grown;
      this._view = new DataView(grown.buffer);
    }
    this._length = needed;
    return at;
  }

  /** Moves the read cursor `n` bytes on; returns where they start; throws past the end. */
  private advance(n: number): number {
    const at = this._pos;
    if (at + n > this._length) {
      throw new Error(`TraCI storage: read of ${n} bytes at byte ${at} runs past the end (${this._length} bytes)`);
    }
    this._pos = at + n;
    return at;
  }
}

function checkInt(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`TraCI storage: ${value} is not a valid ${what} (${min}..${max})`);
  }
}

function hex(b: number): string {
  return b.toString(16).padStart(2, "0");
}
