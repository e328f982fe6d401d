import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateMap } from "../../core/road/generators/mapGenerators.js";
import { buildRoadNetwork } from "../../core/road/RoadNetwork.js";
import { Rng } from "../../core/random/Rng.js";
import { parseSumoRoutes } from "../../scenario-dsl/demand/parseSumoRoutes.js";
import { compileScenarioFile } from "../../scenario-dsl/index.js";
import type { Flow, Traffic } from "../../spec/CompiledScenario.js";
import { Demand } from "./Demand.js";
import { LocalNetwork } from "./LocalNetwork.js";
import type { PendingVehicle } from "./PendingVehicle.js";
import { RoutePlanner } from "./engine/RoutePlanner.js";
import { flow, makeSetup, route, Runner, gradeSeparatedLanes } from "./testing.js";
import { VehicleFactory } from "./VehicleFactory.js";

const net = buildRoadNetwork(generateMap("intersection", { lanes: 2 }));

/** Generates the demand of `traffic` tick by tick; returns what became due, with the tick it was due at. */
function due(
  traffic: Partial<Traffic>,
  ticks: number,
  durationS: number | null = null,
): { tick: number; p: PendingVehicle }[] {
  const setup = { ...makeSetup(net, traffic), durationS };
  const tables = new LocalNetwork(net);
  const factory = new VehicleFactory(
    tables,
    setup.rng,
    new RoutePlanner(tables, setup.rng),
    setup.vehicleTypes,
    setup.drivers,
  );
  const demand = new Demand(setup, factory);
  const out: { tick: number; p: PendingVehicle }[] = [];
  for (let tick = 0; tick <= ticks; tick++) {
    demand.generate(tick, setup.dtS);
    for (const q of demand.queues) while (q.length > 0) out.push({ tick, p: q.shift()! });
  }
  return out;
}

const straightOn = route(["west_in", "east_out"], 1, 0);

