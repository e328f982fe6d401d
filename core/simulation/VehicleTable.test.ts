import { describe, expect, it } from "vitest";
import { vehicleTypes } from "../../spec/vehicleTypes.js";
import { PhysicsWorld } from "../physics/PhysicsWorld.js";
import type { SimEvent } from "./SimEvent.js";
import type { HandoverVehicle, TrafficProvider } from "./TrafficProvider.js";
import { VehicleTable, type VehicleOwner } from "./VehicleTable.js";
import { compileScenario } from "../../scenario-dsl/index.js";
import { AgentVehicle } from "./AgentVehicle.js";

/** A provider that records what it is asked, accepting vehicles while `accepts` is true. */
function fakeProvider(name: string, accepts: boolean) {
  const calls: string[] = [];
  const provider: TrafficProvider = {
    name,
    setup: () => {},
    step: () => {},
    vehicles: () => [],
    canAccept: (v: HandoverVehicle) => {
      calls.push(`canAccept ${v.id} route=${v.routeRoadIds.join("+")}`);
      return accepts;
    },
    add: (v: HandoverVehicle) => void calls.push(`add ${v.id} at ${v.x},${v.y} ${v.speedMps} m/s`),
    release: (id: string) => void calls.push(`release ${id}`),
    snapshot: () => null,
    restore: () => {},
    teardown: () => {},
  };
  return { provider, calls };
}

const compiled = (() => {
  const r = compileScenario(
    `scenario "t" { map straight { lanes 2  length 200 m }  agent a1 { mission main:0@10 -> main:0@190  action direct } }`,
    "/tmp/t.scn",
  );
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r;
})();

/** An agent vehicle (direct action space: a kinematic body) on the test road. */
function agentVehicle(id: string): AgentVehicle {
  const spec = { ...compiled.scenario.agents[0], name: id };
  return new AgentVehicle(spec, vehicleTypes.passenger, compiled.network, 0.1, () => ({ x: 10, y: 0 }));
}

function table(providers: TrafficProvider[]) {
  const world = new PhysicsWorld();
  const events: SimEvent[] = [];
  const t = new VehicleTable({ world: () => world, tick: () => 7, providers, pushEvent: (e) => void events.push(e) });
  return { t, events, world };
}

const car = { x: 10, y: 2, headingRad: 0, speedMps: 8, accelerationMps2: 0, laneId: "main_0" };

