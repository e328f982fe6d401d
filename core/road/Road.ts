/**
 * A road (SUMO edge) at run time: its lanes, ordered rightmost first, and the roads reachable from
 * its end. Built only by {@link RoadNetwork}.
 */
import type { Lane } from "./Lane.js";
import type { RoadKind, RoadSpec } from "./RoadNetworkSpec.js";

export class Road {
  readonly id: string;
  readonly kind: RoadKind;
  readonly fromJunction: string | undefined;
  readonly toJunction: string | undefined;
  readonly spec: RoadSpec;
  /** Lanes by index: `lanes[0]` is the rightmost. */
  readonly lanes: Lane[];
  /** Normal roads reachable from this road's end through a junction (filled by RoadNetwork). */
  readonly successors: Road[] = [];
  /** Normal roads leading into this road (filled by RoadNetwork). */
  readonly predecessors: Road[] = [];

  constructor(spec: RoadSpec, lanes: Lane[]) {
    this.spec = spec;
    this.id = spec.id;
    this.kind = spec.kind;
    this.fromJunction = spec.fromJunction;
    this.toJunction = spec.toJunction;
    this.lanes = lanes;
  }

  /** Length of the road: the mean of its lanes' stated lengths (metres). */
  get lengthM(): number {
    let sum = 0;
    for (const lane of this.lanes) sum += lane.lengthM;
    return sum / this.lanes.length;
  }
}
