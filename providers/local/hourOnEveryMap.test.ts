/**
 * One simulated hour on every SMARTS fixture map (issue 4's realism test): random trips in the
 * manner of SUMO's `randomTrips.py` — a trip every `period` seconds between random roads, routed by
 * the shortest path — run by the local provider through `runTraffic`. No two traffic vehicles may
 * collide, and no vehicle may stand still for 300 s (SUMO's default time-to-teleport; `runTraffic`
 * reports such a vehicle as `stuck`). The provider teleports the head of a jam that has stood for
 * 300 s, as SUMO does (jams.ts) — a deadlock the right-of-way rules did not prevent; those must stay
 * rare, and each is reported.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildRoadNetwork } from "../../core/road/RoadNetwork.js";
import { loadSumoNet } from "../../core/road/sumo/loadSumoNet.js";
import { runTraffic, type TrafficStatistics } from "./runTraffic.js";
import { randomTrips } from "./testing.js";

const SMARTS = join(import.meta.dirname, "../../maps/smarts");
const HOUR_S = 3600;

const maps = readdirSync(SMARTS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name);

/**
 * Maps where traffic vehicles still touch in the hour, with why — skipped here so CI stays
 * meaningful, listed so they are not forgotten (issue 4 stays open until this is empty):
 */
const KNOWN_COLLISIONS: Record<string, string> = {};

/** Each map's hour, run once for both tests. */
const hours = new Map<string, { trips: number; s: TrafficStatistics }>();
function hourOn(name: string): { trips: number; s: TrafficStatistics } {
  let h = hours.get(name);
  if (h === undefined) {
    const net = buildRoadNetwork(loadSumoNet(join(SMARTS, name, "map.net.xml")));
    // About one trip per second per 30 lane-kilometres, between one every 2 s and one every 6 s.
    const laneKm = net.normalRoads().reduce((sum, r) => sum + r.lengthM * r.lanes.length, 0) / 1000;
    const periodS = Math.min(6, Math.max(2, 30 / laneKm));
    const trips = randomTrips(net, periodS, HOUR_S, 7);
    h = { trips: trips.length, s: runTraffic({ network: net, traffic: { trips }, endS: HOUR_S, dtS: 0.1, seed: 1 }) };
    hours.set(name, h);
  }
  return h;
}

describe("one simulated hour on every SMARTS map", () => {
  it.each(maps)(
    "%s: random trips for an hour — every trip gets in and through, no vehicle stuck, deadlocks met are rare and reported",
    (name) => {
      const { trips, s } = hourOn(name);
      expect(s.inserted).toBeGreaterThan(0.9 * trips);
      expect(s.arrived).toBeGreaterThan(0.8 * trips);
      expect(s.stuckIds).toEqual([]);
      expect(s.stuck).toBe(0);
      // Deadlocks the right-of-way rules do not prevent are resolved by teleports (Jams.ts): at most
      // one trip in a hundred, and each one listed.
      expect(s.teleports).toBeLessThanOrEqual(Math.ceil(trips / 100));
      expect(s.teleportList).toHaveLength(Math.min(10, s.teleports));
      expect(s.removed).toBe(0);
    },
    600_000,
  );

  for (const [name, why] of Object.entries(KNOWN_COLLISIONS))
    it.skip(`${name}: no collisions — known failure: ${why}`, () => {});

  it.each(maps.filter((m) => !(m in KNOWN_COLLISIONS)))(
    "%s: random trips for an hour — no collisions",
    (name) => {
      const { s } = hourOn(name);
      expect(s.collisionPairs).toEqual([]);
      expect(s.collisions).toBe(0);
    },
    600_000,
  );
});
