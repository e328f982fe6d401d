/**
 * Jam resolution (Jams.ts): a vehicle held at the head of a jam for `teleportAfterS` goes back on
 * further along its route; the queue behind it is never teleported; every teleport is logged, kept
 * in snapshots, and counted by runTraffic without breaking the trip statistics.
 */
import { describe, expect, it } from "vitest";
import { generateMap } from "../../../core/road/generators/mapGenerators.js";
import { buildRoadNetwork } from "../../../core/road/RoadNetwork.js";
import type { Trip } from "../../../spec/CompiledScenario.js";
import { FrameBuilder } from "../FrameBuilder.js";
import { LocalTrafficProvider } from "../LocalTrafficProvider.js";
import { makeSetup, route } from "../testing.js";
import type { LocalTrafficOptions } from "../LocalTrafficOptions.js";

const city = buildRoadNetwork(generateMap("intersection", { lanes: 1, signals: true }));
/** The centre's light stuck at red for everyone: the way west → east is shut for good. */
const ALL_RED = new Map([["centre", "r".repeat(12)]]);

function trip(name: string, departS: number): Trip {
  return {
    name,
    route: route(["west_in", "east_out"], 0, 0),
    departS,
    vehicle: "passenger",
    driver: "default",
    departSpeedMps: null,
  };
}

/** Runs `seconds` with the light stuck at red; returns the provider and, per vehicle, the ticks it was seen on each road. */
function runRed(seconds: number, options: LocalTrafficOptions) {
  const setup = makeSetup(city, { trips: [trip("a", 0), trip("b", 2), trip("c", 4)] });
  const p = new LocalTrafficProvider(options);
  p.setup(setup);
  const frame = new FrameBuilder(setup.vehicleTypes, p.name).build(0, 0.1, [], ALL_RED);
  const firstOn = new Map<string, number>();
  for (let tick = 1; tick <= seconds * 10; tick++) {
    p.step({ tick, dtS: 0.1, frame, signals: ALL_RED });
    for (const v of p.vehicles()) {
      const key = `${v.id}:${city.lane(v.laneId)!.road.id}`;
      if (!firstOn.has(key)) firstOn.set(key, tick);
    }
  }
  return { p, firstOn };
}

describe("jam resolution", () => {
  it("teleports the head of a jam past what holds it after teleportAfterS; the queue behind follows on its own", () => {
    const { p, firstOn } = runRed(240, { teleportAfterS: 60 });
    // a stood at the line from about 11 s; 60 s later it was put on east_out.
    expect(p.teleports.map((t) => [t.id, t.laneId.startsWith("west_in_"), t.toRoadId])).toEqual([
      ["a", true, "east_out"],
      ["b", true, "east_out"],
      ["c", true, "east_out"],
    ]);
    expect(p.teleports[0].timeS).toBeGreaterThan(65);
    const [a, b, c] = p.teleports;
    expect(a.standS).toBeCloseTo(60, 6);
    // b stood queued behind a (not teleported) until a left, then stood at the line itself for 60 s.
    expect(b.timeS - a.timeS).toBeGreaterThan(60);
    expect(c.timeS - b.timeS).toBeGreaterThan(60);
    // Each is back on the road right away (east_out is empty), on its route's next road.
    expect(firstOn.get("a:east_out")).toBe(Math.round(a.timeS * 10));
    // All three have driven east_out to its end and arrived.
    expect(p.vehicles()).toEqual([]);
  });

  it("never teleports with teleportAfterS 0: the jam stands", () => {
    const { p } = runRed(240, { teleportAfterS: 0 });
    expect(p.teleports).toEqual([]);
    expect(p.vehicles().map((v) => [v.id, v.laneId, v.speedMps < 0.01])).toEqual([
      ["a", "west_in_0", true],
      ["b", "west_in_0", true],
      ["c", "west_in_0", true],
    ]);
  });

  it("keeps teleports and vehicles waiting to go back on in snapshots", () => {
    const { p } = runRed(75, { teleportAfterS: 60 });
    expect(p.teleports.length).toBe(1);
    const snap = p.snapshot() as { teleports: unknown[]; teleporting: unknown[] };
    expect(snap.teleports).toHaveLength(1);
    const q = new LocalTrafficProvider({ teleportAfterS: 60 });
    q.setup(makeSetup(city, { trips: [trip("a", 0), trip("b", 2), trip("c", 4)] }));
    q.restore(JSON.parse(JSON.stringify(snap)));
    expect(q.teleports).toEqual(p.teleports);
    expect(JSON.stringify(q.vehicles())).toBe(JSON.stringify(p.vehicles()));
  });
});
