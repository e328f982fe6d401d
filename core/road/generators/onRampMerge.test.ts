import { describe, expect, it } from "vitest";
import { generateMap } from "./mapGenerators.js";
import { reachableRoads } from "./reachableRoads.js";

describe("merge", () => {
  const spec = generateMap("merge");
  const road = (id: string) => spec.roads.find((r) => r.id === id)!;

  it("has the documented roads, junctions and lane counts (lane drop after the merge)", () => {
    expect(
      spec.roads.filter((r) => r.kind === "normal").map((r) => [r.id, r.lanes.length, r.fromJunction, r.toJunction]),
    ).toEqual([
      ["main_in", 2, "main_start", "merge_entry"],
      ["merge", 3, "merge_entry", "merge_exit"],
      ["main_out", 2, "merge_exit", "main_end"],
      ["ramp_in", 1, "ramp_start", "merge_entry"],
    ]);
    expect(spec.junctions.map((j) => j.id).sort()).toEqual([
      "main_end",
      "main_start",
      "merge_entry",
      "merge_exit",
      "ramp_start",
    ]);
    expect(road("main_in").lanes[0].lengthM).toBeCloseTo(150, 9);
    expect(road("merge").lanes[0].lengthM).toBeCloseTo(100, 9);
    expect(road("ramp_in").lanes[0].lengthM).toBeCloseTo(120, 9);
    expect(road("ramp_in").lanes[0].speedLimitMps).toBeCloseTo(60 / 3.6, 9);
  });

  it("feeds the acceleration lane from the ramp and the other lanes from the main road; the acceleration lane ends", () => {
    const to = (from: string) => spec.connections.filter((c) => c.fromLane === from && c.via).map((c) => c.toLane);
    expect(to("ramp_in_0")).toEqual(["merge_0"]);
    expect(to("main_in_0")).toEqual(["merge_1"]);
    expect(to("main_in_1")).toEqual(["merge_2"]);
    expect(to("merge_0")).toEqual([]);
    expect(to("merge_1")).toEqual(["main_out_0"]);
  });

  it("lets ramp and main traffic reach main_out", () => {
    expect(reachableRoads(spec, "ramp_in")).toEqual(new Set(["ramp_in", "merge", "main_out"]));
    expect(reachableRoads(spec, "main_in")).toEqual(new Set(["main_in", "merge", "main_out"]));
  });

  it("joins the ramp at the requested angle", () => {
    const s = generateMap("merge", { ramp_angle: Math.PI / 6, ramp_lanes: 2, lanes: 3 });
    const ramp = s.roads.find((r) => r.id === "ramp_in")!;
    expect(ramp.lanes).toHaveLength(2);
    const [a, b] = ramp.lanes[0].shape;
    expect(Math.atan2(b[1] - a[1], b[0] - a[0])).toBeCloseTo(Math.PI / 6, 10);
    expect(s.roads.find((r) => r.id === "merge")!.lanes).toHaveLength(5);
  });
});
