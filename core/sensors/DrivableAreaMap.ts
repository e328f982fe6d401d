/**
 * A world-frame bitmap of a road network's drivable surface, built once per network and then
 * sampled by the grid sensors and marched by the lidar.
 *
 * What is drivable: every lane that admits `vehicleClass` (normal and junction-internal lanes),
 * as the quads between its centreline offset ±width/2, plus mitred joints at the centreline's
 * vertices and where a lane runs on into a successor, so that bends leave no gaps; and every
 * junction outline polygon (≥ 3 points). A cell is set when its centre lies inside one of these
 * polygons (scanline fill, non-zero rule). Lanes are padded by `seamPaddingM` to close the hairline
 * seams of real maps (minicity keeps 1 isolated pinhole, a gap in SUMO's own geometry). Lane
 * markings (the dividers between adjacent lanes of a road) are a second bit on top.
 *
 * Build cost and size for minicity (1,443 × 1,395 m, 2,695 lanes) at 0.25 m: ~25–45 ms, 7.5 MB
 * (1,831 of 8,008 tiles in use; a dense byte bitmap would be 32.7 MB).
 *
 * Storage is sparse: the plane is cut into tiles of 64 × 64 cells; only tiles that some polygon
 * touches hold bytes, all others share one zero tile, so a lookup is branch-free and memory grows
 * with the road area, not with the map's bounding box; the tile table costs 4 bytes per 16 × 16 m
 * (at 0.25 m), 1.6 MB for a 10 × 10 km box. See `bench/sensorBenchmark.ts`.
 */
import type { Lane } from "../road/Lane.js";
import type { RoadNetwork } from "../road/RoadNetwork.js";
import { ScanlineScratch, scanlineFillPolygon, type ScanlineGrid } from "./scanlineFillPolygon.js";

/** Options for {@link DrivableAreaMap}. */
export interface DrivableAreaMapOptions {
  /**
   * Cell edge length in metres.
   * @default 0.25
   */
  resolutionM?: number;
  /**
   * Empty border kept around the drivable surface (m), so rays and grids leave the road inside the map.
   * @default 4
   */
  marginM?: number;
  /**
   * Extra width added on each side of every lane (m). SUMO rounds coordinates to 1 cm, so
   * neighbouring lanes' edges miss each other by a hair; without this, cell centres falling in those
   * seams leave pinholes in the road that the lidar would report as road edges.
   * @default 0.05
   */
  seamPaddingM?: number;
  /**
   * SUMO vehicle class whose lanes count as drivable (sidewalks and bike lanes do not admit it).
   * @default "passenger"
   */
  vehicleClass?: string;
  /**
   * Rasterise lane dividers (between adjacent drivable lanes of a normal road) as the marking bit.
   * @default true
   */
  laneMarkings?: boolean;
  /**
   * Width of a lane marking (m); at least one cell, so that a marking never falls between cell centres.
   * @default resolutionM
   */
  markingWidthM?: number;
}

/** Lanes whose end and start lie this close (m) are treated as one continuous surface. */
const JOINT_TOLERANCE_M = 0.5;
const TILE_SHIFT = 6;
const TILE = 1 << TILE_SHIFT;
const TILE_MASK = TILE - 1;
const TILE_CELLS = TILE * TILE;

export class DrivableAreaMap implements ScanlineGrid {
  /** Cell value bit: the cell's centre is on the drivable surface. */
  static readonly DRIVABLE = 1;
  /** Cell value bit: the cell's centre is on a lane marking (always together with DRIVABLE). */
  static readonly LANE_MARKING = 2;

  /** Cell edge length (m). */
  readonly resolutionM: number;
  /** World x of the map's west edge (m), a multiple of the resolution. */
  readonly originX: number;
  /** World y of the map's south edge (m), a multiple of the resolution. */
  readonly originY: number;
  /** Columns (eastward). */
  readonly cols: number;
  /** Rows (northward). */
  readonly rows: number;
  /** Tiles per tile row. */
  readonly tilesX: number;
  /** Tiles per tile column. */
  readonly tilesY: number;
  /** Per tile (row-major, `ty · tilesX + tx`): index of its block in `pool`; 0 is the shared zero tile. */
  private readonly tiles: Int32Array;
  /** Tile blocks of `64 × 64` cell values, row-major within a block. */
  private pool: Uint8Array;
  private tilesUsed = 1;
  private readonly invRes: number;

