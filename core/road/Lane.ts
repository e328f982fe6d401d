/**
 * A lane at run time: its spec data plus the centreline geometry and its neighbours in the lane
 * graph. Built only by {@link RoadNetwork}; treat every field as read-only.
 */
import { Polyline, type PolylinePose, type PolylineProjection } from "../geometry/Polyline.js";
import type { LaneSpec } from "./RoadNetworkSpec.js";
import type { Road } from "./Road.js";
import { laneAllows } from "../../spec/vehicleClasses.js";

export class Lane {
  /** Globally unique lane id. */
  readonly id: string;
  /** Dense index of this lane in {@link RoadNetwork.laneList} (for typed-array side tables). */
  readonly ordinal: number;
  /** 0 = rightmost lane of its road. */
  readonly index: number;
  readonly widthM: number;
  readonly speedLimitMps: number;
  /** Length as the source states it (metres); `centreline.length` is the geometric length. */
  readonly lengthM: number;
  /** Centreline in driving direction. */
  readonly centreline: Polyline;
  readonly spec: LaneSpec;
  /** Set by RoadNetwork once all roads exist. */
  road!: Road;
  /** Lanes a vehicle can continue onto at the end of this lane (internal connector lanes or, without one, the next road's lanes). */
  readonly successors: Lane[] = [];
  /** Lanes that lead into this one. */
  readonly predecessors: Lane[] = [];

  constructor(spec: LaneSpec, ordinal: number) {
    this.spec = spec;
    this.id = spec.id;
    this.ordinal = ordinal;
    this.index = spec.index;
    this.widthM = spec.widthM;
    this.speedLimitMps = spec.speedLimitMps;
    this.lengthM = spec.lengthM;
    this.centreline = new Polyline(spec.shape);
  }

  /** The lane to the left on the same road (index + 1), if any. */
  get left(): Lane | undefined {
    return this.road.lanes[this.index + 1];
  }

  /** The lane to the right on the same road (index − 1), if any. */
  get right(): Lane | undefined {
    return this.index > 0 ? this.road.lanes[this.index - 1] : undefined;
  }

  /** True for connector lanes inside a junction. */
  get isInternal(): boolean {
    return this.road.kind !== "normal";
  }

  /** World pose of lane coordinates `(s, t)` (metres; `t` left positive). */
  toWorld(s: number, t = 0): PolylinePose {
    return this.centreline.toWorld(s, t);
  }

  /** Lane coordinates of a world point. */
  toLane(x: number, y: number): PolylineProjection {
    return this.centreline.project(x, y);
  }

  /** Whether a SUMO vehicle class (e.g. "passenger") may use this lane. */
  allows(vClass: string): boolean {
    return laneAllows(this.spec, vClass);
  }
}
