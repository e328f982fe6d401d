/**
 * The top-down RGB observation, rendered on the CPU: an ego-centred, ego-rotated image of
 * `height × width` pixels, 3 bytes each (R, G, B), row-major — byte `(row · width + col) · 3 + channel`;
 * row 0 ahead of the ego, column 0 on its left ({@link EgoGridFrame}).
 *
 * Painted in order: background, road surface (the {@link DrivableAreaMap}), lane markings, the
 * other vehicles (in index order, coloured by role: learning agents orange, social agents dark blue,
 * traffic light blue — the SMARTS paper's palette, DESIGN §10), then the ego on top in its own colour.
 * Pixels take the colour of whatever lies under their centre (no anti-aliasing: the image is for
 * networks, and exact edges keep it deterministic and cheap). Markings narrower than a pixel
 * come and go as the ego moves across them; build the map with `markingWidthM ≥ cellM` where that
 * matters.
 */
import { BoxRasterizer } from "./BoxRasterizer.js";
import { sampleMap } from "./DrivableAreaGrid.js";
import { DrivableAreaMap } from "./DrivableAreaMap.js";
import { EgoGridFrame, type EgoGridOptions } from "./EgoGridFrame.js";
import type { EgoPose } from "./EgoPose.js";
import { VehicleRoleCode } from "./VehicleRoleCode.js";
import type { VehicleBoxView } from "./VehicleBoxView.js";

/** An RGB colour, each channel 0–255. */
export type Rgb = readonly [number, number, number];

/** The colours of a {@link TopDownRgb} image. */
export interface TopDownPalette {
  /** Off-road. */
  background: Rgb;
  /** Drivable surface. */
  road: Rgb;
  /** Lane dividers. */
  laneMarking: Rgb;
  /** The ego vehicle. */
  ego: Rgb;
  /** Other vehicles, indexed by {@link VehicleRoleCode}; unknown codes use entry 0 (traffic). */
  roles: readonly Rgb[];
}

/** The default palette (learning orange, social dark blue, traffic light blue). */
export const DEFAULT_TOP_DOWN_PALETTE: TopDownPalette = {
  background: [0, 0, 0],
  road: [80, 80, 80],
  laneMarking: [220, 220, 220],
  ego: [220, 20, 60],
  roles: [
    [135, 206, 250], // traffic: light blue
    [0, 0, 139], // social agent: dark blue
    [255, 140, 0], // learning agent: orange
  ],
};

/** Options for {@link TopDownRgb}: the image's size and resolution, plus drawing choices. */
export interface TopDownRgbOptions extends EgoGridOptions {
  /**
   * Colours, overriding entries of {@link DEFAULT_TOP_DOWN_PALETTE}.
   * @default DEFAULT_TOP_DOWN_PALETTE
   */
  palette?: Partial<TopDownPalette>;
  /**
   * Draw lane markings (they must also be in the map: `DrivableAreaMapOptions.laneMarkings`).
   * @default true
   */
  laneMarkings?: boolean;
}

export class TopDownRgb {
  /** The image's frame (size, resolution, the last pose rendered). */
  readonly frame: EgoGridFrame;
  private readonly map: DrivableAreaMap;
  private readonly raster: BoxRasterizer;
  private readonly mask: number;
  /** Surface colours by map cell value (0–3), 3 bytes each. */
  private readonly surface = new Uint8Array(12);
  /** Vehicle colours by role code (0–255), 3 bytes each. */
  private readonly roleColours = new Uint8Array(256 * 3);
  private readonly egoColour = new Uint8Array(3);
  /** Map values of the last render (scratch). */
  private readonly cells: Uint8Array;

  constructor(map: DrivableAreaMap, options: TopDownRgbOptions = {}) {
    this.map = map;
    this.frame = new EgoGridFrame(options);
    this.raster = new BoxRasterizer(this.frame);
    this.cells = new Uint8Array(this.frame.cellCount);
    const palette = { ...DEFAULT_TOP_DOWN_PALETTE, ...options.palette };
    const drawMarkings = options.laneMarkings ?? true;
    this.mask = drawMarkings ? DrivableAreaMap.DRIVABLE | DrivableAreaMap.LANE_MARKING : DrivableAreaMap.DRIVABLE;
    this.surface.set(palette.background, 0);
    this.surface.set(palette.road, 3);
    this.surface.set(palette.laneMarking, 6); // marking without road: never produced, but defined
    this.surface.set(palette.laneMarking, 9);
    const traffic = palette.roles[VehicleRoleCode.traffic] ?? DEFAULT_TOP_DOWN_PALETTE.roles[0];
    for (let code = 0; code < 256; code++) this.roleColours.set(palette.roles[code] ?? traffic, code * 3);
    this.egoColour.set(palette.ego);
  }

  /**
   * Renders the image around `pose` into `out` (length ≥ width × height × 3) and returns it.
   * Allocation-free.
   * @param vehicles the vehicles' boxes
   * @param egoIndex position of the ego in `vehicles` (drawn last, in the ego colour); −1 if absent
   * @param roles per-vehicle {@link VehicleRoleCode}s; all traffic when undefined
   */
  render(
    pose: EgoPose,
    vehicles: VehicleBoxView,
    egoIndex: number,
    roles: Uint8Array | undefined,
    out: Uint8Array,
  ): Uint8Array {
    const f = this.frame,
      w = f.width,
      n = f.cellCount;
    if (out.length < n * 3) throw new Error(`top-down RGB: output holds ${out.length} bytes, needs ${n * 3}`);
    const cells = this.cells,
      surface = this.surface;
    sampleMap(this.map, f, pose, cells, this.mask);
    for (let i = 0, o = 0; i < n; i++, o += 3) {
      const s = cells[i] * 3;
      out[o] = surface[s];
      out[o + 1] = surface[s + 1];
      out[o + 2] = surface[s + 2];
    }
    const reach = f.radiusM;
    for (let i = 0; i < vehicles.count; i++) {
      if (i === egoIndex) continue;
      const dx = vehicles.x[i] - pose.x,
        dy = vehicles.y[i] - pose.y;
      const r = reach + vehicles.halfLength[i] + vehicles.halfWidth[i];
      if (dx * dx + dy * dy > r * r) continue;
      this.paintBox(vehicles, i, this.roleColours, roles ? roles[i] * 3 : 0, out, w);
    }
    if (egoIndex >= 0 && egoIndex < vehicles.count) this.paintBox(vehicles, egoIndex, this.egoColour, 0, out, w);
    return out;
  }

  private paintBox(
    vehicles: VehicleBoxView,
    i: number,
    colours: Uint8Array,
    at: number,
    out: Uint8Array,
    w: number,
  ): void {
    const raster = this.raster;
    const rows = raster.rasterize(
      vehicles.x[i],
      vehicles.y[i],
      vehicles.headingRad[i],
      vehicles.halfLength[i],
      vehicles.halfWidth[i],
    );
    const cr = colours[at],
      cg = colours[at + 1],
      cb = colours[at + 2];
    for (let k = 0; k < rows; k++) {
      const base = (raster.firstRow + k) * w;
      const hi = raster.colHi[k];
      for (let c = raster.colLo[k]; c <= hi; c++) {
        const o = (base + c) * 3;
        out[o] = cr;
        out[o + 1] = cg;
        out[o + 2] = cb;
      }
    }
  }
}
