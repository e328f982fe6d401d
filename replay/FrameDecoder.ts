/**
 * Decodes keyframe and delta record payloads back into {@link ReplayFrame}s — the inverse of
 * {@link FrameEncoder}, tracking the same state. A delta needs the frame before it: decoding one
 * without it (or with the wrong one: the vehicle count it was made against is checked) is a
 * {@link ReplayFormatError}, as is any malformed field. Pure: the viewer bundles it.
 */
import { z } from "zod";
import { ByteReader } from "./ByteReader.js";
import { dequantiseHeading, dequantiseM, headingAdd } from "./quantise.js";
import { RecordKind } from "./recordFormat.js";
import { FrameExtrasSchema, type ReplayBubble, type ReplayFrame } from "./ReplayFrame.js";
import { ReplayFormatError } from "./ReplayFormatError.js";
import { VehicleColumns } from "./VehicleColumns.js";

const _textDecoder = new TextDecoder("utf-8", { fatal: true });

/** Turns record payloads back into frames. */
export class FrameDecoder {
  private prev = new VehicleColumns();
  private next = new VehicleColumns();
  private hasPrev = false;
  private signals: Record<string, string> = {};
  private bubbles: ReplayBubble[] = [];

  /** @param dtS step length (s), for each frame's `timeS`. */
  constructor(readonly dtS: number) {}

  /** Forgets the previous frame: the next record must be a keyframe. */
  reset(): void {
    this.hasPrev = false;
  }

  /**
   * Decodes one record payload. `what` names it in errors (e.g. `demo.replay: record at byte 812`).
   * On error the decoder's state is unchanged.
   */
  decode(kind: number, payload: Uint8Array, what = "frame"): ReplayFrame {
    if (kind !== RecordKind.keyframe && kind !== RecordKind.delta)
      throw new ReplayFormatError(`${what}: record kind 0x${kind.toString(16)} is not a frame`);
    if (kind === RecordKind.delta && !this.hasPrev)
      throw new ReplayFormatError(`${what}: a delta frame needs the frame before it (decode from a keyframe)`);
    const r = new ByteReader(payload, what);
    const tick = r.varuint();
    const nStrings = r.varuint();
    if (nStrings > payload.length) throw new ReplayFormatError(`${what}: string table claims ${nStrings} strings`);
    const strings: string[] = new Array(nStrings);
    for (let i = 0; i < nStrings; i++) strings[i] = r.string();
    const str = () => {
      const i = r.varuint();
      if (i >= nStrings) throw new ReplayFormatError(`${what}: string reference ${i} outside the table of ${nStrings}`);
      return strings[i];
    };
    const next = this.next;
    if (kind === RecordKind.keyframe) {
      const n = r.varuint();
      if (n > payload.length) throw new ReplayFormatError(`${what}: claims ${n} vehicles`);
      next.clear(n);
      for (let i = 0; i < n; i++) this.readVehicle(r, str);
    } else {
      this.readDelta(r, str, what);
    }
    const extrasLen = r.varuint();
    const extrasBytes = r.take(extrasLen);
    if (r.remaining !== 0) throw new ReplayFormatError(`${what}: ${r.remaining} unexpected byte(s) after the frame`);
    let extras: z.infer<typeof FrameExtrasSchema> = {};
    if (extrasLen > 0) {
      let json: unknown;
      try {
        json = JSON.parse(_textDecoder.decode(extrasBytes));
      } catch {
        throw new ReplayFormatError(`${what}: frame data is not valid JSON`);
      }
      const parsed = FrameExtrasSchema.safeParse(json);
      if (!parsed.success) throw new ReplayFormatError(`${what}: bad frame data: ${z.prettifyError(parsed.error)}`);
      extras = parsed.data;
    }
    // Commit: everything read cleanly.
    const signals = kind === RecordKind.keyframe ? {} : { ...this.signals };
    for (const [id, state] of Object.entries(extras.s ?? {})) {
      if (state === null) delete signals[id];
      else signals[id] = state;
    }
    const bubbles = extras.b ?? (kind === RecordKind.keyframe ? [] : this.bubbles);
    this.signals = signals;
    this.bubbles = bubbles;
    const t = this.prev;
    this.prev = next;
    this.next = t;
    this.hasPrev = true;
    return this.frameOf(tick, extras, signals, bubbles);
  }

