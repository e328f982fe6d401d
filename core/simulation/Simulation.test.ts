import { describe, expect, it } from "vitest";
import { compileScenario } from "../../scenario-dsl/index.js";
import { ConstantSpeedProvider } from "../../test/fakes/ConstantSpeedProvider.js";
import type { ParsedAction } from "../controllers/actionSpaces.js";
import { Simulation } from "./Simulation.js";

function compile(body: string) {
  const r = compileScenario(`scenario "t" {\n${body}\n}`, "/tmp/t.scn");
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return { scenario: r.scenario!, network: r.network! };
}

const STRAIGHT = `seed 3
  map straight { lanes 3  length 400 m  speed_limit 20 m/s }`;

function keepLane(sim: Simulation): Map<string, ParsedAction> {
  const m = new Map<string, ParsedAction>();
  for (const a of sim.liveAgents())
    if (!sim.agentResult(a.id)?.reasons.length) m.set(a.id, a.actionSpace.parse(a.id, "keep_lane"));
  return m;
}

describe("Simulation", () => {
  it("drives a lane agent to its goal and ends its episode with reason goal", async () => {
    const { scenario, network } = compile(`${STRAIGHT}
      agent a { mission main:1@10 -> main:1@200  action lane }`);
    const sim = new Simulation(scenario, network);
    const f0 = await sim.reset();
    expect(f0.tick).toBe(0);
    expect(f0.ids).toEqual(["a"]);
    expect(f0.owners).toEqual(["agent:a"]);
    let steps = 0;
    while (!sim.episodeOver && steps < 500) {
      await sim.step(keepLane(sim));
      steps++;
    }
    const r = sim.agentResult("a")!;
    expect(r.reasons).toEqual(["goal"]);
    expect(r.terminated).toBe(true);
    expect(sim.frame.events).toContainEqual({ kind: "agentDone", agentId: "a", reasons: ["goal"], truncated: false });
    // 190 m from rest at ≤ 20 m/s: more than 9.5 s, and the goal (2 m radius) is reached in well under 30 s.
    expect(steps).toBeGreaterThan(95);
    expect(steps).toBeLessThan(300);
    expect(Math.abs(sim.agents[0].progress.laneT)).toBeLessThan(0.3);
  });

  it("ends every agent at the scenario duration as a truncation", async () => {
    const { scenario, network } = compile(`${STRAIGHT}
      duration 2 s
      agent a { mission main:0@10 -> main:0@390  action lane }`);
    const sim = new Simulation(scenario, network);
    await sim.reset();
    for (let i = 0; i < 20; i++) await sim.step(keepLane(sim));
    expect(sim.episodeOver).toBe(true);
    expect(sim.agentResult("a")).toMatchObject({ terminated: false, truncated: true, reasons: ["duration"] });
    await expect(sim.step(new Map())).rejects.toThrow(/episode ended at tick 20/);
  });

  it("takes in provider vehicles, moves them and removes them when they arrive", async () => {
    const { scenario, network } = compile(STRAIGHT);
    const provider = new ConstantSpeedProvider([
      { id: "car1", laneId: "main_0", sM: 380, speedMps: 10 },
      { id: "car2", laneId: "main_2", sM: 0, speedMps: 10, departTick: 3 },
    ]);
    const sim = new Simulation(scenario, network, { providers: [provider] });
    const f0 = await sim.reset();
    expect(f0.ids).toEqual(["car1"]);
    expect(f0.events).toContainEqual({ kind: "vehicleAdded", vehicleId: "car1", owner: "constant" });
    const x0 = f0.x[0];
    await sim.step(new Map());
    expect(sim.frame.x[0] - x0).toBeCloseTo(1, 9);
    for (let i = 0; i < 2; i++) await sim.step(new Map());
    expect(sim.frame.ids).toEqual(["car1", "car2"]);
    for (let i = 0; i < 20; i++) await sim.step(new Map());
    expect(sim.frame.ids).toEqual(["car2"]);
    expect(sim.ownerOf("car1")).toBeUndefined();
  });

  it("reports a collision once per contact and ends the colliding agent's episode", async () => {
    const { scenario, network } = compile(`${STRAIGHT}
      agent a { mission main:1@10 -> main:1@390  action lane }`);
    // A stopped car 30 m ahead of the agent, in its lane: keep_lane does not brake for it.
    const provider = new ConstantSpeedProvider([{ id: "parked", laneId: "main_1", sM: 40, speedMps: 0 }]);
    const sim = new Simulation(scenario, network, { providers: [provider] });
    await sim.reset();
    const collisions: { a: string; b: string; tick: number }[] = [];
    while (!sim.episodeOver && sim.tick < 300) {
      await sim.step(keepLane(sim));
      for (const c of sim.frame.collisions) collisions.push({ ...c, tick: sim.tick });
    }
    expect(collisions).toHaveLength(1);
    expect(collisions[0]).toMatchObject({ a: "a", b: "parked" });
    expect(sim.agentResult("a")!.reasons).toContain("collision");
    expect(sim.agentResult("a")!.terminated).toBe(true);
  });

  it("is deterministic: the same seed gives the same state hash after 1,000 steps", async () => {
    const { scenario, network } = compile(`${STRAIGHT}
      agent a { mission main:0@10 -> main:2@390  action lane }
      agent b { mission main:2@30 -> main:0@390  action lane }`);
    async function run(): Promise<string[]> {
      const provider = new ConstantSpeedProvider([{ id: "c", laneId: "main_1", sM: 0, speedMps: 8 }]);
      const sim = new Simulation(scenario, network, { providers: [provider] });
      await sim.reset({ seed: 11 });
      const hashes: string[] = [];
      const plan = ["keep_lane", "change_lane_left", "keep_lane", "slow_down", "change_lane_right"];
      for (let k = 0; k < 1000 && !sim.episodeOver; k++) {
        const m = new Map<string, ParsedAction>();
        for (const a of sim.liveAgents())
          if (!sim.agentResult(a.id)?.reasons.length)
            m.set(a.id, a.actionSpace.parse(a.id, plan[Math.floor(k / 40) % plan.length]));
        await sim.step(m);
        hashes.push(sim.stateHash());
      }
      return hashes;
    }
    const [h1, h2] = [await run(), await run()];
    expect(h1.length).toBeGreaterThan(50);
    expect(h2).toEqual(h1);
  });

  it("continues bit-identically after snapshot and restore", async () => {
    const { scenario, network } = compile(`${STRAIGHT}
      agent a { mission main:0@10 -> main:2@390  action lane }
      agent k { mission main:2@10 -> main:2@390  action direct }`);
    const provider = new ConstantSpeedProvider([{ id: "c", laneId: "main_1", sM: 0, speedMps: 8 }]);
    const sim = new Simulation(scenario, network, { providers: [provider] });
    await sim.reset({ seed: 5 });
    const act = (k: number) => {
      const m = new Map<string, ParsedAction>();
      for (const a of sim.liveAgents()) {
        if (sim.agentResult(a.id)?.reasons.length) continue;
        m.set(
          a.id,
          a.id === "a"
            ? a.actionSpace.parse("a", k % 60 < 30 ? "change_lane_left" : "keep_lane")
            : a.actionSpace.parse("k", [1.5, 0.02 * Math.sin(k / 10)]),
        );
      }
      return m;
    };
    for (let k = 0; k < 50; k++) await sim.step(act(k));
    const snap = sim.snapshot();
    const first: string[] = [];
    for (let k = 50; k < 150 && !sim.episodeOver; k++) {
      await sim.step(act(k));
      first.push(sim.stateHash());
    }
    expect(first.length).toBeGreaterThan(20);
    await sim.restore(snap);
    expect(sim.tick).toBe(50);
    const second: string[] = [];
    for (let k = 50; k < 150 && !sim.episodeOver; k++) {
      await sim.step(act(k));
      second.push(sim.stateHash());
    }
    expect(second).toEqual(first);
  });

  it("lets an agent with a later departure appear at its tick", async () => {
    const { scenario, network } = compile(`${STRAIGHT}
      agent late { mission main:0@10 -> main:0@390  action lane  depart 1 s }`);
    const sim = new Simulation(scenario, network);
    await sim.reset();
    expect(sim.liveAgents()).toHaveLength(0);
    for (let i = 0; i < 9; i++) await sim.step(new Map());
    expect(sim.agentPhaseOf("late")).toBe("pending");
    await sim.step(new Map());
    expect(sim.agentPhaseOf("late")).toBe("live");
    expect(sim.frame.ids).toEqual(["late"]);
  });

  it("keeps a departing agent waiting while a vehicle is on its start, then lets it appear", async () => {
    const { scenario, network } = compile(`${STRAIGHT}
      agent late { mission main:0@10 -> main:0@390  action lane  depart 1 s }`);
    // A car passes the agent's start (10 m) just as it is due: at 1 s its centre is there.
    const provider = new ConstantSpeedProvider([{ id: "car", laneId: "main_0", sM: 0, speedMps: 10 }]);
    const sim = new Simulation(scenario, network, { providers: [provider] });
    await sim.reset();
    let appeared = -1;
    for (let k = 1; k <= 30; k++) {
      await sim.step(keepLane(sim));
      expect(sim.frame.collisions).toEqual([]);
      if (appeared < 0 && sim.agentPhaseOf("late") === "live") appeared = k;
    }
    // Due at tick 10; free once the car's rear is 1 m past the agent's front: 10 m + 3.68 m + 1 m on, at 1.47 s.
    expect(appeared).toBe(15);
    expect(sim.ownerOf("late")).toBe("agent:late");
  });

  it("hands a finished agent's vehicle to traffic without a jump, when asked", async () => {
    const { scenario, network } = compile(`${STRAIGHT}
      agent a { mission main:0@10 -> main:0@100  action lane }
      agent b { mission main:2@10 -> main:2@390  action lane }`);
    const provider = new ConstantSpeedProvider([]);
    const sim = new Simulation(scenario, network, { providers: [provider], agentDoneVehicle: "traffic" });
    await sim.reset();
    while (sim.agentPhaseOf("a") === "live" && !sim.agentResult("a")!.reasons.length) await sim.step(keepLane(sim));
    const before = { x: sim.frame.x[0], v: sim.frame.speedMps[0] };
    await sim.step(keepLane(sim));
    expect(sim.frame.events).toContainEqual({ kind: "ownerChanged", vehicleId: "a", from: "agent:a", to: "constant" });
    expect(sim.ownerOf("a")).toBe("constant");
    expect(provider.accepted).toEqual(["a"]);
    // The provider drives on at the handed-over speed: one step further along the lane.
    expect(sim.frame.x[0] - before.x).toBeCloseTo(before.v * 0.1, 6);
    expect(sim.frame.owners).toEqual(["constant", "agent:b"]);
    expect(sim.frame.roles[0]).toBe(0);
  });

  it("refuses a step started while the previous one is still running", async () => {
    const { scenario, network } = compile(`${STRAIGHT}
      agent a { mission main:1@10 -> main:1@200  action lane }`);
    const sim = new Simulation(scenario, network);
    await sim.reset();
    const first = sim.step(keepLane(sim));
    await expect(sim.step(keepLane(sim))).rejects.toThrow(
      "simulation: step() called while the previous step() is still running",
    );
    await first;
    expect(sim.tick).toBe(1);
  });

  it("times every phase", async () => {
    const { scenario, network } = compile(`${STRAIGHT}
      agent a { mission main:0@10 -> main:0@390  action lane }`);
    const sim = new Simulation(scenario, network);
    await sim.reset();
    for (let i = 0; i < 10; i++) await sim.step(keepLane(sim));
    const p = sim.profile();
    expect(p.map((x) => x.phase)).toEqual([
      "clock",
      "act",
      "providers",
      "physics",
      "events",
      "bubbles",
      "observe",
      "record",
    ]);
    expect(p.every((x) => x.totalMs >= 0)).toBe(true);
    expect(p.reduce((a, x) => a + x.share, 0)).toBeCloseTo(1, 6);
  });
});
