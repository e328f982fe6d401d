/** Road-level reachability through lane changes and connections, for connectivity tests. */
import type { RoadNetworkSpec } from "../RoadNetworkSpec.js";

/**
 * Ids of the normal roads a vehicle starting anywhere on road `fromRoadId` can reach, itself
 * included: it may change to an adjacent lane of a normal road and follow any connection
 * (through its `via` lane). Internal roads are traversed but not listed.
 */
export function reachableRoads(spec: RoadNetworkSpec, fromRoadId: string): Set<string> {
  const laneRoad = new Map<string, string>();
  const neighbours = new Map<string, string[]>();
  const edge = (a: string, b: string): void => {
    const list = neighbours.get(a) ?? [];
    list.push(b);
    neighbours.set(a, list);
  };
  const normal = new Set<string>();
  for (const road of spec.roads) {
    if (road.kind === "normal") normal.add(road.id);
    for (const lane of road.lanes) laneRoad.set(lane.id, road.id);
    if (road.kind !== "normal") continue;
    for (let i = 0; i + 1 < road.lanes.length; i++) {
      edge(road.lanes[i].id, road.lanes[i + 1].id);
      edge(road.lanes[i + 1].id, road.lanes[i].id);
    }
  }
  for (const c of spec.connections) {
    if (c.via) {
      edge(c.fromLane, c.via);
      edge(c.via, c.toLane);
    } else edge(c.fromLane, c.toLane);
  }
  const start = spec.roads.find((r) => r.id === fromRoadId);
  const seen = new Set<string>(start ? start.lanes.map((l) => l.id) : []);
  const queue = [...seen];
  while (queue.length) {
    for (const next of neighbours.get(queue.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  const roads = new Set<string>();
  for (const lane of seen) {
    const road = laneRoad.get(lane);
    if (road !== undefined && normal.has(road)) roads.add(road);
  }
  return roads;
}
