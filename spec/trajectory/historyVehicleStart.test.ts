import { describe, expect, it } from "vitest";
import { historyVehicleStart } from "./historyVehicleStart.js";
import { TrajectorySet } from "./TrajectorySet.js";
import type { TrajectoryTrack } from "./TrajectoryTrack.js";

function track(id: string, rows: number[][]): TrajectoryTrack {
  return { id, type: "passenger", lengthM: 4, widthM: 2, samples: Float64Array.from(rows.flat()) };
}

const set = new TrajectorySet([
  track("early", [
    [0, 0, 0, 0, 10],
    [2, 20, 0, 0, 12],
  ]),
  track("late", [
    [1.25, 50, 3, 0.5, 8],
    [2.25, 58, 3, 0.5, 8],
  ]),
  track("blip", [[0.35, 7, 7, 1, 1]]),
]);

describe("historyVehicleStart", () => {
  it("gives the first sample of a track that starts after startS, in simulation time", () => {
    expect(historyVehicleStart(set, "late", 0.5)).toEqual({
      id: "late",
      tick: undefined,
      timeS: 0.75,
      datasetTimeS: 1.25,
      xM: 50,
      yM: 3,
      headingRad: 0.5,
      speedMps: 8,
    });
  });

  it("gives the interpolated pose at startS for a vehicle already on the road", () => {
    const s = historyVehicleStart(set, "early", 1, { offsetM: [100, -1] })!;
    expect(s).toMatchObject({ timeS: 0, datasetTimeS: 1, xM: 110, yM: -1, speedMps: 11 });
  });

  it("aligns with the provider's ticks when given dt", () => {
    // startS 0.5: ticks at 0.5, 0.6, …; "late" is first inside its span at 1.3 (tick 8).
    const s = historyVehicleStart(set, "late", 0.5, { dtS: 0.1 })!;
    expect(s.tick).toBe(8);
    expect(s.timeS).toBeCloseTo(0.8, 12);
    expect(s.xM).toBeCloseTo(50.4, 12);
    // A track starting exactly on a tick (up to floating-point error) starts at that tick.
    expect(historyVehicleStart(set, "late", 0.05, { dtS: 0.1 })!.tick).toBe(12);
    expect(historyVehicleStart(set, "early", 0, { dtS: 0.1 })!.tick).toBe(0);
  });

  it("returns undefined for a vehicle that never appears", () => {
    expect(historyVehicleStart(set, "early", 3)).toBeUndefined();
    expect(historyVehicleStart(set, "blip", 0, { dtS: 0.1 })).toBeUndefined();
    expect(historyVehicleStart(set, "blip", 0.05, { dtS: 0.1 })!.tick).toBe(3);
    expect(() => historyVehicleStart(set, "nobody", 0)).toThrow(/unknown vehicle "nobody"/);
    expect(() => historyVehicleStart(set, "early", 0, { dtS: 0 })).toThrow(/dtS must be positive/);
  });
});
