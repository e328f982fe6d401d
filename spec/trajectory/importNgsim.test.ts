import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createKinematicPose } from "../KinematicPose.js";
import { FileFormatError } from "../FileFormatError.js";
import { FOOT_M, importNgsim } from "./importNgsim.js";
import type { TrajectorySet } from "./TrajectorySet.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/ngsim-tiny.csv", import.meta.url));

/** Column `j` (0 t, 1 x, 2 y, 3 heading, 4 speed) of vehicle `id`'s samples. */
function column(set: TrajectorySet, id: string, j: number): number[] {
  return Array.from(set.track(id).samples.filter((_, i) => i % 5 === j));
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(a, `element ${i}`).toBeCloseTo(expected[i], 9));
}

describe("importNgsim on a 3-vehicle fixture", () => {
  const set = importNgsim(readFileSync(FIXTURE, "utf8"), "ngsim-tiny.csv");

  it("prefixes ids with the location and maps classes and sizes", () => {
    expect(set.vehicleIds()).toEqual(["us-101-1", "us-101-2", "us-101-3"]);
    const tracks = set.vehicleIds().map((id) => set.track(id));
    expect(tracks.map((t) => t.type)).toEqual(["passenger", "truck", "motorcycle"]);
    expectClose(
      tracks.map((t) => t.lengthM),
      [15 * FOOT_M, 40 * FOOT_M, 7 * FOOT_M],
    );
    expectClose(
      tracks.map((t) => t.widthM),
      [6 * FOOT_M, 8.5 * FOOT_M, 3 * FOOT_M],
    );
    expect(set.track("us-101-1").lengthM).toBeCloseTo(4.572, 12);
  });

  it("takes time from Frame_ID at 10 frames per second, rows sorted", () => {
    expect(column(set, "us-101-1", 0)).toEqual([10, 10.1, 10.2, 10.3, 10.4]);
    expect(column(set, "us-101-2", 0)).toEqual([10.1, 10.2, 10.3, 10.4, 10.5]);
    expect(set.timeSpanS()).toEqual({ startS: 10, endS: 10.6 });
  });

  it("maps x = Local_Y, y = −Local_X and moves the front centre back to the box centre", () => {
    // Straight along the road: heading 0, centre 7.5 ft behind the front.
    expectClose(
      column(set, "us-101-1", 1),
      [100, 105, 110, 115, 120].map((y) => (y - 7.5) * FOOT_M),
    );
    expectClose(column(set, "us-101-1", 2), Array(5).fill(-6 * FOOT_M));
    expectClose(column(set, "us-101-1", 3), Array(5).fill(0));
    expectClose(column(set, "us-101-1", 4), Array(5).fill(15.24));
    // Drifting right (Local_X +1 ft per 10 ft of Local_Y): heading atan2(−1, 10), clockwise of east.
    const h = Math.atan2(-1, 10);
    expectClose(column(set, "us-101-2", 3), Array(5).fill(h));
    expectClose(
      column(set, "us-101-2", 1),
      [200, 210, 220, 230, 240].map((y) => y * FOOT_M - 20 * FOOT_M * Math.cos(h)),
    );
    expectClose(
      column(set, "us-101-2", 2),
      [18, 19, 20, 21, 22].map((x) => -x * FOOT_M - 20 * FOOT_M * Math.sin(h)),
    );
    expectClose(column(set, "us-101-2", 4), Array(5).fill(100.5 * FOOT_M));
  });

  it("gives a standing vehicle the heading it will first move with", () => {
    // Still for three frames, then forward and left at 45°.
    const q = Math.PI / 4;
    expectClose(column(set, "us-101-3", 3), Array(5).fill(q));
    const back = 3.5 * FOOT_M * Math.cos(q);
    expectClose(
      column(set, "us-101-3", 1),
      [50, 50, 50, 53, 56].map((y) => y * FOOT_M - back),
    );
    expectClose(
      column(set, "us-101-3", 2),
      [10, 10, 10, 7, 4].map((x) => -x * FOOT_M - back),
    );
  });

  it("interpolates between frames", () => {
    const pose = createKinematicPose();
    expect(set.sampleAt("us-101-1", 10.05, pose)).toBe(true);
    expect(pose.xM).toBeCloseTo(95 * FOOT_M, 9);
    expect(set.activeAt(10)).toEqual(["us-101-1"]);
    expect(set.activeAt(10.4)).toEqual(["us-101-1", "us-101-2", "us-101-3"]);
    expect(set.activeAt(10.6)).toEqual(["us-101-3"]);
  });
});

describe("importNgsim errors", () => {
  const header = "Vehicle_ID,Frame_ID,Local_X,Local_Y,v_Length,v_Width,v_Class,v_Vel";
  const errorOf = (...rows: string[]): string => {
    try {
      importNgsim([header, ...rows].join("\n"), "ngsim.csv");
    } catch (err) {
      expect(err).toBeInstanceOf(FileFormatError);
      return (err as FileFormatError).format();
    }
    throw new Error("expected a FileFormatError");
  };

  it("uses plain Vehicle_IDs without a Location column", () => {
    const set = importNgsim([header, "7,1,0,0,15,6,2,0", "7.0,2,0,1,15,6,2,10"].join("\n"), "ngsim.csv");
    expect(set.vehicleIds()).toEqual(["7"]);
  });

  it("names the file, line, column and NGSIM column", () => {
    expect(errorOf("7,1,0,0,15,6,4,0")).toBe(
      'ngsim.csv:2:14: error: column "v_Class": "4" is not 1 (motorcycle), 2 (auto) or 3 (truck)',
    );
    expect(errorOf("7,1.5,0,0,15,6,2,0")).toBe('ngsim.csv:2:3: error: column "Frame_ID": "1.5" is not a whole number');
    expect(errorOf("7,-1,0,0,15,6,2,0")).toBe('ngsim.csv:2:3: error: column "Frame_ID": "-1" is negative');
    expect(errorOf("7,1,0,x,15,6,2,0")).toBe('ngsim.csv:2:7: error: column "Local_Y": "x" is not a number');
    expect(errorOf("7,1,0,0,0,6,2,0")).toBe('ngsim.csv:2:9: error: column "v_Length": "0" is not positive');
    expect(errorOf("7,1,0,0,15,6,2,0", "7,1,0,5,15,6,2,0")).toBe(
      'ngsim.csv:3:3: error: vehicle "7" has two samples at 0.1 s: lines 2 and 3',
    );
    expect(errorOf("7,1,0,0,15,6,2,0", "7,2,0,5,15,6,3,0")).toBe(
      'ngsim.csv:3:14: error: column "v_Class": vehicle "7" has "3" here but "2" on line 2 (a vehicle\'s type, length and width must not change)',
    );
  });
});
