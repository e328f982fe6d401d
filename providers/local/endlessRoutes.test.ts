import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Rng } from "../../core/random/Rng.js";
import { generateMap } from "../../core/road/generators/mapGenerators.js";
import { buildRoadNetwork } from "../../core/road/RoadNetwork.js";
import { loadSumoNet } from "../../core/road/sumo/loadSumoNet.js";
import { LocalNetwork } from "./LocalNetwork.js";
import { RoutePlanner } from "./engine/RoutePlanner.js";
import { flow, makeSetup, Runner } from "./testing.js";

const minicity = buildRoadNetwork(loadSumoNet(join(import.meta.dirname, "../../maps/smarts/minicity/map.net.xml")));

describe("endless random routes", () => {
  it("keep to the roads that can be driven for ever: no choice leads out of them", () => {
    const planner = new RoutePlanner(new LocalNetwork(minicity), new Rng(1));
    const roads = minicity.normalRoads();
    const live = roads.filter((r) => planner.drivesForever(r, "passenger"));
    expect(live.length).toBeGreaterThan(roads.length / 2);
    const exits = roads.filter((r) => planner.nextRoads(r, "passenger").length === 0);
    expect(exits.length).toBeGreaterThan(0); // minicity has edges leaving the map …
    expect(exits.some((r) => planner.drivesForever(r, "passenger"))).toBe(false); // … none of them is live
    for (const road of live) {
      const options = planner.randomOptions(road, "passenger");
      expect(options.length).toBeGreaterThan(0);
      expect(options.every((r) => planner.drivesForever(r, "passenger"))).toBe(true);
    }
  });

  it("fall back to the ordinary choices where nothing can be driven for ever", () => {
    const net = buildRoadNetwork(generateMap("intersection", { lanes: 2 }));
    const planner = new RoutePlanner(new LocalNetwork(net), new Rng(1));
    for (const road of net.normalRoads()) {
      expect(planner.drivesForever(road, "passenger")).toBe(false);
      expect(planner.randomOptions(road, "passenger").map((r) => r.id)).toEqual(
        planner.nextRoads(road, "passenger").map((r) => r.id),
      );
    }
  });

  it("keep a town's endless traffic in it: no vehicle leaves minicity in five minutes", () => {
    const r = new Runner(
      makeSetup(minicity, {
        flows: [
          flow({ name: "town", route: { kind: "random" }, spawn: { kind: "rate", ratePerHour: 3600 }, count: 60 }),
        ],
      }),
    );
    const seen = new Set<string>();
    r.run(3000, () => {
      for (const v of r.vehicles) seen.add(v.id);
    });
    expect(seen.size).toBe(60);
    expect(r.vehicles.length).toBe(60);
  });
});
