/**
 * Assembles a {@link RoadNetworkSpec} from roads, junctions and lane-to-lane links the way SUMO
 * writes them: each link becomes an internal connector lane inside its junction plus two
 * connections (incoming lane → outgoing lane `via` the connector, and connector → outgoing lane).
 * Junction outlines are computed at the end from the lane ends and connectors that touch them, and
 * right of way (`junction`, `junctionLinkIndex`, `foes`, `response` on each incoming connection) by
 * {@link computeJunctionConflicts}, links numbered per junction in the order they were added.
 */
import type {
  ConnectionSpec,
  JunctionSpec,
  LaneSpec,
  MapSource,
  Point2,
  RoadNetworkSpec,
  RoadSpec,
  SignalProgramSpec,
} from "../RoadNetworkSpec.js";
import { computeJunctionConflicts } from "../junctionConflicts.js";
import { bezierConnector } from "./bezierConnector.js";
import { convexHull } from "./convexHull.js";
import { endPose, laneEdges, polylineLength, startPose, vertexTurns } from "./polylineMath.js";

/** Lateral acceleration used to cap the speed limit of turning connectors, m/s² (netconvert's `junctions.limit-turn-speed` default). */
export const TURN_LATERAL_ACCEL_MPS2 = 5.5;

/**
 * Coordinates are rounded to this grid, metres, so that float noise (−4.800000000000001) does not
 * leak into specs, replays and golden files.
 */
export const COORDINATE_GRID_M = 1e-10;
const GRID_PER_M = 1e10;

/** `p` rounded to {@link COORDINATE_GRID_M}. */
function snap(p: Point2): Point2 {
  const s = (v: number): number => Math.round(v * GRID_PER_M) / GRID_PER_M + 0; // + 0 turns −0 into 0
  return [s(p[0]), s(p[1])];
}

/** What {@link NetworkBuilder.addRoad} needs for one normal road. */
export interface RoadInit {
  id: string;
  /** Junction the road leaves. */
  from: string;
  /** Junction the road enters. */
  to: string;
  /** Right-of-way priority (higher wins), as SUMO's edge priority. */
  priority?: number;
  /** Lane width, metres. */
  widthM: number;
  /** Speed limit, m/s. */
  speedLimitMps: number;
  /** Lane centrelines in driving direction, index 0 (rightmost) first. */
  laneShapes: Point2[][];
}

/** Options of one lane-to-lane link across a junction. */
export interface LinkInit {
  /** SUMO direction: s, r, l, R, L, t. */
  dir: string;
  /** SUMO link state: M, m, =, O, o, … */
  state: string;
  /** Traffic light controlling the link, and the link's index in its phase strings. */
  tlId?: string;
  linkIndex?: number;
  /** Connector centreline; a tangent cubic Bézier between the two lane ends when absent. */
  shape?: Point2[];
  /** Connector speed limit, m/s; default: the slower lane's limit, capped for the turn radius. */
  speedLimitMps?: number;
}

interface PendingLink extends LinkInit {
  junction: string;
  from: LaneSpec;
  to: LaneSpec;
}

/** Mutable builder; create one per generated network, call `build` once. */
export class NetworkBuilder {
  private readonly roads: RoadSpec[] = [];
  private readonly lanes = new Map<string, LaneSpec>();
  private readonly junctions: JunctionSpec[] = [];
  private readonly links: PendingLink[] = [];
  private readonly signals: SignalProgramSpec[] = [];
  private readonly fixedOutlines = new Set<string>();

  /**
   * Adds a junction, centre in world metres. Without `outline`, `build` makes it the convex hull of
   * the lane ends and connectors at the junction; pass one where that hull would be wrong (concave
   * junctions such as a roundabout's, whose hull would cut across the central island).
   */
  addJunction(id: string, type: string, centre: Point2, outline?: Point2[]): void {
    const [x, y] = snap(centre);
    this.junctions.push({ id, type, x, y, shape: outline ? outline.map(snap) : [] });
    if (outline) this.fixedOutlines.add(id);
  }

  /** Adds a normal road with lanes `<id>_<index>`; `lengthM` is each polyline's length. */
  addRoad(init: RoadInit): RoadSpec {
    const lanes = init.laneShapes.map((raw, index): LaneSpec => {
      const shape = raw.map(snap);
      return {
        id: `${init.id}_${index}`,
        roadId: init.id,
        index,
        shape,
        widthM: init.widthM,
        speedLimitMps: init.speedLimitMps,
        lengthM: polylineLength(shape),
      };
    });
    const road: RoadSpec = { id: init.id, kind: "normal", fromJunction: init.from, toJunction: init.to, lanes };
    if (init.priority !== undefined) road.priority = init.priority;
    this.roads.push(road);
    for (const lane of lanes) this.lanes.set(lane.id, lane);
    return road;
  }

  /** Lane by id; throws naming the lane when it does not exist (a generator bug). */
  lane(id: string): LaneSpec {
    const lane = this.lanes.get(id);
    if (!lane) throw new Error(`NetworkBuilder: no lane "${id}"`);
    return lane;
  }

  /** Links lane `fromLaneId` (ending at `junction`) to lane `toLaneId` (starting there) through a connector lane. */
  link(junction: string, fromLaneId: string, toLaneId: string, init: LinkInit): void {
    this.links.push({ ...init, junction, from: this.lane(fromLaneId), to: this.lane(toLaneId) });
  }