describe("demand", () => {
  it("spaces a rate flow evenly from its begin, up to its end (exclusive)", () => {
    const got = due(
      {
        flows: [
          flow({ name: "f", route: straightOn, spawn: { kind: "rate", ratePerHour: 1200 }, beginS: 2, endS: 11 }),
        ],
      },
      200,
    );
    expect(got.map((g) => [g.p.id, g.tick])).toEqual([
      ["f-0", 20],
      ["f-1", 50],
      ["f-2", 80],
    ]); // 2, 5, 8 s; 11 s is the end
  });

  it("stops a flow after `count` vehicles, and at the episode's end when it has none", () => {
    expect(
      due({ flows: [flow({ route: straightOn, spawn: { kind: "rate", ratePerHour: 3600 }, count: 2 })] }, 100),
    ).toHaveLength(2);
    expect(
      due({ flows: [flow({ route: straightOn, spawn: { kind: "rate", ratePerHour: 3600 } })] }, 100, 5),
    ).toHaveLength(5); // 0 … 4 s
  });

  it("draws a probability flow once per second", () => {
    const always = due(
      { flows: [flow({ name: "p", route: straightOn, spawn: { kind: "probability", probabilityPerS: 1 } })] },
      49,
    );
    expect(always.map((g) => g.tick)).toEqual([0, 10, 20, 30, 40]);
    expect(
      due({ flows: [flow({ route: straightOn, spawn: { kind: "probability", probabilityPerS: 0 } })] }, 100),
    ).toHaveLength(0);
    const half = due(
      { flows: [flow({ route: straightOn, spawn: { kind: "probability", probabilityPerS: 0.5 } })] },
      2000,
    );
    expect(half.length).toBeGreaterThan(70);
    expect(half.length).toBeLessThan(130);
  });

  it("draws types, drivers and routes from the flow's weights, with the provider's RNG only", () => {
    const f: Flow = flow({
      name: "mix",
      spawn: { kind: "rate", ratePerHour: 3600 },
      vehicles: [
        { name: "passenger", weight: 3 },
        { name: "bus", weight: 1 },
      ],
    });
    const a = due({ flows: [f] }, 4000);
    const b = due({ flows: [f] }, 4000);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const buses = a.filter((g) => g.p.typeId === "bus").length;
    expect(buses / a.length).toBeGreaterThan(0.15);
    expect(buses / a.length).toBeLessThan(0.35);
    expect(new Set(a.map((g) => g.p.route[0]))).toEqual(new Set(["north_in", "east_in", "south_in", "west_in"])); // random start roads that lead somewhere
    expect(a.every((g) => g.p.endless)).toBe(true);
  });

  it("departs a trip at its time under its own name", () => {
    const got = due(
      {
        trips: [
          { name: "bob", route: straightOn, departS: 3.05, vehicle: "truck", driver: "default", departSpeedMps: 5 },
        ],
      },
      100,
    );
    expect(got.map((g) => [g.p.id, g.tick, g.p.typeId, g.p.speed])).toEqual([["bob", 31, "truck", 5]]);
  });

  it("reads SUMO demand: vTypes, routes, vehicles, trips and flows with their depart attributes", () => {
    const xml = `<routes>
      <vType id="van" vClass="delivery" accel="2.0" decel="4.0" tau="1.5" minGap="3" sigma="0" speedFactor="1.1" speedDev="0"/>
      <route id="r" edges="north_in south_out"/>
      <vehicle id="v1" type="van" route="r" depart="1" departLane="0" departPos="20" departSpeed="max"/>
      <trip id="t1" from="west_in" to="north_out" depart="2" departLane="best"/>
      <flow id="fl" route="r" begin="0" end="10" period="4" departPos="free" departSpeed="3"/>
      <flow id="n" route="r" begin="0" end="10" number="2" departLane="random"/>
    </routes>`;
    const demand = parseSumoRoutes(xml, "test.rou.xml");
    const got = due({ sumoDemand: [{ path: "test.rou.xml", sha256: "", demand }] }, 100);
    const byId = new Map(got.map((g) => [g.p.id, g]));
    expect([...byId.keys()].sort()).toEqual(["fl.0", "fl.1", "fl.2", "n.0", "n.1", "t1", "v1"]);
    const v1 = byId.get("v1")!;
    expect(v1.tick).toBe(10);
    expect(v1.p.typeId).toBe("truck"); // delivery vans drive as the built-in truck body
    expect(v1.p.driver).toMatchObject({
      accelMps2: 2,
      decelMps2: 4,
      headwayS: 1.5,
      minGapM: 3,
      imperfection: 0,
      speedFactor: 1.1,
    });
    expect(v1.p).toMatchObject({
      route: ["north_in", "south_out"],
      lane: 0,
      pos: { kind: "front", sM: 20 },
      speed: "max",
      endless: false,
    });
    const t1 = byId.get("t1")!;
    expect(t1.p.route[0]).toBe("west_in");
    expect(t1.p.route.at(-1)).toBe("north_out"); // routed with planRoute
    expect(t1.p).toMatchObject({ lane: "best", speed: 0, typeId: "passenger" }); // SUMO's default departSpeed is 0
    expect(t1.p.driver.imperfection).toBe(0.5); // SUMO's default sigma
    expect(["fl.0", "fl.1", "fl.2"].map((id) => byId.get(id)!.tick)).toEqual([0, 40, 80]);
    expect(byId.get("fl.0")!.p).toMatchObject({ pos: { kind: "free" }, speed: 3 });
    expect(["n.0", "n.1"].map((id) => byId.get(id)!.tick)).toEqual([0, 50]); // number over [begin, end)
  });
});

/** A demand over `traffic` with backlog bound `maxBacklog`. */
function boundedDemand(traffic: Partial<Traffic>, maxBacklog: number): Demand {
  const setup = makeSetup(net, traffic);
  const tables = new LocalNetwork(net);
  const factory = new VehicleFactory(
    tables,
    setup.rng,
    new RoutePlanner(tables, setup.rng),
    setup.vehicleTypes,
    setup.drivers,
  );
  return new Demand(setup, factory, maxBacklog);
}

