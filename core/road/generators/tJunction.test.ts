import { describe, expect, it } from "vitest";
import { generateMap } from "./mapGenerators.js";
import { reachableRoads } from "./reachableRoads.js";

describe("t_junction", () => {
  it("has east, west and south arms only", () => {
    const spec = generateMap("t_junction");
    expect(spec.roads.filter((r) => r.kind === "normal").map((r) => r.id)).toEqual([
      "east_in",
      "east_out",
      "south_in",
      "south_out",
      "west_in",
      "west_out",
    ]);
    expect(spec.junctions.map((j) => j.id)).toEqual(["centre", "east_end", "south_end", "west_end"]);
  });

  it("connects every arm to both others", () => {
    const spec = generateMap("t_junction", { lanes: 2 });
    expect([...reachableRoads(spec, "south_in")].sort()).toEqual(["east_out", "south_in", "west_out"]);
    expect([...reachableRoads(spec, "east_in")].sort()).toEqual(["east_in", "south_out", "west_out"]);
    expect([...reachableRoads(spec, "west_in")].sort()).toEqual(["east_out", "south_out", "west_in"]);
  });

  it("splits the stem's lanes between right and left turns", () => {
    const spec = generateMap("t_junction", { lanes: 3 });
    const moves = (lane: string) =>
      spec.connections.filter((c) => c.fromLane === lane && c.via).map((c) => `${c.toLane}:${c.dir}`);
    expect(moves("south_in_0")).toEqual(["east_out_0:r"]);
    expect(moves("south_in_1")).toEqual(["east_out_1:r", "west_out_1:l"]);
    expect(moves("south_in_2")).toEqual(["west_out_2:l"]);
    // Through road: straight from every lane, left from the leftmost only, right from lane 0 only.
    expect(moves("east_in_0")).toEqual(["west_out_0:s"]);
    expect(moves("east_in_2")).toEqual(["west_out_2:s", "south_out_2:l"]);
    expect(moves("west_in_0")).toEqual(["south_out_0:r", "east_out_0:s"]);
  });

  it("gives the stem a protected phase when signalised", () => {
    const spec = generateMap("t_junction", { lanes: 1, signals: true, all_red_time: 0 });
    const links = spec.connections.filter((c) => c.via).map((c) => `${c.fromLane}>${c.toLane}`);
    expect(links).toEqual([
      "east_in_0>west_out_0",
      "east_in_0>south_out_0",
      "south_in_0>east_out_0",
      "south_in_0>west_out_0",
      "west_in_0>south_out_0",
      "west_in_0>east_out_0",
    ]);
    expect(spec.signals[0].phases.map((p) => p.state)).toEqual(["GgrrGG", "yyrryy", "rrGGrr", "rryyrr"]);
  });
});
