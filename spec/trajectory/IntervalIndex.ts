/**
 * Which of n closed intervals [start, end] contain a point: a centred interval tree, built once.
 * A query costs O(log n + k) for k hits, however the intervals overlap, so a replay provider can ask
 * "who is on the road at t" every tick of a recording with thousands of vehicles.
 *
 * Each node holds the intervals that contain its centre (the median endpoint of its intervals),
 * sorted by start and, separately, by end; intervals wholly left or right of the centre go to the
 * children. Choosing the median endpoint leaves at most half of a node's intervals to each child,
 * so the depth is at most log2(n) + 1.
 */

interface Node {
  /** The point every interval of this node contains. */
  readonly center: number;
  /** This node's intervals, by increasing start. */
  readonly byStart: Int32Array;
  /** This node's intervals, by decreasing end. */
  readonly byEnd: Int32Array;
  readonly left: Node | undefined;
  readonly right: Node | undefined;
}

/** An immutable stabbing-query index over closed intervals, identified by their position. */
export class IntervalIndex {
  private readonly starts: Float64Array;
  private readonly ends: Float64Array;
  private readonly root: Node | undefined;

  /**
   * @param starts interval starts
   * @param ends interval ends, `ends[i] >= starts[i]`, same length as `starts`
   */
  constructor(starts: ArrayLike<number>, ends: ArrayLike<number>) {
    if (starts.length !== ends.length)
      throw new Error(`IntervalIndex: ${starts.length} starts but ${ends.length} ends`);
    this.starts = Float64Array.from(starts);
    this.ends = Float64Array.from(ends);
    for (let i = 0; i < this.starts.length; i++) {
      if (!(this.ends[i] >= this.starts[i]))
        throw new Error(`IntervalIndex: interval ${i} is [${this.starts[i]}, ${this.ends[i]}]`);
    }
    this.root = this.build(Array.from(this.starts, (_, i) => i));
  }

  /** Number of intervals. */
  get size(): number {
    return this.starts.length;
  }

  /**
   * Appends to `out` the indices of the intervals with `start <= t <= end`, in no particular order.
   * @returns `out`
   */
  stab(t: number, out: number[]): number[] {
    let node = this.root;
    while (node !== undefined) {
      if (t < node.center) {
        for (const i of node.byStart) {
          if (this.starts[i] > t) break;
          out.push(i);
        }
        node = node.left;
      } else if (t > node.center) {
        for (const i of node.byEnd) {
          if (this.ends[i] < t) break;
          out.push(i);
        }
        node = node.right;
      } else {
        for (const i of node.byStart) out.push(i);
        break;
      }
    }
    return out;
  }

  private build(items: number[]): Node | undefined {
    if (items.length === 0) return undefined;
    const endpoints = new Float64Array(items.length * 2);
    items.forEach((i, k) => {
      endpoints[2 * k] = this.starts[i];
      endpoints[2 * k + 1] = this.ends[i];
    });
    endpoints.sort();
    const center = endpoints[items.length]; // median of the 2k endpoints (upper one)
    const here: number[] = [];
    const left: number[] = [];
    const right: number[] = [];
    for (const i of items) {
      if (this.ends[i] < center) left.push(i);
      else if (this.starts[i] > center) right.push(i);
      else here.push(i);
    }
    const byStart = Int32Array.from(here).sort((a, b) => this.starts[a] - this.starts[b] || a - b);
    const byEnd = Int32Array.from(here).sort((a, b) => this.ends[b] - this.ends[a] || a - b);
    return { center, byStart, byEnd, left: this.build(left), right: this.build(right) };
  }
}
