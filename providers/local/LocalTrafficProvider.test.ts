import { describe, expect, it } from "vitest";
import { generateMap } from "../../core/road/generators/mapGenerators.js";
import { join } from "node:path";
import { orientedBoxesOverlap } from "../../core/events/orientedBoxesOverlap.js";
import { buildRoadNetwork } from "../../core/road/RoadNetwork.js";
import { loadSumoNet } from "../../core/road/sumo/loadSumoNet.js";
import type { ProviderVehicleState } from "../../core/simulation/TrafficProvider.js";
import type { Trip } from "../../spec/CompiledScenario.js";
import { flow, makeSetup, route, Runner, vehicleAt } from "./testing.js";

const straight = buildRoadNetwork(generateMap("straight", { lanes: 1, length: 400 }));
const ring = buildRoadNetwork(generateMap("ring", { length: 230, lanes: 1, roads: 4 }));
const city = buildRoadNetwork(generateMap("intersection", { lanes: 2, signals: true }));
const uTurns = buildRoadNetwork(
  loadSumoNet(join(import.meta.dirname, "../../maps/smarts/paper-intersections-4lane/map.net.xml")),
);

function trip(name: string, roadIds: string[], departS: number, fields: Partial<Trip> = {}): Trip {
  return {
    name,
    route: route(roadIds),
    departS,
    vehicle: "passenger",
    driver: "default",
    departSpeedMps: null,
    ...fields,
  };
}

const snapshotOf = (states: readonly ProviderVehicleState[]) => JSON.stringify(states);

