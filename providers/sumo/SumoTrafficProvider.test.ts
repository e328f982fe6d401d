/**
 * The SUMO provider against the real SUMO on SMARTS maps (skipped only when `sumo` is not on PATH; CI
 * installs it). The two-way map: `-gneE4` (23.5 m) → `gneE1` (97 m, x 4 → 101 along y ≈ 45.8) →
 * `gneE5` (21.7 m) eastbound, single lanes, and the same westbound (`-gneE5` → `-gneE1` → `gneE4`).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { ParsedAction } from "../../core/controllers/actionSpaces.js";
import { Rng } from "../../core/random/Rng.js";
import { SignalSchedule } from "../../core/road/SignalSchedule.js";
import { buildRoadNetwork, type RoadNetwork } from "../../core/road/RoadNetwork.js";
import { loadSumoNet } from "../../core/road/sumo/loadSumoNet.js";
import { Simulation } from "../../core/simulation/Simulation.js";
import type { HandoverVehicle, ProviderVehicleState } from "../../core/simulation/TrafficProvider.js";
import { BUILT_IN_VEHICLE_TYPES, SCENARIO_DEFAULTS, compileScenarioFile } from "../../scenario-dsl/index.js";
import { SumoTrafficProvider } from "./SumoTrafficProvider.js";
import {
  compileTestScenario,
  DEMAND_SCENARIO,
  type FrameVehicle,
  frameOf,
  processExists,
  providerSetup,
  REPO_ROOT,
  smartsMap,
  type TestScenario,
} from "./sumoProviderTestSupport.js";
import { SUMO_NOT_FOUND_MESSAGE } from "./traci/SumoProcess.js";
import { isOnPath } from "./traci/sumoTestSupport.js";

const DT = 0.1;
const TWO_WAY = `seed 1
  map sumo "../maps/smarts/paper-two_ways-bid/map.net.xml"`;

/** Copies of the provider's vehicles (it reuses its objects). */
function copy(vs: readonly ProviderVehicleState[]): ProviderVehicleState[] {
  return vs.map((v) => ({ ...v }));
}

/** Handover data for a frame vehicle. */
function handover(v: FrameVehicle, routeRoadIds: string[] = []): HandoverVehicle {
  return {
    id: v.id,
    typeId: v.typeId ?? "passenger",
    x: v.x,
    y: v.y,
    headingRad: v.headingRad,
    speedMps: v.speedMps,
    accelerationMps2: 0,
    laneId: v.laneId ?? "",
    routeRoadIds,
  };
}

describe("SumoTrafficProvider without SUMO", () => {
  it("refuses generated maps with a clear message", async () => {
    const ts = compileTestScenario(`map straight { lanes 2  length 200 m }`);
    expect(() => SumoTrafficProvider.forScenario(ts.scenario)).toThrow(
      /the sumo provider needs a SUMO map; scenario "t" uses the generated map "straight"/,
    );
    const p = new SumoTrafficProvider({ netFile: smartsMap("paper-two_ways-bid") });
    await expect(p.setup(providerSetup(ts))).rejects.toThrow(
      /the sumo provider needs a SUMO map; this episode's network comes from the map generator "straight"/,
    );
  });

  it("passes SUMO's not-found error through unwrapped and leaves nothing running", async () => {
    const ts = compileTestScenario(TWO_WAY);
    const p = SumoTrafficProvider.forScenario(ts.scenario, { sumoBinary: "/nonexistent/sumo" });
    const err = await p.setup(providerSetup(ts)).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message.startsWith(SUMO_NOT_FOUND_MESSAGE)).toBe(true);
    expect(p.pid).toBeUndefined();
    await expect(p.step({ tick: 1, dtS: DT, frame: frameOf(0, DT, []), signals: new Map() })).rejects.toThrow(
      /not running/,
    );
  });

  it("says that snapshots are not supported", () => {
    const p = new SumoTrafficProvider({ netFile: smartsMap("paper-two_ways-bid") });
    expect(() => p.snapshot()).toThrow(/^snapshot is not supported by the sumo provider: /);
    expect(() => p.restore({})).toThrow(/^snapshot is not supported by the sumo provider: /);
  });
});

