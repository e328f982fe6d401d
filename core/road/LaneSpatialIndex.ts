/**
 * Nearest-lane queries over a uniform grid of lane centreline segments.
 *
 * Every segment is listed in each grid cell its bounding box touches (compressed-row arrays, no
 * per-cell objects). A query scans rings of cells outward from the point's cell and stops once the
 * nearest segment found is closer than anything outside the rings scanned can be. A uniform grid
 * beats a tree here: lane segments are short and evenly spread, so the first cell nearly always
 * settles the answer (measured by `npm run bench`: see README).
 */
import type { Lane } from "./Lane.js";

/** The nearest lane to a point, with the point's lane coordinates. */
export interface NearestLane {
  lane: Lane;
  /** Arc length of the foot point along the lane centreline (metres). */
  s: number;
  /** Lateral offset from the centreline, left positive (metres). */
  t: number;
  /** Distance from the point to the centreline (metres). */
  distanceM: number;
}

/** Options for {@link LaneSpatialIndex}. */
export interface LaneSpatialIndexOptions {
  /**
   * Grid cell size in metres.
   * @default 8
   */
  cellSizeM?: number;
}

const MAX_CELLS = 4_000_000;

export class LaneSpatialIndex {
  private readonly lanes: readonly Lane[];
  // Per segment: owning lane (position in `lanes`), segment index in that lane, end points.
  private readonly segLane: Int32Array;
  private readonly segIndex: Int32Array;
  private readonly x0: Float64Array;
  private readonly y0: Float64Array;
  private readonly dx: Float64Array;
  private readonly dy: Float64Array;
  private readonly invLen2: Float64Array;
  private readonly minX: number;
  private readonly minY: number;
  private readonly cellSize: number;
  private readonly cols: number;
  private readonly rows: number;
  private readonly cellStart: Int32Array;
  private readonly cellItems: Int32Array;

  constructor(lanes: readonly Lane[], options: LaneSpatialIndexOptions = {}) {
    this.lanes = lanes;
    let nSeg = 0;
    for (const lane of lanes) nSeg += lane.centreline.size - 1;
    this.segLane = new Int32Array(nSeg);
    this.segIndex = new Int32Array(nSeg);
    this.x0 = new Float64Array(nSeg);
    this.y0 = new Float64Array(nSeg);
    this.dx = new Float64Array(nSeg);
    this.dy = new Float64Array(nSeg);
    this.invLen2 = new Float64Array(nSeg);
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    let k = 0;
    lanes.forEach((lane, li) => {
      const { xs, ys } = lane.centreline;
      for (let i = 0; i < xs.length - 1; i++, k++) {
        this.segLane[k] = li;
        this.segIndex[k] = i;
        this.x0[k] = xs[i];
        this.y0[k] = ys[i];
        this.dx[k] = xs[i + 1] - xs[i];
        this.dy[k] = ys[i + 1] - ys[i];
        const l2 = this.dx[k] * this.dx[k] + this.dy[k] * this.dy[k];
        this.invLen2[k] = l2 > 0 ? 1 / l2 : 0;
        minX = Math.min(minX, xs[i], xs[i + 1]);
        maxX = Math.max(maxX, xs[i], xs[i + 1]);
        minY = Math.min(minY, ys[i], ys[i + 1]);
        maxY = Math.max(maxY, ys[i], ys[i + 1]);
      }
    });
    if (nSeg === 0) {
      minX = minY = 0;
      maxX = maxY = 1;
    }
    let cell = options.cellSizeM ?? 8;
    while (((maxX - minX) / cell + 1) * ((maxY - minY) / cell + 1) > MAX_CELLS) cell *= 2;
    this.cellSize = cell;
    this.minX = minX;
    this.minY = minY;
    this.cols = Math.floor((maxX - minX) / cell) + 1;
    this.rows = Math.floor((maxY - minY) / cell) + 1;

    // Two passes: count per cell, then fill (compressed rows).
    const counts = new Int32Array(this.cols * this.rows + 1);
    this.forEachCellOfSegment(nSeg, (c) => counts[c + 1]++);
    for (let c = 1; c < counts.length; c++) counts[c] += counts[c - 1];
    this.cellStart = counts;
    this.cellItems = new Int32Array(counts[counts.length - 1]);
    const fill = counts.slice(0, counts.length - 1);
    this.forEachCellOfSegment(nSeg, (c, seg) => {
      this.cellItems[fill[c]++] = seg;
    });
  }

