import { describe, expect, it } from "vitest";
import { generateMap } from "./mapGenerators.js";
import { polylineLength, segmentHeading } from "./polylineMath.js";

const DEG = Math.PI / 180;

describe("straight", () => {
  it("builds road `main` from `start` to `end` with the default 3 lanes of 3.2 m, centred on the x axis", () => {
    const spec = generateMap("straight");
    expect(spec.roads.map((r) => r.id)).toEqual(["main"]);
    const main = spec.roads[0];
    expect(main).toMatchObject({ kind: "normal", fromJunction: "start", toJunction: "end" });
    expect(spec.junctions.map((j) => [j.id, j.type])).toEqual([
      ["start", "dead_end"],
      ["end", "dead_end"],
    ]);
    expect(main.lanes.map((l) => l.id)).toEqual(["main_0", "main_1", "main_2"]);
    // Lane 0 is rightmost: driving +x, right is −y.
    expect(main.lanes.map((l) => l.shape[0])).toEqual([
      [0, -3.2],
      [0, 0],
      [0, 3.2],
    ]);
    expect(main.lanes.map((l) => l.shape[1])).toEqual([
      [200, -3.2],
      [200, 0],
      [200, 3.2],
    ]);
    expect(
      main.lanes.every((l) => l.lengthM === 200 && l.widthM === 3.2 && Math.abs(l.speedLimitMps - 50 / 3.6) < 1e-12),
    ).toBe(true);
    expect(spec.connections).toEqual([]);
  });

  it("bends into an arc of the requested angle; lane lengths follow their radii", () => {
    const spec = generateMap("straight", { lanes: 2, length: 100, curve_angle: 90 * DEG, lane_width: 3 });
    const [l0, l1] = spec.roads[0].lanes;
    const r = 100 / (Math.PI / 2);
    const end = l0.shape[l0.shape.length - 1];
    // Centre line ends at (r, r) heading north; lane 0 is 1.5 m to its right (east).
    expect(end[0]).toBeCloseTo(r + 1.5, 9);
    expect(end[1]).toBeCloseTo(r, 9);
    const h = segmentHeading(l0.shape[l0.shape.length - 2], end);
    expect(Math.abs(h - Math.PI / 2)).toBeLessThan(0.5 * DEG + 1e-9);
    // Outer (right) lane is longer by Δr·θ, up to chord sampling.
    expect(l0.lengthM - l1.lengthM).toBeCloseTo(3 * (Math.PI / 2), 3);
    expect(polylineLength(l0.shape)).toBe(l0.lengthM);
    expect(l0.shape.length).toBeGreaterThanOrEqual(91);
  });

  it("rejects a curve too tight for the road's width, naming curve_angle", () => {
    expect(() => generateMap("straight", { length: 5, curve_angle: Math.PI, lanes: 4 })).toThrow(/curve_angle: /);
  });
});
