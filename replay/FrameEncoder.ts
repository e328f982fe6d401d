/**
 * Encodes frames into keyframe and delta record payloads (docs/replay-format.md §Frames).
 *
 * A keyframe holds every vehicle in full and the full signal and bubble state, so decoding can
 * start there (seek). A delta holds, against the previous frame: the vehicles that left, the ones
 * that arrived (in full), owner and lane changes, and per remaining vehicle the residual of its
 * quantised position against a constant-velocity prediction, the heading change and the speed
 * change — all zigzag varints, mostly one byte each. Frame-level data (signals that changed,
 * events, collisions, bubbles, agent rewards) follows as a short JSON object, omitted when empty.
 *
 * The encoder is stateful: a delta is relative to the frame encoded just before it. Pure: the
 * server uses one per viewer and the writer one per file.
 */
import { ByteWriter } from "./ByteWriter.js";
import { quantiseHeading, quantiseM, headingDelta } from "./quantise.js";
import { RecordKind } from "./recordFormat.js";
import type { FrameExtras, ReplayFrame } from "./ReplayFrame.js";
import { StringTable } from "./StringTable.js";
import { VehicleColumns } from "./VehicleColumns.js";

/** A frame encoded as a record payload. */
export interface EncodedFrame {
  kind: typeof RecordKind.keyframe | typeof RecordKind.delta;
  /** The payload (a fresh copy). */
  payload: Uint8Array;
}

/** What the encoder reads of a frame (a {@link ReplayFrame}, or anything with the same columns). */
export type EncodableFrame = Pick<
  ReplayFrame,
  "tick" | "ids" | "typeIds" | "owners" | "laneIds" | "signals" | "collisions" | "events" | "bubbles" | "agents"
> & {
  roles: ArrayLike<number>;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  headingRad: ArrayLike<number>;
  speedMps: ArrayLike<number>;
};

const _textEncoder = new TextEncoder();

/** Options of a {@link FrameEncoder}. */
export interface FrameEncoderOptions {
  /** Write a keyframe at least every this many ticks. @default 100 */
  keyframeInterval?: number;
}

/** Turns a stream of frames into record payloads. */
export class FrameEncoder {
  readonly keyframeInterval: number;
  private prev = new VehicleColumns();
  private next = new VehicleColumns();
  private hasPrev = false;
  private prevTick = -1;
  private lastKeyTick = -1;
  private prevSignals: Record<string, string> = {};
  private prevBubblesJson = "[]";
  private readonly strings = new StringTable();
  private readonly body = new ByteWriter(1 << 14);
  private readonly out = new ByteWriter(1 << 14);
  /** Previous slot of each kept vehicle (scratch). */
  private keptFrom = new Int32Array(16);
  private removed: number[] = [];

  constructor(options: FrameEncoderOptions = {}) {
    this.keyframeInterval = options.keyframeInterval ?? 100;
    if (!Number.isInteger(this.keyframeInterval) || this.keyframeInterval < 1)
      throw new RangeError(`keyframeInterval must be a positive integer, got ${this.keyframeInterval}`);
  }

  /** Makes the next frame a keyframe (after a seek, or for a new viewer). */
  reset(): void {
    this.hasPrev = false;
  }

  /** Encodes `frame` as a keyframe (when due, forced, or the first) or as a delta on the previous frame. */
  encode(frame: EncodableFrame, forceKeyframe = false): EncodedFrame {
    const n = frame.ids.length;
    if (!Number.isSafeInteger(frame.tick) || frame.tick < 0)
      throw new RangeError(`replay: frame tick must be a non-negative integer, got ${frame.tick}`);
    const key =
      forceKeyframe ||
      !this.hasPrev ||
      frame.tick <= this.prevTick ||
      frame.tick - this.lastKeyTick >= this.keyframeInterval;
    this.strings.reset();
    this.body.reset();
    this.next.clear(n);
    if (key) this.writeKeyframe(frame);
    else this.writeDelta(frame);
    this.writeExtras(frame, key);
    const out = this.out;
    out.reset();
    out.varuint(frame.tick);
    out.varuint(this.strings.list.length);
    for (const s of this.strings.list) out.string(s);
    out.bytes(this.body.written());
    const t = this.prev;
    this.prev = this.next;
    this.next = t;
    this.hasPrev = true;
    this.prevTick = frame.tick;
    if (key) this.lastKeyTick = frame.tick;
    return { kind: key ? RecordKind.keyframe : RecordKind.delta, payload: out.toBytes() };
  }

  private writeVehicle(frame: EncodableFrame, i: number): void {
    const b = this.body;
    const st = this.strings;
    const qx = quantiseM(frame.x[i]);
    const qy = quantiseM(frame.y[i]);
    const qh = quantiseHeading(frame.headingRad[i]);
    const qv = quantiseM(frame.speedMps[i]);
    const role = frame.roles[i];
    if (!Number.isFinite(qx) || !Number.isFinite(qy) || !Number.isFinite(qv) || !Number.isFinite(qh))
      throw new RangeError(`replay: vehicle "${frame.ids[i]}" at tick ${frame.tick} has a non-finite pose or speed`);
    b.varuint(st.ref(frame.ids[i]));
    b.varuint(st.ref(frame.typeIds[i]));
    b.varuint(st.ref(frame.owners[i]));
    b.varuint(st.ref(frame.laneIds[i]));
    b.u8(role);
    b.varint(qx);
    b.varint(qy);
    b.varuint(qh);
    b.varint(qv);
    this.next.push(frame.ids[i], frame.typeIds[i], frame.owners[i], frame.laneIds[i], role, qx, qy, 0, 0, qh, qv);
  }

