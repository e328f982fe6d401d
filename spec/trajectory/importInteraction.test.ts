import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createKinematicPose } from "../KinematicPose.js";
import { FileFormatError } from "../FileFormatError.js";
import { importInteraction } from "./importInteraction.js";
import type { TrajectorySet } from "./TrajectorySet.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/interaction-tiny.csv", import.meta.url));

/** Column `j` (0 t, 1 x, 2 y, 3 heading, 4 speed) of vehicle `id`'s samples. */
function column(set: TrajectorySet, id: string, j: number): number[] {
  return Array.from(set.track(id).samples.filter((_, i) => i % 5 === j));
}

describe("importInteraction on a 2-case fixture", () => {
  const set = importInteraction(readFileSync(FIXTURE, "utf8"), "interaction-tiny.csv");

  it("makes ids from case and track, types and sizes from agent_type and the columns", () => {
    expect(set.vehicleIds()).toEqual(["1-1", "1-2", "2-1"]);
    expect(set.track("1-1")).toMatchObject({ type: "passenger", lengthM: 4.5, widthM: 1.8 });
    // Pedestrians and cyclists have no size in the data: the built-in pedestrian's.
    expect(set.track("1-2")).toMatchObject({ type: "pedestrian", lengthM: 0.5, widthM: 0.5 });
    expect(set.track("2-1")).toMatchObject({ type: "passenger", lengthM: 4.8, widthM: 2 });
  });

  it("keeps metres and psi_rad, takes time from timestamp_ms and speed from (vx, vy)", () => {
    expect(column(set, "1-1", 0)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(column(set, "1-1", 1)).toEqual([1000, 1001, 1002, 1003, 1004]);
    expect(column(set, "1-1", 2)).toEqual([950, 950, 950, 950, 950]);
    expect(column(set, "1-1", 3)).toEqual([0, 0, 0, 0, 0]);
    expect(column(set, "1-1", 4)).toEqual([10, 10, 10, 10, 10]);
    expect(column(set, "2-1", 3)).toEqual([3, 3.1, -3.1, -3, -2.9]);
    expect(column(set, "2-1", 4)).toEqual([5, 5, 5, 5, 5]);
  });

  it("derives a missing heading from the velocity, or from the positions when standing", () => {
    expect(column(set, "1-2", 3)).toEqual(Array(5).fill(Math.PI / 2));
    expect(column(set, "1-2", 4)).toEqual([0, 1.5, 1.5, 1.5, 1.5]);
  });

  it("interpolates the heading across ±π", () => {
    const pose = createKinematicPose();
    expect(set.sampleAt("2-1", 0.25, pose)).toBe(true);
    expect(pose.headingRad).toBeCloseTo(Math.PI, 9);
    expect(pose.xM).toBeCloseTo(1019.55, 9);
    expect(pose.yM).toBeCloseTo(960.6, 9);
  });
});

describe("importInteraction", () => {
  const errorOf = (text: string): string => {
    try {
      importInteraction(text, "tracks.csv");
    } catch (err) {
      expect(err).toBeInstanceOf(FileFormatError);
      return (err as FileFormatError).format();
    }
    throw new Error("expected a FileFormatError");
  };

  it("reads a recorded track file without case_id", () => {
    const set = importInteraction(
      "track_id,frame_id,timestamp_ms,agent_type,x,y,vx,vy,psi_rad,length,width\n4,1,100,car,1,2,0,0,0.5,4,2\n",
      "t.csv",
    );
    expect(set.vehicleIds()).toEqual(["4"]);
    expect(column(set, "4", 3)).toEqual([0.5]);
  });

  it("reads a pedestrian file without psi_rad, length and width columns", () => {
    const set = importInteraction(
      "track_id,frame_id,timestamp_ms,agent_type,x,y,vx,vy\nP1,1,100,pedestrian/bicycle,1,2,0,0\n",
      "p.csv",
    );
    expect(set.track("P1")).toMatchObject({ type: "pedestrian", lengthM: 0.5, widthM: 0.5 });
    expect(column(set, "P1", 3)).toEqual([0]);
  });

  it("names the file, line, column and INTERACTION column", () => {
    const head = "case_id,track_id,frame_id,timestamp_ms,agent_type,x,y,vx,vy,psi_rad,length,width\n";
    expect(errorOf(head + "1,1,1,100,car,1,2,0,0,,four,2\n")).toBe(
      'tracks.csv:2:24: error: column "length": "four" is not a number',
    );
    expect(errorOf(head + "1,1,1,100,bicycle,1,2,0,0,,,\n")).toBe(
      'tracks.csv:2:11: error: column "agent_type": "bicycle" has no default size: give length (m)',
    );
    expect(errorOf(head + "1,1,1,100.5,car,1,2,0,0,0,4,2\n")).toBe(
      'tracks.csv:2:7: error: column "timestamp_ms": "100.5" is not a whole number',
    );
    expect(errorOf(head + "1,1,1,100,car,1,2,0,0,0,4,2\n1,1,2,100,car,1,3,0,0,0,4,2\n")).toBe(
      'tracks.csv:3:7: error: vehicle "1-1" has two samples at 0.1 s: lines 2 and 3',
    );
    expect(errorOf(head + "1,,1,100,car,1,2,0,0,0,4,2\n")).toBe(
      'tracks.csv:2:3: error: column "track_id": empty (every row needs one)',
    );
    expect(errorOf("track_id,timestamp_ms,x,y,vx,vy\n")).toBe(
      'tracks.csv:1:1: error: missing column "agent_type" (the header has: track_id, timestamp_ms, x, y, vx, vy)',
    );
  });
});