  /** Adds a fixed-time signal program. */
  addSignal(program: SignalProgramSpec): void {
    this.signals.push(program);
  }

  /**
   * The finished spec. Internal roads are `:<junction>_<k>` (k counting per junction in link order,
   * one per pair of incoming and outgoing road), their lanes `:<junction>_<k>_<i>`, rightmost first.
   */
  build(source: MapSource): RoadNetworkSpec {
    const internalRoads: RoadSpec[] = [];
    const viaOf = new Map<PendingLink, LaneSpec>();
    const groups = new Map<string, PendingLink[]>();
    for (const link of this.links) {
      const key = `${link.junction}\u0000${link.from.roadId}\u0000${link.to.roadId}`;
      const group = groups.get(key) ?? [];
      group.push(link);
      groups.set(key, group);
    }
    const counters = new Map<string, number>();
    for (const group of groups.values()) {
      const junction = group[0].junction;
      const k = counters.get(junction) ?? 0;
      counters.set(junction, k + 1);
      const roadId = `:${junction}_${k}`;
      const ordered = [...group].sort((a, b) => a.from.index - b.from.index || a.to.index - b.to.index);
      const lanes = ordered.map((link, index): LaneSpec => {
        const shape = (link.shape ?? bezierConnector(endPose(link.from.shape), startPose(link.to.shape))).map(snap);
        const lane: LaneSpec = {
          id: `${roadId}_${index}`,
          roadId,
          index,
          shape,
          widthM: Math.min(link.from.widthM, link.to.widthM),
          speedLimitMps:
            link.speedLimitMps ?? turnSpeedLimit(shape, Math.min(link.from.speedLimitMps, link.to.speedLimitMps)),
          lengthM: polylineLength(shape),
        };
        viaOf.set(link, lane);
        return lane;
      });
      internalRoads.push({ id: roadId, kind: "internal", fromJunction: junction, toJunction: junction, lanes });
    }

    const incoming: ConnectionSpec[] = [];
    const internal: ConnectionSpec[] = [];
    const linkCounters = new Map<string, number>();
    for (const link of this.links) {
      const via = viaOf.get(link)!;
      const c: ConnectionSpec = { fromLane: link.from.id, toLane: link.to.id, via: via.id };
      if (link.tlId !== undefined) c.tlId = link.tlId;
      if (link.linkIndex !== undefined) c.linkIndex = link.linkIndex;
      c.dir = link.dir;
      c.state = link.state;
      const junctionLinkIndex = linkCounters.get(link.junction) ?? 0;
      linkCounters.set(link.junction, junctionLinkIndex + 1);
      c.junction = link.junction;
      c.junctionLinkIndex = junctionLinkIndex;
      incoming.push(c);
      internal.push({ fromLane: via.id, toLane: link.to.id, dir: link.dir, state: "M" });
    }

    const junctions = this.junctions.map((j): JunctionSpec =>
      this.fixedOutlines.has(j.id) ? j : { ...j, shape: this.outline(j.id, internalRoads) },
    );
    const spec: RoadNetworkSpec = {
      source,
      roads: [...this.roads, ...internalRoads],
      junctions,
      connections: [...incoming, ...internal],
      signals: [...this.signals],
    };
    computeJunctionConflicts(spec).forEach((conflicts, i) => {
      if (conflicts) Object.assign(spec.connections[i], { foes: conflicts.foes, response: conflicts.response });
    });
    return spec;
  }

  /** Convex hull of the lane-end corners at the junction and of the edges of its connector lanes. */
  private outline(junction: string, internalRoads: readonly RoadSpec[]): Point2[] {
    const pts: Point2[] = [];
    for (const road of this.roads) {
      for (const lane of road.lanes) {
        const { left, right } = laneEdges(lane.shape, lane.widthM);
        if (road.toJunction === junction) pts.push(left[left.length - 1], right[right.length - 1]);
        if (road.fromJunction === junction) pts.push(left[0], right[0]);
      }
    }
    for (const road of internalRoads) {
      if (road.fromJunction !== junction) continue;
      for (const lane of road.lanes) {
        const { left, right } = laneEdges(lane.shape, lane.widthM);
        pts.push(...left, ...right);
      }
    }
    return convexHull(pts.map(snap));
  }
}

/**
 * `limitMps` capped to √(a·R) for the tightest radius R along the shape (a =
 * {@link TURN_LATERAL_ACCEL_MPS2}), R estimated per vertex as mean adjacent segment length / turn.
 */
function turnSpeedLimit(shape: readonly Point2[], limitMps: number): number {
  const turns = vertexTurns(shape);
  let minRadius = Infinity;
  for (let i = 0; i < turns.length; i++) {
    const turn = Math.abs(turns[i]);
    if (turn < 1e-9) continue;
    const a = shape[i];
    const b = shape[i + 1];
    const c = shape[i + 2];
    const seg = (Math.hypot(b[0] - a[0], b[1] - a[1]) + Math.hypot(c[0] - b[0], c[1] - b[1])) / 2;
    minRadius = Math.min(minRadius, seg / turn);
  }
  return Math.min(limitMps, Math.sqrt(TURN_LATERAL_ACCEL_MPS2 * minRadius));
}
