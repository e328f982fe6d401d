/**
 * The frame's vehicles the engine does not drive (agents, social agents, other providers' traffic),
 * placed on lanes each step so that driven vehicles follow them, yield to them at junctions and keep
 * them in mind when changing lanes or inserting. Each takes a *foreign* slot for the step: located on
 * its frame lane (or the nearest lane within {@link MAX_LANE_DISTANCE_M}), projected to lane
 * coordinates, and made an occupant there — and on the adjacent lane too when its box reaches over
 * the lane edge. Vehicles driving against the lane direction are left out (they lead nobody).
 *
 * A foreign vehicle registers at every contested link leaving its lane within
 * {@link FOREIGN_LINK_LOOK_M} (its intentions are unknown) and at the link whose connector it is on;
 * it is assumed to accelerate at {@link FOREIGN_ACCEL_MPS2}, brake at FOREIGN_DECEL_MPS2, and never
 * to yield.
 */
import type { SimFrame } from "../../../core/simulation/SimFrame.js";
import type { DriverProfile } from "../DriverProfile.js";
import { FOREIGN_DECEL_MPS2 } from "./junctions.js";
import { OccKind } from "./LaneLists.js";
import type { TrafficState } from "./TrafficState.js";
import { MAX_REGS, SlotKind } from "./VehicleColumns.js";

/** A vehicle farther than this from every lane centreline is not on the road network (m). */
export const MAX_LANE_DISTANCE_M = 3;
/** Sequence numbers of foreign vehicles start here (after any driven vehicle's). */
const FOREIGN_SEQ = 2 ** 40;
/** What is assumed of a foreign vehicle's driving: acceleration (m/s²), headway (s), standstill gap (m). */
const FOREIGN_ACCEL_MPS2 = 2.6;
const FOREIGN_HEADWAY_S = 1;
const FOREIGN_MIN_GAP_M = 2.5;
/** What a foreign vehicle is assumed to drive like (SUMO's passenger defaults). */
const FOREIGN_DRIVER: DriverProfile = {
  speedFactor: 1,
  headwayS: FOREIGN_HEADWAY_S,
  minGapM: FOREIGN_MIN_GAP_M,
  accelMps2: FOREIGN_ACCEL_MPS2,
  decelMps2: FOREIGN_DECEL_MPS2,
  politeness: 0,
  laneChangeThresholdMps2: 0,
  imperfection: 0,
};
/** Foreign vehicles register at junction links within this distance of the stop line (m). */
const FOREIGN_LINK_LOOK_M = 80;

/** Takes last step's foreign vehicles off the road. */
export function clearForeign(st: TrafficState): void {
  for (const v of st.foreign) {
    st.lists.remove(3 * v);
    st.lists.remove(3 * v + OccKind.Side);
    st.release(v);
  }
  st.foreign = [];
}

/**
 * Places the vehicles of `frame` that neither belong to `owner` nor are driven (`isDriven(id)`);
 * last step's must have been cleared ({@link clearForeign}).
 */
export function syncForeign(st: TrafficState, frame: SimFrame, owner: string, isDriven: (id: string) => boolean): void {
  const net = st.net;
  for (let i = 0; i < frame.count; i++) {
    if (frame.owners[i] === owner || isDriven(frame.ids[i])) continue;
    const x = frame.x[i];
    const y = frame.y[i];
    let lane = frame.laneIds[i] ? net.byId(frame.laneIds[i]) : undefined;
    if (lane !== undefined && lane.lane.toLane(x, y).distanceM > MAX_LANE_DISTANCE_M) lane = undefined;
    if (lane === undefined) {
      const near = net.net.nearestLane(x, y, { maxDistM: MAX_LANE_DISTANCE_M });
      if (!near) continue;
      lane = net.of(near.lane);
    }
    const proj = lane.lane.toLane(x, y);
    const cl = lane.lane.centreline;
    const cosDh = Math.cos(frame.headingRad[i] - cl.segmentHeading(cl.segmentAt(proj.s)));
    if (cosDh < 0) continue;
    const v = st.allocate(SlotKind.Foreign);
    st.foreign.push(v);
    const c = st.cols;
    st.ids[v] = frame.ids[i];
    const hl = frame.halfLength[i];
    const hw = frame.halfWidth[i];
    c.seq[v] = FOREIGN_SEQ + i;
    c.lengthM[v] = 2 * hl;
    c.halfLengthM[v] = hl;
    c.widthM[v] = 2 * hw;
    c.maxSpeedMps[v] = Infinity;
    c.maxDecelMps2[v] = FOREIGN_DECEL_MPS2;
    st.setDriver(v, FOREIGN_DRIVER);
    c.lane[v] = lane.ordinal;
    c.s[v] = proj.s;
    c.speedMps[v] = Math.max(0, frame.speedMps[i] * cosDh);
    c.x[v] = x;
    c.y[v] = y;
    c.headingRad[v] = frame.headingRad[i];
    st.lists.insert(3 * v, lane.ordinal, proj.s);
    const side = proj.t > 0 ? lane.left : lane.right;
    if (side !== null && Math.abs(proj.t) + hw > lane.lane.widthM / 2) {
      const sSide = lane.lengthM > 0 ? (proj.s * side.lengthM) / lane.lengthM : proj.s;
      st.lists.insert(3 * v + OccKind.Side, side.ordinal, sSide);
    }
    // Registrations at junction links.
    const rb = v * MAX_REGS;
    let n = 0;
    if (lane.internal) {
      const link = lane.link;
      if (link !== null && link.contested) {
        let before = 0;
        for (const via of link.vias) {
          if (via === lane) break;
          before += via.lengthM;
        }
        c.regLink[rb] = link.index;
        c.regDFrontM[rb] = -(before + proj.s) - hl;
        c.regFlags[rb] = 0;
        n = 1;
      }
    } else {
      const d = lane.lengthM - proj.s - hl;
      if (d <= FOREIGN_LINK_LOOK_M) {
        for (const link of lane.outLinks) {
          if (!link.contested || n >= MAX_REGS) continue;
          c.regLink[rb + n] = link.index;
          c.regDFrontM[rb + n] = d;
          c.regFlags[rb + n] = 0;
          n++;
        }
      }
    }
    c.regCount[v] = n;
  }
}
