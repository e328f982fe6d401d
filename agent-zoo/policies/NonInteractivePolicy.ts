/**
 * non-interactive: follows its route at a fixed speed, ignoring everyone else (SMARTS's
 * non-interactive agent, for replay-like background vehicles). Each step it answers a relative target
 * pose: `speed · dt` along the direction towards the point `max(8 m, 1.5 s · speed)` ahead on its
 * waypoint path (the ego lane's, or the goal lane's near the goal). Where the path ends it stops.
 */
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import { WAYPOINT_FEATURES, columns } from "../../core/observations/observationFeatures.js";
import type { VehicleType } from "../../spec/VehicleType.js";
import { goalLaneSide } from "./goalLaneSide.js";

const W = columns(WAYPOINT_FEATURES);
const WN = WAYPOINT_FEATURES.length;

/** Drives its route at a fixed speed. */
export class NonInteractivePolicy {
  constructor(
    readonly speedMps: number,
    readonly type: VehicleType,
    readonly dtS: number,
  ) {}

  /** `[dxM, dyM, dHeadingRad]` in the vehicle frame. */
  act(obs: AgentObservation): [number, number, number] {
    const wp = obs.waypoints;
    if (!wp) throw new Error("non-interactive needs the waypoints observation");
    const n = wp.mask.length / 3;
    let slot = 1 + goalLaneSide(obs);
    if (!wp.mask[slot * n]) slot = 1;
    const speed = Math.min(this.speedMps, this.type.maxSpeedMps);
    const look = Math.max(8, 1.5 * speed);
    // The first path point at least `look` ahead (or the path's last point).
    let aim: [number, number] | null = null;
    let lastX = 0;
    let lastY = 0;
    for (let j = 0; j < n && wp.mask[slot * n + j]; j++) {
      const o = (slot * n + j) * WN;
      lastX = wp.points[o + W.x];
      lastY = wp.points[o + W.y];
      if (Math.hypot(lastX, lastY) >= look) {
        aim = [lastX, lastY];
        break;
      }
    }
    if (!aim) {
      // End of the path: move only as far as the last point, then stand.
      const left = lastX > 0 ? Math.hypot(lastX, lastY) : 0;
      if (left < 0.5) return [0, 0, 0];
      aim = [lastX, lastY];
    }
    // Along the circular arc through the aim point (pure pursuit): heading turns 2·dir over the
    // arc; a step of length `step` turns dh = 2·dir·step / dist and moves along dh / 2.
    const dist = Math.hypot(aim[0], aim[1]);
    const dir = Math.atan2(aim[1], aim[0]);
    const step = Math.min(speed * this.dtS, dist);
    const dh = clamp((2 * dir * step) / dist, -Math.PI, Math.PI);
    return [step * Math.cos(dh / 2), step * Math.sin(dh / 2), dh];
  }
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
