/**
 * A planar 360° lidar: `rays` rays from the ego centre (plus an optional mount offset) out to
 * `rangeM`, each reporting the distance to the first thing it meets — another vehicle's box or the
 * edge of the drivable surface — and what it was.
 *
 * Ray `k` points at `headingRad + k · 2π / rays` (counter-clockwise): ray 0 straight ahead,
 * `rays / 4` to the left, `rays / 2` behind, `3 · rays / 4` to the right.
 *
 * - Vehicles: exact ray–oriented-box slab tests. Broadphase: boxes whose bounding circle lies beyond
 *   the range are skipped, and each remaining box is tested only against the rays inside the angle
 *   its bounding circle subtends, so the cost grows with the boxes' angular size, not rays × vehicles.
 * - Road edges: the ray marches the {@link DrivableAreaMap} cell by cell
 *   ({@link DrivableAreaMap.boundaryDistance}, a DDA) from the origin until the drivability changes,
 *   up to the nearest vehicle hit. The edge distance is where the ray enters the first cell of the
 *   other kind: exact for the bitmap, so within one map cell (0.25 m by default) of the true edge.
 *   Starting off-road, the first road cell counts as the edge. Marching costs ~5 ns per cell
 *   crossed (minicity, no vehicles: rays average 13 m, ~0.1 ms per 256-ray scan; see
 *   `bench/sensorBenchmark.ts`), well inside the budget, so no vector edge index was built; a
 *   distance field over the bitmap (sphere tracing) is the next step if long open roads need it.
 */
import type { DrivableAreaMap } from "./DrivableAreaMap.js";
import type { EgoPose } from "./EgoPose.js";
import type { VehicleBoxView } from "./VehicleBoxView.js";

/** What a lidar ray hit. */
export const LidarHit = {
  /** Nothing within range (the distance is the range). */
  none: 0,
  /** Another vehicle's box. */
  vehicle: 1,
  /** The edge of the drivable surface. */
  roadEdge: 2,
} as const;

/** One of the {@link LidarHit} values. */
export type LidarHit = (typeof LidarHit)[keyof typeof LidarHit];

/** Options for {@link Lidar}. */
export interface LidarOptions {
  /**
   * Number of rays over 360°.
   * @default 256
   */
  rays?: number;
  /**
   * Maximum range (m); rays that hit nothing report this distance.
   * @default 50
   */
  rangeM?: number;
  /**
   * Mount position ahead of the ego centre, in the ego frame (m).
   * @default 0
   */
  mountForwardM?: number;
  /**
   * Mount position left of the ego centre, in the ego frame (m).
   * @default 0
   */
  mountLeftM?: number;
}

const TWO_PI = 2 * Math.PI;

export class Lidar {
  /** Number of rays. */
  readonly rays: number;
  /** Maximum range (m). */
  readonly rangeM: number;
  /** Mount offset ahead of the ego centre (m). */
  readonly mountForwardM: number;
  /** Mount offset left of the ego centre (m). */
  readonly mountLeftM: number;
  private readonly map: DrivableAreaMap | undefined;
  // Per ray: direction relative to the heading, world direction of the current scan, nearest hit.
  private readonly relCos: Float64Array;
  private readonly relSin: Float64Array;
  private readonly dirX: Float64Array;
  private readonly dirY: Float64Array;
  private readonly best: Float64Array;

