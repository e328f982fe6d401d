/** Lane centrelines of one road sampled from a reference path. */
import type { Point2 } from "../RoadNetworkSpec.js";
import type { ReferencePath } from "./ReferencePath.js";

/**
 * Centrelines of `lanes` lanes of width `widthM` along `path` between `s0` and `s1` (metres): lane i
 * lies `lane0LeftOffsetM + i·widthM` to the left of the path (lane 0 rightmost). With `reverse`,
 * each polyline is reversed, for the opposite direction of a two-way road: then pass offsets in the
 * path's frame (lane 0 of the reversed road is the one farthest left of the path).
 */
export function laneShapesAlong(
  path: ReferencePath,
  lanes: number,
  widthM: number,
  lane0LeftOffsetM: number,
  options: { s0?: number; s1?: number; reverse?: boolean } = {},
): Point2[][] {
  const shapes: Point2[][] = [];
  const step = options.reverse ? -widthM : widthM;
  for (let i = 0; i < lanes; i++) {
    const shape = path.sample(lane0LeftOffsetM + i * step, options.s0, options.s1);
    shapes.push(options.reverse ? shape.reverse() : shape);
  }
  return shapes;
}
