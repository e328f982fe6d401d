/**
 * Nearest-lane queries on minicity: ≥ 1,000,000 per second. Query points are where vehicles are —
 * on lanes, jittered by up to ±4 m — which is how the simulation localises vehicles every step; a
 * second figure uses points uniform over the map's bounding box (many far from any road).
 */
import { join } from "node:path";
import { buildRoadNetwork } from "../core/road/RoadNetwork.js";
import { loadSumoNet } from "../core/road/sumo/loadSumoNet.js";
import { packageRoot } from "../compose/packageRoot.js";
import { Rng } from "../core/random/Rng.js";
import { result, type Benchmark } from "./BenchResult.js";
import { MINICITY } from "./mapImportBenchmark.js";

export const nearestLaneBenchmark: Benchmark = {
  name: "nearest-lane",
  run() {
    const net = buildRoadNetwork(loadSumoNet(join(packageRoot(), MINICITY)));
    const index = net.spatialIndex();
    const n = 200_000;
    const rng = new Rng(42);
    const rand = () => rng.next();
    const onRoad = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      const lane = net.laneList[Math.floor(rand() * net.laneList.length)];
      const p = lane.toWorld(rand() * lane.centreline.length, 0);
      onRoad[2 * i] = p.x + (rand() - 0.5) * 8;
      onRoad[2 * i + 1] = p.y + (rand() - 0.5) * 8;
    }
    const [minX, minY, maxX, maxY] = net.bounds();
    const uniform = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      uniform[2 * i] = minX + rand() * (maxX - minX);
      uniform[2 * i + 1] = minY + rand() * (maxY - minY);
    }
    const rate = (pts: Float64Array, withCoords: boolean) => {
      let sink = 0;
      let best = 0;
      for (let round = 0; round < 5; round++) {
        const t0 = performance.now();
        if (withCoords) for (let i = 0; i < n; i++) sink += index.nearest(pts[2 * i], pts[2 * i + 1])!.s;
        else for (let i = 0; i < n; i++) sink += index.nearestSegment(pts[2 * i], pts[2 * i + 1]);
        const perS = n / ((performance.now() - t0) / 1000);
        if (perS > best) best = perS;
      }
      if (sink === 0.5) console.log(""); // keep the work observable to the optimiser
      return best;
    };
    return [
      result(
        "nearestLaneQueriesPerS",
        "nearest lane + (s,t) on minicity, points near lanes",
        rate(onRoad, true),
        "queries/s",
        { op: ">=", value: 1_000_000 },
        `${net.laneList.length} lanes incl. internal`,
      ),
      result(
        "nearestSegmentQueriesPerS",
        "nearest lane segment only (allocation-free), near lanes",
        rate(onRoad, false),
        "queries/s",
      ),
      result(
        "nearestLaneUniformPerS",
        "nearest lane + (s,t), points uniform over the bounding box",
        rate(uniform, true),
        "queries/s",
      ),
    ];
  },
};
