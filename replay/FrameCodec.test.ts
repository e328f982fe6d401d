import { describe, expect, it } from "vitest";
import { FrameDecoder } from "./FrameDecoder.js";
import { FrameEncoder, type EncodableFrame } from "./FrameEncoder.js";
import { dequantiseHeading, dequantiseM, quantiseHeading, quantiseM } from "./quantise.js";
import { RecordKind } from "./recordFormat.js";
import { ReplayFormatError } from "./ReplayFormatError.js";
import { syntheticFrames } from "../test/fakes/syntheticReplayFrames.js";

/** The frame as the codec should give it back: positions, headings and speeds quantised. */
function quantised(f: EncodableFrame) {
  const q = (a: ArrayLike<number>) => Array.from(a, (v) => dequantiseM(quantiseM(v)));
  return {
    tick: f.tick,
    ids: [...f.ids],
    typeIds: [...f.typeIds],
    owners: [...f.owners],
    laneIds: [...f.laneIds],
    roles: Array.from(f.roles),
    x: q(f.x),
    y: q(f.y),
    headingRad: Array.from(f.headingRad, (h) => dequantiseHeading(quantiseHeading(h))),
    speedMps: q(f.speedMps),
    signals: f.signals,
    collisions: f.collisions,
    events: f.events,
    bubbles: f.bubbles,
    agents: f.agents,
  };
}

function plain(f: ReturnType<FrameDecoder["decode"]>) {
  const { timeS: _t, ...rest } = f;
  return {
    ...rest,
    roles: Array.from(f.roles),
    x: Array.from(f.x),
    y: Array.from(f.y),
    headingRad: Array.from(f.headingRad),
    speedMps: Array.from(f.speedMps),
  };
}

describe("FrameEncoder / FrameDecoder", () => {
  it("round-trips arrivals, departures, reordering, owner and lane changes, signals, bubbles and agents", () => {
    const frames = syntheticFrames({ ticks: 250, vehicles: 40, seed: 3 });
    const enc = new FrameEncoder({ keyframeInterval: 50 });
    const dec = new FrameDecoder(0.1);
    let keys = 0;
    for (const f of frames) {
      const e = enc.encode(f);
      if (e.kind === RecordKind.keyframe) keys++;
      const d = dec.decode(e.kind, e.payload);
      expect(plain(d)).toEqual(quantised(f));
      expect(d.timeS).toBeCloseTo(f.tick * 0.1, 12);
    }
    expect(keys).toBe(5);
  });

  it("keeps positions within half a centimetre and headings within half a step", () => {
    const frames = syntheticFrames({ ticks: 30, vehicles: 10, seed: 1 });
    const enc = new FrameEncoder();
    const dec = new FrameDecoder(0.1);
    for (const f of frames) {
      const e = enc.encode(f);
      const d = dec.decode(e.kind, e.payload);
      for (let i = 0; i < d.ids.length; i++) {
        expect(Math.abs(d.x[i] - f.x[i])).toBeLessThanOrEqual(0.005 + 1e-9);
        expect(Math.abs(d.y[i] - f.y[i])).toBeLessThanOrEqual(0.005 + 1e-9);
        const dh = Math.abs(
          Math.atan2(Math.sin(d.headingRad[i] - f.headingRad[i]), Math.cos(d.headingRad[i] - f.headingRad[i])),
        );
        expect(dh).toBeLessThanOrEqual(Math.PI / 65536 + 1e-12);
      }
    }
  });

  it("encodes steady traffic in a few bytes per vehicle", () => {
    const frames = syntheticFrames({ ticks: 200, vehicles: 200, seed: 5, churn: 0 });
    const enc = new FrameEncoder({ keyframeInterval: 100 });
    let bytes = 0;
    let vf = 0;
    for (const f of frames.slice(1)) {
      const e = enc.encode(f);
      if (e.kind === RecordKind.delta) {
        bytes += e.payload.length;
        vf += f.ids.length;
      }
    }
    expect(bytes / vf).toBeLessThan(6);
  });

  it("refuses a delta without the frame before it, or made against another frame", () => {
    const frames = syntheticFrames({ ticks: 3, vehicles: 5, seed: 2, churn: 0 });
    const enc = new FrameEncoder();
    const k = enc.encode(frames[0]);
    const d = enc.encode(frames[1]);
    expect(d.kind).toBe(RecordKind.delta);
    expect(() => new FrameDecoder(0.1).decode(d.kind, d.payload)).toThrow(/needs the frame before it/);
    const other = new FrameEncoder();
    other.encode({
      ...frames[0],
      ids: frames[0].ids.slice(0, 4),
      typeIds: frames[0].typeIds.slice(0, 4),
      owners: frames[0].owners.slice(0, 4),
      laneIds: frames[0].laneIds.slice(0, 4),
    });
    const dec = new FrameDecoder(0.1);
    dec.decode(k.kind, k.payload);
    const bad = other.encode({
      ...frames[1],
      ids: frames[1].ids.slice(0, 4),
      typeIds: frames[1].typeIds.slice(0, 4),
      owners: frames[1].owners.slice(0, 4),
      laneIds: frames[1].laneIds.slice(0, 4),
    });
    expect(() => dec.decode(bad.kind, bad.payload)).toThrow(/made against 4 vehicles, but the frame before has 5/);
  });

  it("reports corrupt payloads as ReplayFormatError, leaving the decoder usable", () => {
    const frames = syntheticFrames({ ticks: 3, vehicles: 5, seed: 2 });
    const enc = new FrameEncoder();
    const k = enc.encode(frames[0]);
    const dec = new FrameDecoder(0.1);
    for (let cut = 0; cut < k.payload.length; cut += 7) {
      expect(() => dec.decode(k.kind, k.payload.subarray(0, cut))).toThrow(ReplayFormatError);
    }
    expect(() => dec.decode(RecordKind.header, k.payload)).toThrow(/not a frame/);
    const junk = k.payload.slice();
    junk[junk.length - 3] = 0xff;
    expect(() => dec.decode(k.kind, junk)).toThrow(ReplayFormatError);
    expect(dec.decode(k.kind, k.payload).ids).toEqual(frames[0].ids);
  });

  it("rejects non-finite poses with the vehicle's id", () => {
    const [f] = syntheticFrames({ ticks: 1, vehicles: 3, seed: 1 });
    const x = Float64Array.from(f.x);
    x[1] = NaN;
    expect(() => new FrameEncoder().encode({ ...f, x })).toThrow(
      new RegExp(`vehicle "${f.ids[1]}" at tick 0 has a non-finite`),
    );
  });
});
