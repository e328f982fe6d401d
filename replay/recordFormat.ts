/**
 * The container of a replay file (docs/replay-format.md): an 8-byte magic, then records
 *
 *     kind (1 byte) · payload length (u32 LE) · payload · CRC-32 of kind + payload (u32 LE)
 *
 * — a header record first, then one keyframe or delta record per tick, and, when the writer closed
 * cleanly, an index record followed by a 12-byte footer (index record offset as two u32 LE words,
 * then `RGIX`). A reader trusts the footer only if the index record it points to checks out;
 * otherwise it scans records from the start and stops at the first one that is cut short or fails
 * its checksum, which is how a file from a killed process is read up to its last whole frame.
 * Pure: the viewer bundles it.
 */
import { crc32 } from "./crc32.js";
import { ReplayFormatError } from "./ReplayFormatError.js";

/** The first 8 bytes of every replay file. */
export const REPLAY_MAGIC = new Uint8Array([0x52, 0x47, 0x52, 0x45, 0x50, 0x4c, 0x41, 0x59]); // "RGREPLAY"
/** The last 4 bytes of a cleanly closed replay file. */
export const FOOTER_MAGIC = new Uint8Array([0x52, 0x47, 0x49, 0x58]); // "RGIX"
/** Footer size: index offset (2 × u32) + magic. */
export const FOOTER_BYTES = 12;
/** Bytes a record adds around its payload: kind, length, CRC. */
export const RECORD_OVERHEAD = 9;
/** Largest payload a reader accepts (guards against a corrupt length allocating gigabytes). */
export const MAX_PAYLOAD_BYTES = 1 << 28;

/** Record kinds (ASCII letters, so a hex dump is readable). */
export const RecordKind = {
  header: 0x48, // H
  keyframe: 0x4b, // K
  delta: 0x44, // D
  index: 0x49, // I
} as const;
/** One of the {@link RecordKind} values. */
export type RecordKind = (typeof RecordKind)[keyof typeof RecordKind];

const KINDS = new Set<number>(Object.values(RecordKind));

/** A record's bytes, ready to append to a file. */
export function encodeRecord(kind: RecordKind, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(payload.length + RECORD_OVERHEAD);
  const view = new DataView(out.buffer);
  out[0] = kind;
  view.setUint32(1, payload.length, true);
  out.set(payload, 5);
  const crc = crc32(payload, 0, payload.length, crc32(out, 0, 1));
  view.setUint32(5 + payload.length, crc, true);
  return out;
}

/** The footer that ends a cleanly closed file. */
export function encodeFooter(indexOffset: number): Uint8Array {
  const out = new Uint8Array(FOOTER_BYTES);
  const view = new DataView(out.buffer);
  view.setUint32(0, indexOffset % 0x1_0000_0000, true);
  view.setUint32(4, Math.floor(indexOffset / 0x1_0000_0000), true);
  out.set(FOOTER_MAGIC, 8);
  return out;
}

/** Random access to the bytes of a replay (a file, or memory). */
export interface ByteSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Up to `length` bytes from `offset` (fewer at the end). */
  read(offset: number, length: number): Uint8Array;
}

/** A {@link ByteSource} over bytes in memory. */
export class MemoryByteSource implements ByteSource {
  constructor(private readonly bytes: Uint8Array) {}

  get size(): number {
    return this.bytes.length;
  }

  read(offset: number, length: number): Uint8Array {
    return this.bytes.subarray(offset, Math.min(this.bytes.length, offset + length));
  }
}

/** A record read from a source. */
export interface RecordAt {
  kind: RecordKind;
  payload: Uint8Array;
  /** Offset of the record's first byte. */
  offset: number;
  /** Offset just past the record. */
  end: number;
}

/** Why a record could not be read (a reader recovering a killed file stops here). */
export interface RecordProblem {
  problem: string;
}

/** The record at `offset`, or a description of why there is no whole, intact record there. */
export function readRecord(source: ByteSource, offset: number): RecordAt | RecordProblem {
  const head = source.read(offset, 5);
  if (head.length < 5) return { problem: `record at byte ${offset} is cut short (${head.length} of 5 header bytes)` };
  const kind = head[0];
  if (!KINDS.has(kind)) return { problem: `byte ${offset} is not the start of a record (kind 0x${kind.toString(16)})` };
  const len = new DataView(head.buffer, head.byteOffset, 5).getUint32(1, true);
  if (len > MAX_PAYLOAD_BYTES) return { problem: `record at byte ${offset} claims ${len} bytes` };
  const body = source.read(offset + 5, len + 4);
  if (body.length < len + 4)
    return { problem: `record at byte ${offset} is cut short (${body.length} of ${len + 4} bytes)` };
  const stored = new DataView(body.buffer, body.byteOffset, body.length).getUint32(len, true);
  const crc = crc32(body, 0, len, crc32(head, 0, 1));
  if (crc !== stored) return { problem: `record at byte ${offset} fails its checksum` };
  return { kind: kind as RecordKind, payload: body.subarray(0, len), offset, end: offset + 5 + len + 4 };
}

/** Throws unless `source` starts with the replay magic. */
export function checkMagic(source: ByteSource, name: string): void {
  const m = source.read(0, REPLAY_MAGIC.length);
  if (m.length < REPLAY_MAGIC.length || m.some((b, i) => b !== REPLAY_MAGIC[i]))
    throw new ReplayFormatError(`${name}: not a roadgym replay (no RGREPLAY magic)`);
}
