/**
 * The index record a cleanly closed replay ends with: frame count, first and last tick, and the
 * tick and byte offset of every keyframe (both delta-coded varints). A reader that finds no valid
 * index rebuilds the same data by scanning the records. Pure.
 */
import { ByteReader } from "./ByteReader.js";
import { ByteWriter } from "./ByteWriter.js";
import { ReplayFormatError } from "./ReplayFormatError.js";

/** Where a keyframe starts. */
export interface KeyframeEntry {
  tick: number;
  /** Byte offset of its record. */
  offset: number;
}

/** What an index holds. */
export interface ReplayIndex {
  frameCount: number;
  /** Tick of the first frame (−1 without frames). */
  firstTick: number;
  /** Tick of the last frame (−1 without frames). */
  lastTick: number;
  /** Keyframes in file order. */
  keyframes: KeyframeEntry[];
}

/** The index record's payload. */
export function encodeIndex(index: ReplayIndex): Uint8Array {
  const w = new ByteWriter(64 + index.keyframes.length * 6);
  w.varuint(index.frameCount);
  w.varint(index.firstTick);
  w.varint(index.lastTick);
  w.varuint(index.keyframes.length);
  let tick = 0;
  let offset = 0;
  for (const k of index.keyframes) {
    w.varuint(k.tick - tick);
    w.varuint(k.offset - offset);
    tick = k.tick;
    offset = k.offset;
  }
  return w.toBytes();
}

/** Parses an index record's payload. */
export function decodeIndex(payload: Uint8Array, what: string): ReplayIndex {
  const r = new ByteReader(payload, what);
  const frameCount = r.varuint();
  const firstTick = r.varint();
  const lastTick = r.varint();
  const n = r.varuint();
  if (n > frameCount) throw new ReplayFormatError(`${what}: ${n} keyframes among ${frameCount} frames`);
  const keyframes: KeyframeEntry[] = [];
  let tick = 0;
  let offset = 0;
  for (let i = 0; i < n; i++) {
    tick += r.varuint();
    offset += r.varuint();
    keyframes.push({ tick, offset });
  }
  if (r.remaining !== 0) throw new ReplayFormatError(`${what}: ${r.remaining} unexpected byte(s)`);
  return { frameCount, firstTick, lastTick, keyframes };
}
