/**
 * A reusable buffer of colliding pairs `(i, j)`, positions into one step's
 * {@link import("../vehicles/VehicleBoxes.js").VehicleBoxes}, with `i < j`, sorted by `i` then `j`.
 * Grows by doubling; reused between steps, so the steady state allocates nothing.
 */

/** Options for {@link CollisionPairs}. */
export interface CollisionPairsOptions {
  /**
   * Number of pairs held before the buffer first grows.
   * @default 64
   */
  initialCapacity?: number;
}

/** Colliding pairs of box positions, packed `[i0, j0, i1, j1, …]`. */
export class CollisionPairs {
  /** Number of pairs in use. */
  count = 0;
  /** Packed pairs: pair `k` is `data[2k]`, `data[2k + 1]`; entries past `2 * count` are stale. */
  data: Int32Array;

  constructor(options: CollisionPairsOptions = {}) {
    this.data = new Int32Array(2 * Math.max(1, options.initialCapacity ?? 64));
  }

  /** Forgets all pairs (keeps the buffer). */
  clear(): void {
    this.count = 0;
  }

  /** Appends pair `(i, j)`; the caller keeps `i < j` and the order. */
  push(i: number, j: number): void {
    if (2 * this.count === this.data.length) {
      const grown = new Int32Array(2 * this.data.length);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[2 * this.count] = i;
    this.data[2 * this.count + 1] = j;
    this.count++;
  }

  /** Lower position of pair `k`. */
  first(k: number): number {
    return this.data[2 * k];
  }

  /** Higher position of pair `k`. */
  second(k: number): number {
    return this.data[2 * k + 1];
  }

  /** The pairs as `[i, j]` tuples (allocates: for tests, logs and tools, not the step). */
  toArray(): [number, number][] {
    const out: [number, number][] = [];
    for (let k = 0; k < this.count; k++) out.push([this.data[2 * k], this.data[2 * k + 1]]);
    return out;
  }
}
