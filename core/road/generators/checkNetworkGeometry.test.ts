import { describe, expect, it } from "vitest";
import type { RoadNetworkSpec } from "../RoadNetworkSpec.js";
import { checkNetworkGeometry } from "./checkNetworkGeometry.js";
import { generateMap } from "./mapGenerators.js";

/** A deep copy to break. */
function copy(spec: RoadNetworkSpec): RoadNetworkSpec {
  return structuredClone(spec);
}

describe("checkNetworkGeometry", () => {
  const merge = generateMap("merge");

  it("accepts a generated network", () => {
    expect(checkNetworkGeometry(merge)).toEqual([]);
  });

  it("reports a gap between a lane and its connector, naming both", () => {
    const s = copy(merge);
    const lane = s.roads.find((r) => r.id === "main_in")!.lanes[0];
    lane.shape[lane.shape.length - 1] = [
      lane.shape[lane.shape.length - 1][0] - 0.05,
      lane.shape[lane.shape.length - 1][1],
    ];
    lane.lengthM -= 0.05;
    expect(checkNetworkGeometry(s)).toContainEqual(
      expect.stringMatching(
        /^connection main_in_0 -> merge_1 via :merge_entry_0_0: gap of 0\.050 m between main_in_0 and :merge_entry_0_0/,
      ),
    );
  });

  it("reports a heading jump at a joint and a kink inside a lane", () => {
    const s = copy(merge);
    const lane = s.roads.find((r) => r.id === "main_out")!.lanes[0];
    const [a, b] = lane.shape;
    lane.shape = [a, [(a[0] + b[0]) / 2, a[1] + 5], b];
    lane.lengthM = Math.hypot((b[0] - a[0]) / 2, 5) * 2;
    const problems = checkNetworkGeometry(s, { laneSpacingToleranceM: Infinity });
    expect(problems).toContainEqual(expect.stringMatching(/heading jumps .* to main_out_0/));
    expect(problems).toContainEqual(expect.stringMatching(/^lane main_out_0: kink of/));
  });

  it("reports wrong lengths, spacing, lane order, missing junctions and outlines", () => {
    const s = copy(generateMap("straight", { lanes: 2 }));
    const road = s.roads[0];
    road.lanes[0].lengthM = 1;
    road.lanes[1].shape = road.lanes[1].shape.map(([x, y]) => [x, y + 0.5]);
    road.toJunction = "nowhere";
    s.junctions[0].shape = [];
    const problems = checkNetworkGeometry(s);
    expect(problems).toContainEqual(expect.stringMatching(/^lane main_0: lengthM 1 but polyline length 200/));
    expect(problems).toContainEqual(expect.stringMatching(/^lanes main_0\/main_1: centrelines 3\.700 m apart/));
    expect(problems).toContainEqual('road main: toJunction "nowhere" does not exist');
    expect(problems).toContainEqual(expect.stringMatching(/^junction start: outline has 0 points/));

    const swapped = copy(generateMap("straight", { lanes: 2 }));
    [swapped.roads[0].lanes[0].shape, swapped.roads[0].lanes[1].shape] = [
      swapped.roads[0].lanes[1].shape,
      swapped.roads[0].lanes[0].shape,
    ];
    expect(checkNetworkGeometry(swapped)).toContainEqual(
      expect.stringMatching(/lane main_0 is not to the right of main_1/),
    );
  });

  it("reports duplicate ids and dangling connections", () => {
    const s = copy(merge);
    s.roads.push(structuredClone(s.roads[0]));
    s.connections.push({ fromLane: "main_in_0", toLane: "nope_0" });
    const problems = checkNetworkGeometry(s);
    expect(problems).toContainEqual("road main_in: duplicate id");
    expect(problems).toContainEqual("lane main_in_0: duplicate id");
    expect(problems).toContainEqual("connection main_in_0 -> nope_0: refers to a missing lane");
  });
});
