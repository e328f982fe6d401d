/**
 * Regressions from minicity's junction clusters under the hour test's random trips (one every 2 s):
 *
 * - 4265060 / 22758491 (two pedestrian-crossing signals, two priority junctions and a T within 40 m)
 *   deadlocked within 600 s — vehicles standing inside one junction held the foe links of the next
 *   for ever (their claims have no window end), though their bodies never met the waiting vehicle's
 *   path (opposite lanes passing close), or though they were the waiting vehicle's own followers
 *   (swept foes between links of one stream). Before that fix 28 vehicles stood longer than 150 s.
 * - 394502510 / 24959512 (two priority junctions 7 m apart, one road's two directions between them)
 *   deadlocked at 936 s: a truck too fast to stop before the first was stopped at the second, right
 *   behind it; its claim on the first still ended when it would have driven through, so a car going
 *   the other way entered the second counting on that — and each then stood with its rear across
 *   the other's turn. A vehicle stopped right behind a junction now holds it (JunctionArbiter's
 *   `hold`). Before that fix the two stood for the rest of the hour and 197 vehicles queued behind.
 * - A bus or truck turning right at 24959505 swung its body over the stop line of the pedestrian
 *   crossing 390539247 just behind it, touching a car waiting there (3 of the hour's 4 contacts):
 *   such neighbouring stop lines are now a link's near lanes, and a long vehicle waits while someone
 *   stands there within its reach.
 * - Reported headings where SUMO's junction shapes fold back on themselves (pedestrian crossings
 *   whose 0.4–2 m internal lane points against the road): the chord of the path there had its ends
 *   nearly on top of each other, and cars and buses were reported across their lanes (up to 91° off),
 *   touching the vehicles beside them.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildRoadNetwork } from "../../core/road/RoadNetwork.js";
import { loadSumoNet } from "../../core/road/sumo/loadSumoNet.js";
import { runTraffic } from "./runTraffic.js";
import { LocalNetwork } from "./LocalNetwork.js";
import { makeSetup, randomTrips, route, Runner, vehicleAt } from "./testing.js";

/** The right-of-way rules alone, without jam resolution (Jams.ts) to clear what they miss. */
const NO_TELEPORTS = { teleportAfterS: 0 };

const net = buildRoadNetwork(loadSumoNet(join(import.meta.dirname, "../../maps/smarts/minicity/map.net.xml")));

/** Angle between two headings, 0 … π. */
function angleBetween(a: number, b: number): number {
  const d = Math.abs(a - b) % (2 * Math.PI);
  return d > Math.PI ? 2 * Math.PI - d : d;
}