describe("the insertion backlog's bound", () => {
  it("keeps a flood flow's queue at the bound and counts every vehicle dropped, exactly", () => {
    // 3.6e9 veh/h: one vehicle every microsecond, 1,000,001 due by t = 1 s (0 µs … 1,000,000 µs).
    const d = boundedDemand(
      { flows: [flow({ name: "f", route: straightOn, spawn: { kind: "rate", ratePerHour: 3.6e9 } })] },
      50,
    );
    for (let tick = 0; tick <= 10; tick++) d.generate(tick, 0.1);
    expect(d.queues[0]).toHaveLength(50);
    expect(d.queues[0].map((p) => p.id)).toEqual(Array.from({ length: 50 }, (_, i) => `f-${i}`));
    expect(d.dropped).toBe(1_000_001 - 50);
    expect(d.waiting).toBe(50);
    // Emptied, the queue takes the next vehicles due; the dropped ones' ids stay used.
    d.queues[0].length = 0;
    d.dropEmptyQueues();
    d.generate(11, 0.1);
    expect(d.queues[0]).toHaveLength(50);
    expect(d.queues[0][0].id).toBe("f-1000001");
    expect(d.dropped).toBe(1_000_001 - 50 + 100_000 - 50);
  });

  it("a flow under the bound loses nothing; the bound must be a positive integer", () => {
    const d = boundedDemand(
      { flows: [flow({ route: straightOn, spawn: { kind: "rate", ratePerHour: 36_000 } })] }, // 1 a 0.1 s step
      20,
    );
    for (let tick = 0; tick < 20; tick++) d.generate(tick, 0.1);
    expect([d.waiting, d.dropped]).toEqual([20, 0]);
    d.generate(20, 0.1);
    expect([d.waiting, d.dropped]).toEqual([20, 1]);
    expect(() => boundedDemand({}, 0)).toThrow(/maxBacklog must be an integer ≥ 1, got 0/);
  });

  it("bounds probability flows and SUMO flows (vehsPerHour, period, exp, probability) alike", () => {
    const xml = `<routes>
      <route id="r" edges="north_in south_out"/>
      <flow id="v" route="r" begin="0" end="100" vehsPerHour="1e9"/>
      <flow id="p" route="r" begin="0" end="100" period="0.001" number="5000"/>
      <flow id="e" route="r" begin="0" end="100" period="exp(1000)"/>
      <flow id="q" route="r" begin="0" end="100" probability="1"/>
    </routes>`;
    const sumo = { path: "flood.rou.xml", sha256: "", demand: parseSumoRoutes(xml, "flood.rou.xml") };
    const d = boundedDemand(
      {
        flows: [flow({ name: "pf", route: straightOn, spawn: { kind: "probability", probabilityPerS: 1 } })],
        sumoDemand: [sumo],
      },
      3,
    );
    for (let tick = 0; tick <= 50; tick++) d.generate(tick, 0.1); // 0 … 5 s
    expect(d.queues.map((q) => q.length)).toEqual([3, 3, 3, 3, 3]);
    const dropped = d.dropped;
    // pf and q: one a second, 6 seconds begun (0 … 5): 3 dropped each. p: 5,000 due by 5 s (number caps it).
    // v: 1e9 veh/h = one every 3.6 µs, floor(5 s / 3.6 µs) + 1 due. e: random, about 1,000 a second.
    const v = Math.floor(5 / (3600 / 1e9)) + 1;
    const eDropped = dropped - 3 - 3 - (5000 - 3) - (v - 3);
    expect(eDropped).toBeGreaterThan(4500);
    expect(eDropped).toBeLessThan(5500);
    expect(d.queues[1].map((p) => p.id)).toEqual(["v.0", "v.1", "v.2"]);
  });
});

describe("example scenarios", () => {
  const dir = join(import.meta.dirname, "../../scenarios");
  const files = readdirSync(dir).filter((f) => f.endsWith(".scn"));

  it.each(files)("%s: its traffic runs 300 steps without collisions", (file) => {
    const res = compileScenarioFile(join(dir, file));
    if (!res.ok) throw new Error(`${file} does not compile: ${res.diagnostics.map((d) => d.message).join("; ")}`);
    const sc = res.scenario;
    const r = new Runner({
      network: res.network,
      rng: new Rng(sc.seed).fork("traffic:local"),
      dtS: sc.dtS,
      traffic: sc.traffic,
      vehicleTypes: sc.vehicleTypes,
      drivers: sc.drivers,
      durationS: sc.durationS,
      scenarioDir: sc.source.dir,
    });
    const bridges = gradeSeparatedLanes(res.network);
    let seen = r.vehicles.length;
    r.run(300, () => {
      expect(r.overlaps(bridges)).toEqual([]);
      seen = Math.max(seen, r.vehicles.length);
    });
    if (sc.traffic.flows.length + sc.traffic.trips.length + sc.traffic.sumoDemand.length > 0)
      expect(seen).toBeGreaterThan(0);
  });
});
