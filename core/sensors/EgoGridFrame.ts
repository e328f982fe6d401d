/**
 * The ego-centred, ego-rotated raster frame shared by every grid sensor (drivable-area grid,
 * occupancy grid, top-down RGB).
 *
 * Layout — a top-down image with the ego's heading pointing up:
 * - `width` columns × `height` rows, row-major: cell `(row, col)` is element `row * width + col`
 *   (times 3, plus the channel, for RGB);
 * - row 0 is the farthest row **ahead** of the ego, row `height − 1` the farthest behind;
 * - column 0 is the farthest **left** of the ego, column `width − 1` the farthest right;
 * - the ego's centre sits at the grid's centre, the continuous grid point `(u, v) = (width / 2,
 *   height / 2)` (for even sizes: the corner shared by the four middle cells).
 *
 * In the ego frame (forward `f`, left `l`, metres) the centre of cell `(row, col)` is
 * `f = (height / 2 − row − 0.5) · cellM`, `l = (width / 2 − col − 0.5) · cellM`; a cell takes the
 * value of whatever lies under its centre. Continuous grid coordinates: `u = width / 2 − l / cellM`
 * (columns), `v = height / 2 − f / cellM` (rows); cell `(row, col)` spans `[row, row + 1) × [col, col + 1)`.
 */
import type { EgoPose } from "./EgoPose.js";

/** Size and resolution of an ego-centred grid. */
export interface EgoGridOptions {
  /**
   * Number of columns (across the ego's heading).
   * @default 64
   */
  width?: number;
  /**
   * Number of rows (along the ego's heading).
   * @default 64
   */
  height?: number;
  /**
   * Cell edge length in metres.
   * @default 0.5
   */
  cellM?: number;
}

export class EgoGridFrame {
  /** Columns. */
  readonly width: number;
  /** Rows. */
  readonly height: number;
  /** Cell edge length (m). */
  readonly cellM: number;
  /** Ego centre x of the current pose (m). */
  egoX = 0;
  /** Ego centre y of the current pose (m). */
  egoY = 0;
  /** cos(heading) of the current pose. */
  cos = 1;
  /** sin(heading) of the current pose. */
  sin = 0;

  constructor(options: EgoGridOptions = {}) {
    this.width = options.width ?? 64;
    this.height = options.height ?? 64;
    this.cellM = options.cellM ?? 0.5;
    if (!(Number.isInteger(this.width) && this.width > 0 && Number.isInteger(this.height) && this.height > 0)) {
      throw new Error(`ego grid: width and height must be positive integers, got ${this.width} × ${this.height}`);
    }
    if (!(this.cellM > 0)) throw new Error(`ego grid: cellM must be positive, got ${this.cellM}`);
  }

  /** Number of cells, `width × height`. */
  get cellCount(): number {
    return this.width * this.height;
  }

  /** Half the grid's diagonal (m): no point farther than this from the ego lies in the grid. */
  get radiusM(): number {
    return 0.5 * this.cellM * Math.hypot(this.width, this.height);
  }

  /** Places the grid on an ego pose (call before the accessors below). */
  setPose(pose: EgoPose): void {
    this.egoX = pose.x;
    this.egoY = pose.y;
    this.cos = Math.cos(pose.headingRad);
    this.sin = Math.sin(pose.headingRad);
  }

  /** World x of the centre of cell `(row, col)` (m). */
  cellCentreX(row: number, col: number): number {
    const f = (this.height / 2 - row - 0.5) * this.cellM;
    const l = (this.width / 2 - col - 0.5) * this.cellM;
    return this.egoX + f * this.cos - l * this.sin;
  }

  /** World y of the centre of cell `(row, col)` (m). */
  cellCentreY(row: number, col: number): number {
    const f = (this.height / 2 - row - 0.5) * this.cellM;
    const l = (this.width / 2 - col - 0.5) * this.cellM;
    return this.egoY + f * this.sin + l * this.cos;
  }

  /** Continuous column coordinate `u` of a world point (cells; the cell is `floor(u)`). */
  gridU(x: number, y: number): number {
    const l = -(x - this.egoX) * this.sin + (y - this.egoY) * this.cos;
    return this.width / 2 - l / this.cellM;
  }

  /** Continuous row coordinate `v` of a world point (cells; the cell is `floor(v)`). */
  gridV(x: number, y: number): number {
    const f = (x - this.egoX) * this.cos + (y - this.egoY) * this.sin;
    return this.height / 2 - f / this.cellM;
  }
}
