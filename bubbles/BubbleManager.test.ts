import { describe, expect, it } from "vitest";
import { createDefaultZoo } from "../agent-zoo/defaultZoo.js";
import type { ParsedAction } from "../core/controllers/actionSpaces.js";
import type { BubbleTransitionEvent, OwnerChangedEvent } from "../core/simulation/SimEvent.js";
import type { SimFrame } from "../core/simulation/SimFrame.js";
import { Simulation } from "../core/simulation/Simulation.js";
import { LocalTrafficProvider } from "../providers/local/LocalTrafficProvider.js";
import { compileScenario } from "../scenario-dsl/index.js";
import { ConstantSpeedProvider } from "../test/fakes/ConstantSpeedProvider.js";
import { BubbleManager } from "./BubbleManager.js";

function compile(body: string) {
  const r = compileScenario(
    `scenario "t" {\n  seed 5\n  step 0.1 s\n  map straight { lanes 2  length 800 m  speed_limit 20 m/s }\n${body}\n}`,
    "/tmp/bubbles.scn",
  );
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return { scenario: r.scenario!, network: r.network! };
}

/** Runs `steps` ticks keeping every agent in its lane; returns every frame. */
async function runFrames(sim: Simulation, steps: number): Promise<SimFrame[]> {
  const frames = [await sim.reset()];
  for (let i = 0; i < steps && !sim.episodeOver; i++) {
    const actions = new Map<string, ParsedAction>();
    for (const a of sim.liveAgents())
      if (!sim.agentResult(a.id)?.reasons.length) actions.set(a.id, a.actionSpace.parse(a.id, "keep_lane"));
    frames.push(await sim.step(actions));
  }
  return frames;
}

const bubbleEvents = (frames: SimFrame[]) =>
  frames.flatMap((f) =>
    f.events.filter((e): e is BubbleTransitionEvent => e.kind === "bubble").map((e) => ({ ...e, tick: f.tick })),
  );
const ownerChanges = (frames: SimFrame[]) =>
  frames.flatMap((f) =>
    f.events.filter((e): e is OwnerChangedEvent => e.kind === "ownerChanged").map((e) => ({ ...e, tick: f.tick })),
  );

/** Position step and speed change of `id` between frames `tick − 1` and `tick`. */
function continuity(frames: SimFrame[], id: string, tick: number): { jumpM: number; dSpeedMps: number } {
  const a = frames[tick - 1],
    b = frames[tick];
  const i = a.indexOf(id),
    j = b.indexOf(id);
  const moved = Math.hypot(b.x[j] - a.x[i], b.y[j] - a.y[i]);
  const expected = ((a.speedMps[i] + b.speedMps[j]) / 2) * 0.1;
  return { jumpM: Math.abs(moved - expected), dSpeedMps: Math.abs(b.speedMps[j] - a.speedMps[i]) };
}

