/**
 * Giving way in conflicts — the collaborative metric (docs/metrics.md, "Collaborative").
 *
 * At each step, the ego's heading ray and a neighbour's heading ray are intersected. They are in
 * *conflict* when the rays cross (at an angle of at least `conflictMinAngleRad`) at a point P that
 * lies ahead of both within `conflictHorizonM`, and their arrival times at P (distance / max(speed,
 * 1 m/s)) differ by at most `conflictTimeWindowS`. The first such step fixes P for that pair; each
 * pair has at most one conflict per episode. A vehicle *passes* P at the first later step where P is
 * behind it (its offset along the vehicle's heading ≤ 0) and within `conflictPassLateralM` of its
 * heading line. The conflict is resolved by the first vehicle to pass P (ties: unresolved); the ego
 * *gave way* when the other vehicle passed first. Conflicts where neither passes while the ego is
 * recorded are unresolved and not counted.
 */
import type { AgentStep, AgentTrajectory, NeighbourSample } from "./AgentTrajectory.js";
import { DEFAULT_METRIC_PARAMS, type MetricParams } from "./MetricParams.js";

/** Giving way in one agent episode. */
export interface GiveWayMetrics {
  /** Resolved conflicts. */
  conflicts: number;
  /** Resolved conflicts where the other vehicle went first. */
  gaveWay: number;
  /** Conflicts neither vehicle resolved while the ego was recorded. */
  unresolvedConflicts: number;
  /** gaveWay / conflicts; null without resolved conflicts. */
  collaborative: number | null;
}

interface Conflict {
  px: number;
  py: number;
  egoPassTick: number;
  otherPassTick: number;
}

type Pose = Pick<AgentStep, "x" | "y" | "headingRad" | "speedMps">;

/** The conflict point of `a` and `b`, or null when they are not in conflict. */
export function conflictPoint(
  a: Pose,
  b: Pose,
  params: MetricParams = DEFAULT_METRIC_PARAMS,
): { x: number; y: number } | null {
  const dx = Math.cos(a.headingRad);
  const dy = Math.sin(a.headingRad);
  const ex = Math.cos(b.headingRad);
  const ey = Math.sin(b.headingRad);
  const cross = dx * ey - dy * ex;
  if (Math.abs(cross) < Math.sin(params.conflictMinAngleRad)) return null;
  const wx = b.x - a.x;
  const wy = b.y - a.y;
  const sa = (wx * ey - wy * ex) / cross;
  const sb = (wx * dy - wy * dx) / cross;
  if (sa <= 0 || sb <= 0 || sa > params.conflictHorizonM || sb > params.conflictHorizonM) return null;
  const ta = sa / Math.max(a.speedMps, 1);
  const tb = sb / Math.max(b.speedMps, 1);
  if (Math.abs(ta - tb) > params.conflictTimeWindowS) return null;
  return { x: a.x + sa * dx, y: a.y + sa * dy };
}

/** Whether the vehicle at `p` has passed point (x, y). */
function passed(p: Pose, x: number, y: number, params: MetricParams): boolean {
  const c = Math.cos(p.headingRad);
  const s = Math.sin(p.headingRad);
  const lon = (x - p.x) * c + (y - p.y) * s;
  const lat = -(x - p.x) * s + (y - p.y) * c;
  return lon <= 0 && Math.abs(lat) <= params.conflictPassLateralM;
}

/** Give-way metrics of `t`. */
export function giveWayMetrics(t: AgentTrajectory, params: MetricParams = DEFAULT_METRIC_PARAMS): GiveWayMetrics {
  const conflicts = new Map<string, Conflict>();
  for (const e of t.steps) {
    for (const n of e.neighbours as NeighbourSample[]) {
      const c = conflicts.get(n.id);
      if (!c) {
        const p = conflictPoint(e, n, params);
        if (p) conflicts.set(n.id, { px: p.x, py: p.y, egoPassTick: -1, otherPassTick: -1 });
        continue;
      }
      if (c.otherPassTick < 0 && passed(n, c.px, c.py, params)) c.otherPassTick = e.tick;
    }
    for (const c of conflicts.values()) if (c.egoPassTick < 0 && passed(e, c.px, c.py, params)) c.egoPassTick = e.tick;
  }
  let resolved = 0;
  let gaveWay = 0;
  let unresolved = 0;
  for (const c of conflicts.values()) {
    const ego = c.egoPassTick < 0 ? Infinity : c.egoPassTick;
    const other = c.otherPassTick < 0 ? Infinity : c.otherPassTick;
    if (ego === other) {
      unresolved++;
      continue;
    }
    resolved++;
    if (other < ego) gaveWay++;
  }
  return {
    conflicts: resolved,
    gaveWay,
    unresolvedConflicts: unresolved,
    collaborative: resolved > 0 ? gaveWay / resolved : null,
  };
}
