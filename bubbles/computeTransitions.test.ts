import { describe, expect, it } from "vitest";
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import type { BubbleVehicle } from "../core/simulation/BubblePhase.js";
import type { Bubble } from "../spec/CompiledScenario.js";
import { emptyBubblesState, type BubblesState, type BubbleTransition } from "./BubbleCursor.js";
import { computeTransitions } from "./computeTransitions.js";
import { prepareBubbles, type PreparedBubble } from "./PreparedBubble.js";

const DT = 0.1;
const NO_NETWORK = {} as RoadNetwork;

/** A box zone x ∈ [40, 60], y ∈ [−5, 5] with a 5 m airlock, a zoo actor, no limits. */
function bubble(over: Partial<Bubble> = {}): Bubble {
  return {
    name: "b",
    zone: { kind: "box", centerM: [50, 0], sizeM: [20, 10], headingRad: 0 },
    follow: null,
    marginM: 5,
    actor: { kind: "zoo", policy: { locator: "idm-mobil@v1", params: {} } },
    limits: { hijack: null, shadow: null },
    window: null,
    excludePrefixes: [],
    ...over,
  };
}

function car(id: string, x: number, y = 0, owner = "local", headingRad = 0): BubbleVehicle {
  return { id, x, y, headingRad, speedMps: 10, owner, laneId: "main_0" };
}

/** Runs the state machine over a list of per-tick vehicle lists; owners follow the cursors (as the manager's apply would). */
function run(
  bubbles: PreparedBubble[],
  ticks: BubbleVehicle[][],
  withLookup = false,
): { transitions: BubbleTransition[]; states: BubblesState[] } {
  let state = emptyBubblesState(bubbles.length);
  const transitions: BubbleTransition[] = [];
  const states: BubblesState[] = [];
  ticks.forEach((vehicles, i) => {
    const owned = vehicles.map((v) => {
      for (const m of state.cursors) {
        const c = m.get(v.id);
        if (c?.state === "controlled" && v.owner === "local") return { ...v, owner: c.owner! };
      }
      return v;
    });
    const byId = new Map(owned.map((v) => [v.id, v]));
    const lookup = withLookup ? { vehicle: (id: string) => byId.get(id) } : {};
    const r = computeTransitions(
      state,
      { tick: i + 1, vehicles: owned, providers: new Set(["local", "history"]), normalLane: () => true, ...lookup },
      bubbles,
    );
    transitions.push(...r.transitions);
    state = r.next;
    states.push(state);
  });
  return { transitions, states };
}

const prep = (...bs: Bubble[]) => prepareBubbles(bs, NO_NETWORK, DT);