describe("LocalTrafficProvider", () => {
  it("inserts flow vehicles with ids <flow>-<n> and removes them on arrival", () => {
    const r = new Runner(
      makeSetup(straight, {
        flows: [flow({ name: "cars", route: route(["main"]), spawn: { kind: "rate", ratePerHour: 720 }, count: 3 })],
      }),
    );
    expect(r.vehicles.map((v) => v.id)).toEqual(["cars-0"]); // due at t = 0: in after setup
    r.run(50); // t = 5 s: the second is due
    expect(r.vehicles.map((v) => v.id)).toEqual(["cars-0", "cars-1"]);
    r.run(400);
    expect(r.vehicles).toHaveLength(0); // all three arrived at the road's end
  });

  it("names unnamed flows flow<i> and trips by their name", () => {
    const r = new Runner(
      makeSetup(straight, {
        flows: [flow({ route: route(["main"]), count: 1 })],
        trips: [trip("tripper", ["main"], 0, { route: route(["main"], 0, 100) })],
      }),
    );
    expect(r.vehicles.map((v) => v.id).sort()).toEqual(["flow0-0", "tripper"]);
  });

  it("reports the box centre on the lane, heading along it, speed and lane id", () => {
    const r = new Runner(
      makeSetup(straight, { trips: [trip("t", ["main"], 0, { route: route(["main"], 0, 50), departSpeedMps: 10 })] }),
    );
    const v = r.vehicle("t")!;
    const lane = straight.lane("main_0")!;
    const p = lane.toWorld(50, 0);
    expect(v.x).toBeCloseTo(p.x, 9);
    expect(v.y).toBeCloseTo(p.y, 9);
    expect(v.headingRad).toBeCloseTo(p.headingRad, 9);
    expect(v.speedMps).toBe(10);
    expect(v.laneId).toBe("main_0");
    r.step();
    const moved = lane.toLane(r.vehicle("t")!.x, r.vehicle("t")!.y);
    expect(moved.s).toBeCloseTo(50 + 10 * 0.1 + 0.5 * r.vehicle("t")!.accelerationMps2 * 0.01, 9);
  });

  it("waits to insert until the spot is free, never overlapping", () => {
    // An agent stands where the flow inserts (from t = 1 s); the flow's vehicle must wait until it has left.
    const blocked = new Runner(
      makeSetup(straight, { flows: [flow({ name: "f", route: route(["main"], 0, 20), count: 1, beginS: 1 })] }),
    );
    blocked.extra = [vehicleAt(straight, "main_0", 20, { id: "agent" })];
    blocked.run(30);
    expect(blocked.vehicles).toHaveLength(0);
    expect(blocked.provider.waiting).toBe(1);
    blocked.extra = [vehicleAt(straight, "main_0", 200, { id: "agent" })];
    blocked.step();
    expect(blocked.vehicles.map((v) => v.id)).toEqual(["f-0"]);
    expect(blocked.overlaps()).toEqual([]);
  });

  it("does not insert a vehicle beside the start of a lane a bus is swinging into out of a U-turn", () => {
    // paper-intersections-4lane's south arm ends in U-turns (gneJ5): a bus turns from the inner lane
    // of edge-south-NS into the inner lane of edge-south-SN, its body over the outer lane's start.
    const bus: Trip = {
      name: "bus",
      route: route(["edge-south-NS", "edge-south-SN"], 1, 0),
      departS: 0,
      vehicle: "bus",
      driver: "default",
      departSpeedMps: null,
    };
    const alone = new Runner(makeSetup(uTurns, { trips: [bus] }));
    // The first tick the bus's body comes within 0.5 m of where a car would go in on the outer lane.
    const spot = uTurns.lane("edge-south-SN_0")!.toWorld(1.84, 0);
    let turning = -1;
    alone.run(600, (r) => {
      const b = r.vehicle("bus");
      if (turning >= 0 || !b) return;
      const near = orientedBoxesOverlap(
        spot.x,
        spot.y,
        Math.cos(spot.headingRad),
        Math.sin(spot.headingRad),
        1.84 + 0.5,
        0.735 + 0.5,
        b.x,
        b.y,
        Math.cos(b.headingRad),
        Math.sin(b.headingRad),
        3.5,
        1.125,
      );
      if (near) turning = r.tick;
    });
    expect(turning).toBeGreaterThan(0);
    // A car due on the outer lane's start just as the bus swings in waits for it to pass.
    const car: Trip = {
      name: "car",
      route: route(["edge-south-SN"], 0, 0),
      departS: turning * 0.1,
      vehicle: "passenger",
      driver: "default",
      departSpeedMps: null,
    };
    const r = new Runner(makeSetup(uTurns, { trips: [bus, car] }));
    let carIn = -1;
    r.run(900, () => {
      expect(r.overlaps()).toEqual([]);
      if (carIn < 0 && r.vehicle("car")) carIn = r.tick;
    });
    expect(carIn).toBeGreaterThan(turning);
  });

  it("does not insert at setup on top of a vehicle already placed (an agent due at time 0)", () => {
    // The flow's first vehicle is due at t = 0 where the agent starts: it waits until the agent has left.
    const agent = vehicleAt(straight, "main_0", 21, { id: "agent" });
    const r = new Runner(
      makeSetup(straight, { flows: [flow({ name: "f", route: route(["main"], 0, 20), count: 1 })] }),
      {},
      [agent],
    );
    expect(r.vehicles).toHaveLength(0);
    expect(r.provider.waiting).toBe(1);
    r.extra = [vehicleAt(straight, "main_0", 200, { id: "agent" })];
    r.step();
    expect(r.vehicles.map((v) => v.id)).toEqual(["f-0"]);
    expect(r.overlaps()).toEqual([]);
    // Without the placed agent the same setup inserts at once.
    expect(
      new Runner(
        makeSetup(straight, { flows: [flow({ name: "f", route: route(["main"], 0, 20), count: 1 })] }),
      ).vehicles.map((v) => v.id),
    ).toEqual(["f-0"]);
  });

  it("follows a leader across a junction boundary and stops behind it at the standstill gap", () => {
    // An agent stands 5 m into ring1; a provider car comes round from ring0 and stops behind it.
    const r = new Runner(
      makeSetup(ring, {
        trips: [trip("car", ["ring0", "ring1", "ring2"], 0, { route: route(["ring0", "ring1", "ring2"], 0, 10) })],
      }),
    );
    const agent = vehicleAt(ring, "ring1_0", 5, { id: "agent" });
    r.extra = [agent];
    r.run(300);
    const car = r.vehicle("car")!;
    expect(car.speedMps).toBeLessThan(0.01);
    expect(car.laneId === "ring0_0" || car.laneId.startsWith(":j1")).toBe(true);
    // Along the path: the car's front to the agent's rear = the standstill gap s0 = 2.5 m.
    const ring0 = ring.lane("ring0_0")!;
    const connector = ring.lane(":j1_0_0")!;
    const carS =
      car.laneId === "ring0_0"
        ? ring0.toLane(car.x, car.y).s
        : ring0.centreline.length + connector.toLane(car.x, car.y).s;
    const gap = ring0.centreline.length + connector.centreline.length + 5 - 3.68 / 2 - (carS + 3.68 / 2);
    expect(gap).toBeGreaterThan(2.3);
    expect(gap).toBeLessThan(2.6);
    expect(r.overlaps()).toEqual([]);
  });

  it("is deterministic: same setup and seed, same vehicles at every step", () => {
    const traffic = {
      flows: [
        flow({ name: "a", spawn: { kind: "rate", ratePerHour: 1500 } }),
        flow({ name: "b", spawn: { kind: "probability", probabilityPerS: 0.3 } }),
      ],
    } as const;
    const driver = { seed: 5, drivers: [] };
    const a = new Runner(makeSetup(city, { flows: [...traffic.flows] }, driver));
    const b = new Runner(makeSetup(city, { flows: [...traffic.flows] }, driver));
    for (let i = 0; i < 400; i++) {
      a.step();
      b.step();
      expect(snapshotOf(b.vehicles)).toBe(snapshotOf(a.vehicles));
    }
    expect(a.vehicles.length).toBeGreaterThan(3);
    const c = new Runner(makeSetup(city, { flows: [...traffic.flows] }, { seed: 6 }));
    c.run(400);
    expect(snapshotOf(c.vehicles)).not.toBe(snapshotOf(a.vehicles));
  });

  it("continues bit-identically after snapshot and restore", () => {
    const flows = [
      flow({ name: "a", spawn: { kind: "rate", ratePerHour: 2000 } }),
      flow({
        name: "b",
        spawn: { kind: "probability", probabilityPerS: 0.4 },
        drivers: [{ name: "sloppy", weight: 1 }],
      }),
    ];
    const setup = () =>
      makeSetup(
        city,
        { flows },
        {
          seed: 9,
          drivers: [
            { ...makeSetup(city).drivers[0], name: "sloppy", imperfection: { kind: "uniform", min: 0.2, max: 0.6 } },
          ],
        },
      );
    const a = new Runner(setup());
    a.run(500);
    const saved = JSON.parse(JSON.stringify(a.provider.snapshot())); // through JSON, as a simulation snapshot would go
    const expected: string[] = [];
    a.run(400, () => expected.push(snapshotOf(a.vehicles)));
    const b = new Runner(setup());
    b.run(37); // elsewhere entirely
    b.provider.restore(saved);
    b.tick = 500;
    b.signals.update(500 * 0.1);
    const got: string[] = [];
    b.run(400, () => got.push(snapshotOf(b.vehicles)));
    expect(got).toEqual(expected);
  });

  it("starts each episode afresh when set up again", () => {
    const flows = [flow({ name: "a", spawn: { kind: "rate", ratePerHour: 1800 } })];
    const a = new Runner(makeSetup(city, { flows }, { seed: 3 }));
    a.run(300);
    const first = snapshotOf(a.vehicles);
    a.provider.setup(makeSetup(city, { flows }, { seed: 3 }));
    a.tick = 0;
    a.signals.update(0);
    a.run(300);
    expect(snapshotOf(a.vehicles)).toBe(first);
    a.provider.teardown();
    expect(a.provider.vehicles()).toHaveLength(0);
  });

  it("rejects a snapshot of something else", () => {
    const r = new Runner(makeSetup(straight));
    expect(() => r.provider.restore({ format: 99 })).toThrow(/not a snapshot/);
  });

  it("accepts a vehicle near a lane and continues it from its pose without a jump", () => {
    const r = new Runner(makeSetup(straight));
    const h = vehicleAt(straight, "main_0", 100, { id: "handed", speedMps: 12, t: 0.6 });
    expect(r.provider.canAccept(h)).toBe(true);
    expect(r.provider.canAccept({ ...h, y: h.y + 5 })).toBe(false); // off the road
    expect(r.provider.canAccept({ ...h, headingRad: h.headingRad + 1.5 })).toBe(false); // across the lane
    r.provider.add(h);
    const v = r.vehicle("handed")!;
    expect(v.x).toBeCloseTo(h.x, 9);
    expect(v.y).toBeCloseTo(h.y, 9);
    expect(v.speedMps).toBe(12);
    let prev = v;
    r.run(40, () => {
      const now = r.vehicle("handed")!;
      expect(Math.hypot(now.x - prev.x, now.y - prev.y)).toBeLessThan(1.5); // ≤ 12 m/s · 0.1 s plus a little
      prev = now;
    });
    // The lateral offset has settled: back on the lane centre.
    const lane = straight.lane("main_0")!;
    expect(Math.abs(lane.toLane(prev.x, prev.y).t)).toBeLessThan(1e-6);
    r.provider.release("handed");
    expect(r.vehicle("handed")).toBeUndefined();
    r.step();
    expect(r.vehicles).toHaveLength(0);
  });

  it("lists a taken-over vehicle after the others and drops a released one, the others' states untouched", () => {
    const r = new Runner(makeSetup(city, { flows: [flow({ name: "f", spawn: { kind: "rate", ratePerHour: 3600 } })] }));
    r.run(150);
    const before = [...r.vehicles];
    expect(before.length).toBeGreaterThanOrEqual(3);
    const snapshot = before.map((v) => ({ ...v }));
    r.provider.add(vehicleAt(city, "west_in_0", 20, { id: "h", speedMps: 5, routeRoadIds: ["west_in", "east_out"] }));
    expect(r.vehicles.map((v) => v.id)).toEqual([...before.map((v) => v.id), "h"]);
    const h = r.vehicle("h")!;
    expect(
      Math.hypot(h.x - city.lane("west_in_0")!.toWorld(20, 0).x, h.y - city.lane("west_in_0")!.toWorld(20, 0).y),
    ).toBeLessThan(1e-9);
    r.provider.release(before[1].id);
    expect(r.vehicles.map((v) => v.id)).toEqual([...before.filter((_, i) => i !== 1).map((v) => v.id), "h"]);
    expect(r.vehicles.filter((v) => v.id !== "h").map((v) => ({ ...v }))).toEqual(snapshot.filter((_, i) => i !== 1));
    r.provider.release("nobody");
    expect(r.vehicles).toHaveLength(before.length);
    r.step();
    expect(r.vehicles.map((v) => v.id)).toContain("h");
    expect(r.vehicles.map((v) => v.id)).not.toContain(before[1].id);
  });

  it("takes over a vehicle inside a junction and drives it out along the connector", () => {
    const r = new Runner(makeSetup(city));
    const connector = city.lane("west_in_1")!.successors.find((l) => l.successors.some((x) => x.id === "east_out_1"))!;
    const h = vehicleAt(city, connector.id, 5, { id: "j", speedMps: 6, routeRoadIds: ["east_out"] });
    expect(r.provider.canAccept(h)).toBe(true);
    r.provider.add(h);
    const lanes: string[] = [];
    r.run(200, () => {
      const v = r.vehicle("j");
      if (v && lanes[lanes.length - 1] !== v.laneId) lanes.push(v.laneId);
    });
    expect(lanes.slice(0, 2)).toEqual([connector.id, "east_out_1"]);
    expect(lanes.slice(2).every((l) => l.startsWith("east_out_"))).toBe(true); // it may keep right
    expect(r.vehicle("j")).toBeUndefined(); // arrived at the end of east_out
  });

  it("takes over a bus in the middle of a turn where it is: its body is posed with bumpers on the path, and it does not jump", () => {
    const r = new Runner(makeSetup(city));
    const turn = city.lane("west_in_0")!.successors.find((l) => l.successors.some((x) => x.road.id === "south_out"))!;
    const h = vehicleAt(city, turn.id, turn.lengthM / 2, {
      id: "bus",
      typeId: "bus",
      speedMps: 5,
      routeRoadIds: ["south_out"],
    });
    r.provider.add(h);
    const v = r.vehicle("bus")!;
    // On the centreline at s, which the body's chord cuts inside of: without correcting for that the
    // bus would be shown that much further in.
    expect(Math.hypot(v.x - h.x, v.y - h.y)).toBeLessThan(0.05);
    expect(Math.abs(v.headingRad - h.headingRad)).toBeLessThan(0.3);
    let prev = v;
    r.run(20, () => {
      const now = r.vehicle("bus")!;
      expect(Math.hypot(now.x - prev.x, now.y - prev.y)).toBeLessThan(0.8); // ≤ 5 m/s · 0.1 s plus a little
      prev = now;
    });
  });

  it("drives a handed-over vehicle along the rest of its route, and arrives at its end", () => {
    const r = new Runner(makeSetup(city));
    r.provider.add(vehicleAt(city, "west_in_0", 60, { id: "h", speedMps: 8, routeRoadIds: ["west_in", "south_out"] }));
    const lanes = new Set<string>();
    r.run(600, () => {
      const v = r.vehicle("h");
      if (v) lanes.add(v.laneId);
    });
    expect([...lanes].some((l) => l.startsWith("south_out"))).toBe(true);
    expect(r.vehicle("h")).toBeUndefined();
  });
});