describe.skipIf(!isOnPath("sumo"))("SumoTrafficProvider with SUMO", () => {
  const providers: SumoTrafficProvider[] = [];
  afterEach(async () => {
    await Promise.all(providers.splice(0).map((p) => p.teardown()));
  });

  async function start(ts: TestScenario, seed?: number): Promise<SumoTrafficProvider> {
    const p = SumoTrafficProvider.forScenario(ts.scenario);
    providers.push(p);
    await p.setup(providerSetup(ts, seed));
    return p;
  }

  /** Steps `p` from its current tick with frames of its own vehicles plus `others(tick)`; returns copies of vehicles() per step. */
  async function run(
    p: SumoTrafficProvider,
    from: number,
    steps: number,
    others: (tick: number) => FrameVehicle[] = () => [],
  ): Promise<ProviderVehicleState[][]> {
    const out: ProviderVehicleState[][] = [];
    for (let tick = from; tick < from + steps; tick++) {
      await p.step({ tick, dtS: DT, frame: frameOf(tick - 1, DT, p.vehicles(), others(tick - 1)), signals: new Map() });
      out.push(copy(p.vehicles()));
    }
    return out;
  }

  const FLOWS = `${TWO_WAY}
  traffic {
    flow east { route -gneE4:0@5 -> gneE5:0@end  rate 720 veh/h }
    flow west { route -gneE5:0@5 -> gneE4:0@end  rate 600 veh/h }
  }`;

  it("drives a small flow for 200 steps: vehicles appear, move along lanes at plausible speeds and leave at their route ends", async () => {
    const ts = compileTestScenario(FLOWS);
    const p = await start(ts);
    const pid = p.pid!;
    expect(processExists(pid)).toBe(true);
    expect(p.vehicles()).toEqual([]); // departures at time 0 appear at tick 1
    const steps = await run(p, 1, 200);
    const net = ts.network;
    // 13.89 m/s on gneE1 and its neighbours, 24 m/s westbound on -gneE1 (SUMO brakes for the slower next lane as its front crosses).
    const maxLimit = Math.max(...net.laneList.map((l) => l.speedLimitMps));
    const lastLane = new Map<string, string>();
    const seen = new Set<string>();
    let prev = new Map<string, ProviderVehicleState>();
    for (const [k, vs] of steps.entries()) {
      for (const v of vs) {
        seen.add(v.id);
        expect(v.typeId).toBe("passenger");
        // The box centre lies on a lane of the network, the front on the lane SUMO names, heading along it.
        const near = net.nearestLane(v.x, v.y)!;
        expect(near.distanceM).toBeLessThan(near.lane.widthM / 2);
        const lane = net.lane(v.laneId)!;
        const front = lane.toLane(v.x + 1.84 * Math.cos(v.headingRad), v.y + 1.84 * Math.sin(v.headingRad));
        const laneHeading = lane.toWorld(Math.min(Math.max(front.s, 0), lane.centreline.length)).headingRad;
        expect(
          Math.abs(Math.atan2(Math.sin(v.headingRad - laneHeading), Math.cos(v.headingRad - laneHeading))),
        ).toBeLessThan(0.3);
        expect(v.speedMps).toBeGreaterThanOrEqual(0);
        expect(v.speedMps).toBeLessThanOrEqual(maxLimit + 1e-6);
        const before = prev.get(v.id);
        if (before) {
          // Moved by about speed · dt, forwards.
          const d = Math.hypot(v.x - before.x, v.y - before.y);
          expect(d).toBeCloseTo(v.speedMps * DT, 0);
          expect(Math.abs(v.speedMps - before.speedMps)).toBeLessThan(1); // ≤ 10 m/s² either way
        } else if (k > 0) {
          expect(v.id).toMatch(/^(east|west)\.\d+$/);
        }
        lastLane.set(v.id, v.laneId);
      }
      prev = new Map(vs.map((v) => [v.id, v]));
    }
    // 720 and 600 veh/h for 20 s: east.0…east.3 and west.0…west.3.
    expect([...seen].sort()).toEqual(["east.0", "east.1", "east.2", "east.3", "west.0", "west.1", "west.2", "west.3"]);
    const gone = [...seen].filter((id) => !prev.has(id));
    expect(gone.length).toBeGreaterThanOrEqual(2);
    for (const id of gone) expect(lastLane.get(id)).toBe(id.startsWith("east") ? "gneE5_0" : "gneE4_0");
    // Departure order: first seen first.
    expect(steps[steps.length - 1].map((v) => v.id)).toEqual([...seen].filter((id) => prev.has(id)));
    await p.teardown();
    expect(processExists(pid)).toBe(false);
    expect(p.pid).toBeUndefined();
    await p.teardown(); // idempotent
  });

  it("runs every kind of scenario demand: rate and probability flows, counts, ends, mixes, random routes and trips", async () => {
    const ts = compileTestScenario(DEMAND_SCENARIO);
    const p = await start(ts);
    const steps = await run(p, 1, 700);
    const types = new Map(steps.flat().map((v) => [v.id, v.typeId]));
    const ids = [...types.keys()];
    expect(ids).toEqual(
      expect.arrayContaining([
        "bus7",
        "late.0",
        "late.1",
        "late.2",
        "late.3",
        "mixed.0",
        "mixed.1",
        "coin.0",
        "coin.1",
        "coin.2",
        "capped.0",
        "flow4.0",
      ]),
    );
    expect(ids.filter((id) => id.startsWith("late."))).toHaveLength(4);
    expect(ids.filter((id) => id.startsWith("coin."))).toHaveLength(3);
    expect(types.get("bus7")).toBe("bus");
    for (const id of ids.filter((x) => x.startsWith("mixed."))) expect(["passenger", "van"]).toContain(types.get(id));
    // late departs at 30 s (tick 301 shows it) at 8 m/s.
    const late0 = steps.findIndex((vs) => vs.some((v) => v.id === "late.0"));
    expect(late0 + 1).toBe(301);
    expect(steps[late0].find((v) => v.id === "late.0")!.speedMps).toBe(8);
  });

  it("is deterministic: the same seed gives identical vehicles at every step, another seed other ones", async () => {
    const ts = compileTestScenario(`seed 4
      map sumo "../maps/smarts/intersections-2lane/map.net.xml"
      driver lively { speed_factor normal(1.0, 0.15)  imperfection 0.5 }
      traffic {
        flow { route edge-west-WE:0@0 -> edge-north-SN:0@end  rate 900 veh/h  driver lively }
        flow { route random  rate 1800 veh/h  vehicles { passenger: 3, truck: 1 }  driver lively }
      }`);
    const a = await run(await start(ts), 1, 200);
    const b = await run(await start(ts), 1, 200);
    const c = await run(await start(ts, 99), 1, 200);
    expect(a.flat().length).toBeGreaterThan(200);
    expect(new Set(a.flat().map((v) => v.id)).size).toBeGreaterThan(8);
    expect(a.flat().some((v) => v.typeId === "truck")).toBe(true);
    for (let k = 0; k < a.length; k++) expect(b[k]).toEqual(a[k]);
    expect(c).not.toEqual(a);
  });

  it("makes a released vehicle follow its new driver, lets SUMO's traffic react to it, and continues it without a jump when handed back", async () => {
    const ts = compileTestScenario(`${TWO_WAY}
      traffic { flow east { route -gneE4:0@5 -> gneE5:0@end  rate 720 veh/h } }`);
    const net = ts.network;
    const p = await start(ts);
    await run(p, 1, 50);
    const v0 = p.vehicles().find((v) => v.id === "east.0")!;
    expect(v0.laneId).toBe("gneE1_0");
    // The agent takes east.0 over 0.3 m left of where SUMO had it, brakes to a stop, waits, drives off.
    const agent: FrameVehicle = {
      id: "east.0",
      owner: "agent:a",
      x: v0.x,
      y: v0.y + 0.3,
      headingRad: v0.headingRad,
      speedMps: v0.speedMps,
      laneId: v0.laneId,
    };
    await p.release("east.0");
    expect(p.vehicles().map((v) => v.id)).not.toContain("east.0");
    let minFollowerSpeed = Infinity;
    for (let tick = 51; tick <= 220; tick++) {
      const given = { ...agent };
      await p.step({ tick, dtS: DT, frame: frameOf(tick - 1, DT, p.vehicles(), [given]), signals: new Map() });
      expect(p.vehicles().map((v) => v.id)).not.toContain("east.0");
      // SUMO placed it exactly where the frame had it.
      const s = p.sumoState("east.0")!;
      expect(s.x).toBeCloseTo(given.x, 6);
      expect(s.y).toBeCloseTo(given.y, 6);
      expect(s.speedMps).toBeCloseTo(given.speedMps, 6);
      const follower = p.vehicles().find((v) => v.id === "east.1");
      if (follower) {
        expect(agent.x - 1.84 - (follower.x + 1.84)).toBeGreaterThan(0); // never into the agent's rear
        minFollowerSpeed = Math.min(minFollowerSpeed, follower.speedMps);
      }
      agent.speedMps = tick < 180 ? Math.max(0, agent.speedMps - 3 * DT) : Math.min(8, agent.speedMps + 2 * DT);
      agent.x += agent.speedMps * DT;
      agent.laneId = net.nearestLane(agent.x, agent.y, { includeInternal: false })!.lane.id;
    }
    expect(minFollowerSpeed).toBeLessThan(1); // east.1 queued behind the stopped agent

    // Hand back: the next step continues from the given pose and speed.
    expect(agent.laneId).toBe("gneE1_0");
    const h = handover(agent, ["gneE1", "gneE5"]);
    expect(p.canAccept(h)).toBe(true);
    await p.add(h);
    const after = await run(p, 221, 40);
    const first = after[0].find((v) => v.id === "east.0")!;
    expect(Math.hypot(first.x - (h.x + h.speedMps * DT), first.y - h.y)).toBeLessThan(0.5);
    expect(Math.abs(first.speedMps - h.speedMps)).toBeLessThan(0.5);
    let last = first;
    let steps = 0;
    for (const vs of after.slice(1)) {
      const v = vs.find((x) => x.id === "east.0");
      if (!v) break;
      expect(Math.hypot(v.x - last.x, v.y - last.y)).toBeCloseTo(v.speedMps * DT, 0);
      expect(Math.abs(v.speedMps - last.speedMps)).toBeLessThan(0.5);
      last = v;
      steps++;
    }
    expect(steps).toBeGreaterThan(5);
    expect(last.laneId).toBe("gneE5_0"); // drove on along the route it was given, then left
    expect(after[after.length - 1].map((v) => v.id)).not.toContain("east.0");
  });

  it("mirrors other owners' vehicles as ghosts SUMO's traffic stops for, drops them when they vanish, and takes them over", async () => {
    const ts = compileTestScenario(`${TWO_WAY}
      traffic { flow east { route -gneE4:0@5 -> gneE5:0@end  rate 1200 veh/h } }`);
    const net = ts.network;
    const p = await start(ts);
    const ego: FrameVehicle = {
      id: "ego",
      owner: "agent:ego",
      x: 60,
      y: 45.79,
      headingRad: 0,
      speedMps: 0,
      laneId: "gneE1_0",
    };
    let present = true;
    const steps = await run(p, 1, 150, () => (present ? [{ ...ego }] : []));
    for (const vs of steps) {
      for (const v of vs) {
        expect(v.id).toMatch(/^east\.\d+$/); // the ghost is not reported
        if (v.laneId === "gneE1_0" || v.laneId === "-gneE4_0") expect(v.x + 1.84).toBeLessThan(ego.x - 1.84); // nobody drives through it
      }
    }
    const queue = steps[steps.length - 1];
    expect(queue.length).toBeGreaterThanOrEqual(3);
    expect(Math.min(...queue.map((v) => v.speedMps))).toBeLessThan(0.1);

    // The agent drives off and is handed to SUMO: a SUMO vehicle from the next step on, where it would be.
    ego.speedMps = 6;
    await run(p, 151, 10, () => {
      ego.x += ego.speedMps * DT;
      return [{ ...ego }];
    });
    ego.x += ego.speedMps * DT;
    ego.laneId = net.nearestLane(ego.x, ego.y, { includeInternal: false })!.lane.id;
    const h = handover(ego);
    expect(p.canAccept(h)).toBe(true);
    await p.add(h);
    expect(p.vehicles().map((v) => v.id)).toContain("ego");
    present = false;
    const after = await run(p, 161, 30);
    const first = after[0].find((v) => v.id === "ego")!;
    expect(first.typeId).toBe("passenger");
    expect(Math.hypot(first.x - (h.x + h.speedMps * DT), first.y - h.y)).toBeLessThan(0.5);
    expect(Math.abs(first.speedMps - h.speedMps)).toBeLessThan(0.5);
    const later = after[after.length - 1].find((v) => v.id === "ego");
    expect(later === undefined || later.x > first.x + 10).toBe(true); // SUMO drives it on (its ghost is gone)
    // The queue behind it moves again.
    expect(Math.max(...after[after.length - 1].filter((v) => v.id !== "ego").map((v) => v.speedMps))).toBeGreaterThan(
      3,
    );
  });

  it("removes the ghost of a vehicle that leaves the frames", async () => {
    const ts = compileTestScenario(`${TWO_WAY}
      traffic { flow east { route -gneE4:0@5 -> gneE5:0@end  rate 1200 veh/h } }`);
    const p = await start(ts);
    const ego: FrameVehicle = {
      id: "ego",
      owner: "social:s",
      x: 50,
      y: 45.79,
      headingRad: 0,
      speedMps: 0,
      laneId: "gneE1_0",
    };
    await run(p, 1, 100, () => [ego]);
    expect(Math.max(...p.vehicles().map((v) => v.x))).toBeLessThan(50);
    const free = await run(p, 101, 100);
    expect(free.flat().some((v) => v.x > 60)).toBe(true);
  });

  it("refuses vehicles away from its lanes and hand-overs it cannot take", async () => {
    const ts = compileTestScenario(FLOWS);
    const p = await start(ts);
    await run(p, 1, 20);
    const on: HandoverVehicle = {
      id: "x",
      typeId: "passenger",
      x: 50,
      y: 45.79,
      headingRad: 0,
      speedMps: 5,
      accelerationMps2: 0,
      laneId: "gneE1_0",
      routeRoadIds: [],
    };
    expect(p.canAccept(on)).toBe(true);
    expect(p.canAccept({ ...on, laneId: "" })).toBe(true);
    expect(p.canAccept({ ...on, y: 60 })).toBe(false);
    expect(p.canAccept({ ...on, laneId: "", y: 60 })).toBe(false);
    expect(p.canAccept({ ...on, id: p.vehicles()[0].id })).toBe(false); // drives it already
    await expect(p.release("nobody")).rejects.toThrow(/cannot release vehicle "nobody"/);
    await expect(p.step({ tick: 5, dtS: DT, frame: frameOf(4, DT, []), signals: new Map() })).rejects.toThrow(
      /asked for tick 5 after tick 20/,
    );
  });

  it("runs the scenario's SUMO route files, reporting their vehicle types by class", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roadgym-sumo-demand-"));
    try {
      writeFileSync(
        join(dir, "vans.rou.xml"),
        `<routes>\n  <vType id="van" vClass="delivery" length="5.5" maxSpeed="25" accel="2.0" decel="4.0"/>\n` +
          `  <flow id="vans" type="van" begin="0" end="20" period="4" departLane="0"><route edges="-gneE4 gneE1 gneE5"/></flow>\n</routes>\n`,
      );
      const ts = compileTestScenario(
        `seed 2\n  map sumo "${smartsMap("paper-two_ways-bid")}"\n  traffic { routes "vans.rou.xml" }`,
        dir,
      );
      const p = await start(ts);
      const steps = await run(p, 1, 100);
      const vans = steps.flat();
      expect(new Set(vans.map((v) => v.id))).toEqual(new Set(["vans.0", "vans.1", "vans.2"]));
      for (const v of vans) {
        expect(v.typeId).toBe("truck");
        expect(ts.network.nearestLane(v.x, v.y)!.distanceM).toBeLessThan(1.6);
      }
      await p.teardown();
      writeFileSync(join(dir, "vans.rou.xml"), "<routes/>\n");
      await expect(p.setup(providerSetup(ts))).rejects.toThrow(
        /route file ".*vans.rou.xml" changed since the scenario was compiled/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports SUMO's signal states: those of SignalSchedule one step late", async () => {
    const cases = [smartsMap("intersections-2lane"), smartsMap("minicity")];
    for (const netFile of cases) {
      const network: RoadNetwork = buildRoadNetwork(loadSumoNet(netFile));
      const schedule = SignalSchedule.of(network);
      const p = new SumoTrafficProvider({ netFile });
      providers.push(p);
      await p.setup({
        network,
        rng: new Rng(1),
        dtS: DT,
        traffic: { name: null, flows: [], trips: [], sumoDemand: [], history: null },
        vehicleTypes: BUILT_IN_VEHICLE_TYPES,
        drivers: [SCENARIO_DEFAULTS.driver],
        durationS: null,
        scenarioDir: REPO_ROOT,
      });
      const ids = [...network.signals.keys()].sort();
      expect([...p.signalStates().keys()].sort()).toEqual(ids);
      for (const id of ids) expect(p.signalStates().get(id)).toBe(schedule.stateAt(id, 0));
      const empty = frameOf(0, DT, []);
      let phaseStarts = 0;
      for (let tick = 1; tick <= 1000; tick++) {
        await p.step({ tick, dtS: DT, frame: empty, signals: new Map() });
        for (const id of ids) {
          const sumo = p.signalStates().get(id);
          // SUMO shows, after the step to time t, the state of the step it just ran: the schedule's at t − dt …
          expect(sumo, `${id} at tick ${tick}`).toBe(schedule.stateAt(id, (tick - 1) * DT));
          // … which is the schedule's at t except at the first tick of each phase.
          const now = schedule.stateAt(id, tick * DT);
          if (now !== sumo) phaseStarts++;
        }
      }
      // 100 s covers at least one phase change of every light (intersections-2lane: 35 + 10 + 35 + 10 s).
      expect(phaseStarts).toBeGreaterThanOrEqual(ids.length);
      await p.teardown();
    }
  });

  it("takes over a finished agent's vehicle from the simulation and drives it on without a jump", async () => {
    const ts = compileTestScenario(`${TWO_WAY}
      agent a { mission -gneE4:0@5 -> gneE1:0@30  action lane }
      agent waiting { mission -gneE5:0@5 -> gneE4:0@end  action lane }`);
    const p = SumoTrafficProvider.forScenario(ts.scenario);
    providers.push(p);
    const sim = new Simulation(ts.scenario, ts.network, { providers: [p], agentDoneVehicle: "traffic" });
    let prev = await sim.reset();
    let handedOver = -1;
    const track: { x: number; y: number; speedMps: number; owner: string; laneId: string }[] = [];
    for (let i = 0; i < 300; i++) {
      const actions = new Map<string, ParsedAction>();
      // "waiting" stays put (westbound, out of the way) so that the episode goes on after "a" is done.
      for (const a of sim.liveAgents())
        if (!sim.agentResult(a.id)?.reasons.length)
          actions.set(a.id, a.actionSpace.parse(a.id, a.id === "a" ? "keep_lane" : "slow_down"));
      const f = await sim.step(actions);
      const k = f.indexOf("a");
      if (k < 0) break;
      const j = prev.indexOf("a");
      if (handedOver < 0 && f.owners[k] === "sumo") {
        handedOver = f.tick;
        // Where the agent's last frame had it, moved on at its speed for one step.
        const expectX = prev.x[j] + prev.speedMps[j] * DT * Math.cos(prev.headingRad[j]);
        const expectY = prev.y[j] + prev.speedMps[j] * DT * Math.sin(prev.headingRad[j]);
        expect(Math.hypot(f.x[k] - expectX, f.y[k] - expectY)).toBeLessThan(0.5);
        expect(Math.abs(f.speedMps[k] - prev.speedMps[j])).toBeLessThan(0.5);
        expect(f.events).toContainEqual({ kind: "ownerChanged", vehicleId: "a", from: "agent:a", to: "sumo" });
      }
      track.push({ x: f.x[k], y: f.y[k], speedMps: f.speedMps[k], owner: f.owners[k], laneId: f.laneIds[k] });
      prev = f;
    }
    expect(handedOver).toBeGreaterThan(0);
    const driven = track.filter((t) => t.owner === "sumo");
    expect(driven.length).toBeGreaterThan(10);
    for (let i = 1; i < driven.length; i++) {
      expect(Math.hypot(driven[i].x - driven[i - 1].x, driven[i].y - driven[i - 1].y)).toBeCloseTo(
        driven[i].speedMps * DT,
        0,
      );
    }
    // SUMO drove it to the end of what was left of its route (gneE1) and it left.
    expect(driven[driven.length - 1].laneId).toBe("gneE1_0");
    expect(sim.frame.indexOf("a")).toBe(-1);
    await sim.close();
  });

  it("drives the traffic of a scenario run by the simulation, with the agents mirrored into SUMO", async () => {
    const r = compileScenarioFile(join(REPO_ROOT, "scenarios", "paper-two_way-sv.scn"));
    if (!r.ok) throw new Error("paper-two_way-sv.scn does not compile");
    const p = SumoTrafficProvider.forScenario(r.scenario);
    providers.push(p);
    const sim = new Simulation(r.scenario, r.network, { providers: [p] });
    await sim.reset({ seed: 1 });
    const owners = new Set<string>();
    for (let i = 0; i < 100 && !sim.episodeOver; i++) {
      const actions = new Map<string, ParsedAction>();
      for (const a of sim.liveAgents())
        if (!sim.agentResult(a.id)?.reasons.length) actions.set(a.id, a.actionSpace.parse(a.id, "keep_lane"));
      const f = await sim.step(actions);
      f.owners.forEach((o) => owners.add(o));
    }
    expect(owners).toContain("sumo");
    expect([...owners].filter((o) => o.startsWith("agent:")).length).toBe(4);
    const pid = p.pid!;
    await sim.close();
    expect(processExists(pid)).toBe(false);
  });
});