  private readVehicle(r: ByteReader, str: () => string): void {
    const id = str();
    const typeId = str();
    const owner = str();
    const laneId = str();
    const role = r.u8();
    const qx = r.varint();
    const qy = r.varint();
    const qh = r.varuint();
    const qv = r.varint();
    this.next.push(id, typeId, owner, laneId, role, qx, qy, 0, 0, qh % 65536, qv);
  }

  private readDelta(r: ByteReader, str: () => string, what: string): void {
    const prev = this.prev;
    const next = this.next;
    const prevCount = r.varuint();
    if (prevCount !== prev.count)
      throw new ReplayFormatError(
        `${what}: delta made against ${prevCount} vehicles, but the frame before has ${prev.count}`,
      );
    const nRemoved = r.varuint();
    if (nRemoved > prevCount) throw new ReplayFormatError(`${what}: removes ${nRemoved} of ${prevCount} vehicles`);
    const removed = new Uint8Array(prevCount);
    let j = -1;
    for (let k = 0; k < nRemoved; k++) {
      j += r.varuint() + 1;
      if (j >= prevCount) throw new ReplayFormatError(`${what}: removes vehicle slot ${j} of ${prevCount}`);
      removed[j] = 1;
    }
    next.clear(prevCount - nRemoved);
    for (let s = 0; s < prevCount; s++) {
      if (removed[s]) continue;
      next.push(
        prev.ids[s],
        prev.typeIds[s],
        prev.owners[s],
        prev.laneIds[s],
        prev.roles[s],
        prev.qx[s],
        prev.qy[s],
        prev.vx[s],
        prev.vy[s],
        prev.qh[s],
        prev.qv[s],
      );
    }
    const kept = next.count;
    const slot = (last: number) => {
      const k = last + r.varuint() + 1;
      if (k >= kept) throw new ReplayFormatError(`${what}: change for vehicle slot ${k} of ${kept}`);
      return k;
    };
    let last = -1;
    const nOwner = r.varuint();
    for (let c = 0; c < nOwner; c++) {
      last = slot(last);
      next.owners[last] = str();
      next.roles[last] = r.u8();
    }
    last = -1;
    const nLane = r.varuint();
    for (let c = 0; c < nLane; c++) {
      last = slot(last);
      next.laneIds[last] = str();
    }
    for (let k = 0; k < kept; k++) {
      const dx = next.vx[k] + r.varint();
      const dy = next.vy[k] + r.varint();
      next.qx[k] += dx;
      next.qy[k] += dy;
      next.vx[k] = dx;
      next.vy[k] = dy;
      next.qh[k] = headingAdd(next.qh[k], r.varint());
      next.qv[k] += r.varint();
    }
    const nAdded = r.varuint();
    if (nAdded > r.remaining) throw new ReplayFormatError(`${what}: claims ${nAdded} new vehicles`);
    next.reserve(kept + nAdded);
    for (let a = 0; a < nAdded; a++) this.readVehicle(r, str);
  }

  private frameOf(
    tick: number,
    extras: z.infer<typeof FrameExtrasSchema>,
    signals: Record<string, string>,
    bubbles: ReplayBubble[],
  ): ReplayFrame {
    const c = this.prev;
    const n = c.count;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const h = new Float64Array(n);
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = dequantiseM(c.qx[i]);
      y[i] = dequantiseM(c.qy[i]);
      h[i] = dequantiseHeading(c.qh[i]);
      v[i] = dequantiseM(c.qv[i]);
    }
    return {
      tick,
      timeS: tick * this.dtS,
      ids: c.ids.slice(),
      typeIds: c.typeIds.slice(),
      owners: c.owners.slice(),
      laneIds: c.laneIds.slice(),
      roles: c.roles.slice(0, n),
      x,
      y,
      headingRad: h,
      speedMps: v,
      signals: { ...signals },
      collisions: extras.c ?? [],
      events: extras.e ?? [],
      bubbles,
      agents: extras.a ?? [],
    };
  }
}
