/**
 * Scan conversion of an oriented vehicle box into an {@link EgoGridFrame}: the cells whose centres
 * lie inside the box (boundary included), as one column span per row. Work is proportional to the
 * box's rows, not to the grid or to the number of vehicles, and nothing is allocated per call: the
 * spans land in preallocated arrays that the caller reads right after {@link BoxRasterizer.rasterize}.
 */
import type { EgoGridFrame } from "./EgoGridFrame.js";

export class BoxRasterizer {
  private readonly frame: EgoGridFrame;
  /** First row of the last rasterised box (valid for `rowCount` rows). */
  firstRow = 0;
  /** Number of rows of the last rasterised box (0: it covers no cell centre). */
  rowCount = 0;
  /** Per row `firstRow + k`: first covered column, at index `k`; empty row when > `colHi[k]`. */
  readonly colLo: Int32Array;
  /** Per row `firstRow + k`: last covered column (inclusive), at index `k`. */
  readonly colHi: Int32Array;
  // Corners in continuous grid coordinates (u columns, v rows), front-left, rear-left, rear-right, front-right.
  private readonly _u = new Float64Array(4);
  private readonly _v = new Float64Array(4);

  constructor(frame: EgoGridFrame) {
    this.frame = frame;
    this.colLo = new Int32Array(frame.height);
    this.colHi = new Int32Array(frame.height);
  }

  /**
   * Rasterises one box at the frame's current pose; returns the number of rows written (also in
   * `rowCount`).
   * @param x box centre x (m)
   * @param y box centre y (m)
   * @param headingRad heading of the long axis (radians)
   * @param halfLength half length along the heading (m)
   * @param halfWidth half width across the heading (m)
   */
  rasterize(x: number, y: number, headingRad: number, halfLength: number, halfWidth: number): number {
    const f = this.frame;
    const inv = 1 / f.cellM;
    // Box axes expressed in grid units: +u is ego-right, +v is ego-backward.
    const c = Math.cos(headingRad),
      s = Math.sin(headingRad);
    const dx = x - f.egoX,
      dy = y - f.egoY;
    const cu = f.width / 2 + (dx * f.sin - dy * f.cos) * inv;
    const cv = f.height / 2 - (dx * f.cos + dy * f.sin) * inv;
    // Long axis (c, s) and left axis (−s, c) mapped to (u, v).
    const au = (c * f.sin - s * f.cos) * inv * halfLength;
    const av = -(c * f.cos + s * f.sin) * inv * halfLength;
    const bu = (-s * f.sin - c * f.cos) * inv * halfWidth;
    const bv = -(-s * f.cos + c * f.sin) * inv * halfWidth;
    const u = this._u,
      v = this._v;
    u[0] = cu + au + bu;
    v[0] = cv + av + bv;
    u[1] = cu - au + bu;
    v[1] = cv - av + bv;
    u[2] = cu - au - bu;
    v[2] = cv - av - bv;
    u[3] = cu + au - bu;
    v[3] = cv + av - bv;
    let vMin = v[0],
      vMax = v[0],
      uMin = u[0],
      uMax = u[0];
    for (let k = 1; k < 4; k++) {
      if (v[k] < vMin) vMin = v[k];
      if (v[k] > vMax) vMax = v[k];
      if (u[k] < uMin) uMin = u[k];
      if (u[k] > uMax) uMax = u[k];
    }
    this.rowCount = 0;
    if (uMax < 0.5 || uMin > f.width - 0.5) return 0;
    // Rows whose centre v = row + 0.5 lies in [vMin, vMax].
    const r0 = Math.max(0, Math.ceil(vMin - 0.5));
    const r1 = Math.min(f.height - 1, Math.floor(vMax - 0.5));
    if (r1 < r0) return 0;
    const lastCol = f.width - 1;
    for (let r = r0; r <= r1; r++) {
      const vc = r + 0.5;
      let lo = Infinity,
        hi = -Infinity;
      for (let k = 0; k < 4; k++) {
        const k2 = (k + 1) & 3;
        const va = v[k],
          vb = v[k2];
        if (va === vb) {
          if (va === vc) {
            lo = Math.min(lo, u[k], u[k2]);
            hi = Math.max(hi, u[k], u[k2]);
          }
          continue;
        }
        if ((va <= vc && vc <= vb) || (vb <= vc && vc <= va)) {
          const uc = u[k] + ((vc - va) * (u[k2] - u[k])) / (vb - va);
          if (uc < lo) lo = uc;
          if (uc > hi) hi = uc;
        }
      }
      const k = r - r0;
      if (lo > hi) {
        this.colLo[k] = 1;
        this.colHi[k] = 0;
        continue;
      }
      this.colLo[k] = Math.max(0, Math.ceil(lo - 0.5));
      this.colHi[k] = Math.min(lastCol, Math.floor(hi - 0.5));
    }
    this.firstRow = r0;
    this.rowCount = r1 - r0 + 1;
    return this.rowCount;
  }
}
