import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildRoadNetwork } from "../road/RoadNetwork.js";
import { loadSumoNet } from "../road/sumo/loadSumoNet.js";
import { DrivableAreaMap } from "./DrivableAreaMap.js";
import { DEFAULT_TOP_DOWN_PALETTE, TopDownRgb } from "./TopDownRgb.js";
import { VehicleRoleCode } from "./VehicleRoleCode.js";
import type { VehicleBoxView } from "./VehicleBoxView.js";

/** Boxes `[x, y, headingRad, halfLength, halfWidth]`. */
function boxes(list: readonly (readonly number[])[]): VehicleBoxView {
  const col = (k: number) => Float64Array.from(list, (b) => b[k]);
  return { count: list.length, x: col(0), y: col(1), headingRad: col(2), halfLength: col(3), halfWidth: col(4) };
}

// Road y ∈ [95.2, 104.8], x ∈ [0, 200], running east; lane dividers at y = 98.4 and 101.6.
const map = new DrivableAreaMap(
  buildRoadNetwork(
    loadSumoNet(join(import.meta.dirname, "../../maps/smarts/straight-3lane_cruise_agents_1/map.net.xml")),
  ),
);
const W = 64,
  H = 64;
const P = DEFAULT_TOP_DOWN_PALETTE;
const pixel = (out: Uint8Array, row: number, col: number) => [
  ...out.subarray((row * W + col) * 3, (row * W + col) * 3 + 3),
];

describe("TopDownRgb", () => {
  const rgb = new TopDownRgb(map, { width: W, height: H, cellM: 0.5 });
  const pose = { x: 100, y: 100, headingRad: 0 };
  // Ego, a learning agent 10 m ahead, a social agent in the left lane beside, traffic 10 m behind in the right lane.
  const v = boxes([
    [100, 100, 0, 1.84, 0.735],
    [110, 100, 0, 1.84, 0.735],
    [100, 103.2, 0, 1.84, 0.735],
    [90, 96.8, 0, 1.84, 0.735],
  ]);
  const roles = Uint8Array.of(
    VehicleRoleCode.learningAgent,
    VehicleRoleCode.learningAgent,
    VehicleRoleCode.socialAgent,
    VehicleRoleCode.traffic,
  );

  it("colours the ego, the other vehicles by role, the road and the background", () => {
    const out = rgb.render(pose, v, 0, roles, new Uint8Array(W * H * 3));
    expect(pixel(out, 31, 31)).toEqual([...P.ego]); // forward 0.25, left 0.25
    expect(pixel(out, 12, 31)).toEqual([...P.roles[VehicleRoleCode.learningAgent]]); // forward 9.75
    expect(pixel(out, 31, 25)).toEqual([...P.roles[VehicleRoleCode.socialAgent]]); // left 3.25
    expect(pixel(out, 52, 38)).toEqual([...P.roles[VehicleRoleCode.traffic]]); // forward −10.25, left −3.25
    expect(pixel(out, 0, 31)).toEqual([...P.road]); // forward 15.75 on the road
    expect(pixel(out, 0, 0)).toEqual([...P.background]); // left 15.75, off the road
  });

  it("draws lane markings where a pixel centre falls on one", () => {
    const fine = new TopDownRgb(map, { width: W, height: H, cellM: 0.25 });
    const out = fine.render(pose, boxes([]), -1, undefined, new Uint8Array(W * H * 3));
    // Column 25: left (32 − 25.5) · 0.25 = 1.625 → y = 101.625, on the divider at 101.6.
    expect(pixel(out, 5, 25)).toEqual([...P.laneMarking]);
    expect(pixel(out, 5, 31)).toEqual([...P.road]);
    const plain = new TopDownRgb(map, { width: W, height: H, cellM: 0.25, laneMarkings: false });
    expect(pixel(plain.render(pose, boxes([]), -1, undefined, new Uint8Array(W * H * 3)), 5, 25)).toEqual([...P.road]);
  });

  it("reads all vehicles as traffic without roles, and takes palette overrides", () => {
    const custom = new TopDownRgb(map, { width: W, height: H, palette: { ego: [1, 2, 3], roles: [[9, 9, 9]] } });
    const out = custom.render(pose, v, 0, undefined, new Uint8Array(W * H * 3));
    expect(pixel(out, 31, 31)).toEqual([1, 2, 3]);
    expect(pixel(out, 12, 31)).toEqual([9, 9, 9]);
    // Role codes past the palette's end fall back to its traffic entry.
    const odd = custom.render(pose, v, 0, Uint8Array.of(0, 200, 2, 0), new Uint8Array(W * H * 3));
    expect(pixel(odd, 12, 31)).toEqual([9, 9, 9]);
    expect(pixel(odd, 31, 25)).toEqual([9, 9, 9]);
  });

  it("rotates with the ego", () => {
    // Heading north: the learning agent (10 m east) is now on the right, 10 m across.
    const out = rgb.render({ x: 100, y: 100, headingRad: Math.PI / 2 }, v, 0, roles, new Uint8Array(W * H * 3));
    expect(pixel(out, 31, 51)).toEqual([...P.roles[VehicleRoleCode.learningAgent]]); // left −9.75
    expect(pixel(out, 31, 31)).toEqual([...P.ego]);
  });

  it("overwrites the caller's buffer deterministically", () => {
    const a = rgb.render(pose, v, 0, roles, new Uint8Array(W * H * 3).fill(77));
    const b = rgb.render(pose, v, 0, roles, new Uint8Array(W * H * 3));
    expect(a).toEqual(b);
    expect(() => rgb.render(pose, v, 0, roles, new Uint8Array(W * H))).toThrow(/needs 12288/);
  });
});
