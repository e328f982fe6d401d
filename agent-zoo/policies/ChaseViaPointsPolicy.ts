/**
 * chase-via-points: drives through its mission's via points (SMARTS's chase-via-points agent). The
 * next via point not yet passed sets the lane (the waypoint path passing it closest; one lane-change
 * request at a time) and the speed (slowing to the via point's speed in time: v² = v_via² + 2·b·d);
 * without via points left it cruises and heads for the goal's lane. Car following stays IDM (an
 * {@link IdmMobilPolicy} without lane changes, its desired speed set each step), so it never drives
 * into the car ahead.
 *
 * Via points come from the mission (world frame, given at creation); the rest from the observation.
 */
import type { PolicyViaPoint } from "../../core/agents/SocialPolicy.js";
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import { EGO_FEATURES, columns } from "../../core/observations/observationFeatures.js";
import type { VehicleType } from "../../spec/VehicleType.js";
import { goalLaneSide, laneSideToward } from "./goalLaneSide.js";
import { IdmMobilPolicy, type IdmMobilParams } from "./IdmMobilPolicy.js";

const E = columns(EGO_FEATURES);
/** A via point this far behind the ego (m, ego frame), and within PASSED_RADIUS_M, counts as passed. */
const PASSED_M = 1;
/** Via points behind the ego but further than this (m) are ahead around a loop, not passed. */
const PASSED_RADIUS_M = 30;
/** Steps between lane-change requests (the controller's 3 s manoeuvre plus a margin, at 0.1 s). */
const COOLDOWN_S = 4;

/** Options of {@link ChaseViaPointsPolicy}. */
export interface ChaseViaPointsOptions {
  /** Cruise speed between via points (m/s); null: the speed limit. */
  cruiseSpeedMps: number | null;
  /** Via points further than this are not chased yet (m). */
  lookaheadM: number;
  /** Deceleration planned for reaching a via point's speed (m/s², positive). */
  decelMps2: number;
}

/** Chases via points. */
export class ChaseViaPointsPolicy {
  private next = 0;
  private cooldownSteps = 0;
  private readonly follow: IdmMobilPolicy;
  private readonly followParams: IdmMobilParams;

  constructor(
    readonly viaPoints: readonly PolicyViaPoint[],
    readonly options: ChaseViaPointsOptions,
    readonly type: VehicleType,
    readonly dtS: number,
  ) {
    this.followParams = {
      desiredSpeedMps: null,
      speedFactor: 1,
      headwayS: 1.5,
      minGapM: 2,
      accelMps2: 1.5,
      decelMps2: 2,
      politeness: 0.3,
      thresholdMps2: 0.2,
      safeDecelMps2: 3,
      laneChanges: false,
    };
    this.follow = new IdmMobilPolicy(this.followParams, type, dtS, { junctions: false });
  }

  /** `[targetSpeedMps, laneChange]`. */
  act(obs: AgentObservation): [number, number] {
    const ego = obs.ego;
    if (!ego) throw new Error("chase-via-points needs the ego observation");
    const limit = ego[E.speedLimitMps] > 0 ? ego[E.speedLimitMps] : 13.89;
    const cruise = Math.min(this.type.maxSpeedMps, this.options.cruiseSpeedMps ?? limit);
    const c = Math.cos(ego[E.headingRad]);
    const s = Math.sin(ego[E.headingRad]);
    const local = (p: PolicyViaPoint) => [
      c * (p.x - ego[E.x]) + s * (p.y - ego[E.y]),
      -s * (p.x - ego[E.x]) + c * (p.y - ego[E.y]),
    ];
    const passed = (p: PolicyViaPoint) => {
      const [x, y] = local(p);
      return x < -PASSED_M && Math.hypot(x, y) < PASSED_RADIUS_M;
    };
    while (this.next < this.viaPoints.length && passed(this.viaPoints[this.next])) this.next++;
    let desired = cruise;
    let side = 0;
    const via = this.viaPoints[this.next];
    if (via) {
      const [vx, vy] = local(via);
      const d = Math.hypot(vx, vy);
      if (d <= this.options.lookaheadM) {
        desired = Math.min(
          cruise,
          Math.sqrt(via.speedMps * via.speedMps + 2 * this.options.decelMps2 * Math.max(0, d - 2)),
        );
        side = this.sideToward(obs, vx, vy);
      }
    } else side = goalLaneSide(obs);
    // IDM keeps the gap at cruise speed; the via-point profile caps the target directly (IDM's free-road
    // term alone would approach a lower desired speed too slowly to arrive at it).
    this.followParams.desiredSpeedMps = cruise;
    const [followTarget] = this.follow.act(obs) as [number, number];
    const target = Math.min(followTarget, desired);
    let change = 0;
    if (this.cooldownSteps > 0) this.cooldownSteps--;
    else if (side !== 0 && ego[E.onLane] && !ego[E.inJunction]) {
      change = side;
      this.cooldownSteps = Math.round(COOLDOWN_S / this.dtS);
    }
    return [target, change];
  }

  /** State: next via point and cooldown. */
  snapshot(): unknown {
    return { next: this.next, cooldownSteps: this.cooldownSteps };
  }

  /** Returns to a `snapshot`. */
  restore(state: unknown): void {
    const st = state as { next: number; cooldownSteps: number };
    this.next = st.next;
    this.cooldownSteps = st.cooldownSteps;
  }

  /** −1 / +1 when the lane to that side passes ego-frame point (x, y) clearly closer than the ego's lane; else 0. */
  private sideToward(obs: AgentObservation, x: number, y: number): number {
    return laneSideToward(obs, x, y);
  }
}
