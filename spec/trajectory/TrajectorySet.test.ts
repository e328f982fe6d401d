import { describe, expect, it } from "vitest";
import { createKinematicPose } from "../KinematicPose.js";
import { Rng } from "../../core/random/Rng.js";
import { TIME_TOLERANCE_S, TrajectorySet } from "./TrajectorySet.js";
import type { TrajectoryTrack } from "./TrajectoryTrack.js";

/** A track from `[t, x, y, heading, speed]` rows. */
function track(id: string, rows: number[][], lengthM = 4, widthM = 2): TrajectoryTrack {
  return { id, type: "passenger", lengthM, widthM, samples: Float64Array.from(rows.flat()) };
}

describe("TrajectorySet.sampleAt", () => {
  const set = new TrajectorySet([
    track("a", [
      [1, 0, 0, 0, 10],
      [1.5, 2, -4, 0.5, 12],
      [2.5, 6, -4, 0.5, 8],
    ]),
    track("wrap", [
      [0, 0, 0, (3 * Math.PI) / 4, 1],
      [1, 0, 0, (-3 * Math.PI) / 4, 1],
    ]),
    track("still", [[0.3, 7, 8, 1, 0]]),
  ]);
  const pose = createKinematicPose();

  it("interpolates position, heading and speed linearly at mid-sample", () => {
    expect(set.sampleAt("a", 1.25, pose)).toBe(true);
    expect(pose).toEqual({ xM: 1, yM: -2, headingRad: 0.25, speedMps: 11 });
    expect(set.sampleAt("a", 2, pose)).toBe(true);
    expect(pose).toEqual({ xM: 4, yM: -4, headingRad: 0.5, speedMps: 10 });
  });

  it("returns the samples themselves at sample times", () => {
    set.sampleAt("a", 1.5, pose);
    expect(pose).toEqual({ xM: 2, yM: -4, headingRad: 0.5, speedMps: 12 });
    set.sampleAt("a", 2.5, pose);
    expect(pose).toEqual({ xM: 6, yM: -4, headingRad: 0.5, speedMps: 8 });
    set.sampleAt("a", 1, pose);
    expect(pose).toEqual({ xM: 0, yM: 0, headingRad: 0, speedMps: 10 });
  });

  it("turns the short way across ±π", () => {
    set.sampleAt("wrap", 0.5, pose);
    expect(pose.headingRad).toBeCloseTo(Math.PI, 12);
    expect(pose.headingRad).toBeLessThanOrEqual(Math.PI);
    set.sampleAt("wrap", 0.25, pose);
    expect(pose.headingRad).toBeCloseTo((7 * Math.PI) / 8, 12);
    set.sampleAt("wrap", 0.75, pose);
    expect(pose.headingRad).toBeCloseTo((-7 * Math.PI) / 8, 12);
  });

  it("returns false outside the span and leaves out alone", () => {
    const before = { xM: -1, yM: -1, headingRad: -1, speedMps: -1 };
    Object.assign(pose, before);
    expect(set.sampleAt("a", 0.999, pose)).toBe(false);
    expect(set.sampleAt("a", 2.501, pose)).toBe(false);
    expect(set.sampleAt("still", 0.31, pose)).toBe(false);
    expect(pose).toEqual(before);
  });

  it("tolerates tick·dt rounding at the span's ends", () => {
    expect(3 * 0.1).toBeGreaterThan(0.3);
    expect(set.sampleAt("still", 3 * 0.1, pose)).toBe(true);
    expect(pose).toEqual({ xM: 7, yM: 8, headingRad: 1, speedMps: 0 });
    expect(set.activeAt(3 * 0.1)).toContain("still");
    expect(set.sampleAt("a", 1 - TIME_TOLERANCE_S / 2, pose)).toBe(true);
    expect(pose.xM).toBe(0);
    expect(set.sampleAt("a", 1 - 2 * TIME_TOLERANCE_S, pose)).toBe(false);
  });

  it("throws for an unknown vehicle", () => {
    expect(() => set.sampleAt("nope", 1, pose)).toThrow('TrajectorySet: unknown vehicle "nope"');
    expect(() => set.spanS("nope")).toThrow('unknown vehicle "nope"');
  });
});

