/**
 * How spaces cross the bridge: a JSON description for the handshake (from which the Python side
 * builds Gymnasium spaces), the byte layout of an observation (its Box leaves in depth-first key
 * order, each at a 4-byte aligned offset, float32 or uint8), and the decoding of a binary action.
 */
import { ActionError } from "../core/controllers/actionSpaces.js";
import { Box } from "../core/spaces/Box.js";
import { Dict } from "../core/spaces/Dict.js";
import { Discrete } from "../core/spaces/Discrete.js";
import { Sequence } from "../core/spaces/Sequence.js";
import type { Space } from "../core/spaces/Space.js";

/** A space as JSON: what the Python side needs to build the matching Gymnasium space. */
export type SpaceDescription =
  | {
      kind: "box";
      shape: number[];
      dtype: "float32" | "uint8";
      /** Bounds per element (row-major), infinities as the strings "inf" / "-inf". */
      low: (number | string)[];
      high: (number | string)[];
      names?: readonly string[];
      /** Elements that must be whole numbers (the bridge rounds them in actions). */
      integers: readonly number[];
    }
  | { kind: "discrete"; n: number; labels?: readonly string[] }
  | { kind: "dict"; fields: Record<string, SpaceDescription> }
  | { kind: "sequence"; item: SpaceDescription; minLength: number; maxLength: number };

/** The JSON description of `space`. */
export function describeSpace(space: Space): SpaceDescription {
  if (space instanceof Box) {
    const num = (v: number) => (Number.isFinite(v) ? v : v > 0 ? "inf" : "-inf");
    return {
      kind: "box",
      shape: [...space.shape],
      dtype: space.dtype,
      low: Array.from(space.low, num),
      high: Array.from(space.high, num),
      ...(space.names && { names: space.names }),
      integers: space.integers,
    };
  }
  if (space instanceof Discrete) return { kind: "discrete", n: space.n, ...(space.labels && { labels: space.labels }) };
  if (space instanceof Dict) {
    const fields: Record<string, SpaceDescription> = {};
    for (const [k, s] of Object.entries(space.spaces as Record<string, Space>)) fields[k] = describeSpace(s);
    return { kind: "dict", fields };
  }
  if (space instanceof Sequence)
    return {
      kind: "sequence",
      item: describeSpace(space.item),
      minLength: space.minLength,
      maxLength: space.maxLength,
    };
  throw new Error(`bridge: a ${space.kind} space cannot cross to Python`);
}

/** One Box leaf of an observation: where it sits in the observation's bytes. */
interface Leaf {
  /** Keys from the root (`["neighbours", "features"]`); empty when the space is a Box itself. */
  path: string[];
  dtype: "float32" | "uint8";
  /** Elements. */
  size: number;
  /** Byte offset in the agent's observation (a multiple of 4). */
  offset: number;
}

/** The byte layout of one observation space, and the encoder that writes observations in it. */
export class ObservationLayout {
  readonly leaves: readonly Leaf[];
  /** Bytes of one observation (a multiple of 4). */
  readonly byteLength: number;

  constructor(space: Space) {
    const leaves: Leaf[] = [];
    let offset = 0;
    const visit = (s: Space, path: string[]) => {
      if (s instanceof Box) {
        leaves.push({ path, dtype: s.dtype, size: s.size, offset });
        offset += align4(s.size * (s.dtype === "float32" ? 4 : 1));
      } else if (s instanceof Dict) {
        for (const [k, sub] of Object.entries(s.spaces as Record<string, Space>)) visit(sub, [...path, k]);
      } else {
        throw new Error(
          `bridge: observations must be Box or Dict spaces, got ${s.kind} at ${path.join(".") || "root"}`,
        );
      }
    };
    visit(space, []);
    this.leaves = leaves;
    this.byteLength = offset;
  }

  /**
   * Writes `observation` into `out` at `at` (zeroing the padding).
   * @throws Error naming the leaf when the observation does not match the layout (a bug in an observer)
   */
  encode(observation: unknown, out: Uint8Array, at: number): void {
    for (const leaf of this.leaves) {
      let v: unknown = observation;
      for (const k of leaf.path) v = (v as Record<string, unknown>)?.[k];
      const want = leaf.dtype === "float32" ? Float32Array : Uint8Array;
      if (!(v instanceof want) || v.length !== leaf.size)
        throw new Error(
          `bridge: observation part ${leaf.path.join(".") || "(root)"} is not a ${want.name} of ${leaf.size} elements`,
        );
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      out.set(bytes, at + leaf.offset);
      const padded = align4(bytes.byteLength);
      if (padded !== bytes.byteLength) out.fill(0, at + leaf.offset + bytes.byteLength, at + leaf.offset + padded);
    }
  }
}

/**
 * Decodes an action of `space` from `bytes` (see protocol.ts): a Discrete index, a Box's elements
 * (whole-number elements rounded), or a Sequence's points. Range checks are the environment's.
 * @throws Error saying what the bytes lack
 */
export function decodeAction(space: Space, bytes: DataView, agentId: string): unknown {
  const need = (n: number, what: string) => {
    if (bytes.byteLength !== n)
      throw new ActionError(agentId, `the action is ${bytes.byteLength} bytes, ${what} needs ${n}`);
  };
  if (space instanceof Discrete) {
    need(4, "a Discrete action");
    return bytes.getInt32(0, true);
  }
  if (space instanceof Box) {
    need(space.size * 8, `a Box of ${space.size} elements`);
    return readBox(space, bytes, 0);
  }
  if (space instanceof Sequence && space.item instanceof Box) {
    const item = space.item;
    if (bytes.byteLength < 4) throw new ActionError(agentId, "a trajectory action lacks its point count");
    const count = bytes.getUint32(0, true);
    need(4 + count * item.size * 8, `a sequence of ${count} points of ${item.size} elements`);
    const points: number[][] = [];
    for (let i = 0; i < count; i++) points.push(readBox(item, bytes, 4 + i * item.size * 8));
    return points;
  }
  throw new Error(`bridge: agent "${agentId}" has a ${space.kind} action space, which cannot cross from Python`);
}

function readBox(box: Box, bytes: DataView, at: number): number[] {
  const out = new Array<number>(box.size);
  for (let i = 0; i < box.size; i++) out[i] = bytes.getFloat64(at + i * 8, true);
  for (const i of box.integers) out[i] = Math.round(out[i]);
  return out;
}

/** `n` rounded up to a multiple of 4. */
export function align4(n: number): number {
  return (n + 3) & ~3;
}