describe("VehicleTable", () => {
  it("keeps one owner per vehicle: a second add of the same id names both owners", () => {
    const a = fakeProvider("a", true);
    const b = fakeProvider("b", true);
    const { t, events } = table([a.provider, b.provider]);
    t.add("v1", vehicleTypes.passenger, { kind: "provider", provider: a.provider }, car);
    expect(() => t.add("v1", vehicleTypes.passenger, { kind: "provider", provider: b.provider }, car)).toThrow(
      'vehicle "v1" is already owned by "a"; "b" cannot own it too',
    );
    expect(t.ownerOf("v1")).toBe("a");
    expect(events).toEqual([{ kind: "vehicleAdded", vehicleId: "v1", owner: "a" }]);
  });

  it("moves a vehicle between providers only when the taker accepts, keeping its body", async () => {
    const a = fakeProvider("a", true);
    const no = fakeProvider("no", false);
    const yes = fakeProvider("yes", true);
    const { t, events } = table([a.provider, no.provider, yes.provider]);
    const rec = t.add("v1", vehicleTypes.passenger, { kind: "provider", provider: a.provider }, car);
    const handle = rec.handle;
    expect(await t.transfer(rec, { kind: "provider", name: "no" })).toBe(false);
    expect(rec.owner).toBe("a");
    expect(a.calls).toEqual([]);
    expect(await t.transfer(rec, { kind: "provider", name: "yes" })).toBe(true);
    expect(a.calls).toEqual(["release v1"]);
    expect(yes.calls).toEqual(["canAccept v1 route=", "add v1 at 10,2 8 m/s"]);
    expect(rec.owner).toBe("yes");
    expect(rec.handle).toBe(handle);
    expect(events.at(-1)).toEqual({ kind: "ownerChanged", vehicleId: "v1", from: "a", to: "yes" });
    await expect(t.transfer(rec, { kind: "provider", name: "gone" })).rejects.toThrow(
      'no traffic provider "gone" in this simulation',
    );
  });

  it("gives an agent a provider's vehicle, and the vehicle back to the first provider that accepts it", async () => {
    const no = fakeProvider("no", false);
    const yes = fakeProvider("yes", true);
    const { t, events } = table([no.provider, yes.provider]);
    const rec = t.add("v1", vehicleTypes.passenger, { kind: "provider", provider: no.provider }, car);
    const agent = agentVehicle("v1");
    await t.transfer(rec, { kind: "agent", agent, owner: "social:s1", role: "social" });
    expect(no.calls).toEqual(["release v1"]);
    expect([agent.state.x, agent.state.y, agent.state.speedMps]).toEqual([10, 2, 8]);
    expect(rec.handle).toBe(agent.handle);
    expect([rec.owner, rec.agent, rec.provider]).toEqual(["social:s1", agent, null]);
    await expect(t.transfer(rec, { kind: "agent", agent, owner: "agent:x", role: "learning" })).rejects.toThrow(
      'vehicle "v1" is driven by "social:s1", not a traffic provider',
    );
    expect(await t.transfer(rec, { kind: "traffic", routeRoadIds: ["main", "exit"] })).toBe(true);
    expect(no.calls).toEqual(["release v1", "canAccept v1 route=main+exit"]);
    expect(yes.calls).toEqual(["canAccept v1 route=main+exit", "add v1 at 10,2 8 m/s"]);
    expect(rec.owner).toBe("yes");
    expect(rec.handle).not.toBe(agent.handle);
    expect(events.filter((e) => e.kind === "ownerChanged")).toEqual([
      { kind: "ownerChanged", vehicleId: "v1", from: "no", to: "social:s1" },
      { kind: "ownerChanged", vehicleId: "v1", from: "social:s1", to: "yes" },
    ]);
  });

  it("removes a released vehicle no provider accepts", async () => {
    const no = fakeProvider("no", false);
    const { t, events, world } = table([no.provider]);
    const agent = agentVehicle("a1");
    agent.spawn(world, car.x, car.y, car.headingRad, car.speedMps, 0);
    const owner: VehicleOwner = { kind: "agent", name: "agent:a1", agent, role: "learning" };
    const rec = t.add("a1", vehicleTypes.passenger, owner, car);
    expect(await t.transfer(rec, { kind: "traffic", routeRoadIds: [] })).toBe(false);
    expect(t.get("a1")).toBeUndefined();
    expect(events.at(-1)).toEqual({ kind: "vehicleRemoved", vehicleId: "a1", owner: "agent:a1", reason: "released" });
  });

  it("returns to a snapshot with the owners resolved again", () => {
    const a = fakeProvider("a", true);
    const { t } = table([a.provider]);
    t.add("v1", vehicleTypes.passenger, { kind: "provider", provider: a.provider }, car);
    t.add("v2", vehicleTypes.truck, { kind: "provider", provider: a.provider }, { ...car, x: 40 });
    const snap = structuredClone(t.snapshot());
    t.remove(t.require("v1"), "arrived");
    t.add("v3", vehicleTypes.passenger, { kind: "provider", provider: a.provider }, car);
    t.restore(snap, {
      type: (v) => (v.typeId === "truck" ? vehicleTypes.truck : vehicleTypes.passenger),
      owner: () => ({ kind: "provider", provider: a.provider }),
    });
    expect(t.list.map((r) => [r.id, r.owner, r.boxId, r.x])).toEqual([
      ["v1", "a", 0, 10],
      ["v2", "a", 1, 40],
    ]);
    expect(t.byBox(1)?.id).toBe("v2");
    expect(t.add("v4", vehicleTypes.passenger, { kind: "provider", provider: a.provider }, car).boxId).toBe(2);
  });
});
