/**
 * The outline polygon of a compiled bubble zone (DESIGN.md §6):
 * - `road`: the span `[fromM, fromM + lengthM]` across all of the road's lanes — the right edge of
 *   lane 0 forward, then the left edge of the leftmost lane back, sampled every ≤ 2 m so curves
 *   are followed. Offsets are along the road; each lane's own length is scaled to the road's.
 * - `box`: its four corners (centre, size, heading).
 * - `polygon`: its points.
 * For a following bubble box and polygon points are relative to the target (x forward, y left),
 * and the caller places them each step; road zones cannot follow (the DSL refuses them).
 */
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import type { Zone } from "../spec/CompiledScenario.js";

/** Largest spacing of road-span outline samples (m). */
const ROAD_SAMPLE_M = 2;

/** The zone's outline points (world metres, or target-relative for a following bubble). */
export function zoneOutline(zone: Zone, network: RoadNetwork, bubbleName: string): [number, number][] {
  switch (zone.kind) {
    case "polygon":
      return zone.pointsM.map(([x, y]) => [x, y]);
    case "box": {
      const [cx, cy] = zone.centerM;
      const hx = zone.sizeM[0] / 2,
        hy = zone.sizeM[1] / 2;
      const c = Math.cos(zone.headingRad),
        s = Math.sin(zone.headingRad);
      return [
        [-hx, -hy],
        [hx, -hy],
        [hx, hy],
        [-hx, hy],
      ].map(([x, y]) => [cx + c * x - s * y, cy + s * x + c * y]);
    }
    case "road": {
      const road = network.road(zone.roadId);
      if (!road) throw new Error(`bubble "${bubbleName}": road "${zone.roadId}" is not in the map`);
      const lanes = [...road.lanes].sort((a, b) => a.index - b.index);
      const right = lanes[0];
      const left = lanes[lanes.length - 1];
      const roadLen = road.lengthM;
      const n = Math.max(1, Math.ceil(zone.lengthM / ROAD_SAMPLE_M));
      const out: [number, number][] = [];
      const at = (lane: typeof right, k: number, side: number): [number, number] => {
        const s = ((zone.fromM + (zone.lengthM * k) / n) / roadLen) * lane.lengthM;
        const p = lane.toWorld(Math.min(Math.max(s, 0), lane.lengthM), (side * lane.widthM) / 2);
        return [p.x, p.y];
      };
      for (let k = 0; k <= n; k++) out.push(at(right, k, -1));
      for (let k = n; k >= 0; k--) out.push(at(left, k, 1));
      return out;
    }
  }
}
