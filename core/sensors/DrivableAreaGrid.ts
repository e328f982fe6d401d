/**
 * The drivable-area grid observation: an ego-centred, ego-rotated `height × width` grid of 0/1
 * (1 = the cell's centre is on the drivable surface), sampled from a {@link DrivableAreaMap}
 * (nearest cell, so edges are exact to the map's resolution). Layout: {@link EgoGridFrame} — row 0
 * ahead, column 0 left, row-major.
 */
import { DrivableAreaMap } from "./DrivableAreaMap.js";
import { EgoGridFrame, type EgoGridOptions } from "./EgoGridFrame.js";
import type { EgoPose } from "./EgoPose.js";

/** Options for {@link DrivableAreaGrid}: the grid's size and resolution. */
export type DrivableAreaGridOptions = EgoGridOptions;

export class DrivableAreaGrid {
  /** The grid's frame (size, resolution, the last pose rendered). */
  readonly frame: EgoGridFrame;
  private readonly map: DrivableAreaMap;

  constructor(map: DrivableAreaMap, options: DrivableAreaGridOptions = {}) {
    this.map = map;
    this.frame = new EgoGridFrame(options);
  }

  /**
   * Writes the grid around `pose` into `out` (length ≥ width × height; 1 drivable, 0 not) and
   * returns it. Allocation-free.
   */
  render(pose: EgoPose, out: Uint8Array): Uint8Array {
    sampleMap(this.map, this.frame, pose, out, DrivableAreaMap.DRIVABLE);
    return out;
  }
}

/**
 * Samples the map at every cell centre of `frame` placed on `pose`, writing `value & mask` per
 * cell into `out` (row-major). Shared with the RGB raster, which keeps the marking bit.
 */
export function sampleMap(
  map: DrivableAreaMap,
  frame: EgoGridFrame,
  pose: EgoPose,
  out: Uint8Array,
  mask: number,
): void {
  const w = frame.width,
    h = frame.height;
  if (out.length < w * h) throw new Error(`drivable area grid: output holds ${out.length} cells, needs ${w * h}`);
  frame.setPose(pose);
  const cell = frame.cellM;
  // One column to the right: left offset −cell; one row down: forward offset −cell.
  const colDx = cell * frame.sin,
    colDy = -cell * frame.cos;
  for (let r = 0; r < h; r++) {
    const x0 = frame.cellCentreX(r, 0),
      y0 = frame.cellCentreY(r, 0);
    map.sampleLine(x0, y0, colDx, colDy, w, mask, out, r * w);
  }
}
