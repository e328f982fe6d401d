/**
 * Route planning over normal roads: the shortest path by driven length (A*, towards the goal by the
 * straight-line distance), optionally through via roads in order. Junction connector lengths count;
 * ties break by road order in the spec so the answer is deterministic.
 */
import type { Road } from "./Road.js";
import type { RoadNetwork } from "./RoadNetwork.js";

/** A planned route: the normal roads to drive, in order. */
export interface Route {
  /** Roads from the start road to the destination road, inclusive. */
  roads: Road[];
  /**
   * Length from the start of the first road to the end of the last, including junction
   * connectors (metres).
   */
  lengthM: number;
}

/**
 * Shortest route from road `fromId` to road `toId` passing through `viaIds` in order, or
 * `undefined` when some leg is unreachable. Throws if an id names no normal road.
 */
export function planRoute(
  net: RoadNetwork,
  fromId: string,
  toId: string,
  viaIds: readonly string[] = [],
): Route | undefined {
  const stops = [fromId, ...viaIds, toId].map((id) => {
    const road = net.road(id);
    if (!road || road.kind !== "normal") throw new Error(`planRoute: "${id}" is not a road of this network`);
    return road;
  });
  const roads: Road[] = [stops[0]];
  for (let i = 0; i + 1 < stops.length; i++) {
    const leg = shortestLeg(net, stops[i], stops[i + 1]);
    if (!leg) return undefined;
    roads.push(...leg.slice(1));
  }
  // Connector lengths from the graph's table (the same numbers connectorLength gives, summed in the
  // same order): a route across a city has dozens of roads, and each search of connector lanes
  // allocated.
  const g = graphOf(net);
  let lengthM = 0;
  for (let i = 0; i < roads.length; i++) {
    lengthM += roads[i].lengthM;
    if (i + 1 < roads.length) lengthM += g.connectorBetween(net, roads[i], roads[i + 1]);
  }
  return { roads, lengthM };
}

/** Shortest connector length between the ends of `a` and starts of `b` (metres; 0 if they meet directly). */
export function connectorLength(net: RoadNetwork, a: Road, b: Road): number {
  let best = Infinity;
  for (const lane of a.lanes) {
    for (const target of b.lanes) {
      const path = net.connectorPath(lane, target);
      if (!path) continue;
      let len = 0;
      for (const c of path) len += c.lengthM;
      if (len < best) best = len;
    }
  }
  return best === Infinity ? 0 : best;
}

/**
 * The road graph with its edge weights — successor road indices, each weighted by the connector
 * length plus the successor's length — built once per network (weights and road order are all a
 * query needs, so repeated planning costs no connector searches).
 */
class RoutingGraph {
  readonly index = new Map<Road, number>();
  readonly roads: Road[] = [];
  /** Edges of road i: `next[edgeStart[i] … edgeStart[i + 1])`, weights in `weight`. */
  readonly edgeStart: Int32Array;
  readonly next: Int32Array;
  readonly weight: Float64Array;
  /** Connector length of each edge (connectorLength; m). */
  readonly connector: Float64Array;
  /** Per-query scratch: distance, predecessor, and the query stamp that makes them valid. */
  readonly dist: Float64Array;
  readonly prev: Int32Array;
  readonly stamp: Int32Array;
  readonly done: Int32Array;
  readonly heap = new RoadHeap();
  /** Where each road ends (the mean of its lanes' last shape points). */
  readonly endX: Float64Array;
  readonly endY: Float64Array;
  /**
   * The share of the straight-line distance between two roads' ends that a route between them is
   * sure to drive: the least weight ÷ straight-line distance over the graph's edges, at most 1 (a
   * lane's stated length may be shorter than its shape). It keeps the A* estimate a lower bound
   * that never drops more along an edge than the edge weighs, so the first route found is shortest.
   */
  readonly estimateShare: number;
  query = 0;

