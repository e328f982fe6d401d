/** `two_way`: a road with one carriageway per direction. */
import type { MapGenerator } from "./MapGenerator.js";
import { NetworkBuilder } from "./NetworkBuilder.js";
import { ReferencePath } from "./ReferencePath.js";
import { lanesParam, laneWidthParam, lengthParam, speedLimitParam, curveAngleParam } from "./commonParams.js";
import { laneShapesAlong } from "./laneShapesAlong.js";

/** Two one-way roads sharing a median line, one per direction. */
export const twoWayRoad: MapGenerator = {
  name: "two_way",
  doc:
    "A two-way road along the x axis from the origin: road `east` (driving +x, lanes `east_0` … south of " +
    "the median y = 0, lane 0 outermost) and road `west` (driving −x, lanes `west_0` … north of it). " +
    "Dead-end junctions `west_end` (x = 0; `east` starts, `west` ends there) and `east_end` (far end). " +
    "A non-zero `curve_angle` bends the median into one circular arc (positive: `east` turns left).",
  params: [
    lanesParam(2),
    lengthParam("length", "lengthM", 200, "Length of the median line, metres."),
    laneWidthParam,
    speedLimitParam(),
    curveAngleParam(
      "Heading change along the median in the `east` direction, radians (positive bends left); 0 is straight.",
    ),
  ],
  check(p) {
    const angle = p.curveAngleRad as number;
    if (angle === 0) return [];
    const r = Math.abs((p.lengthM as number) / angle);
    const half = (p.lanes as number) * (p.laneWidthM as number);
    return r <= half + 1
      ? [
          `curve_angle: the median radius ${r.toFixed(1)} m is too tight for a road ${(2 * half).toFixed(1)} m wide (reduce curve_angle or increase length)`,
        ]
      : [];
  },
  generate(p) {
    const lanes = p.lanes as number;
    const w = p.laneWidthM as number;
    const angle = p.curveAngleRad as number;
    const lengthM = p.lengthM as number;
    const path = ReferencePath.from({ x: 0, y: 0, headingRad: 0 }).arc(lengthM, angle / lengthM);
    const b = new NetworkBuilder();
    b.addJunction("west_end", "dead_end", [0, 0]);
    b.addJunction("east_end", "dead_end", [path.end.x, path.end.y]);
    const speedLimitMps = p.speedLimitMps as number;
    // Both carriageways hang off the median: `east` to its right, `west` (reversed) to its left.
    b.addRoad({
      id: "east",
      from: "west_end",
      to: "east_end",
      widthM: w,
      speedLimitMps,
      laneShapes: laneShapesAlong(path, lanes, w, -(lanes - 0.5) * w),
    });
    b.addRoad({
      id: "west",
      from: "east_end",
      to: "west_end",
      widthM: w,
      speedLimitMps,
      laneShapes: laneShapesAlong(path, lanes, w, (lanes - 0.5) * w, { reverse: true }),
    });
    return b.build({ kind: "generator", generator: "two_way", params: { ...p } });
  },
};