  constructor(network: RoadNetwork, options: DrivableAreaMapOptions = {}) {
    const res = options.resolutionM ?? 0.25;
    if (!(res > 0)) throw new Error(`drivable area map: resolutionM must be positive, got ${res}`);
    const margin = options.marginM ?? 4;
    const seam = options.seamPaddingM ?? 0.05;
    const vClass = options.vehicleClass ?? "passenger";
    const markingWidth = Math.max(options.markingWidthM ?? res, res);
    this.resolutionM = res;
    this.invRes = 1 / res;

    const lanes = network.laneList.filter((l) => isDrivableLane(l, vClass));
    const junctions = [...network.junctions.values()].filter((j) => j.shape.length >= 3);
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    const grow = (x: number, y: number, pad: number) => {
      minX = Math.min(minX, x - pad);
      maxX = Math.max(maxX, x + pad);
      minY = Math.min(minY, y - pad);
      maxY = Math.max(maxY, y + pad);
    };
    for (const lane of lanes) {
      const { xs, ys } = lane.centreline;
      for (let i = 0; i < xs.length; i++) grow(xs[i], ys[i], lane.widthM / 2 + 2 * seam);
    }
    for (const j of junctions) for (const [x, y] of j.shape) grow(x, y, 0);
    if (minX === Infinity) minX = minY = maxX = maxY = 0;
    this.originX = Math.floor((minX - margin) / res) * res;
    this.originY = Math.floor((minY - margin) / res) * res;
    this.cols = Math.ceil((maxX + margin - this.originX) / res);
    this.rows = Math.ceil((maxY + margin - this.originY) / res);
    this.tilesX = (this.cols + TILE_MASK) >> TILE_SHIFT;
    this.tilesY = (this.rows + TILE_MASK) >> TILE_SHIFT;
    this.tiles = new Int32Array(this.tilesX * this.tilesY);
    this.pool = new Uint8Array(TILE_CELLS * 64);

    const scratch = new ScanlineScratch();
    const px = new Float64Array(4),
      py = new Float64Array(4);
    let value = DrivableAreaMap.DRIVABLE;
    const sink = (row: number, c0: number, c1: number) => this.orSpan(row, c0, c1, value);
    const fillQuad = (n: number) => scanlineFillPolygon(px, py, n, this, sink, scratch);

    // The outside of a bend between directions with left normals n1 and n2 at (x0, y0), both
    // sides: a mitred quad, so that the road edge stays a full half-width from the vertex.
    const fillJoint = (x0: number, y0: number, n1x: number, n1y: number, n2x: number, n2y: number, hw: number) => {
      const mx = n1x + n2x,
        my = n1y + n2y;
      const m2 = mx * mx + my * my; // = 4 cos²(θ/2) for a turn by θ
      // Miter point at hw / cos(θ/2) along the bisector; past 120° of turn, cap it at hw·2.
      const k = m2 >= 1 ? (2 * hw) / m2 : (2 * hw) / Math.sqrt(m2);
      for (let side = 1; side >= -1; side -= 2) {
        px[0] = x0;
        py[0] = y0;
        px[1] = x0 + side * n1x * hw;
        py[1] = y0 + side * n1y * hw;
        px[2] = x0 + side * mx * k;
        py[2] = y0 + side * my * k;
        px[3] = x0 + side * n2x * hw;
        py[3] = y0 + side * n2y * hw;
        fillQuad(4);
      }
    };
    for (const lane of lanes) {
      const hw = lane.widthM / 2 + seam;
      forEachSegment(lane, seam, (x0, y0, x1, y1, nx, ny, pnx, pny) => {
        px[0] = x0 + nx * hw;
        py[0] = y0 + ny * hw;
        px[1] = x1 + nx * hw;
        py[1] = y1 + ny * hw;
        px[2] = x1 - nx * hw;
        py[2] = y1 - ny * hw;
        px[3] = x0 - nx * hw;
        py[3] = y0 - ny * hw;
        fillQuad(4);
        if (pnx !== 0 || pny !== 0) fillJoint(x0, y0, pnx, pny, nx, ny, hw);
      });
    }
    // Joints where a lane runs on into a successor at an angle, as at an interior vertex.
    const dirA = new Float64Array(2),
      dirB = new Float64Array(2);
    for (const lane of lanes) {
      const a = lane.centreline;
      if (!endDirection(a.xs, a.ys, true, dirA)) continue;
      const x0 = a.xs[a.size - 1],
        y0 = a.ys[a.size - 1];
      for (const next of lane.successors) {
        const b = next.centreline;
        if (!isDrivableLane(next, vClass) || Math.hypot(b.xs[0] - x0, b.ys[0] - y0) > JOINT_TOLERANCE_M) continue;
        if (!endDirection(b.xs, b.ys, false, dirB)) continue;
        fillJoint(x0, y0, -dirA[1], dirA[0], -dirB[1], dirB[0], Math.max(lane.widthM, next.widthM) / 2 + seam);
      }
    }
    for (const j of junctions) {
      scanlineFillPolygon(
        j.shape.map((p) => p[0]),
        j.shape.map((p) => p[1]),
        j.shape.length,
        this,
        sink,
        scratch,
      );
    }
    if (options.laneMarkings ?? true) {
      value = DrivableAreaMap.DRIVABLE | DrivableAreaMap.LANE_MARKING;
      const half = markingWidth / 2;
      for (const lane of lanes) {
        const left = lane.left;
        if (lane.isInternal || !left || !isDrivableLane(left, vClass)) continue;
        const hw = lane.widthM / 2;
        forEachSegment(lane, 0, (x0, y0, x1, y1, nx, ny) => {
          px[0] = x0 + nx * (hw + half);
          py[0] = y0 + ny * (hw + half);
          px[1] = x1 + nx * (hw + half);
          py[1] = y1 + ny * (hw + half);
          px[2] = x1 + nx * (hw - half);
          py[2] = y1 + ny * (hw - half);
          px[3] = x0 + nx * (hw - half);
          py[3] = y0 + ny * (hw - half);
          fillQuad(4);
        });
      }
    }
    this.pool = this.pool.slice(0, this.tilesUsed * TILE_CELLS);
  }

