import { describe, expect, it } from "vitest";
import type { RoadNetworkSpec } from "../RoadNetworkSpec.js";
import { generateMap } from "./mapGenerators.js";
import { reachableRoads } from "./reachableRoads.js";

/** Length of one lap on lane `index`: the roads' lanes plus the connectors between them. */
function lapLength(spec: RoadNetworkSpec, index: number): number {
  return spec.roads.reduce((sum, r) => sum + (r.lanes[index]?.lengthM ?? 0), 0);
}

describe("ring", () => {
  it("defaults to Sugiyama's 230 m single-lane circle in 4 roads", () => {
    const spec = generateMap("ring");
    const normal = spec.roads.filter((r) => r.kind === "normal");
    expect(normal.map((r) => [r.id, r.fromJunction, r.toJunction])).toEqual([
      ["ring0", "j0", "j1"],
      ["ring1", "j1", "j2"],
      ["ring2", "j2", "j3"],
      ["ring3", "j3", "j0"],
    ]);
    expect(normal.every((r) => r.lanes.length === 1)).toBe(true);
    // Chord sampling at ≤ 1° shortens a circle by < 0.002 %.
    expect(lapLength(spec, 0)).toBeCloseTo(230, 1);
    const r = 230 / (2 * Math.PI);
    for (const lane of spec.roads.flatMap((x) => x.lanes))
      for (const p of lane.shape) expect(Math.hypot(p[0], p[1])).toBeCloseTo(r, 9);
    expect(spec.junctions[0]).toMatchObject({ id: "j0", x: 0 });
    expect(spec.junctions[0].y).toBeCloseTo(-r, 9);
  });

  it("is closed: every road reaches every other one", () => {
    const spec = generateMap("ring", { roads: 5 });
    expect(reachableRoads(spec, "ring3").size).toBe(5);
  });

  it("makes a stadium of the requested length with straights along x", () => {
    const spec = generateMap("ring", { length: 400, straight_length: 100, lanes: 2, roads: 3 });
    expect(lapLength(spec, 0)).toBeCloseTo(400, 1);
    const r = (400 - 200) / (2 * Math.PI);
    const xs = spec.roads.flatMap((x) => x.lanes[0].shape.map((p) => p[0]));
    expect(Math.max(...xs) - Math.min(...xs)).toBeCloseTo(100 + 2 * r, 2); // the extreme x may fall between vertices
    // Lane 1 is inside lane 0 (counter-clockwise driving, right = outside).
    expect(lapLength(spec, 0) - lapLength(spec, 1)).toBeCloseTo(2 * Math.PI * 3.2, 1);
  });
});
