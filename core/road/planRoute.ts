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
export function planRoute(net: RoadNetwork, fromId: string, toId: string, viaIds: readonly string[] = []): Route | undefined {
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

/** Dijkstra from `start` to `goal`; `[start]` when they are the same road. */
function shortestLeg(net: RoadNetwork, start: Road, goal: Road): Road[] | undefined {
  if (start === goal) return [start];
  const order = new Map<Road, number>();
  let k = 0;
  for (const road of net.roads.values()) order.set(road, k++);
  const dist = new Map<Road, number>([[start, 0]]);
  const prev = new Map<Road, Road>();
  // Entries carry their distance when pushed: a road pushed again with a shorter distance leaves a
  // stale entry behind, skipped when popped.
  const heap = new MinHeap<{ road: Road; d: number }>((a, b) => a.d - b.d || order.get(a.road)! - order.get(b.road)!);
  heap.push({ road: start, d: 0 });
  const done = new Set<Road>();
  while (heap.size > 0) {
    const { road } = heap.pop()!;
    if (done.has(road)) continue;
    done.add(road);
    if (road === goal) break;
    const d = dist.get(road)!;
    for (const next of road.successors) {
      const nd = d + connectorLength(net, road, next) + next.lengthM;
      if (nd < (dist.get(next) ?? Infinity)) {
        dist.set(next, nd);
        prev.set(next, road);
        heap.push({ road: next, d: nd });
      }
    }
  }
  if (!done.has(goal)) return undefined;
  const path = [goal];
  while (path[0] !== start) path.unshift(prev.get(path[0])!);
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
        const l = 2 * i + 1, r = l + 1;
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
