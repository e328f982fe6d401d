/**
 * Route planning over normal roads: Dijkstra's shortest path by driven length, optionally through
 * via roads in order. Junction connector lengths count; ties break by road order in the spec so the
 * answer is deterministic.
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
  let lengthM = 0;
  for (let i = 0; i < roads.length; i++) {
    lengthM += roads[i].lengthM;
    if (i + 1 < roads.length) lengthM += connectorLength(net, roads[i], roads[i + 1]);
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
  /** Per-query scratch: distance, predecessor, and the query stamp that makes them valid. */
  readonly dist: Float64Array;
  readonly prev: Int32Array;
  readonly stamp: Int32Array;
  readonly done: Int32Array;
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
    for (let i = 0; i < n; i++) {
      this.edgeStart[i] = next.length;
      const road = this.roads[i];
      for (const succ of road.successors) {
        next.push(this.index.get(succ)!);
        weight.push(connectorLength(net, road, succ) + succ.lengthM);
      }
    }
    this.edgeStart[n] = next.length;
    this.next = Int32Array.from(next);
    this.weight = Float64Array.from(weight);
    this.dist = new Float64Array(n);
    this.prev = new Int32Array(n);
    this.stamp = new Int32Array(n);
    this.done = new Int32Array(n);
  }
}

/** One routing graph per network, made on first use (a memo on the network object, not a registry). */
const graphs = new WeakMap<RoadNetwork, RoutingGraph>();

/** Dijkstra from `start` to `goal`; `[start]` when they are the same road. Ties break by road order. */
function shortestLeg(net: RoadNetwork, start: Road, goal: Road): Road[] | undefined {
  if (start === goal) return [start];
  let g = graphs.get(net);
  if (g === undefined) graphs.set(net, (g = new RoutingGraph(net)));
  const q = ++g.query;
  const { dist, prev, stamp, done, edgeStart, next, weight } = g;
  const s = g.index.get(start)!,
    goalIdx = g.index.get(goal)!;
  stamp[s] = q;
  dist[s] = 0;
  // Entries carry their distance when pushed: a road pushed again with a shorter distance leaves a
  // stale entry behind, skipped when popped.
  const heap = new MinHeap<{ road: number; d: number }>((a, b) => a.d - b.d || a.road - b.road);
  heap.push({ road: s, d: 0 });
  let reached = false;
  while (heap.size > 0) {
    const { road } = heap.pop()!;
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
      if (stamp[to] !== q || nd < dist[to]) {
        stamp[to] = q;
        dist[to] = nd;
        prev[to] = road;
        heap.push({ road: to, d: nd });
      }
    }
  }
  if (!reached) return undefined;
  const path = [goal];
  for (let i = goalIdx; i !== s;) {
    i = prev[i];
    path.unshift(g.roads[i]);
  }
  return path;
}

/** A binary min-heap ordered by `less` (negative: a before b). */
class MinHeap<T> {
  private readonly items: T[] = [];
  private readonly less: (a: T, b: T) => number;
  constructor(less: (a: T, b: T) => number) {
    this.less = less;
  }
  get size(): number {
    return this.items.length;
  }
  push(item: T): void {
    this.items.push(item);
    let i = this.items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.less(this.items[i], this.items[p]) >= 0) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): T | undefined {
    if (this.items.length === 0) return undefined;
    const top = this.items[0];
    const last = this.items.pop()!;
    if (this.items.length > 0) {
      this.items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1,
          r = l + 1;
        let m = i;
        if (l < this.items.length && this.less(this.items[l], this.items[m]) < 0) m = l;
        if (r < this.items.length && this.less(this.items[r], this.items[m]) < 0) m = r;
        if (m === i) break;
        this.swap(i, m);
        i = m;
      }
    }
    return top;
  }
  private swap(i: number, j: number): void {
    [this.items[i], this.items[j]] = [this.items[j], this.items[i]];
  }
}