  private writeKeyframe(frame: EncodableFrame): void {
    const n = frame.ids.length;
    this.body.varuint(n);
    for (let i = 0; i < n; i++) this.writeVehicle(frame, i);
  }

  private writeDelta(frame: EncodableFrame): void {
    const prev = this.prev;
    const next = this.next;
    const b = this.body;
    const st = this.strings;
    const n = frame.ids.length;
    if (this.keptFrom.length < n) this.keptFrom = new Int32Array(Math.max(n, this.keptFrom.length * 2));
    const keptFrom = this.keptFrom;
    const removed = this.removed;
    removed.length = 0;
    // Vehicles that stay keep their relative order; the rest of the frame is new arrivals. A
    // reordering shows up as a removal plus an arrival, which is still exact, only larger.
    let i = 0;
    for (let j = 0; j < prev.count; j++) {
      if (i < n && frame.ids[i] === prev.ids[j]) keptFrom[i++] = j;
      else removed.push(j);
    }
    const kept = i;
    b.varuint(prev.count);
    b.varuint(removed.length);
    let last = -1;
    for (const j of removed) {
      b.varuint(j - last - 1);
      last = j;
    }
    // Kept vehicles: state carried over, then changes.
    for (let k = 0; k < kept; k++) {
      const j = keptFrom[k];
      next.push(
        prev.ids[j],
        prev.typeIds[j],
        prev.owners[j],
        prev.laneIds[j],
        prev.roles[j],
        prev.qx[j],
        prev.qy[j],
        prev.vx[j],
        prev.vy[j],
        prev.qh[j],
        prev.qv[j],
      );
    }
    let changes = 0;
    for (let k = 0; k < kept; k++)
      if (frame.owners[k] !== next.owners[k] || frame.roles[k] !== next.roles[k]) changes++;
    b.varuint(changes);
    last = -1;
    for (let k = 0; k < kept; k++) {
      if (frame.owners[k] === next.owners[k] && frame.roles[k] === next.roles[k]) continue;
      b.varuint(k - last - 1);
      last = k;
      b.varuint(st.ref(frame.owners[k]));
      b.u8(frame.roles[k]);
      next.owners[k] = frame.owners[k];
      next.roles[k] = frame.roles[k];
    }
    changes = 0;
    for (let k = 0; k < kept; k++) if (frame.laneIds[k] !== next.laneIds[k]) changes++;
    b.varuint(changes);
    last = -1;
    for (let k = 0; k < kept; k++) {
      if (frame.laneIds[k] === next.laneIds[k]) continue;
      b.varuint(k - last - 1);
      last = k;
      b.varuint(st.ref(frame.laneIds[k]));
      next.laneIds[k] = frame.laneIds[k];
    }
    for (let k = 0; k < kept; k++) {
      const qx = quantiseM(frame.x[k]);
      const qy = quantiseM(frame.y[k]);
      const qh = quantiseHeading(frame.headingRad[k]);
      const qv = quantiseM(frame.speedMps[k]);
      if (!Number.isFinite(qx) || !Number.isFinite(qy) || !Number.isFinite(qv) || !Number.isFinite(qh))
        throw new RangeError(`replay: vehicle "${frame.ids[k]}" at tick ${frame.tick} has a non-finite pose or speed`);
      b.varint(qx - next.qx[k] - next.vx[k]);
      b.varint(qy - next.qy[k] - next.vy[k]);
      b.varint(headingDelta(next.qh[k], qh));
      b.varint(qv - next.qv[k]);
      next.vx[k] = qx - next.qx[k];
      next.vy[k] = qy - next.qy[k];
      next.qx[k] = qx;
      next.qy[k] = qy;
      next.qh[k] = qh;
      next.qv[k] = qv;
    }
    b.varuint(n - kept);
    for (let a = kept; a < n; a++) this.writeVehicle(frame, a);
  }

  private writeExtras(frame: EncodableFrame, key: boolean): void {
    const x: FrameExtras = {};
    const sig = frame.signals;
    if (key) {
      if (Object.keys(sig).length > 0) x.s = { ...sig };
    } else {
      let changed: Record<string, string | null> | undefined;
      for (const id in sig) if (this.prevSignals[id] !== sig[id]) (changed ??= {})[id] = sig[id];
      for (const id in this.prevSignals) if (!(id in sig)) (changed ??= {})[id] = null;
      if (changed) x.s = changed;
    }
    this.prevSignals = { ...sig };
    const bubblesJson = JSON.stringify(frame.bubbles);
    if (key ? frame.bubbles.length > 0 : bubblesJson !== this.prevBubblesJson) x.b = frame.bubbles;
    this.prevBubblesJson = bubblesJson;
    if (frame.events.length) x.e = frame.events;
    if (frame.collisions.length) x.c = frame.collisions;
    if (frame.agents.length) x.a = frame.agents;
    const json = Object.keys(x).length > 0 ? _textEncoder.encode(JSON.stringify(x)) : new Uint8Array(0);
    this.body.varuint(json.length);
    this.body.bytes(json);
  }
}
