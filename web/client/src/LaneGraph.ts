/**
 * The map's lanes and connections as the viewer needs them: the path a vehicle follows ahead of
 * it along its lane and the lanes after it. At a lane's end the path takes the connection onto the
 * next road of the vehicle's planned route when it has one (a learning agent's, from the replay
 * header) and ends with the route's last road; otherwise, and where the vehicle has left its route,
 * the connection that turns least (through the junction's internal lane when there is one).
 */
import type { ReplayMap, ReplayPoint } from "../../../replay/ReplayHeader.js";

interface LaneInfo {
  shape: readonly ReplayPoint[];
  roadId: string;
  index: number;
  /** Lanes reached from its end: via lane (if any) then the target lane. */
  next: string[][];
}

function headingAt(shape: readonly ReplayPoint[], end: boolean): number {
  const a = end ? shape[shape.length - 2] : shape[0];
  const b = end ? shape[shape.length - 1] : shape[1];
  return Math.atan2(b[1] - a[1], b[0] - a[0]);
}

/** Lanes by id with their successors. */
export class LaneGraph {
  private readonly lanes = new Map<string, LaneInfo>();

  constructor(map: ReplayMap) {
    for (const r of map.roads) {
      for (const l of r.lanes) this.lanes.set(l.id, { shape: l.shape, roadId: l.roadId, index: l.index, next: [] });
    }
    for (const c of map.connections) {
      const from = this.lanes.get(c.fromLane);
      if (!from || !this.lanes.has(c.toLane)) continue;
      from.next.push(c.via && this.lanes.has(c.via) ? [c.via, c.toLane] : [c.toLane]);
      // A junction's internal lane leads on to the connection's target (a path can start inside).
      if (c.via && this.lanes.has(c.via)) this.lanes.get(c.via)!.next.push([c.toLane]);
    }
  }

  /** Lane id → [road id, lane index] (to tell lane changes). */
  laneRoads(): Map<string, readonly [string, number]> {
    return new Map([...this.lanes].map(([id, l]) => [id, [l.roadId, l.index] as const]));
  }

  /**
   * Points (about every `stepM` m) along the path ahead of a vehicle at (x, y) on `laneId`,
   * `lengthM` long, following `route` (road ids) where it is on it; empty when the lane is unknown.
   */
  pathAhead(
    laneId: string,
    x: number,
    y: number,
    lengthM: number,
    stepM = 4,
    route: readonly string[] = [],
  ): ReplayPoint[] {
    let lane = this.lanes.get(laneId);
    if (!lane) return [];
    // The nearest point of the lane's centreline: segment k at fraction u.
    let bestK = 0;
    let bestU = 0;
    let bestD = Infinity;
    for (let k = 0; k + 1 < lane.shape.length; k++) {
      const [x0, y0] = lane.shape[k];
      const [x1, y1] = lane.shape[k + 1];
      const dx = x1 - x0;
      const dy = y1 - y0;
      const len2 = dx * dx + dy * dy || 1;
      const u = Math.min(1, Math.max(0, ((x - x0) * dx + (y - y0) * dy) / len2));
      const d = Math.hypot(x0 + dx * u - x, y0 + dy * u - y);
      if (d < bestD) {
        bestD = d;
        bestK = k;
        bestU = u;
      }
    }
    // The polyline ahead: the rest of this lane, then the straightest successors, up to lengthM.
    const [sx0, sy0] = lane.shape[bestK];
    const [sx1, sy1] = lane.shape[bestK + 1];
    const line: ReplayPoint[] = [
      [sx0 + (sx1 - sx0) * bestU, sy0 + (sy1 - sy0) * bestU],
      ...lane.shape.slice(bestK + 1),
    ];
    let total = 0;
    for (let k = 1; k < line.length; k++) total += Math.hypot(line[k][0] - line[k - 1][0], line[k][1] - line[k - 1][1]);
    const visited = new Set<string>([laneId]);
    // The route road the path is on (a lane inside a junction: the one before it), -1 off the route.
    let onRoute = route.indexOf(lane.roadId);
    if (onRoute < 0 && route.length > 0) {
      for (const [id, l] of this.lanes) {
        if (l.next.some((o) => o[0] === laneId)) onRoute = route.indexOf(this.lanes.get(id)!.roadId);
        if (onRoute >= 0) break;
      }
    }
    while (total < lengthM) {
      // The route's end: the path stops with its last road.
      if (onRoute >= 0 && onRoute + 1 >= route.length) break;
      const nextRoad = onRoute >= 0 ? route[onRoute + 1] : undefined;
      const heading = headingAt(lane.shape, true);
      let best: string[] | undefined;
      let bestTurn = Infinity;
      const options = lane.next.filter(
        (o) => nextRoad !== undefined && this.lanes.get(o[o.length - 1])!.roadId === nextRoad,
      );
      for (const option of options.length > 0 ? options : lane.next) {
        const target = this.lanes.get(option[option.length - 1])!;
        const d = headingAt(target.shape, false) - heading;
        const turn = Math.abs(Math.atan2(Math.sin(d), Math.cos(d)));
        if (turn < bestTurn && !visited.has(option[option.length - 1])) {
          bestTurn = turn;
          best = option;
        }
      }
      if (!best) break;
      onRoute = options.length > 0 ? onRoute + 1 : -1;
      for (const id of best) {
        visited.add(id);
        lane = this.lanes.get(id)!;
        for (const p of lane.shape) {
          const last = line[line.length - 1];
          total += Math.hypot(p[0] - last[0], p[1] - last[1]);
          line.push(p);
        }
      }
    }
    // Resampled every stepM along the polyline.
    const out: ReplayPoint[] = [line[0]];
    let s = 0;
    let nextS = stepM;
    for (let k = 1; k < line.length && nextS <= lengthM; k++) {
      const [x0, y0] = line[k - 1];
      const [x1, y1] = line[k];
      const len = Math.hypot(x1 - x0, y1 - y0);
      while (len > 0 && nextS <= s + len && nextS <= lengthM) {
        const u = (nextS - s) / len;
        out.push([x0 + (x1 - x0) * u, y0 + (y1 - y0) * u]);
        nextS += stepM;
      }
      s += len;
    }
    return out;
  }
}
