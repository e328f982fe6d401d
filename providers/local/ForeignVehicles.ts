/**
 * The frame's vehicles the provider does not drive (agents, social agents, other providers' traffic),
 * placed on lanes each step so that provider vehicles follow them, yield to them at junctions and
 * keep them in mind when changing lanes or inserting. Each is located on its frame lane (or the
 * nearest lane within {@link MAX_LANE_DISTANCE_M}), projected to lane coordinates, and becomes an
 * occupant there — and on the adjacent lane too when its box reaches over the lane edge. Vehicles
 * driving against the lane direction are left out (they are not anyone's leader).
 */
import type { SimFrame } from "../../core/simulation/SimFrame.js";
import type { JunctionArbiter } from "./JunctionArbiter.js";
import { Occupant } from "./LaneOccupancy.js";
import type { JunctionLink, LaneData, LocalNetwork } from "./LocalNetwork.js";
import type { TrafficVehicle } from "./TrafficVehicle.js";

/** A vehicle farther than this from every lane centreline is not on the road network (m). */
export const MAX_LANE_DISTANCE_M = 3;
/** Sequence numbers of foreign occupants start here (after any provider vehicle's). */
const FOREIGN_SEQ = 2 ** 40;
/** What the provider assumes of a foreign vehicle's driving: acceleration and comfortable deceleration (m/s²). */
const FOREIGN_ACCEL_MPS2 = 2.6;
export const FOREIGN_DECEL_MPS2 = 4.5;
/** Foreign vehicles register at junction links within this distance of the stop line (m). */
const FOREIGN_LINK_LOOK_M = 80;

export class ForeignVehicles {
  private readonly net: LocalNetwork;
  private readonly pool: Occupant[] = [];
  private used = 0;
  /** Per placed primary occupant: its lane (for junction registration). */
  private readonly primaryLane: LaneData[] = [];
  private readonly primaryOcc: Occupant[] = [];
  private primaries = 0;

  constructor(net: LocalNetwork) {
    this.net = net;
  }

  /** Removes last step's foreign occupants and places those of `frame`. */
  sync(frame: SimFrame, ownerName: string, own: ReadonlyMap<string, TrafficVehicle>): void {
    this.clear();
    for (let i = 0; i < frame.count; i++) {
      if (frame.owners[i] === ownerName || own.has(frame.ids[i])) continue;
      const x = frame.x[i];
      const y = frame.y[i];
      let lane = frame.laneIds[i] ? this.net.byId(frame.laneIds[i]) : undefined;
      if (lane !== undefined && lane.lane.toLane(x, y).distanceM > MAX_LANE_DISTANCE_M) lane = undefined;
      if (lane === undefined) {
        const near = this.net.net.nearestLane(x, y, { maxDistM: MAX_LANE_DISTANCE_M });
        if (!near) continue;
        lane = this.net.of(near.lane);
      }
      const proj = lane.lane.toLane(x, y);
      const c = lane.lane.centreline;
      const cosDh = Math.cos(frame.headingRad[i] - c.segmentHeading(c.segmentAt(proj.s)));
      if (cosDh < 0) continue;
      const speed = Math.max(0, frame.speedMps[i] * cosDh);
      const occ = this.place(lane, proj.s, frame.halfLength[i], frame.halfWidth[i], speed, FOREIGN_SEQ + i);
      this.primaryLane[this.primaries] = lane;
      this.primaryOcc[this.primaries] = occ;
      this.primaries++;
      const side = proj.t > 0 ? lane.left : lane.right;
      if (side !== null && Math.abs(proj.t) + frame.halfWidth[i] > lane.lane.widthM / 2) {
        const sSide = lane.lengthM > 0 ? (proj.s * side.lengthM) / lane.lengthM : proj.s;
        this.place(side, sSide, frame.halfLength[i], frame.halfWidth[i], speed, FOREIGN_SEQ + i);
      }
    }
  }

  private place(
    lane: LaneData,
    s: number,
    halfLength: number,
    halfWidth: number,
    speed: number,
    seq: number,
  ): Occupant {
    let occ = this.pool[this.used];
    if (occ === undefined) {
      occ = new Occupant();
      this.pool.push(occ);
    }
    this.used++;
    occ.veh = null;
    occ.seq = seq;
    occ.s = s;
    occ.halfLength = halfLength;
    occ.halfWidth = halfWidth;
    occ.speedMps = speed;
    lane.occupants.insert(occ);
    return occ;
  }

  /** Registers the placed vehicles at the junction links they approach or are crossing. */
  register(arbiter: JunctionArbiter): void {
    for (let k = 0; k < this.primaries; k++) {
      const lane = this.primaryLane[k];
      const o = this.primaryOcc[k];
      if (lane.internal) {
        const link = lane.link;
        if (link === null || !link.contested) continue;
        let before = 0;
        for (const via of link.vias) {
          if (via === lane) break;
          before += via.lengthM;
        }
        this.registerAt(arbiter, link, -(before + o.s) - o.halfLength, o);
      } else {
        const d = lane.lengthM - o.s - o.halfLength;
        if (d > FOREIGN_LINK_LOOK_M) continue;
        for (const link of lane.outLinks) if (link.contested) this.registerAt(arbiter, link, d, o);
      }
    }
  }

  private registerAt(arbiter: JunctionArbiter, link: JunctionLink, dFrontM: number, o: Occupant): void {
    arbiter.register(link, {
      veh: null,
      seq: o.seq,
      dFrontM,
      speedMps: o.speedMps,
      accelMps2: FOREIGN_ACCEL_MPS2,
      crossSpeedMps: link.first.speedLimitMps,
      lengthM: 2 * o.halfLength,
      comfortDecelMps2: FOREIGN_DECEL_MPS2,
      maxDecelMps2: FOREIGN_DECEL_MPS2,
      waitS: 0,
      atLine: false,
      committed: false,
    });
  }

  /** Removes every foreign occupant from its lane. */
  clear(): void {
    for (let k = 0; k < this.used; k++) this.pool[k].list?.remove(this.pool[k]);
    this.used = 0;
    this.primaries = 0;
  }
}