describe("junction clusters", () => {
  it("minicity's 4265060 cluster does not deadlock in 600 s of random trips", () => {
    const s = runTraffic({
      network: net,
      traffic: { trips: randomTrips(net, 2, 600, 7) },
      endS: 600,
      dtS: 0.1,
      seed: 1,
      stuckAfterS: 150,
      provider: NO_TELEPORTS,
    });
    expect(s.stuckIds).toEqual([]);
  }, 60_000);

  it("a vehicle forced into a junction and stopped right behind it holds that junction (394502510 / 24959512, 1,200 s)", () => {
    const s = runTraffic({
      network: net,
      traffic: { trips: randomTrips(net, 2, 1200, 7) },
      endS: 1200,
      dtS: 0.1,
      seed: 1,
      stuckAfterS: 150,
      provider: NO_TELEPORTS,
    });
    expect(s.inserted).toBe(600);
    expect(s.stuckIds).toEqual([]);
    expect(s.longestStandS).toBeLessThan(150);
  }, 60_000);

  it("vehicles on a path that folds back on itself are reported along the road, not across it", () => {
    // The folds: short lanes pointing against both the lane before and the lane after them.
    const folds = new Map<string, number>();
    for (const lane of net.laneList) {
      const c = lane.centreline;
      if (c.length > 2.5 || lane.predecessors.length !== 1 || lane.successors.length !== 1) continue;
      const before = lane.predecessors[0].centreline;
      const after = lane.successors[0].centreline;
      if (before.length < 5) continue;
      const road = before.segmentHeading(before.size - 2);
      if (angleBetween(c.segmentHeading(0), road) < (5 * Math.PI) / 6) continue;
      if (angleBetween(after.segmentHeading(0), road) > Math.PI / 2) continue;
      folds.set(lane.id, road);
    }
    expect(folds.size).toBeGreaterThanOrEqual(10);
    const r = new Runner(makeSetup(net, { trips: randomTrips(net, 2, 1000, 7) }), NO_TELEPORTS);
    let checked = 0;
    let worst = 0;
    r.run(10_000, () => {
      for (const v of r.vehicles) {
        const road = folds.get(v.laneId);
        if (road === undefined) continue;
        checked++;
        const a = angleBetween(v.headingRad, road);
        worst = Math.max(worst, a);
      }
    });
    expect(checked).toBeGreaterThan(100);
    expect(worst).toBeLessThan(Math.PI / 6);
  }, 120_000);

  it("a bus rounding a sharp corner of its road keeps its body inside the corner, off the oncoming lane", () => {
    // -204343618 turns 95° at a single polyline vertex. With the body centred on the centreline and
    // headed along the local direction, its ends stuck out 2.5 m over the outside of the corner — over
    // the oncoming lane, where a car stands here. With its bumpers on the path it cuts the corner.
    for (const carS of [30, 31, 33]) {
      const r = new Runner(
        makeSetup(net, {
          trips: [
            {
              name: "bus",
              route: route(["-4212257#2", "-204343618", "4212257#1"], 0, 0),
              departS: 0,
              vehicle: "bus",
              driver: "default",
              departSpeedMps: null,
            },
          ],
        }),
        NO_TELEPORTS,
      );
      r.extra = [vehicleAt(net, "204343618_0", carS, { id: "car" })];
      // The corner: the lane's second vertex, where it turns from west to north.
      const c = net.lane("-204343618_0")!.centreline;
      const cornerX = c.xs[1],
        cornerY = c.ys[1];
      let nearest = Infinity;
      r.run(150, () => {
        expect(r.overlaps()).toEqual([]);
        const bus = r.vehicle("bus");
        if (bus?.laneId === "-204343618_0") nearest = Math.min(nearest, Math.hypot(bus.x - cornerX, bus.y - cornerY));
      });
      // It went round the corner — its centre passing inside it, as a body with both ends on the road does.
      expect(nearest).toBeGreaterThan(1);
      expect(nearest).toBeLessThan(4);
      expect(r.vehicle("bus")).toBeUndefined();
    }
  });

  it("does not insert a car in front of a bus still turning onto its road across a 0.2 m piece of road and a fold", () => {
    // The bus starts with its front at the end of 172887471#1 (0.2 m; its body back over the lane
    // before), turns through :24959504_12_0 onto -69844662#1 (0.2 m), crosses the fold
    // :390539244_0_0 and reaches -69844662#0, where the car is due at 4 s — while the bus is in the
    // turn, right ahead of its front, at an angle to it. Only connectors straight into the lane were
    // checked before.
    const r = new Runner(
      makeSetup(net, {
        trips: [
          {
            name: "bus",
            route: route(["172887471#1", "-69844662#1", "-69844662#0"], 0, 0),
            departS: 0,
            vehicle: "bus",
            driver: "default",
            departSpeedMps: null,
          },
          {
            name: "car",
            route: route(["-69844662#0"], 0, 0),
            departS: 4,
            vehicle: "passenger",
            driver: "default",
            departSpeedMps: null,
          },
        ],
      }),
      NO_TELEPORTS,
    );
    let carIn = -1;
    r.run(150, () => {
      expect(r.overlaps()).toEqual([]);
      if (carIn < 0 && r.vehicle("car")) carIn = r.tick;
    });
    expect(carIn).toBeGreaterThan(45);
  });

  it("finds the stop lines of neighbouring junctions a bus's swing reaches over, and nothing of the link's own stream", () => {
    const ln = new LocalNetwork(net);
    const near = (via: string) => ln.links.find((l) => l.first.id === via)!.nearLanes.map((l) => l.id);
    expect(near(":24959505_7_0")).toContain("216568140#0_1");
    const all = ln.links.filter((l) => l.nearLanes.length > 0);
    // Tight spots in the whole town (of its 1,486 links), none in the link's own junction.
    expect(all.length).toBeGreaterThan(5);
    expect(all.length).toBeLessThan(100);
    for (const l of all) for (const lane of l.nearLanes) expect(lane.road.toJunction).not.toBe(l.from.road.toJunction);
  });

  it("a bus waits to turn right while a car stands at the crossing's stop line within its swing, then turns", () => {
    const trip = (name: string, roads: string[], lane: number, departS: number, vehicle: string) => ({
      name,
      route: route(roads, lane, 0),
      departS,
      vehicle,
      driver: "default",
      departSpeedMps: null,
    });
    const r = new Runner(
      makeSetup(net, {
        trips: [
          trip("car", ["216568140#0", "216568140#1"], 1, 0, "passenger"),
          trip("bus", ["204318934#0", "204318934#1", "-216568140#1", "-216568140#0"], 0, 15, "bus"),
        ],
      }),
      NO_TELEPORTS,
    );
    // The crossing's light held red eastbound (the car waits at its line), green westbound and for the bus's right turn.
    r.signalOverride = new Map([
      ["390539247", "Grr"],
      ["24959505", "GGGGGGGGGGGGG"],
    ]);
    r.run(600, () => expect(r.overlaps()).toEqual([]));
    expect(r.vehicle("car")!.laneId).toBe("216568140#0_1");
    expect(r.vehicle("car")!.speedMps).toBeLessThan(0.1);
    expect(r.vehicle("bus")!.laneId).toMatch(/^204318934#[01]_0$/);
    expect(r.vehicle("bus")!.speedMps).toBeLessThan(0.1);
    // Green for the car: it leaves, then the bus turns.
    r.signalOverride = new Map([
      ["390539247", "GGG"],
      ["24959505", "GGGGGGGGGGGGG"],
    ]);
    let turned = false;
    r.run(300, () => {
      expect(r.overlaps()).toEqual([]);
      if (r.vehicle("bus")?.laneId.startsWith("-216568140#0")) turned = true;
    });
    expect(turned).toBe(true);
  });

  it("a car driving up to that line while a bus is already in the turn stops short of the bus's swing", () => {
    const trip = (name: string, roads: string[], lane: number, departS: number, vehicle: string) => ({
      name,
      route: route(roads, lane, 0),
      departS,
      vehicle,
      driver: "default",
      departSpeedMps: null,
    });
    const r = new Runner(
      makeSetup(net, {
        trips: [
          trip("bus", ["204318934#0", "204318934#1", "-216568140#1", "-216568140#0"], 0, 0, "bus"),
          trip("car", ["216568140#0", "216568140#1"], 1, 3, "passenger"),
        ],
      }),
      NO_TELEPORTS,
    );
    r.signalOverride = new Map([
      ["390539247", "Grr"],
      ["24959505", "GGGGGGGGGGGGG"],
    ]);
    // The bus has just entered the turn (the car is still 18 m from its line) when an agent stops
    // just past it: the bus stands in the turn. Without the swing rule the car drives up to its line
    // and the bus, going on, swings over it.
    r.run(35);
    expect(r.vehicle("bus")!.laneId).toBe(":24959505_7_0");
    r.extra = [vehicleAt(net, "-216568140#0_0", 6, { id: "agent" })];
    let closest = Infinity;
    r.run(85, () => {
      expect(r.overlaps()).toEqual([]);
      const car = r.vehicle("car")!;
      const line = net.lane(car.laneId)!;
      if (car.laneId === "216568140#0_1") closest = Math.min(closest, line.lengthM - line.toLane(car.x, car.y).s);
    });
    expect(r.vehicle("bus")!.speedMps).toBeLessThan(0.1);
    expect(closest).toBeGreaterThan(5);
    r.extra = [];
    r.run(100, () => expect(r.overlaps()).toEqual([]));
    expect(r.vehicle("bus")).toBeUndefined();
  });

  it("the bus waits just the same for an agent standing at that line, then turns once it has gone", () => {
    const r = new Runner(
      makeSetup(net, {
        trips: [
          {
            name: "bus",
            route: route(["204318934#0", "204318934#1", "-216568140#1", "-216568140#0"], 0, 0),
            departS: 0,
            vehicle: "bus",
            driver: "default",
            departSpeedMps: null,
          },
        ],
      }),
      NO_TELEPORTS,
    );
    const line = net.lane("216568140#0_1")!;
    r.extra = [vehicleAt(net, line.id, line.lengthM - 3, { id: "agent" })];
    r.signalOverride = new Map([
      ["390539247", "Grr"],
      ["24959505", "GGGGGGGGGGGGG"],
    ]);
    r.run(600, () => expect(r.overlaps()).toEqual([]));
    expect(r.vehicle("bus")!.laneId).toMatch(/^204318934#[01]_0$/);
    expect(r.vehicle("bus")!.speedMps).toBeLessThan(0.1);
    r.extra = [];
    let turned = false;
    r.run(300, () => {
      if (r.vehicle("bus")?.laneId.startsWith("-216568140#0")) turned = true;
    });
    expect(turned).toBe(true);
  });
});
