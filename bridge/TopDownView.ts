/**
 * `render()` for the Python environments: a north-up top-down RGB image of the scene from the CPU
 * raster (`core/sensors/TopDownRgb`, the palette of the `rgb` observation: road grey, markings,
 * traffic light blue, social agents dark blue, learning agents orange, the followed agent crimson).
 * By default it shows the whole map, fitted into `width × height`; with `follow` it is centred on
 * that agent at `resolutionM` metres per pixel.
 */
import type { RoadNetwork } from "../core/road/RoadNetwork.js";
import { DrivableAreaMap } from "../core/sensors/DrivableAreaMap.js";
import { TopDownRgb } from "../core/sensors/TopDownRgb.js";
import type { SimFrame } from "../core/simulation/SimFrame.js";

/** What to draw. */
export interface TopDownViewOptions {
  /** Image width (px). @default 512 */
  width?: number;
  /** Image height (px). @default 512 */
  height?: number;
  /** Centre on this vehicle (an agent's vehicle id), drawn in the ego colour. @default the whole map */
  follow?: string;
  /** Metres per pixel when following. @default 0.25 */
  resolutionM?: number;
}

/** Renders frames of one network; the road raster is built once, at the first render. */
export class TopDownView {
  private map: DrivableAreaMap | undefined;
  private readonly rasters = new Map<string, TopDownRgb>();

  constructor(private readonly network: RoadNetwork) {}

  /**
   * The image of `frame`: `height × width × 3` bytes, row 0 the northernmost, column 0 the westernmost.
   * @throws Error on a bad size, or when `follow` is not in the frame
   */
  render(frame: SimFrame, options: TopDownViewOptions = {}): { width: number; height: number; rgb: Uint8Array } {
    const width = options.width ?? 512;
    const height = options.height ?? 512;
    for (const [name, v] of [
      ["width", width],
      ["height", height],
    ] as const)
      if (!(Number.isInteger(v) && v > 0 && v <= 4096))
        throw new Error(`render: ${name} must be a whole number of pixels in 1…4096, got ${v}`);
    const map = (this.map ??= new DrivableAreaMap(this.network, { resolutionM: 0.5 }));
    let x: number, y: number, cellM: number;
    let ego = -1;
    if (options.follow !== undefined) {
      ego = frame.ids.indexOf(options.follow);
      if (ego < 0) throw new Error(`render: vehicle "${options.follow}" is not in the scene at tick ${frame.tick}`);
      x = frame.x[ego];
      y = frame.y[ego];
      cellM = options.resolutionM ?? 0.25;
      if (!(cellM > 0)) throw new Error(`render: resolutionM must be positive, got ${cellM}`);
    } else {
      const spanX = map.cols * map.resolutionM;
      const spanY = map.rows * map.resolutionM;
      x = map.originX + spanX / 2;
      y = map.originY + spanY / 2;
      cellM = Math.max(spanX / width, spanY / height);
    }
    const key = `${width}x${height}@${cellM}`;
    let raster = this.rasters.get(key);
    if (!raster) {
      raster = new TopDownRgb(map, { width, height, cellM });
      this.rasters.clear();
      this.rasters.set(key, raster);
    }
    const rgb = new Uint8Array(width * height * 3);
    // Heading north: the raster's "ahead" (row 0) is north and its left (column 0) west.
    raster.render({ x, y, headingRad: Math.PI / 2 }, frame, ego, frame.roles, rgb);
    return { width, height, rgb };
  }
}
