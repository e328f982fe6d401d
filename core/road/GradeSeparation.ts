/**
 * Which lanes pass over or under each other. A SUMO network is drawn flat: a bridge and the road
 * beneath it share x and y, and SUMO makes a junction wherever roads actually meet. So two normal
 * roads whose lane centrelines cross while the roads share no junction are grade-separated, and two
 * vehicles on them whose boxes overlap in 2-D have not collided — the collision phases (simulation,
 * traffic-only runs, tests) leave such pairs out. So are the lanes one junction on from either lane
 * (connectors and the roads beyond) and the other lane, unless they share a junction with it: a body
 * there still reaches under the bridge.
 */
import type { Lane } from "./Lane.js";
import type { RoadNetwork } from "./RoadNetwork.js";

/** The grade-separated lane pairs of one network (computed once; lookups by lane id). */
export class GradeSeparation {
  private readonly pairs = new Map<string, Set<string>>();

  /** Finds the crossings of `network` (bounding-box reject, then segment intersection). */
  constructor(network: RoadNetwork) {
    const lanes = network.normalRoads().flatMap((r) => r.lanes);
    const box = lanes.map((l) => l.centreline.bounds());
    const crossings: [Lane, Lane][] = [];
    for (let i = 0; i < lanes.length; i++) {
      const [ax0, ay0, ax1, ay1] = box[i];
      for (let j = i + 1; j < lanes.length; j++) {
        const [bx0, by0, bx1, by1] = box[j];
        if (ax0 > bx1 || bx0 > ax1 || ay0 > by1 || by0 > ay1) continue;
        const a = lanes[i],
          b = lanes[j];
        if (shareJunction(a, b) || !polylinesCross(a.centreline, b.centreline)) continue;
        this.link(a.id, b.id);
        this.link(b.id, a.id);
        crossings.push([a, b]);
      }
    }
    // A junction on a road just beside where another passes over it (minicity's 60700642 under the
    // bridge 4000038): vehicles in it, or on the road on beyond it, reach under the bridge with their
    // bodies though their lanes do not cross it. Each crossing extends through the junctions at both
    // ends of both lanes, to their connectors and the roads after them, as long as those share no
    // junction with the other lane.
    for (const [a, b] of crossings) {
      for (const n of throughJunctions(a)) {
        if (shareJunction(n, b)) continue;
        this.link(n.id, b.id);
        this.link(b.id, n.id);
      }
      for (const n of throughJunctions(b)) {
        if (shareJunction(n, a)) continue;
        this.link(n.id, a.id);
        this.link(a.id, n.id);
      }
    }
  }

  /** Number of grade-separated lane pairs (each pair once). */
  get size(): number {
    let n = 0;
    for (const s of this.pairs.values()) n += s.size;
    return n / 2;
  }

  /** Whether lanes `a` and `b` cross at different levels (false for unknown or empty ids). */
  separates(a: string, b: string): boolean {
    return this.pairs.get(a)?.has(b) ?? false;
  }

  /** Every pair as "a|b", both orders (for tests and tools). */
  toKeys(): Set<string> {
    const out = new Set<string>();
    for (const [a, bs] of this.pairs) for (const b of bs) out.add(`${a}|${b}`);
    return out;
  }

  private link(a: string, b: string): void {
    let s = this.pairs.get(a);
    if (!s) this.pairs.set(a, (s = new Set()));
    s.add(b);
  }
}

/** The junction connectors at both ends of normal lane `lane` and the normal lanes on their other side. */
function throughJunctions(lane: Lane): Lane[] {
  const out: Lane[] = [];
  const walk = (from: Lane, next: (l: Lane) => readonly Lane[]) => {
    const queue = [...next(from)];
    for (let k = 0; k < queue.length; k++) {
      const l = queue[k];
      if (out.includes(l) || l === lane) continue;
      out.push(l);
      if (l.isInternal) queue.push(...next(l));
    }
  };
  walk(lane, (l) => l.successors);
  walk(lane, (l) => l.predecessors);
  return out;
}

function shareJunction(a: Lane, b: Lane): boolean {
  const ra = a.road,
    rb = b.road;
  if (ra === rb) return true;
  const js = [ra.fromJunction, ra.toJunction];
  return js.includes(rb.fromJunction) || js.includes(rb.toJunction);
}

function polylinesCross(a: { xs: Float64Array; ys: Float64Array }, b: { xs: Float64Array; ys: Float64Array }): boolean {
  for (let i = 0; i + 1 < a.xs.length; i++) {
    const d1x = a.xs[i + 1] - a.xs[i],
      d1y = a.ys[i + 1] - a.ys[i];
    for (let j = 0; j + 1 < b.xs.length; j++) {
      const d2x = b.xs[j + 1] - b.xs[j],
        d2y = b.ys[j + 1] - b.ys[j];
      const den = d1x * d2y - d1y * d2x;
      if (den === 0) continue;
      const ex = b.xs[j] - a.xs[i],
        ey = b.ys[j] - a.ys[i];
      const t = (ex * d2y - ey * d2x) / den;
      const u = (ex * d1y - ey * d1x) / den;
      if (t >= 0 && t <= 1 && u >= 0 && u <= 1) return true;
    }
  }
  return false;
}
