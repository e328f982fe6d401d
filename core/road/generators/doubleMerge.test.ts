import { describe, expect, it } from "vitest";
import { generateMap } from "./mapGenerators.js";
import { reachableRoads } from "./reachableRoads.js";

describe("double_merge", () => {
  const spec = generateMap("double_merge", { lanes: 2, ramp_lanes: 1 });

  it("has two inputs, a shared weaving section and two outputs", () => {
    expect(
      spec.roads.filter((r) => r.kind === "normal").map((r) => [r.id, r.lanes.length, r.fromJunction, r.toJunction]),
    ).toEqual([
      ["main_in", 2, "main_start", "merge"],
      ["weave", 3, "merge", "diverge"],
      ["main_out", 2, "diverge", "main_end"],
      ["ramp_in", 1, "ramp_start", "merge"],
      ["ramp_out", 1, "diverge", "ramp_end"],
    ]);
  });

  it("lets every input reach every output (by weaving)", () => {
    for (const input of ["main_in", "ramp_in"]) {
      const reach = reachableRoads(spec, input);
      expect(reach.has("main_out") && reach.has("ramp_out")).toBe(true);
    }
    expect(reachableRoads(spec, "main_out")).toEqual(new Set(["main_out"]));
  });

  it("feeds ramp_out from the ramp lanes of weave and main_out from the others", () => {
    const to = (from: string) =>
      spec.connections.filter((c) => c.fromLane === from && c.via).map((c) => [c.toLane, c.dir]);
    expect(to("weave_0")).toEqual([["ramp_out_0", "R"]]);
    expect(to("weave_1")).toEqual([["main_out_0", "s"]]);
    expect(to("weave_2")).toEqual([["main_out_1", "s"]]);
  });

  it("leaves the off-ramp at the requested angle, to the right", () => {
    const s = generateMap("double_merge", { ramp_angle: Math.PI / 4 });
    const [a, b] = s.roads.find((r) => r.id === "ramp_out")!.lanes[0].shape;
    expect(Math.atan2(b[1] - a[1], b[0] - a[0])).toBeCloseTo(-Math.PI / 4, 10);
  });
});
