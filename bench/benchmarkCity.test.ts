import { describe, expect, it } from "vitest";
import { buildRoadNetwork } from "../core/road/RoadNetwork.js";
import { benchmarkCity } from "./benchmarkCity.js";
import { flow, makeSetup, Runner } from "../providers/local/testing.js";

describe("benchmarkCity", () => {
  it("builds a connected grid without dead ends, in which random traffic circulates", () => {
    const net = buildRoadNetwork(benchmarkCity({ junctions: 3, blockM: 120 }));
    const roads = net.normalRoads();
    expect(roads).toHaveLength(2 * 2 * 3 * 2); // 2 directions × 2 road links per row × 3 rows × 2 axes
    for (const r of roads) expect(r.successors.length, r.id).toBeGreaterThan(0);
    const r = new Runner(
      makeSetup(net, { flows: [flow({ spawn: { kind: "rate", ratePerHour: 1800 }, count: 30 })] }, { seed: 2 }),
    );
    let moving = 0;
    r.run(1500, () => {
      expect(r.overlaps()).toEqual([]);
      moving += r.vehicles.filter((v) => v.speedMps > 1).length;
    });
    expect(r.vehicles).toHaveLength(30); // nobody leaves: no road ends
    expect(moving / (1500 * 30)).toBeGreaterThan(0.5);
  });
});