describe("TrajectorySet queries", () => {
  const set = new TrajectorySet([
    track("b", [
      [2, 5, 1, 0, 0],
      [4, 6, 1, 0, 0],
    ]),
    track("a", [
      [0, -3, 2, 0, 0],
      [2, 0, 9, 0, 0],
    ]),
    track("c", [
      [4, 1, -7, 0, 0],
      [6, 2, 0, 0, 0],
    ]),
    track("10", [[3, 0, 0, 0, 0]]),
  ]);

  it("lists ids sorted and spans per vehicle", () => {
    expect(set.vehicleIds()).toEqual(["10", "a", "b", "c"]);
    expect(set.size).toBe(4);
    expect(set.spanS("b")).toEqual({ startS: 2, endS: 4 });
    expect(set.spanS("10")).toEqual({ startS: 3, endS: 3 });
    expect(set.timeSpanS()).toEqual({ startS: 0, endS: 6 });
    expect(set.track("c").lengthM).toBe(4);
  });

  it("activeAt includes vehicles exactly at their first and last sample", () => {
    expect(set.activeAt(-0.01)).toEqual([]);
    expect(set.activeAt(0)).toEqual(["a"]);
    expect(set.activeAt(2)).toEqual(["a", "b"]);
    expect(set.activeAt(2.01)).toEqual(["b"]);
    expect(set.activeAt(3)).toEqual(["10", "b"]);
    expect(set.activeAt(4)).toEqual(["b", "c"]);
    expect(set.activeAt(6)).toEqual(["c"]);
    expect(set.activeAt(6.01)).toEqual([]);
  });

  it("bounds cover every sample position", () => {
    expect(set.bounds()).toEqual({ minXM: -3, minYM: -7, maxXM: 6, maxYM: 9 });
    expect(new TrajectorySet([]).bounds()).toBeUndefined();
    expect(new TrajectorySet([]).timeSpanS()).toBeUndefined();
  });

  it("activeAt agrees with the spans on many random vehicles", () => {
    const rng = new Rng(3);
    const tracks: TrajectoryTrack[] = [];
    for (let i = 0; i < 300; i++) {
      const start = rng.int(100) / 10;
      const rows = Array.from({ length: 1 + rng.int(30) }, (_, k) => [start + k / 10, k, 0, 0, 1]);
      tracks.push(track(`v${i}`, rows));
    }
    const big = new TrajectorySet(tracks);
    for (let tick = 0; tick < 140; tick++) {
      const t = tick * 0.1;
      const expected = big.vehicleIds().filter((id) => {
        const { startS, endS } = big.spanS(id);
        return startS - TIME_TOLERANCE_S <= t && t <= endS + TIME_TOLERANCE_S;
      });
      expect(big.activeAt(t)).toEqual(expected);
    }
  });
});

describe("TrajectorySet checks its tracks", () => {
  it("names the vehicle that breaks a rule", () => {
    expect(() => new TrajectorySet([track("a", [[0, 0, 0, 0, 0]]), track("a", [[1, 0, 0, 0, 0]])])).toThrow(
      'vehicle "a" appears twice',
    );
    expect(
      () =>
        new TrajectorySet([
          track("a", [
            [1, 0, 0, 0, 0],
            [1, 0, 0, 0, 0],
          ]),
        ]),
    ).toThrow('vehicle "a" sample 1 at 1 s does not come after 1 s');
    expect(() => new TrajectorySet([track("a", [[0, NaN, 0, 0, 0]])])).toThrow(
      'vehicle "a" sample 0 has a non-finite value',
    );
    expect(() => new TrajectorySet([track("a", [[0, 0, 0, 4, 0]])])).toThrow(
      'vehicle "a" sample 0 has heading 4 rad outside (−π, π]',
    );
    expect(() => new TrajectorySet([track("a", [])])).toThrow('vehicle "a" has 0 sample values');
    expect(() => new TrajectorySet([track("a", [[0, 0, 0, 0, 0]], 0)])).toThrow('vehicle "a" has size 0 × 2 m');
  });
});
