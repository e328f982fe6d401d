import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { junctionNetwork } from "../../test/handNetworks.js";
import { buildRoadNetwork } from "../road/RoadNetwork.js";
import { loadSumoNet } from "../road/sumo/loadSumoNet.js";
import { DrivableAreaMap } from "./DrivableAreaMap.js";

const load = (name: string) =>
  buildRoadNetwork(loadSumoNet(join(import.meta.dirname, `../../maps/smarts/${name}/map.net.xml`)));

describe("DrivableAreaMap", () => {
  // Three 3.2 m lanes eastward from x = 0 to 200, centres at y = 96.8, 100, 103.2: road y ∈ [95.2, 104.8].
  const straight = load("straight-3lane_cruise_agents_1");
  const map = new DrivableAreaMap(straight);

  it("marks lane centres drivable and points off the road not", () => {
    for (const y of [96.8, 100, 103.2]) expect(map.isDrivable(50, y)).toBe(true);
    expect(map.isDrivable(50, 110)).toBe(false);
    expect(map.isDrivable(50, 90)).toBe(false);
    expect(map.isDrivable(-5, 100)).toBe(false); // beyond the road's start
    expect(map.valueAt(1e6, 1e6)).toBe(0); // far outside the map
  });

  it("fills every cell whose centre is on the road and none beyond the edge, exact to one cell", () => {
    const res = map.resolutionM;
    let wrong = 0;
    for (let row = 0; row < map.rows; row++) {
      const y = map.originY + (row + 0.5) * res;
      for (let col = 0; col < map.cols; col++) {
        const x = map.originX + (col + 0.5) * res;
        const inside = x > 0.5 && x < 199.5 && y > 95.2 && y < 104.8;
        const outside = x < -0.5 || x > 200.5 || y < 95.2 - res || y > 104.8 + res;
        const v = map.cell(col, row) & DrivableAreaMap.DRIVABLE;
        if ((inside && v !== 1) || (outside && v !== 0)) wrong++;
      }
    }
    expect(wrong).toBe(0);
  });

  it("draws lane dividers as markings, not the road's outer edges", () => {
    const marked = (y: number) => (map.valueAt(50, y) & DrivableAreaMap.LANE_MARKING) !== 0;
    expect(marked(98.4)).toBe(true);
    expect(marked(101.6)).toBe(true);
    expect(marked(100)).toBe(false);
    expect(marked(104.7)).toBe(false);
    expect(new DrivableAreaMap(straight, { laneMarkings: false }).valueAt(50, 98.4)).toBe(DrivableAreaMap.DRIVABLE);
  });

  it("fills junction outlines and connector lanes, and keeps far roads apart", () => {
    const hand = new DrivableAreaMap(buildRoadNetwork(junctionNetwork()));
    expect(hand.isDrivable(105, 8)).toBe(true); // inside J1's outline, off every lane
    expect(hand.isDrivable(108.4, 60)).toBe(true); // road C
    expect(hand.isDrivable(50, 500)).toBe(true); // road D
    expect(hand.isDrivable(50, 250)).toBe(false);
    expect(hand.isDrivable(50, 20)).toBe(false);
  });

  it("honours the resolution and stores only tiles that hold road", () => {
    const coarse = new DrivableAreaMap(straight, { resolutionM: 1 });
    expect(coarse.resolutionM).toBe(1);
    expect(coarse.isDrivable(50, 100)).toBe(true);
    expect(map.tileCount).toBeLessThanOrEqual(map.tilesX * map.tilesY);
    expect(map.byteLength).toBeLessThan(map.cols * map.rows);
  });

  it("leaves no pinholes between neighbouring lanes on a real junction map", () => {
    const m = new DrivableAreaMap(load("paper-intersections-4lane"));
    let holes = 0;
    for (let row = 1; row < m.rows - 1; row++) {
      for (let col = 1; col < m.cols - 1; col++) {
        if (m.cell(col, row) & 1) continue;
        const around =
          (m.cell(col - 1, row) & 1) +
          (m.cell(col + 1, row) & 1) +
          (m.cell(col, row - 1) & 1) +
          (m.cell(col, row + 1) & 1);
        if (around === 4) holes++;
      }
    }
    expect(holes).toBe(0);
  });

  it("is deterministic", () => {
    const again = new DrivableAreaMap(straight);
    expect(again.cols).toBe(map.cols);
    let diff = 0;
    for (let row = 0; row < map.rows; row++)
      for (let col = 0; col < map.cols; col++) if (again.cell(col, row) !== map.cell(col, row)) diff++;
    expect(diff).toBe(0);
  });
});
