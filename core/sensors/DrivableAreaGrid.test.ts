import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { junctionNetwork } from "../../test/handNetworks.js";
import { buildRoadNetwork } from "../road/RoadNetwork.js";
import { loadSumoNet } from "../road/sumo/loadSumoNet.js";
import { DrivableAreaGrid } from "./DrivableAreaGrid.js";
import { DrivableAreaMap } from "./DrivableAreaMap.js";

// Road y ∈ [95.2, 104.8], x ∈ [0, 200], running east.
const straight = new DrivableAreaMap(
  buildRoadNetwork(
    loadSumoNet(join(import.meta.dirname, "../../maps/smarts/straight-3lane_cruise_agents_1/map.net.xml")),
  ),
);
const W = 64,
  H = 64,
  CELL = 0.5;
/** Ego-frame offsets of cell centres (the documented layout). */
const forwardOf = (row: number) => (H / 2 - row - 0.5) * CELL;
const leftOf = (col: number) => (W / 2 - col - 0.5) * CELL;

describe("DrivableAreaGrid", () => {
  const grid = new DrivableAreaGrid(straight, { width: W, height: H, cellM: CELL });

  it("puts the road across the columns for an ego heading along it (row 0 ahead, column 0 left)", () => {
    const out = grid.render({ x: 100, y: 100, headingRad: 0 }, new Uint8Array(W * H));
    for (let row = 0; row < H; row++) {
      for (let col = 0; col < W; col++) {
        const left = leftOf(col); // = y − 100
        const v = out[row * W + col];
        if (Math.abs(left) <= 4.5) expect(v, `row ${row} col ${col}`).toBe(1);
        if (Math.abs(left) >= 5.25) expect(v, `row ${row} col ${col}`).toBe(0);
      }
    }
    // Lane centres (y = 96.8, 100, 103.2 → left −3.2, 0, 3.2) and 10 m off the road (left 14.75).
    expect(out[0 * W + 25]).toBe(1); // left 3.25
    expect(out[32 * W + 31]).toBe(1); // left 0.25
    expect(out[63 * W + 38]).toBe(1); // left −3.25
    expect(out[10 * W + 2]).toBe(0); // left 14.75
    expect(out[10 * W + 61]).toBe(0); // left −14.75
  });

  it("turns with the ego: heading π/2 shows the east–west road across the rows", () => {
    const out = grid.render({ x: 100, y: 100, headingRad: Math.PI / 2 }, new Uint8Array(W * H));
    for (let row = 0; row < H; row++) {
      // Heading north, forward is y − 100.
      const f = forwardOf(row);
      for (let col = 0; col < W; col++) {
        if (Math.abs(f) <= 4.5) expect(out[row * W + col]).toBe(1);
        if (Math.abs(f) >= 5.25) expect(out[row * W + col]).toBe(0);
      }
    }
  });

  it("heading π/2 on a northbound road shows the road running up the grid", () => {
    // Road C: one 3.2 m lane northward at x = 108.4 from y = 10 to 110.
    const hand = new DrivableAreaGrid(new DrivableAreaMap(buildRoadNetwork(junctionNetwork())), {
      width: W,
      height: H,
      cellM: CELL,
    });
    const out = hand.render({ x: 108.4, y: 60, headingRad: Math.PI / 2 }, new Uint8Array(W * H));
    for (let row = 0; row < H; row++) {
      for (let col = 0; col < W; col++) {
        const left = leftOf(col); // = 108.4 − x
        if (Math.abs(left) <= 1.3) expect(out[row * W + col]).toBe(1);
        if (Math.abs(left) >= 1.9) expect(out[row * W + col]).toBe(0);
      }
    }
  });

  it("samples the map at the documented cell centres for any heading", () => {
    const pose = { x: 120.3, y: 97.1, headingRad: 0.7 };
    const out = grid.render(pose, new Uint8Array(W * H));
    const c = Math.cos(pose.headingRad),
      s = Math.sin(pose.headingRad);
    let diff = 0;
    for (let row = 0; row < H; row++) {
      for (let col = 0; col < W; col++) {
        const f = forwardOf(row),
          l = leftOf(col);
        const x = pose.x + f * c - l * s,
          y = pose.y + f * s + l * c;
        if (out[row * W + col] !== (straight.isDrivable(x, y) ? 1 : 0)) diff++;
      }
    }
    expect(diff).toBe(0);
  });

  it("writes every cell of the caller's buffer, deterministically", () => {
    const pose = { x: 150, y: 101, headingRad: -2.1 };
    const a = grid.render(pose, new Uint8Array(W * H).fill(7));
    const b = grid.render(pose, new Uint8Array(W * H));
    expect(a.every((v) => v <= 1)).toBe(true);
    expect(a).toEqual(b);
    expect(() => grid.render(pose, new Uint8Array(10))).toThrow(/needs 4096/);
  });
});
