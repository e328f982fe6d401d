import { describe, expect, it } from "vitest";
import { Rng } from "../../core/random/Rng.js";
import { planRoute } from "../../core/road/planRoute.js";
import { FlowSpawner, type SpawnRequest } from "./FlowSpawner.js";
import { RandomRoutes } from "./RandomRoutes.js";
import { compileTestScenario, type TestScenario } from "./sumoProviderTestSupport.js";
import { writeSumoDemand } from "./writeSumoDemand.js";

const DT = 0.1;

function spawner(ts: TestScenario, seed = 1): FlowSpawner {
  const { scenario, network } = ts;
  const plan = writeSumoDemand({
    traffic: scenario.traffic,
    vehicleTypes: scenario.vehicleTypes,
    drivers: scenario.drivers,
    network,
    durationS: scenario.durationS,
    carFollowModel: "IDM",
  });
  return new FlowSpawner(plan.spawnedFlows, {
    network,
    vehicleTypes: scenario.vehicleTypes,
    rng: new Rng(seed),
    dtS: DT,
    durationS: scenario.durationS,
  });
}

/** Every request from tick 0 to `ticks − 1`, with the tick it came at. */
function collect(s: FlowSpawner, ticks: number): (SpawnRequest & { tick: number })[] {
  const out: (SpawnRequest & { tick: number })[] = [];
  for (let t = 0; t < ticks; t++) for (const r of s.due(t)) out.push({ ...r, tick: t });
  return out;
}

describe("FlowSpawner", () => {
  const intersection = (flows: string, extra = "") =>
    compileTestScenario(
      `seed 1\n${extra}\n  map sumo "../maps/smarts/intersections-2lane/map.net.xml"\n  traffic {\n${flows}\n  }`,
    );

  it("departs a random-route rate flow's vehicle k at begin + k · period, up to its count", () => {
    const s = spawner(intersection(`flow r { route random  rate 720 veh/h  begin 2 s  count 4 }`));
    const got = collect(s, 600);
    expect(got.map((r) => [r.vehicleId, r.tick])).toEqual([
      ["r.0", 20],
      ["r.1", 70],
      ["r.2", 120],
      ["r.3", 170],
    ]);
    expect(got[0].departure).toEqual({
      departLane: "best",
      departPos: "base",
      departSpeed: "max",
      arrivalLane: "current",
      arrivalPos: "max",
    });
    expect(got.every((r) => r.randomRoute && r.sumoTypeId === "roadgym:passenger:default")).toBe(true);
  });

  it("stops at the flow's end, else the episode's", () => {
    expect(collect(spawner(intersection(`flow r { route random  rate 3600 veh/h  end 5 s }`)), 600).length).toBe(5);
    expect(collect(spawner(intersection(`flow r { route random  rate 3600 veh/h }`, "duration 3 s")), 600).length).toBe(
      3,
    );
  });

  it("inserts with probability p · dt per step, a count and an end both honoured", () => {
    const ts = compileTestScenario(`seed 1
      map sumo "../maps/smarts/paper-two_ways-bid/map.net.xml"
      traffic {
        flow many { route gneE1:0@0 -> gneE5:0@end  probability 0.5  count 1000  end 200 s }
        flow few  { route gneE1:0@0 -> gneE5:0@end  probability 1  count 3  end 200 s }
      }`);
    const got = collect(spawner(ts), 2000);
    const many = got.filter((r) => r.vehicleId.startsWith("many."));
    // 2000 steps × 0.05: about 100.
    expect(many.length).toBeGreaterThan(70);
    expect(many.length).toBeLessThan(130);
    expect(got.filter((r) => r.vehicleId.startsWith("few.")).length).toBe(3);
    expect(many[0].edges).toEqual(["gneE1", "gneE5"]);
    expect(many[0].randomRoute).toBe(false);
    expect(many[0].departure.departPos).toBe("0");
  });

  it("draws drivable random routes, vehicle types and drivers from its RNG: same seed, same vehicles", () => {
    const ts = intersection(
      `flow r { route random  rate 3600 veh/h  vehicles { passenger: 1, bus: 1 }  drivers { default: 1, d2: 1 } }`,
      `driver d2 { headway 2 s }`,
    );
    const a = collect(spawner(ts, 7), 1000);
    const b = collect(spawner(ts, 7), 1000);
    const c = collect(spawner(ts, 8), 1000);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(a.length).toBe(100);
    expect(new Set(a.map((r) => r.sumoTypeId))).toEqual(
      new Set(["roadgym:passenger:default", "roadgym:passenger:d2", "roadgym:bus:default", "roadgym:bus:d2"]),
    );
    const routes = new RandomRoutes(ts.network);
    for (const r of a) {
      const roads = r.edges.map((id) => ts.network.road(id)!);
      expect(routes.drivable(roads, r.sumoTypeId.includes(":bus:") ? "bus" : "passenger")).toBe(true);
      expect(r.edges).toEqual(planRoute(ts.network, r.edges[0], r.edges[r.edges.length - 1])!.roads.map((x) => x.id));
    }
  });
});

describe("RandomRoutes", () => {
  it("continues a road with a random drivable walk, no road twice", () => {
    const ts = compileTestScenario(`seed 1\n  map sumo "../maps/smarts/minicity/map.net.xml"`);
    const routes = new RandomRoutes(ts.network);
    const start = ts.network
      .normalRoads()
      .find((r) => r.successors.length > 1 && r.lanes.some((l) => l.allows("passenger")))!;
    const a = routes.continuation(start.id, "passenger", new Rng(3), 500);
    expect(a[0]).toBe(start.id);
    expect(a.length).toBeGreaterThan(1);
    expect(new Set(a).size).toBe(a.length);
    expect(
      routes.drivable(
        a.map((id) => ts.network.road(id)!),
        "passenger",
      ),
    ).toBe(true);
    expect(routes.continuation(start.id, "passenger", new Rng(3), 500)).toEqual(a);
  });
});