describe("BubbleManager in a simulation", () => {
  it("hands traffic to a zoo policy through the four transitions and back without a jump", async () => {
    const { scenario, network } = compile(`
      duration 60 s
      traffic { flow cars { route main:random@0 -> main:random@end  rate 900 veh/h  depart_speed 12 m/s } }
      bubble mid {
        zone road main from 300 m length 150 m
        margin 10 m
        actor zoo "idm-mobil@v1" { desired_speed 50 km/h }
        limits { hijack 4  shadow 6 }
      }`);
    const bubbles = new BubbleManager(scenario, network);
    const sim = new Simulation(scenario, network, {
      providers: [new LocalTrafficProvider()],
      social: { resolver: createDefaultZoo().resolver() },
      bubbles,
    });
    const frames = await runFrames(sim, 600);
    const events = bubbleEvents(frames);
    expect(events.length).toBeGreaterThan(8);
    const byVehicle = new Map<string, string[]>();
    for (const e of events) byVehicle.set(e.vehicleId, [...(byVehicle.get(e.vehicleId) ?? []), e.transition]);
    const through = [...byVehicle.values()].filter((k) => k.includes("airlockExited") && k.includes("entered"));
    expect(through.length).toBeGreaterThan(2);
    for (const k of through) expect(k).toEqual(["airlockEntered", "entered", "exited", "airlockExited"]);
    // Limits: never more than 4 social agents or 6 held vehicles.
    for (const f of frames) expect(f.owners.filter((o) => o.startsWith("social:")).length).toBeLessThanOrEqual(4);
    // Control changes hands at "entered" and back at "airlockExited", and the motion carries on.
    const changes = ownerChanges(frames);
    const released = changes.filter((c) => c.from.startsWith("social:") && c.to === "local");
    const captured = changes.filter((c) => c.from === "local" && c.to.startsWith("social:"));
    expect(released.length).toBeGreaterThan(2);
    expect(captured.length).toBeGreaterThanOrEqual(released.length);
    for (const c of [...released, ...captured]) {
      if (c.tick + 1 >= frames.length) continue;
      for (const t of [c.tick, c.tick + 1]) {
        const k = continuity(frames, c.vehicleId, t);
        expect(k.jumpM, `${c.vehicleId} at tick ${t}`).toBeLessThan(0.25);
        expect(k.dSpeedMps, `${c.vehicleId} at tick ${t}`).toBeLessThanOrEqual(0.5);
      }
    }
    // The frame carries the zone and its airlock for viewers.
    expect(frames.at(-1)!.bubbles[0].id).toBe("mid");
    expect(frames.at(-1)!.bubbles[0].airlock!.length).toBe(frames.at(-1)!.bubbles[0].zone.length);
    await sim.close();
  });

  it("hands vehicles to another traffic provider inside the zone and to the first accepting one after", async () => {
    const { scenario, network } = compile(`
      duration 30 s
      bubble reactive {
        zone box center (400 m, 0 m) size (100 m, 20 m)
        margin 5 m
        actor traffic local
      }`);
    const lane = network.road("main")!.lanes[0];
    const history = new ConstantSpeedProvider([{ id: "h1", laneId: lane.id, sM: 300, speedMps: 12 }], "history");
    const local = new LocalTrafficProvider();
    const sim = new Simulation(scenario, network, {
      providers: [history, local],
      bubbles: new BubbleManager(scenario, network),
    });
    const frames = await runFrames(sim, 250);
    expect(bubbleEvents(frames).map((e) => e.transition)).toEqual([
      "airlockEntered",
      "entered",
      "exited",
      "airlockExited",
    ]);
    expect(ownerChanges(frames).map((c) => [c.from, c.to])).toEqual([
      ["history", "local"],
      ["local", "history"],
    ]);
    for (const c of ownerChanges(frames)) {
      const k = continuity(frames, c.vehicleId, c.tick + 1);
      expect(k.jumpM).toBeLessThan(0.25);
      expect(k.dSpeedMps).toBeLessThanOrEqual(0.5);
    }
    await sim.close();
  });

  it("gives a zoo actor's vehicle back to traffic with the route it had, so it leaves a roundabout", async () => {
    const r = compileScenario(
      `scenario "ring" {
        seed 1
        step 0.1 s
        duration 100 s
        map roundabout { arms 4  radius 25 m  lanes 1  ring_lanes 1  arm_length 90 m }
        traffic { flow { route arm0_in:0@0 -> arm2_out:0@end  rate 600 veh/h } }
        bubble ring {
          zone box center (0 m, 0 m) size (70 m, 70 m) heading 0 deg
          margin 5 m
          actor zoo "idm-mobil@v2"
          active 0 s to 40 s
        }
      }`,
      "/tmp/ring.scn",
    );
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const local = new LocalTrafficProvider();
    const sim = new Simulation(r.scenario!, r.network!, {
      providers: [local],
      social: { resolver: createDefaultZoo().resolver() },
      bubbles: new BubbleManager(r.scenario!, r.network!),
    });
    const frames = [await sim.reset()];
    const routes = new Map<string, readonly string[]>();
    for (let i = 0; i < 1000; i++) {
      const f = await sim.step(new Map());
      frames.push(f);
      for (const c of f.events)
        if (c.kind === "ownerChanged" && c.to === "local" && c.from.startsWith("social:"))
          routes.set(c.vehicleId, local.routeOf(c.vehicleId));
    }
    // Each released vehicle drives on to its flow's exit (without the route, endless traffic keeps
    // to the ring, the only roads it can drive on for ever) and is gone 60 s after the bubble closed.
    expect(routes.size).toBeGreaterThan(2);
    for (const [id, route] of routes) {
      expect(route.at(-1), id).toBe("arm2_out");
      expect(frames.at(-1)!.indexOf(id), id).toBe(-1);
    }
    await sim.close();
  });

  it("captures and releases with a bubble that follows an agent (SMARTS issue #946)", async () => {
    const { scenario, network } = compile(`
      duration 40 s
      agent ego { mission main:0@5 -> main:0@790  action lane }
      bubble escort {
        zone box center (0 m, 0 m) size (30 m, 12 m)
        follow agent ego offset (20 m, 0 m)
        margin 5 m
        actor zoo "idm-mobil@v1"
      }`);
    const lane = network.road("main")!.lanes[1];
    const parked = [100, 200, 300].map((s, i) => ({ id: `slow${i}`, laneId: lane.id, sM: s, speedMps: 2 }));
    const sim = new Simulation(scenario, network, {
      providers: [new ConstantSpeedProvider(parked, "local")],
      social: { resolver: createDefaultZoo().resolver() },
      bubbles: new BubbleManager(scenario, network),
    });
    const frames = await runFrames(sim, 400);
    const events = bubbleEvents(frames);
    const released = new Set(
      events.filter((e) => e.transition === "airlockExited" && !e.detail).map((e) => e.vehicleId),
    );
    const entered = new Set(events.filter((e) => e.transition === "entered").map((e) => e.vehicleId));
    expect(entered.size).toBeGreaterThanOrEqual(2);
    for (const id of entered) expect(released.has(id), `${id} released`).toBe(true);
    // Released vehicles are traffic again.
    const last = frames.at(-1)!;
    for (const id of released) if (last.indexOf(id) >= 0) expect(last.owners[last.indexOf(id)]).toBe("local");
    await sim.close();
  });

  it("continues bit-identically from a snapshot taken with vehicles in a bubble", async () => {
    const { scenario, network } = compile(`
      duration 30 s
      traffic { flow cars { route main:random@0 -> main:random@end  rate 1200 veh/h  depart_speed 12 m/s } }
      bubble mid { zone road main from 100 m length 100 m  margin 10 m  actor zoo "idm-mobil@v1"  limits { hijack 3  shadow 5 } }`);
    const make = () =>
      new Simulation(scenario, network, {
        providers: [new LocalTrafficProvider()],
        social: { resolver: createDefaultZoo().resolver() },
        bubbles: new BubbleManager(scenario, network),
      });
    const sim = make();
    await sim.reset();
    for (let i = 0; i < 150; i++) await sim.step(new Map());
    const snap = sim.snapshot();
    const hashes: string[] = [];
    for (let i = 0; i < 50; i++) hashes.push((await sim.step(new Map()), sim.stateHash()));
    await sim.restore(snap);
    for (let i = 0; i < 50; i++) expect((await sim.step(new Map()), sim.stateHash())).toBe(hashes[i]);
    await sim.close();
  });
});
