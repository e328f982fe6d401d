/**
 * Smoke runs on every generated map and every SMARTS map: random-route flows for 600 steps — no
 * exceptions, no two vehicles overlapping, everyone on a lane, traffic keeps moving.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateMap, mapGenerators } from "../../core/road/generators/mapGenerators.js";
import { buildRoadNetwork, type RoadNetwork } from "../../core/road/RoadNetwork.js";
import { loadSumoNet } from "../../core/road/sumo/loadSumoNet.js";
import { flow, gradeSeparatedLanes, makeSetup, Runner } from "./testing.js";

const SMARTS = join(import.meta.dirname, "../../maps/smarts");

const maps: [string, () => RoadNetwork][] = [
  ...[...mapGenerators.keys()].map((g): [string, () => RoadNetwork] => [
    g,
    () => buildRoadNetwork(generateMap(g, g === "intersection" ? { signals: true } : {})),
  ]),
  ...readdirSync(SMARTS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d): [string, () => RoadNetwork] => [
      d.name,
      () => buildRoadNetwork(loadSumoNet(join(SMARTS, d.name, "map.net.xml"))),
    ]),
];

describe("local traffic on every map", () => {
  it.each(maps)("%s: 600 steps of random traffic", (_name, load) => {
    const net = load();
    const lanes = net.laneList.length;
    const rate = Math.min(6000, 400 + 40 * lanes);
    const r = new Runner(
      makeSetup(
        net,
        {
          flows: [
            flow({ name: "a", spawn: { kind: "rate", ratePerHour: rate } }),
            flow({
              name: "b",
              vehicles: [
                { name: "passenger", weight: 4 },
                { name: "truck", weight: 1 },
              ],
              spawn: { kind: "rate", ratePerHour: rate / 2 },
            }),
          ],
        },
        { seed: 3 },
      ),
    );
    let speedSum = 0;
    let samples = 0;
    let maxVehicles = 0;
    const overlaps = new Set<string>();
    const bridges = gradeSeparatedLanes(net); // roads crossing without a junction overlap in 2-D
    r.run(600, () => {
      for (const pair of r.overlaps(bridges)) overlaps.add(pair);
      maxVehicles = Math.max(maxVehicles, r.vehicles.length);
      for (const v of r.vehicles) {
        speedSum += v.speedMps;
        samples++;
        const lane = net.lane(v.laneId)!;
        expect(lane, `${v.id} on lane ${v.laneId}`).toBeDefined();
        // On its lane — or, changing lanes, between it and the neighbour it comes from.
        // A vehicle starting a lane change is reported on the lane it goes to while still on the one it
        // leaves: about a lane width off — more where lanes part (figure_eight's gneE26: 3.7 m apart).
        expect(lane.toLane(v.x, v.y).distanceM, `${v.id} off its lane ${v.laneId}`).toBeLessThan(
          1.25 * lane.widthM + 0.5,
        );
        expect(net.nearestLane(v.x, v.y)!.distanceM, `${v.id} off the road`).toBeLessThan(2);
        expect(Number.isFinite(v.x) && Number.isFinite(v.y) && Number.isFinite(v.headingRad)).toBe(true);
      }
    });
    expect([...overlaps]).toEqual([]);
    expect(maxVehicles).toBeGreaterThan(0);
    expect(speedSum / samples).toBeGreaterThan(2);
  });
});
