import { describe, expect, it } from "vitest";
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import {
  EGO_FEATURES,
  NEIGHBOUR_FEATURES,
  WAYPOINT_FEATURES,
  columns,
} from "../../core/observations/observationFeatures.js";
import { laneNeighbours } from "./laneNeighbours.js";

const E = columns(EGO_FEATURES);
const N = columns(NEIGHBOUR_FEATURES);
const W = columns(WAYPOINT_FEATURES);
const POINTS = 60;

/** An ego on a 3.2 m lane whose own path (1 m spacing) turns left at `curvature` (1/m), with the neighbours given. */
function observation(
  curvature: number,
  neighbours: { x: number; y: number; relHeadingRad: number; speedMps: number }[],
): AgentObservation {
  const ego = new Float32Array(EGO_FEATURES.length);
  ego[E.onLane] = 1;
  ego[E.laneWidthM] = 3.2;
  ego[E.speedMps] = 10;
  const points = new Float32Array(3 * POINTS * WAYPOINT_FEATURES.length);
  const mask = new Uint8Array(3 * POINTS);
  for (let j = 0; j < POINTS; j++) {
    const s = j + 1;
    const h = curvature * s;
    const o = (POINTS + j) * WAYPOINT_FEATURES.length;
    points[o + W.x] = curvature === 0 ? s : Math.sin(h) / curvature;
    points[o + W.y] = curvature === 0 ? 0 : (1 - Math.cos(h)) / curvature;
    points[o + W.relHeadingRad] = h;
    mask[POINTS + j] = 1;
  }
  const features = new Float32Array(neighbours.length * NEIGHBOUR_FEATURES.length);
  neighbours.forEach((n, i) => {
    const o = i * NEIGHBOUR_FEATURES.length;
    features[o + N.x] = n.x;
    features[o + N.y] = n.y;
    features[o + N.relHeadingRad] = n.relHeadingRad;
    features[o + N.speedMps] = n.speedMps;
    features[o + N.lengthM] = 4;
    features[o + N.widthM] = 2;
  });
  return {
    ego,
    neighbours: { features, mask: new Uint8Array(neighbours.length).fill(1) },
    waypoints: { points, mask },
  };
}

describe("laneNeighbours", () => {
  it("puts vehicles on the lane slots with bumper-to-bumper gaps", () => {
    const r = laneNeighbours(
      observation(0, [
        { x: 20, y: 0, relHeadingRad: 0, speedMps: 8 },
        { x: 12, y: 3.1, relHeadingRad: 0, speedMps: 9 },
        { x: -10, y: -3.3, relHeadingRad: 0, speedMps: 11 },
        { x: 15, y: 6.5, relHeadingRad: 0, speedMps: 9 },
        { x: 30, y: -0.2, relHeadingRad: Math.PI, speedMps: 9 },
      ]),
      4,
    );
    expect(r.leaders[1]).toEqual({ gapM: 16, speedMps: 8 });
    expect(r.leaders[2]!.gapM).toBeCloseTo(8, 5);
    expect(r.followers[0]!.gapM).toBeCloseTo(6, 5);
    // Two lanes away, and oncoming: not counted.
    expect(r.leaders[0]).toBeNull();
  });

  it("measures a leader in a bend along the path, not by its forward offset", () => {
    // A left bend of radius 20 m: the vehicle a quarter circle ahead lies 20 m forward, 20 m left.
    const k = 1 / 20;
    const s = Math.PI / 2 / k;
    const r = laneNeighbours(
      observation(k, [
        { x: Math.sin(k * s) / k, y: (1 - Math.cos(k * s)) / k, relHeadingRad: Math.PI / 2, speedMps: 5 },
      ]),
      4,
    );
    expect(r.leaders[1]!.gapM).toBeCloseTo(s - 4, 0);
    expect(r.leaders[1]!.speedMps).toBeCloseTo(5, 2);
  });

  it("counts a vehicle behind on the own lane of a bend there, not on the lane beside it", () => {
    // Radius 20 m, left bend: 10 m behind on the ego's lane is y = −x²/(2R) = −2.5 m in the ego frame.
    const r = laneNeighbours(observation(1 / 20, [{ x: -10, y: -2.5, relHeadingRad: -0.5, speedMps: 10 }]), 4);
    // Its extent along the lane: half of its length·cos 0.5 + width·sin 0.5, and the ego's half length.
    expect(r.followers[1]!.gapM).toBeCloseTo(10 - (4 + 4 * Math.cos(0.5) + 2 * Math.sin(0.5)) / 2, 5);
    expect(r.followers[0]).toBeNull();
  });

  it("stops for an oncoming vehicle whose box reaches into the ego's path, not for one on the lane beside", () => {
    // One stuck at an angle across the path 12 m ahead (heading 144° from the ego's): a leader standing still.
    const stuck = laneNeighbours(observation(0, [{ x: 12, y: 0.8, relHeadingRad: 2.5, speedMps: 1 }]), 4);
    expect(stuck.leaders[1]!.speedMps).toBe(0);
    expect(stuck.leaders[1]!.gapM).toBeCloseTo(12 - (4 + 4 * Math.abs(Math.cos(2.5)) + 2 * Math.sin(2.5)) / 2, 5);
    // Oncoming on the next lane (3.2 m to the left): left out.
    const passing = laneNeighbours(observation(0, [{ x: 12, y: 3.2, relHeadingRad: Math.PI, speedMps: 10 }]), 4);
    expect(passing.leaders).toEqual([null, null, null]);
  });

  it("counts a vehicle two lanes away behind that converges on the lane next to the ego", () => {
    const converging = laneNeighbours(observation(0, [{ x: -4, y: 5.5, relHeadingRad: -0.4, speedMps: 6 }]), 4);
    expect(converging.followers[2]).not.toBeNull();
    const parallel = laneNeighbours(observation(0, [{ x: -4, y: 6.4, relHeadingRad: 0, speedMps: 6 }]), 4);
    expect(parallel.followers[2]).toBeNull();
  });
});