  constructor(net: RoadNetwork) {
    for (const road of net.roads.values()) {
      this.index.set(road, this.roads.length);
      this.roads.push(road);
    }
    const n = this.roads.length;
    this.edgeStart = new Int32Array(n + 1);
    const next: number[] = [];
    const weight: number[] = [];
    const connector: number[] = [];
    for (let i = 0; i < n; i++) {
      this.edgeStart[i] = next.length;
      const road = this.roads[i];
      for (const succ of road.successors) {
        next.push(this.index.get(succ)!);
        const conn = connectorLength(net, road, succ);
        connector.push(conn);
        weight.push(conn + succ.lengthM);
      }
    }
    this.edgeStart[n] = next.length;
    this.next = Int32Array.from(next);
    this.weight = Float64Array.from(weight);
    this.connector = Float64Array.from(connector);
    this.endX = new Float64Array(n);
    this.endY = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const lanes = this.roads[i].lanes;
      let x = 0,
        y = 0;
      for (const lane of lanes) {
        const shape = lane.spec.shape;
        x += shape[shape.length - 1][0];
        y += shape[shape.length - 1][1];
      }
      this.endX[i] = lanes.length > 0 ? x / lanes.length : 0;
      this.endY[i] = lanes.length > 0 ? y / lanes.length : 0;
    }
    let share = 1;
    for (let i = 0; i < n; i++) {
      for (let e = this.edgeStart[i]; e < this.edgeStart[i + 1]; e++) {
        const j = this.next[e];
        const d = Math.hypot(this.endX[j] - this.endX[i], this.endY[j] - this.endY[i]);
        if (d > 0 && this.weight[e] < share * d) share = this.weight[e] / d;
      }
    }
    this.estimateShare = share > 0 ? share : 0;
    this.dist = new Float64Array(n);
    this.prev = new Int32Array(n);
    this.stamp = new Int32Array(n);
    this.done = new Int32Array(n);
  }

  /** {@link connectorLength} from road `a` to road `b`: from the table when `b` is a successor of `a`. */
  connectorBetween(net: RoadNetwork, a: Road, b: Road): number {
    const i = this.index.get(a);
    if (i !== undefined)
      for (let e = this.edgeStart[i]; e < this.edgeStart[i + 1]; e++)
        if (this.roads[this.next[e]] === b) return this.connector[e];
    return connectorLength(net, a, b);
  }
}

/** One routing graph per network, made on first use (a memo on the network object, not a registry). */
const graphs = new WeakMap<RoadNetwork, RoutingGraph>();

function graphOf(net: RoadNetwork): RoutingGraph {
  let g = graphs.get(net);
  if (g === undefined) graphs.set(net, (g = new RoutingGraph(net)));
  return g;
}

/**
 * A* from `start` to `goal` (heap keyed by the length so far plus the estimate of what is left); `[start]`
 * when they are the same road. Ties break by road order.
 */
function shortestLeg(net: RoadNetwork, start: Road, goal: Road): Road[] | undefined {
  if (start === goal) return [start];
  const g = graphOf(net);
  const q = ++g.query;
  const { dist, prev, stamp, done, edgeStart, next, weight } = g;
  const s = g.index.get(start)!,
    goalIdx = g.index.get(goal)!;
  stamp[s] = q;
  dist[s] = 0;
  const gx = g.endX[goalIdx],
    gy = g.endY[goalIdx],
    share = g.estimateShare,
    endX = g.endX,
    endY = g.endY;
  // Entries carry their distance when pushed: a road pushed again with a shorter distance leaves a
  // stale entry behind, skipped when popped.
  const heap = g.heap;
  heap.clear();
  heap.push(s, 0);
  let reached = false;
  while (heap.size > 0) {
    const road = heap.pop();
    if (done[road] === q) continue;
    done[road] = q;
    if (road === goalIdx) {
      reached = true;
      break;
    }
    const d = dist[road];
    for (let e = edgeStart[road]; e < edgeStart[road + 1]; e++) {
      const to = next[e];
      const nd = d + weight[e];
      if (done[to] !== q && (stamp[to] !== q || nd < dist[to])) {
        stamp[to] = q;
        dist[to] = nd;
        prev[to] = road;
        heap.push(to, nd + share * Math.hypot(endX[to] - gx, endY[to] - gy));
      }
    }
  }
  if (!reached) return undefined;
  const path = [goal];
  for (let i = goalIdx; i !== s;) {
    i = prev[i];
    path.push(g.roads[i]);
  }
  return path.reverse();
}

/**
 * A binary min-heap of (distance, road index) entries in typed arrays, ordered by distance, ties by
 * road index (so the pop order, and every route, is fixed); reused by every query of its graph.
 */
class RoadHeap {
  private d = new Float64Array(64);
  private road = new Int32Array(64);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  private less(i: number, j: number): boolean {
    const di = this.d[i],
      dj = this.d[j];
    return di < dj || (di === dj && this.road[i] < this.road[j]);
  }

  push(road: number, d: number): void {
    if (this.size === this.d.length) {
      const dd = new Float64Array(2 * this.size);
      dd.set(this.d);
      const rr = new Int32Array(2 * this.size);
      rr.set(this.road);
      this.d = dd;
      this.road = rr;
    }
    let i = this.size++;
    this.d[i] = d;
    this.road[i] = road;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  /** Takes the least entry off and returns its road (the heap must not be empty). */
  pop(): number {
    const top = this.road[0];
    const n = --this.size;
    if (n > 0) {
      this.d[0] = this.d[n];
      this.road[0] = this.road[n];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1,
          r = l + 1;
        let m = i;
        if (l < n && this.less(l, m)) m = l;
        if (r < n && this.less(r, m)) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }

  private swap(i: number, j: number): void {
    const d = this.d[i];
    this.d[i] = this.d[j];
    this.d[j] = d;
    const r = this.road[i];
    this.road[i] = this.road[j];
    this.road[j] = r;
  }
}
