/**
 * Scanline fill of a simple or self-intersecting polygon on a regular grid, by the non-zero winding
 * rule: cell `(row, col)` is inside when its centre `(originX + (col + 0.5)·res, originY +
 * (row + 0.5)·res)` is. SUMO junction outlines are sometimes self-touching; non-zero (unlike
 * even–odd) never punches holes where such an outline overlaps itself.
 */

/** The grid being filled: its origin (south-west corner, m), cell size (m) and extent (cells). */
export interface ScanlineGrid {
  readonly originX: number;
  readonly originY: number;
  readonly resolutionM: number;
  readonly cols: number;
  readonly rows: number;
}

/** Receives one filled run of cells `col0..col1` (inclusive) on `row`. */
export type SpanSink = (row: number, col0: number, col1: number) => void;

/** Reusable scratch for {@link scanlineFillPolygon} (crossings of one scanline). */
export class ScanlineScratch {
  xs = new Float64Array(32);
  dirs = new Int8Array(32);

  ensure(n: number): void {
    if (this.xs.length >= n) return;
    let cap = this.xs.length;
    while (cap < n) cap *= 2;
    this.xs = new Float64Array(cap);
    this.dirs = new Int8Array(cap);
  }
}

/**
 * Fills the polygon with vertices `(px[k], py[k])`, `k < n` (closed implicitly; world metres).
 * @param sink called once per filled run, rows ascending
 */
export function scanlineFillPolygon(
  px: ArrayLike<number>,
  py: ArrayLike<number>,
  n: number,
  grid: ScanlineGrid,
  sink: SpanSink,
  scratch: ScanlineScratch,
): void {
  if (n < 3) return;
  const res = grid.resolutionM;
  let minY = Infinity,
    maxY = -Infinity;
  for (let k = 0; k < n; k++) {
    if (py[k] < minY) minY = py[k];
    if (py[k] > maxY) maxY = py[k];
  }
  const r0 = Math.max(0, Math.ceil((minY - grid.originY) / res - 0.5));
  const r1 = Math.min(grid.rows - 1, Math.floor((maxY - grid.originY) / res - 0.5));
  scratch.ensure(n);
  const xs = scratch.xs,
    dirs = scratch.dirs;
  for (let r = r0; r <= r1; r++) {
    const yc = grid.originY + (r + 0.5) * res;
    let m = 0;
    for (let k = 0, j = n - 1; k < n; j = k++) {
      const ya = py[j],
        yb = py[k];
      // Half-open in y, so a vertex exactly on the scanline is counted once.
      if (ya <= yc !== yb <= yc) {
        // Interpolate from the lower end, so an edge shared by two polygons (traversed in opposite
        // directions) gives bit-identical crossings and leaves no pinholes between them.
        const x =
          ya < yb
            ? px[j] + ((yc - ya) * (px[k] - px[j])) / (yb - ya)
            : px[k] + ((yc - yb) * (px[j] - px[k])) / (ya - yb);
        // Insertion sort by x as crossings arrive (few per scanline).
        let i = m++;
        while (i > 0 && xs[i - 1] > x) {
          xs[i] = xs[i - 1];
          dirs[i] = dirs[i - 1];
          i--;
        }
        xs[i] = x;
        dirs[i] = yb > ya ? 1 : -1;
      }
    }
    // Emit runs between entering and leaving non-zero winding.
    let winding = 0;
    let enterX = 0;
    for (let i = 0; i < m; i++) {
      const before = winding;
      winding += dirs[i];
      if (before === 0 && winding !== 0) enterX = xs[i];
      else if (before !== 0 && winding === 0) {
        const c0 = Math.max(0, Math.ceil((enterX - grid.originX) / res - 0.5));
        const c1 = Math.min(grid.cols - 1, Math.ceil((xs[i] - grid.originX) / res - 0.5) - 1);
        if (c1 >= c0) sink(r, c0, c1);
      }
    }
  }
}
