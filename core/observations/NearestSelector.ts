/**
 * Partial selection of the `k` nearest vehicles of a frame: a bounded max-heap keyed by
 * (squared distance, id), so one pass over `n` vehicles costs O(n log k) and allocates nothing;
 * {@link finish} then orders the survivors nearest first. Ties in distance go to the smaller id
 * (JavaScript string order), so the choice does not depend on frame order.
 */
export class NearestSelector {
  /** Capacity `k`. */
  readonly capacity: number;
  /** After {@link finish}: frame indices, nearest first (`size` of them). */
  readonly order: Int32Array;
  private readonly heapIndex: Int32Array;
  private readonly heapD2: Float64Array;
  private ids: readonly string[] = [];
  private size_ = 0;

  constructor(capacity: number) {
    if (!(Number.isInteger(capacity) && capacity > 0))
      throw new Error(`NearestSelector: capacity must be a positive integer, got ${capacity}`);
    this.capacity = capacity;
    this.order = new Int32Array(capacity);
    this.heapIndex = new Int32Array(capacity);
    this.heapD2 = new Float64Array(capacity);
  }

  /** Number of vehicles selected so far. */
  get size(): number {
    return this.size_;
  }

  /** Starts a selection over vehicles named by `ids` (the frame's id column). */
  reset(ids: readonly string[]): void {
    this.ids = ids;
    this.size_ = 0;
  }

  /** Offers vehicle `index` at squared distance `d2` (m²). */
  offer(index: number, d2: number): void {
    const h = this.heapIndex,
      d = this.heapD2;
    if (this.size_ < this.capacity) {
      // Sift up from the new leaf.
      let i = this.size_++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.after(index, d2, h[parent], d[parent])) break;
        h[i] = h[parent];
        d[i] = d[parent];
        i = parent;
      }
      h[i] = index;
      d[i] = d2;
      return;
    }
    // Full: replace the farthest (the root) if the newcomer is nearer, then sift down.
    if (!this.after(h[0], d[0], index, d2)) return;
    const n = this.size_;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      if (l + 1 < n && this.after(h[l + 1], d[l + 1], h[l], d[l])) c = l + 1;
      if (!this.after(h[c], d[c], index, d2)) break;
      h[i] = h[c];
      d[i] = d[c];
      i = c;
    }
    h[i] = index;
    d[i] = d2;
  }

  /** Orders the selection nearest first into {@link order}; returns the count. Empties the heap. */
  finish(): number {
    const count = this.size_;
    // Heap sort: popping the farthest each time fills `order` from the back.
    const h = this.heapIndex,
      d = this.heapD2;
    for (let k = count - 1; k >= 0; k--) {
      this.order[k] = h[0];
      const lastIndex = h[k],
        lastD2 = d[k];
      const n = k;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        let c = l;
        if (l + 1 < n && this.after(h[l + 1], d[l + 1], h[l], d[l])) c = l + 1;
        if (!this.after(h[c], d[c], lastIndex, lastD2)) break;
        h[i] = h[c];
        d[i] = d[c];
        i = c;
      }
      if (n > 0) {
        h[i] = lastIndex;
        d[i] = lastD2;
      }
    }
    this.size_ = 0;
    return count;
  }

  /** Whether (a, da) sorts after (b, db): farther, or as far with a larger id. */
  private after(a: number, da: number, b: number, db: number): boolean {
    if (da !== db) return da > db;
    return this.ids[a] > this.ids[b];
  }
}