  /** Bytes held by the bitmap (tile blocks plus the tile table). */
  get byteLength(): number {
    return this.pool.byteLength + this.tiles.byteLength;
  }

  /** Number of 64 × 64 tiles holding bytes (the shared zero tile included). */
  get tileCount(): number {
    return this.tilesUsed;
  }

  /** Value of cell `(col, row)` (0 outside the map): a combination of DRIVABLE and LANE_MARKING. */
  cell(col: number, row: number): number {
    if (col < 0 || row < 0 || col >= this.cols || row >= this.rows) return 0;
    return this.pool[
      (this.tiles[(row >> TILE_SHIFT) * this.tilesX + (col >> TILE_SHIFT)] << (2 * TILE_SHIFT)) |
        ((row & TILE_MASK) << TILE_SHIFT) |
        (col & TILE_MASK)
    ];
  }

  /** Value of the cell containing world point `(x, y)` (m); 0 outside the map. Allocation-free. */
  valueAt(x: number, y: number): number {
    const fx = (x - this.originX) * this.invRes;
    const fy = (y - this.originY) * this.invRes;
    if (!(fx >= 0 && fy >= 0 && fx < this.cols && fy < this.rows)) return 0;
    const col = fx | 0,
      row = fy | 0;
    return this.pool[
      (this.tiles[(row >> TILE_SHIFT) * this.tilesX + (col >> TILE_SHIFT)] << (2 * TILE_SHIFT)) |
        ((row & TILE_MASK) << TILE_SHIFT) |
        (col & TILE_MASK)
    ];
  }

  /**
   * Samples `count` evenly spaced world points `(x0 + k·dx, y0 + k·dy)`, `k < count` (m), writing
   * `valueAt(point) & mask` to `out[offset + k]`. The grid sensors' inner loop: one call per grid row,
   * allocation-free.
   */
  sampleLine(
    x0: number,
    y0: number,
    dx: number,
    dy: number,
    count: number,
    mask: number,
    out: Uint8Array,
    offset: number,
  ): void {
    const inv = this.invRes,
      cols = this.cols,
      rows = this.rows,
      tilesX = this.tilesX;
    const tiles = this.tiles,
      pool = this.pool;
    const fx0 = (x0 - this.originX) * inv,
      fy0 = (y0 - this.originY) * inv;
    const dfx = dx * inv,
      dfy = dy * inv;
    for (let k = 0; k < count; k++) {
      const fx = fx0 + k * dfx,
        fy = fy0 + k * dfy;
      if (!(fx >= 0 && fy >= 0 && fx < cols && fy < rows)) {
        out[offset + k] = 0;
        continue;
      }
      const col = fx | 0,
        row = fy | 0;
      out[offset + k] =
        pool[
          (tiles[(row >> TILE_SHIFT) * tilesX + (col >> TILE_SHIFT)] << (2 * TILE_SHIFT)) |
            ((row & TILE_MASK) << TILE_SHIFT) |
            (col & TILE_MASK)
        ] & mask;
    }
  }