describe("computeTransitions", () => {
  it("takes a vehicle driving through the bubble through the four transitions in order, once each", () => {
    const ticks = Array.from({ length: 101 }, (_, x) => [car("v", x)]);
    const { transitions } = run(prep(bubble()), ticks);
    expect(transitions.map((t) => t.kind)).toEqual(["airlockEntered", "entered", "exited", "airlockExited"]);
    expect(transitions.map((t) => [t.from, t.to])).toEqual([
      [null, "shadowing"],
      ["shadowing", "controlled"],
      ["controlled", "controlled"],
      ["controlled", null],
    ]);
    expect(transitions.every((t) => t.agentId === "b-0")).toBe(true);
  });

  it("crosses at the zone and airlock outlines", () => {
    const kindsAt: Record<string, number> = {};
    let state = emptyBubblesState(1);
    const bs = prep(bubble());
    for (let x = 0; x <= 100; x++) {
      const owner = state.cursors[0].get("v")?.state === "controlled" ? "social:b-0" : "local";
      const r = computeTransitions(
        state,
        { tick: x, vehicles: [car("v", x, 0, owner)], providers: new Set(["local"]), normalLane: () => true },
        bs,
      );
      for (const t of r.transitions) kindsAt[t.kind] = x;
      state = r.next;
    }
    expect(kindsAt).toEqual({ airlockEntered: 35, entered: 40, exited: 61, airlockExited: 66 });
  });

  it("does not flip control when a vehicle oscillates across the zone boundary (hysteresis)", () => {
    const xs = [30, 36, 41, 39, 41, 38, 42, 39, 41, 37, 42, 39];
    const { transitions, states } = run(
      prep(bubble()),
      xs.map((x) => [car("v", x)]),
    );
    expect(transitions.slice(0, 2).map((t) => t.kind)).toEqual(["airlockEntered", "entered"]);
    for (const t of transitions.slice(2)) expect([t.from, t.to]).toEqual(["controlled", "controlled"]);
    expect(transitions.filter((t) => t.kind === "airlockExited")).toEqual([]);
    for (const s of states.slice(2)) expect(s.cursors[0].get("v")?.state).toBe("controlled");
  });

  it("holds the hijack and shadow limits and promotes a shadowed vehicle when a slot frees", () => {
    const bs = prep(bubble({ limits: { hijack: 3, shadow: 5 } }));
    const inside = Array.from({ length: 10 }, (_, i) => car(`v${i}`, 45 + i, 0));
    const first = run(bs, [inside]);
    const s = first.states[0].cursors[0];
    expect([...s.values()].filter((c) => c.state === "controlled").length).toBe(3);
    expect(s.size).toBe(5);
    expect([...s.keys()].sort()).toEqual(["v0", "v1", "v2", "v3", "v4"]);
    // v0 leaves: v3 (the lowest shadowed id) takes its place; nobody new is shadowed beyond five.
    const second = run(bs, [inside, inside.map((v) => (v.id === "v0" ? car("v0", 200) : v))]);
    const s2 = second.states[1].cursors[0];
    expect(
      [...s2.entries()]
        .filter(([, c]) => c.state === "controlled")
        .map(([id]) => id)
        .sort(),
    ).toEqual(["v1", "v2", "v3"]);
    expect(s2.size).toBe(5);
    expect(s2.has("v5")).toBe(true);
    expect(s2.has("v0")).toBe(false);
  });

  it("never captures excluded ids, the followed vehicle, agents or social agents", () => {
    const bs = prep(bubble({ excludePrefixes: ["keep"] }));
    const { transitions } = run(bs, [
      [car("keeper-1", 50), car("a", 50, 0, "agent:a"), car("s", 50, 0, "social:s"), car("ok", 50)],
    ]);
    expect(new Set(transitions.map((t) => t.vehicleId))).toEqual(new Set(["ok"]));
  });

  it("switches a bubble on and off with its time window", () => {
    const bs = prep(bubble({ window: { beginS: 1, endS: 2 } }));
    const ticks = Array.from({ length: 30 }, () => [car("v", 50)]);
    const { transitions } = run(bs, ticks);
    // Ticks are 1-based in `run`: active from tick 10 to 19.
    expect(transitions.map((t) => [t.kind, t.detail])).toEqual([
      ["airlockEntered", undefined],
      ["entered", undefined],
      ["airlockExited", "inactive"],
    ]);
    const states = run(bs, ticks).states;
    expect(states[8].cursors[0].size).toBe(0);
    expect(states[9].cursors[0].get("v")?.state).toBe("controlled");
    expect(states[19].cursors[0].size).toBe(0);
  });

  it("captures and releases with a moving bubble that follows a vehicle", () => {
    // A 20 m × 10 m box 15 m ahead of the ego, which drives along x at 1 m per tick past two parked cars.
    const moving = bubble({
      zone: { kind: "box", centerM: [0, 0], sizeM: [20, 10], headingRad: 0 },
      follow: { kind: "agent", name: "ego", offsetM: [15, 0] },
    });
    const bs = prep(moving);
    const ticks = Array.from({ length: 200 }, (_, t) => [
      car("ego", t, 0, "agent:ego"),
      car("p1", 60, 2),
      car("p2", 120, -2),
    ]);
    const { transitions } = run(bs, ticks);
    for (const id of ["p1", "p2"])
      expect(transitions.filter((t) => t.vehicleId === id).map((t) => t.kind)).toEqual([
        "airlockEntered",
        "entered",
        "exited",
        "airlockExited",
      ]);
    expect(transitions.some((t) => t.vehicleId === "ego")).toBe(false);
    const p1 = transitions.filter((t) => t.vehicleId === "p1");
    expect(p1[0].agentId).toBe("b-0");
    expect(transitions.filter((t) => t.vehicleId === "p2")[0].agentId).toBe("b-1");
  });

  it("switches a following bubble off while its target is absent", () => {
    const bs = prep(
      bubble({
        zone: { kind: "box", centerM: [0, 0], sizeM: [20, 10], headingRad: 0 },
        follow: { kind: "agent", name: "ego", offsetM: [0, 0] },
      }),
    );
    const { transitions } = run(bs, [[car("ego", 0, 0, "agent:ego"), car("p", 2)], [car("p", 2)]]);
    expect(transitions.map((t) => [t.kind, t.detail])).toEqual([
      ["airlockEntered", undefined],
      ["entered", undefined],
      ["airlockExited", "inactive"],
    ]);
  });

  it("releases a vehicle that left the simulation with detail gone, and marks one the actor lost as spent", () => {
    const bs = prep(bubble());
    const gone = run(bs, [[car("v", 50)], []]).transitions;
    expect(gone.at(-1)).toMatchObject({ kind: "airlockExited", detail: "gone" });
    let state = emptyBubblesState(1);
    const step = (owner: string) => {
      const r = computeTransitions(
        state,
        { tick: 1, vehicles: [car("v", 50, 0, owner)], providers: new Set(["local"]), normalLane: () => true },
        bs,
      );
      state = r.next;
      return r.transitions;
    };
    step("local");
    expect(step("local")).toEqual([expect.objectContaining({ kind: "airlockExited", detail: "lost", to: "spent" })]);
    // Spent: not captured again while it stays in the airlock.
    expect(step("local")).toEqual([]);
    expect(state.cursors[0].get("v")?.state).toBe("spent");
  });

  it("gives a vehicle to the first bubble in scenario order and is independent of the input order", () => {
    const bs = prep(bubble({ name: "first" }), bubble({ name: "second" }));
    const vs = [car("c", 50), car("a", 45), car("b", 55)];
    const one = computeTransitions(
      emptyBubblesState(2),
      { tick: 1, vehicles: vs, providers: new Set(["local"]), normalLane: () => true },
      bs,
    );
    const two = computeTransitions(
      emptyBubblesState(2),
      { tick: 1, vehicles: [...vs].reverse(), providers: new Set(["local"]), normalLane: () => true },
      bs,
    );
    expect(one.transitions).toEqual(two.transitions);
    expect(one.transitions.every((t) => t.bubbleName === "first")).toBe(true);
    expect(one.transitions.map((t) => t.vehicleId)).toEqual(["a", "a", "b", "b", "c", "c"]);
  });

  it("gives the same transitions with the host's vehicle lookup as without", () => {
    // Three cars through a fixed and a moving bubble (following "lead"); "b" vanishes inside, "c" turns back.
    const bs = prep(
      bubble({ name: "fixed" }),
      bubble({
        name: "moving",
        follow: { kind: "vehicle", name: "lead", offsetM: [20, 0] },
        zone: { kind: "box", centerM: [0, 0], sizeM: [10, 6], headingRad: 0 },
      }),
    );
    const ticks = Array.from({ length: 120 }, (_, k) => [
      car("lead", k * 0.8),
      car("a", k),
      ...(k < 60 ? [car("b", 10 + k)] : []),
      car("c", k < 55 ? k : 110 - k),
    ]);
    const plain = run(bs, ticks);
    expect(plain.transitions.length).toBeGreaterThan(10);
    expect(plain.transitions.some((t) => t.detail === "gone")).toBe(true);
    expect(new Set(plain.transitions.map((t) => t.bubbleName))).toEqual(new Set(["fixed", "moving"]));
    expect(run(bs, ticks, true)).toEqual(plain);
  });

  it("mints learner ids at control and stops capturing when they run out", () => {
    const bs = prepareBubbles([bubble({ actor: { kind: "agent", interface: {} as never } })], NO_NETWORK, DT, {
      learnerIdsPerBubble: 2,
    });
    const { transitions } = run(bs, [[car("x", 50), car("y", 50), car("z", 50)]]);
    expect(transitions.filter((t) => t.kind === "entered").map((t) => t.agentId)).toEqual(["b-0", "b-1"]);
    expect(transitions.filter((t) => t.kind === "airlockEntered").map((t) => t.agentId)).toEqual([null, null]);
  });

  it("does not hand a vehicle to a provider that already drives it", () => {
    const bs = prep(bubble({ actor: { kind: "traffic", provider: "local" } }));
    expect(run(bs, [[car("v", 50)]]).transitions).toEqual([]);
    expect(run(bs, [[car("v", 50, 0, "history")]]).transitions.map((t) => t.kind)).toEqual([
      "airlockEntered",
      "entered",
    ]);
  });
});
