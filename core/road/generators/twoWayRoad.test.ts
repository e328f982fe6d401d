import { describe, expect, it } from "vitest";
import { generateMap } from "./mapGenerators.js";
import { reachableRoads } from "./reachableRoads.js";

describe("two_way", () => {
  it("builds `east` south of the median and `west` north of it, lane 0 outermost", () => {
    const spec = generateMap("two_way", { lanes: 2, length: 100 });
    const east = spec.roads.find((r) => r.id === "east")!;
    const west = spec.roads.find((r) => r.id === "west")!;
    expect(east).toMatchObject({ fromJunction: "west_end", toJunction: "east_end" });
    expect(west).toMatchObject({ fromJunction: "east_end", toJunction: "west_end" });
    expect(east.lanes.map((l) => l.shape)).toEqual([
      [
        [0, -4.8],
        [100, -4.8],
      ],
      [
        [0, -1.6],
        [100, -1.6],
      ],
    ]);
    expect(west.lanes.map((l) => l.shape)).toEqual([
      [
        [100, 4.8],
        [0, 4.8],
      ],
      [
        [100, 1.6],
        [0, 1.6],
      ],
    ]);
    expect(spec.junctions.map((j) => j.id)).toEqual(["west_end", "east_end"]);
    // Dead ends span both carriageways.
    expect(spec.junctions[0].shape).toEqual([
      [0, -6.4],
      [0, 6.4],
    ]);
  });

  it("keeps the two directions apart (no U-turns at dead ends)", () => {
    const spec = generateMap("two_way");
    expect([...reachableRoads(spec, "east")]).toEqual(["east"]);
  });

  it("bends both carriageways around the same median", () => {
    const spec = generateMap("two_way", { lanes: 1, curve_angle: Math.PI / 2, length: 50 });
    const [east, west] = spec.roads;
    // Outer carriageway (east, on the right of a left bend) is longer by 2 · 1.6 m · π/2.
    expect(east.lanes[0].lengthM - west.lanes[0].lengthM).toBeCloseTo(2 * 1.6 * (Math.PI / 2), 3);
  });
});