  private forEachCellOfSegment(nSeg: number, visit: (cell: number, seg: number) => void): void {
    const cs = this.cellSize;
    for (let k = 0; k < nSeg; k++) {
      const ax = this.x0[k],
        ay = this.y0[k],
        bx = ax + this.dx[k],
        by = ay + this.dy[k];
      const c0 = Math.floor((Math.min(ax, bx) - this.minX) / cs);
      const c1 = Math.floor((Math.max(ax, bx) - this.minX) / cs);
      const r0 = Math.floor((Math.min(ay, by) - this.minY) / cs);
      const r1 = Math.floor((Math.max(ay, by) - this.minY) / cs);
      for (let r = r0; r <= r1; r++) {
        for (let c = c0; c <= c1; c++) {
          // Skip cells of a long diagonal segment's box that the segment does not come near.
          if (c1 > c0 && r1 > r0 && this.cellDistance2(k, c, r) > cs * cs * 0.5) continue;
          visit(r * this.cols + c, k);
        }
      }
    }
  }

  private cellDistance2(seg: number, c: number, r: number): number {
    const cx = this.minX + (c + 0.5) * this.cellSize;
    const cy = this.minY + (r + 0.5) * this.cellSize;
    return this.segmentDistance2(seg, cx, cy);
  }

  private segmentDistance2(k: number, x: number, y: number): number {
    const px = x - this.x0[k];
    const py = y - this.y0[k];
    const dx = this.dx[k];
    const dy = this.dy[k];
    let u = (px * dx + py * dy) * this.invLen2[k];
    if (u < 0) u = 0;
    else if (u > 1) u = 1;
    const ex = px - u * dx;
    const ey = py - u * dy;
    return ex * ex + ey * ey;
  }

  /**
   * Index of the segment nearest to `(x, y)` within `maxDistM`, or −1. Allocation-free: the hot
   * path for per-step vehicle localisation.
   */
  nearestSegment(x: number, y: number, maxDistM = Infinity): number {
    const cs = this.cellSize;
    const fc = (x - this.minX) / cs;
    const fr = (y - this.minY) / cs;
    const cc = Math.min(this.cols - 1, Math.max(0, Math.floor(fc)));
    const cr = Math.min(this.rows - 1, Math.max(0, Math.floor(fr)));
    let best = maxDistM === Infinity ? Infinity : maxDistM * maxDistM;
    let bestSeg = -1;
    const maxRing = Math.max(this.cols, this.rows);
    for (let ring = 0; ring <= maxRing; ring++) {
      const rMin = cr - ring,
        rMax = cr + ring,
        cMin = cc - ring,
        cMax = cc + ring;
      for (let r = rMin; r <= rMax; r++) {
        if (r < 0 || r >= this.rows) continue;
        const edgeRow = r === rMin || r === rMax;
        const step = edgeRow ? 1 : cMax - cMin;
        for (let c = cMin; c <= cMax; c += step > 0 ? step : 1) {
          if (c < 0 || c >= this.cols) continue;
          const end = this.cellStart[r * this.cols + c + 1];
          for (let i = this.cellStart[r * this.cols + c]; i < end; i++) {
            const seg = this.cellItems[i];
            const d2 = this.segmentDistance2(seg, x, y);
            if (d2 < best || (d2 === best && seg < bestSeg)) {
              best = d2;
              bestSeg = seg;
            }
          }
        }
      }
      // Anything not yet scanned lies beyond a side of the block of rings 0..ring that has not
      // reached the grid's border: at least that far away.
      let gap = Infinity;
      if (cMin > 0) gap = Math.min(gap, x - (this.minX + cMin * cs));
      if (cMax < this.cols - 1) gap = Math.min(gap, this.minX + (cMax + 1) * cs - x);
      if (rMin > 0) gap = Math.min(gap, y - (this.minY + rMin * cs));
      if (rMax < this.rows - 1) gap = Math.min(gap, this.minY + (rMax + 1) * cs - y);
      if (gap === Infinity || best <= gap * gap) break;
    }
    return bestSeg;
  }

  /** The lane nearest to `(x, y)` (by centreline distance) within `maxDistM`, or `undefined`. */
  nearest(x: number, y: number, maxDistM = Infinity): NearestLane | undefined {
    const seg = this.nearestSegment(x, y, maxDistM);
    if (seg < 0) return undefined;
    const lane = this.lanes[this.segLane[seg]];
    const p = lane.centreline.projectOnSegment(this.segIndex[seg], x, y);
    return { lane, s: p.s, t: p.t, distanceM: p.distanceM };
  }

  /** Distance from `(x, y)` to segment `seg` (as returned by {@link nearestSegment}), metres. */
  segmentDistance(seg: number, x: number, y: number): number {
    return Math.sqrt(this.segmentDistance2(seg, x, y));
  }

  /** Lane owning segment `seg` (as returned by {@link nearestSegment}). */
  laneOfSegment(seg: number): Lane {
    return this.lanes[this.segLane[seg]];
  }
}
