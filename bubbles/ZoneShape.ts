/**
 * A bubble's zone as a world polygon with an airlock margin around it: {@link ZoneShape.classify}
 * says whether a point is inside the zone (2), in the margin ring (1, outside the zone but within
 * `marginM` of its outline), or outside both (0). A bounding box grown by the margin rejects far
 * points with four comparisons, so most of the 2,000 vehicles of a busy map cost almost nothing.
 *
 * The polygon may be concave (a road span along a curve) but must not cross itself. A moving
 * bubble's shape is re-placed every step ({@link ZoneShape.placeRelative}) into the same arrays.
 */

/** A zone polygon with its airlock margin. */
export class ZoneShape {
  /** Vertex coordinates (world metres). */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  /** Bounding box of the polygon grown by the margin (m). */
  minX = 0;
  minY = 0;
  maxX = 0;
  maxY = 0;

  /** `n` vertices; `marginM` is the airlock width (m). */
  constructor(
    n: number,
    readonly marginM: number,
  ) {
    if (n < 3) throw new Error(`a zone polygon needs at least 3 points, got ${n}`);
    if (!(marginM >= 0)) throw new Error(`an airlock margin must be ≥ 0 m, got ${marginM}`);
    this.xs = new Float64Array(n);
    this.ys = new Float64Array(n);
  }

  /** A shape with fixed world points. */
  static of(points: readonly (readonly [number, number])[], marginM: number): ZoneShape {
    const z = new ZoneShape(points.length, marginM);
    points.forEach(([x, y], i) => {
      z.xs[i] = x;
      z.ys[i] = y;
    });
    z.updateBounds();
    return z;
  }

  /**
   * Places `local` points (x forward, y left, metres) relative to a pose: world = position +
   * R(heading)·(point + offset). Writes into this shape's arrays (same vertex count).
   */
  placeRelative(
    local: readonly (readonly [number, number])[],
    x: number,
    y: number,
    headingRad: number,
    offset: readonly [number, number],
  ): void {
    const c = Math.cos(headingRad);
    const s = Math.sin(headingRad);
    for (let i = 0; i < local.length; i++) {
      const px = local[i][0] + offset[0];
      const py = local[i][1] + offset[1];
      this.xs[i] = x + c * px - s * py;
      this.ys[i] = y + s * px + c * py;
    }
    this.updateBounds();
  }

  /** 2: inside the zone; 1: in the margin ring; 0: outside both. Points on the outline count as inside. */
  classify(x: number, y: number): 0 | 1 | 2 {
    if (x < this.minX || x > this.maxX || y < this.minY || y > this.maxY) return 0;
    const xs = this.xs;
    const ys = this.ys;
    const n = xs.length;
    let inside = false;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const xi = xs[i],
        yi = ys[i],
        xj = xs[j],
        yj = ys[j];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    if (inside) return 2;
    // Outside by the crossing test: on the outline (inside), in the margin ring, or beyond.
    let best = Infinity;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const d = segmentDistanceSq(x, y, xs[j], ys[j], xs[i], ys[i]);
      if (d < best) best = d;
    }
    if (best < 1e-18) return 2;
    const m = this.marginM;
    return best <= m * m ? 1 : 0;
  }

  /** The zone outline as `[x, y]` points. */
  outline(): [number, number][] {
    return Array.from(this.xs, (x, i) => [x, this.ys[i]] as [number, number]);
  }

  /**
   * The airlock's outer outline (each vertex pushed out by the margin along the bisector of its
   * edges' normals, a mitre capped at 3 margins), or undefined when the margin is 0. For viewers.
   */
  airlockOutline(): [number, number][] | undefined {
    const m = this.marginM;
    if (m === 0) return undefined;
    const xs = this.xs,
      ys = this.ys,
      n = xs.length;
    let area2 = 0;
    for (let i = 0, j = n - 1; i < n; j = i++) area2 += xs[j] * ys[i] - xs[i] * ys[j];
    const sign = area2 >= 0 ? 1 : -1; // counter-clockwise: outward normal of edge (dx, dy) is (dy, −dx)
    const out: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      const p = (i + n - 1) % n,
        q = (i + 1) % n;
      const [ax, ay] = unitNormal(xs[p], ys[p], xs[i], ys[i], sign);
      const [bx, by] = unitNormal(xs[i], ys[i], xs[q], ys[q], sign);
      let mx = ax + bx,
        my = ay + by;
      const len = Math.hypot(mx, my);
      if (len < 1e-9) {
        mx = ax;
        my = ay;
      } else {
        mx /= len;
        my /= len;
      }
      const cos = mx * ax + my * ay;
      const k = Math.min(3, 1 / Math.max(cos, 1e-9)) * m;
      out.push([xs[i] + mx * k, ys[i] + my * k]);
    }
    return out;
  }

  private updateBounds(): void {
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (let i = 0; i < this.xs.length; i++) {
      const x = this.xs[i],
        y = this.ys[i];
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    const m = this.marginM;
    this.minX = minX - m;
    this.minY = minY - m;
    this.maxX = maxX + m;
    this.maxY = maxY + m;
  }
}

function unitNormal(x0: number, y0: number, x1: number, y1: number, sign: number): [number, number] {
  const dx = x1 - x0,
    dy = y1 - y0;
  const len = Math.hypot(dx, dy) || 1;
  return [(sign * dy) / len, (-sign * dx) / len];
}

/** Squared distance from (px, py) to the segment (ax, ay)–(bx, by). */
function segmentDistanceSq(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax,
    dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const ex = ax + t * dx - px,
    ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}