  /**
   * Marches the ray `(ox, oy) + t·(ux, uy)` (m; unit direction) cell by cell (Amanatides–Woo DDA)
   * and returns the `t` (m) at which it enters the first cell whose DRIVABLE bit differs from the
   * cell it starts in — the drivable-area boundary, exact for this bitmap — or Infinity when there
   * is none before `limitM`. Allocation-free: the lidar's road-edge pass.
   */
  boundaryDistance(ox: number, oy: number, ux: number, uy: number, limitM: number): number {
    const res = this.resolutionM,
      cols = this.cols,
      rows = this.rows,
      tilesX = this.tilesX;
    const tiles = this.tiles,
      pool = this.pool;
    const fx = (ox - this.originX) * this.invRes,
      fy = (oy - this.originY) * this.invRes;
    let col = Math.floor(fx),
      row = Math.floor(fy);
    const start = this.cell(col, row) & DrivableAreaMap.DRIVABLE;
    const stepC = ux > 0 ? 1 : -1,
      stepR = uy > 0 ? 1 : -1;
    // Distance along the ray (m) between successive column / row boundaries, and to the first of each.
    const dtC = ux !== 0 ? res / Math.abs(ux) : Infinity;
    const dtR = uy !== 0 ? res / Math.abs(uy) : Infinity;
    let tC = ux > 0 ? (col + 1 - fx) * dtC : ux < 0 ? (fx - col) * dtC : Infinity;
    let tR = uy > 0 ? (row + 1 - fy) * dtR : uy < 0 ? (fy - row) * dtR : Infinity;
    for (;;) {
      let t: number;
      if (tC < tR) {
        t = tC;
        tC += dtC;
        col += stepC;
      } else {
        t = tR;
        tR += dtR;
        row += stepR;
      }
      if (t >= limitM) return Infinity;
      let v = 0;
      if (col >= 0 && row >= 0 && col < cols && row < rows) {
        v =
          pool[
            (tiles[(row >> TILE_SHIFT) * tilesX + (col >> TILE_SHIFT)] << (2 * TILE_SHIFT)) |
              ((row & TILE_MASK) << TILE_SHIFT) |
              (col & TILE_MASK)
          ] & DrivableAreaMap.DRIVABLE;
      }
      if (v !== start) return t;
    }
  }

  /** Whether world point `(x, y)` is on the drivable surface (to the map's resolution). */
  isDrivable(x: number, y: number): boolean {
    return (this.valueAt(x, y) & DrivableAreaMap.DRIVABLE) !== 0;
  }

  private orSpan(row: number, c0: number, c1: number, value: number): void {
    const tileRow = (row >> TILE_SHIFT) * this.tilesX;
    const inRow = (row & TILE_MASK) << TILE_SHIFT;
    for (let c = c0; c <= c1;) {
      const t = tileRow + (c >> TILE_SHIFT);
      let block = this.tiles[t];
      if (block === 0) block = this.tiles[t] = this.allocateTile();
      const end = Math.min(c1, c | TILE_MASK);
      const base = (block << (2 * TILE_SHIFT)) | inRow;
      for (; c <= end; c++) this.pool[base | (c & TILE_MASK)] |= value;
    }
  }

  private allocateTile(): number {
    if ((this.tilesUsed + 1) * TILE_CELLS > this.pool.length) {
      const bigger = new Uint8Array(this.pool.length * 2);
      bigger.set(this.pool);
      this.pool = bigger;
    }
    return this.tilesUsed++;
  }
}

/** Unit direction of a polyline's last (`atEnd`) or first non-degenerate segment into `out`; false if it has none. */
function endDirection(xs: Float64Array, ys: Float64Array, atEnd: boolean, out: Float64Array): boolean {
  const n = xs.length;
  for (let k = 0; k + 1 < n; k++) {
    const i = atEnd ? n - 2 - k : k;
    const dx = xs[i + 1] - xs[i],
      dy = ys[i + 1] - ys[i];
    const len = Math.hypot(dx, dy);
    if (len > 0) {
      out[0] = dx / len;
      out[1] = dy / len;
      return true;
    }
  }
  return false;
}

function isDrivableLane(lane: Lane, vClass: string): boolean {
  const kind = lane.road.kind;
  return kind !== "crossing" && kind !== "walkingarea" && lane.allows(vClass);
}

/**
 * Visits each non-degenerate centreline segment with its unit left normal `(nx, ny)` and the left
 * normal of the previous non-degenerate segment `(pnx, pny)` (zero for the first). The lane's
 * first and last points are pushed outwards along the centreline by `extendM` (closing the seams
 * where consecutive lanes meet).
 */
function forEachSegment(
  lane: Lane,
  extendM: number,
  visit: (x0: number, y0: number, x1: number, y1: number, nx: number, ny: number, pnx: number, pny: number) => void,
): void {
  const { xs, ys } = lane.centreline;
  const last = xs.length - 2;
  let pnx = 0,
    pny = 0;
  for (let i = 0; i <= last; i++) {
    const dx = xs[i + 1] - xs[i],
      dy = ys[i + 1] - ys[i];
    const len = Math.hypot(dx, dy);
    if (len === 0) continue;
    const ux = dx / len,
      uy = dy / len;
    const back = i === 0 ? extendM : 0,
      ahead = i === last ? extendM : 0;
    visit(xs[i] - ux * back, ys[i] - uy * back, xs[i + 1] + ux * ahead, ys[i + 1] + uy * ahead, -uy, ux, pnx, pny);
    pnx = -uy;
    pny = ux;
  }
}