  /**
   * @param map the drivable surface whose edges rays stop at; undefined: vehicles only
   */
  constructor(map: DrivableAreaMap | undefined, options: LidarOptions = {}) {
    this.map = map;
    this.rays = options.rays ?? 256;
    this.rangeM = options.rangeM ?? 50;
    this.mountForwardM = options.mountForwardM ?? 0;
    this.mountLeftM = options.mountLeftM ?? 0;
    if (!(Number.isInteger(this.rays) && this.rays > 0))
      throw new Error(`lidar: rays must be a positive integer, got ${this.rays}`);
    if (!(this.rangeM > 0)) throw new Error(`lidar: rangeM must be positive, got ${this.rangeM}`);
    const n = this.rays;
    this.relCos = new Float64Array(n);
    this.relSin = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      this.relCos[k] = Math.cos((TWO_PI * k) / n);
      this.relSin[k] = Math.sin((TWO_PI * k) / n);
    }
    this.dirX = new Float64Array(n);
    this.dirY = new Float64Array(n);
    this.best = new Float64Array(n);
  }

  /**
   * Casts all rays from `pose` and writes, per ray, the hit distance (m; `rangeM` when nothing is
   * hit) into `distances` and the {@link LidarHit} kind into `kinds` (both length ≥ rays).
   * Allocation-free.
   * @param vehicles the vehicles' boxes
   * @param skipIndex position in `vehicles` to leave out (the ego itself); −1 for none
   */
  scan(pose: EgoPose, vehicles: VehicleBoxView, skipIndex: number, distances: Float32Array, kinds: Uint8Array): void {
    const n = this.rays,
      range = this.rangeM;
    if (distances.length < n || kinds.length < n)
      throw new Error(`lidar: outputs hold ${distances.length} distances and ${kinds.length} kinds, need ${n}`);
    const ch = Math.cos(pose.headingRad),
      sh = Math.sin(pose.headingRad);
    const ox = pose.x + this.mountForwardM * ch - this.mountLeftM * sh;
    const oy = pose.y + this.mountForwardM * sh + this.mountLeftM * ch;
    const dirX = this.dirX,
      dirY = this.dirY,
      best = this.best;
    for (let k = 0; k < n; k++) {
      dirX[k] = ch * this.relCos[k] - sh * this.relSin[k];
      dirY[k] = sh * this.relCos[k] + ch * this.relSin[k];
      best[k] = range;
      kinds[k] = LidarHit.none;
    }
    const perRay = TWO_PI / n;
    for (let i = 0; i < vehicles.count; i++) {
      if (i === skipIndex) continue;
      const cx = vehicles.x[i],
        cy = vehicles.y[i];
      const hl = vehicles.halfLength[i],
        hw = vehicles.halfWidth[i];
      const dx = cx - ox,
        dy = cy - oy;
      const d = Math.sqrt(dx * dx + dy * dy);
      const radius = Math.sqrt(hl * hl + hw * hw);
      if (d - radius > range) continue;
      // Rays within the angle the bounding circle subtends (all rays when the origin is inside it).
      let j0 = 0,
        j1 = n - 1;
      if (d > radius) {
        let centre = Math.atan2(dy, dx) - pose.headingRad;
        centre -= TWO_PI * Math.floor(centre / TWO_PI); // [0, 2π)
        const half = Math.asin(radius / d);
        j0 = Math.floor((centre - half) / perRay);
        j1 = Math.ceil((centre + half) / perRay);
        if (j1 - j0 >= n) j1 = j0 + n - 1;
      }
      const c = Math.cos(vehicles.headingRad[i]),
        s = Math.sin(vehicles.headingRad[i]);
      // Ray origin in the box frame.
      const lx = -dx * c - dy * s;
      const ly = dx * s - dy * c;
      // j0 ≥ −n and j1 < 2n (the window spans < 2π and starts within (−2π, 2π)).
      for (let j = j0; j <= j1; j++) {
        const k = j < 0 ? j + n : j >= n ? j - n : j;
        const ux = dirX[k] * c + dirY[k] * s;
        const uy = -dirX[k] * s + dirY[k] * c;
        const t = slab(lx, ly, ux, uy, hl, hw);
        if (t < best[k]) {
          best[k] = t;
          kinds[k] = LidarHit.vehicle;
        }
      }
    }
    if (this.map) this.marchEdges(this.map, ox, oy, kinds);
    for (let k = 0; k < n; k++) distances[k] = best[k];
  }

  /** Road-edge pass: per ray, march the map up to the ray's current nearest hit. */
  private marchEdges(map: DrivableAreaMap, ox: number, oy: number, kinds: Uint8Array): void {
    const dirX = this.dirX,
      dirY = this.dirY,
      best = this.best;
    for (let k = 0; k < this.rays; k++) {
      const t = map.boundaryDistance(ox, oy, dirX[k], dirY[k], best[k]);
      if (t < best[k]) {
        best[k] = t;
        kinds[k] = LidarHit.roadEdge;
      }
    }
  }
}

/**
 * Entry distance of the ray `(lx, ly) + t (ux, uy)` (box frame, unit direction) into the box
 * `[−hl, hl] × [−hw, hw]`: 0 when it starts inside, Infinity when it misses or the box is behind.
 */
function slab(lx: number, ly: number, ux: number, uy: number, hl: number, hw: number): number {
  let tNear = -Infinity,
    tFar = Infinity;
  if (ux !== 0) {
    const a = (-hl - lx) / ux,
      b = (hl - lx) / ux;
    tNear = a < b ? a : b;
    tFar = a < b ? b : a;
  } else if (lx < -hl || lx > hl) return Infinity;
  if (uy !== 0) {
    const a = (-hw - ly) / uy,
      b = (hw - ly) / uy;
    const lo = a < b ? a : b,
      hi = a < b ? b : a;
    if (lo > tNear) tNear = lo;
    if (hi < tFar) tFar = hi;
  } else if (ly < -hw || ly > hw) return Infinity;
  if (tNear > tFar || tFar < 0) return Infinity;
  return tNear > 0 ? tNear : 0;
}
