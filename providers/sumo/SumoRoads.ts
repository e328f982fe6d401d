/**
 * The road questions the SUMO provider asks of the network when it places vehicles and sets routes
 * (SUMO's edges are the network's normal roads, its lanes the network's lanes, ids unchanged).
 */
import type { Lane } from "../../core/road/Lane.js";
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";

/** `moveToXY`'s edge and lane hint (empty: none). */
export interface LaneHint {
  readonly edge: string;
  readonly index: number;
}

const NO_HINT: LaneHint = { edge: "", index: -1 };

/** Road lookups on one network. */
export class SumoRoads {
  readonly network: RoadNetwork;

  constructor(network: RoadNetwork) {
    this.network = network;
  }

  /**
   * The normal road a vehicle is on, or last left when it is inside a junction (what SUMO counts as its
   * current edge there), or else the nearest one.
   */
  currentRoad(laneId: string, x: number, y: number): string {
    const net = this.network;
    let lane: Lane | undefined = net.lane(laneId) ?? net.nearestLane(x, y)?.lane;
    for (let k = 0; lane && lane.isInternal && k < 8; k++) lane = lane.predecessors[0];
    if (lane && !lane.isInternal) return lane.road.id;
    return (net.nearestLane(x, y, { includeInternal: false })?.lane ?? net.laneList.find((l) => !l.isInternal)!).road
      .id;
  }

  /** `moveToXY`'s hint for a lane id: its road and index for a normal lane, none otherwise. */
  laneHint(laneId: string): LaneHint {
    const lane = laneId === "" ? undefined : this.network.lane(laneId);
    return lane && !lane.isInternal ? { edge: lane.road.id, index: lane.index } : NO_HINT;
  }

  /**
   * `route` driven on from road `current` (SUMO wants a vehicle's route to start with its current
   * edge): sliced where it passes `current`, or `current` prepended when the route's first road follows
   * it; undefined when neither.
   */
  joinRoute(current: string, route: readonly string[]): string[] | undefined {
    const at = route.indexOf(current);
    if (at >= 0) return route.slice(at);
    const from = this.network.road(current);
    const next = this.network.road(route[0]);
    return from && next && from.successors.includes(next) ? [current, ...route] : undefined;
  }
}
