/**
 * The occupancy grid observation: an ego-centred, ego-rotated `height × width` grid where a cell is
 * 1 when its centre lies inside another vehicle's box (boundary included), else 0. Layout:
 * {@link EgoGridFrame} — row 0 ahead, column 0 left, row-major.
 *
 * Each vehicle within reach of the grid is scan-converted in the ego frame ({@link BoxRasterizer}),
 * so the cost is one distance test per vehicle plus the cells the nearby boxes cover — never a
 * per-cell test over all vehicles.
 */
import { BoxRasterizer } from "./BoxRasterizer.js";
import { EgoGridFrame, type EgoGridOptions } from "./EgoGridFrame.js";
import type { EgoPose } from "./EgoPose.js";
import type { VehicleBoxView } from "./VehicleBoxView.js";

/** Options for {@link OccupancyGrid}: the grid's size and resolution. */
export type OccupancyGridOptions = EgoGridOptions;

export class OccupancyGrid {
  /** The grid's frame (size, resolution, the last pose rendered). */
  readonly frame: EgoGridFrame;
  private readonly raster: BoxRasterizer;

  constructor(options: OccupancyGridOptions = {}) {
    this.frame = new EgoGridFrame(options);
    this.raster = new BoxRasterizer(this.frame);
  }

  /**
   * Writes the grid around `pose` into `out` (length ≥ width × height) and returns it.
   * Allocation-free.
   * @param vehicles the vehicles' boxes
   * @param skipIndex position in `vehicles` to leave out (the ego itself); −1 for none
   */
  render(pose: EgoPose, vehicles: VehicleBoxView, skipIndex: number, out: Uint8Array): Uint8Array {
    const f = this.frame,
      w = f.width;
    if (out.length < f.cellCount)
      throw new Error(`occupancy grid: output holds ${out.length} cells, needs ${f.cellCount}`);
    out.fill(0, 0, f.cellCount);
    f.setPose(pose);
    const reach = f.radiusM;
    const raster = this.raster;
    for (let i = 0; i < vehicles.count; i++) {
      if (i === skipIndex) continue;
      const hl = vehicles.halfLength[i],
        hw = vehicles.halfWidth[i];
      const dx = vehicles.x[i] - pose.x,
        dy = vehicles.y[i] - pose.y;
      const r = reach + hl + hw; // hl + hw ≥ the box's half-diagonal
      if (dx * dx + dy * dy > r * r) continue;
      const rows = raster.rasterize(vehicles.x[i], vehicles.y[i], vehicles.headingRad[i], hl, hw);
      for (let k = 0; k < rows; k++) {
        const base = (raster.firstRow + k) * w;
        const hi = raster.colHi[k];
        for (let c = raster.colLo[k]; c <= hi; c++) out[base + c] = 1;
      }
    }
    return out;
  }
}
