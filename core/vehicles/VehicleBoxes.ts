/**
 * The vehicles' 2-D footprints for one step, as a struct of arrays: what collision detection (and
 * other per-step geometry: occupancy grids, lidar) reads. Index `i` is a position in this step's
 * list, which changes as vehicles come and go; `ids[i]` is the vehicle's stable integer id.
 *
 * The arrays grow by doubling and are reused between steps: `clear()` then `add()` every vehicle
 * allocates nothing once the capacity has been reached.
 */

/** Options for {@link VehicleBoxes}. */
export interface VehicleBoxesOptions {
  /**
   * Number of boxes the arrays hold before they first grow.
   * @default 64
   */
  initialCapacity?: number;
}

/** Oriented vehicle boxes (centre, heading, half extents) in world metres, struct-of-arrays. */
export class VehicleBoxes {
  /** Number of boxes in use; entries at and beyond `count` are stale. */
  count = 0;
  /** Stable vehicle ids (per-simulation integers), by position. */
  ids: Int32Array;
  /** Box centre x (m). */
  x: Float64Array;
  /** Box centre y (m). */
  y: Float64Array;
  /** Heading of the box's long axis, counter-clockwise from +x (radians). */
  headingRad: Float64Array;
  /** Half the box length, along the heading (m). */
  halfLength: Float64Array;
  /** Half the box width, across the heading (m). */
  halfWidth: Float64Array;

  constructor(options: VehicleBoxesOptions = {}) {
    const capacity = Math.max(1, options.initialCapacity ?? 64);
    this.ids = new Int32Array(capacity);
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
    this.headingRad = new Float64Array(capacity);
    this.halfLength = new Float64Array(capacity);
    this.halfWidth = new Float64Array(capacity);
  }

  /** Number of boxes the arrays hold without growing. */
  get capacity(): number {
    return this.x.length;
  }

  /** Forgets all boxes (keeps the arrays). */
  clear(): void {
    this.count = 0;
  }

  /** Grows the arrays (doubling) so they hold at least `n` boxes; keeps the boxes in use. */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    let capacity = this.capacity;
    while (capacity < n) capacity *= 2;
    this.ids = growInt32(this.ids, capacity, this.count);
    this.x = growFloat64(this.x, capacity, this.count);
    this.y = growFloat64(this.y, capacity, this.count);
    this.headingRad = growFloat64(this.headingRad, capacity, this.count);
    this.halfLength = growFloat64(this.halfLength, capacity, this.count);
    this.halfWidth = growFloat64(this.halfWidth, capacity, this.count);
  }

  /**
   * Appends a box and returns its position.
   * @param id stable vehicle id
   * @param x centre x (m)
   * @param y centre y (m)
   * @param headingRad heading of the long axis (radians, counter-clockwise from +x)
   * @param lengthM full length (m)
   * @param widthM full width (m)
   */
  add(id: number, x: number, y: number, headingRad: number, lengthM: number, widthM: number): number {
    if (this.count === this.capacity) this.reserve(this.count + 1);
    const i = this.count++;
    this.ids[i] = id;
    this.x[i] = x;
    this.y[i] = y;
    this.headingRad[i] = headingRad;
    this.halfLength[i] = lengthM / 2;
    this.halfWidth[i] = widthM / 2;
    return i;
  }

  /** The four corners of box `i` (front-left, rear-left, rear-right, front-right) as `[x0, y0, x1, y1, …]` (m). */
  corners(i: number): number[] {
    const c = Math.cos(this.headingRad[i]),
      s = Math.sin(this.headingRad[i]);
    const hl = this.halfLength[i],
      hw = this.halfWidth[i];
    const out: number[] = [];
    for (const [a, b] of [
      [1, 1],
      [-1, 1],
      [-1, -1],
      [1, -1],
    ]) {
      out.push(this.x[i] + a * hl * c - b * hw * s, this.y[i] + a * hl * s + b * hw * c);
    }
    return out;
  }
}

function growFloat64(a: Float64Array, capacity: number, used: number): Float64Array {
  const b = new Float64Array(capacity);
  b.set(a.subarray(0, used));
  return b;
}

function growInt32(a: Int32Array, capacity: number, used: number): Int32Array {
  const b = new Int32Array(capacity);
  b.set(a.subarray(0, used));
  return b;
}
