/** `straight`: one one-way road, optionally bent into a circular arc. */
import type { GeneratorParams, MapGenerator } from "./MapGenerator.js";
import { NetworkBuilder } from "./NetworkBuilder.js";
import { ReferencePath } from "./ReferencePath.js";
import { lanesParam, laneWidthParam, lengthParam, speedLimitParam, curveAngleParam } from "./commonParams.js";
import { laneShapesAlong } from "./laneShapesAlong.js";

/** Signed radius of the road centre line, metres (Infinity when straight). */
function centreRadius(p: GeneratorParams): number {
  const angle = p.curveAngleRad as number;
  return angle === 0 ? Infinity : (p.lengthM as number) / angle;
}

/** One-way road, lanes side by side, optionally curved. */
export const straightRoad: MapGenerator = {
  name: "straight",
  doc:
    "A one-way road `main` from dead-end junction `start` at the origin to dead-end junction `end`, " +
    "driving east (+x) and centred on the x axis; lanes `main_0` (rightmost) … `main_<lanes-1>`. " +
    "With a non-zero `curve_angle` the road bends as one circular arc turning by that angle " +
    "(positive: left), `length` measured along the road's centre line.",
  params: [
    lanesParam(3, "Number of lanes."),
    lengthParam("length", "lengthM", 200, "Length of the road's centre line, metres."),
    laneWidthParam,
    speedLimitParam(),
    curveAngleParam(
      "Total heading change along the road, radians (positive bends left); 0 is straight. Radius = length / angle.",
    ),
  ],
  check(p) {
    const half = ((p.lanes as number) * (p.laneWidthM as number)) / 2;
    const r = Math.abs(centreRadius(p));
    return r <= half + 1
      ? [
          `curve_angle: a ${(p.lengthM as number).toFixed(1)} m road turning ${(p.curveAngleRad as number).toFixed(3)} rad has a radius of ${r.toFixed(1)} m, too tight for its ${(2 * half).toFixed(1)} m width (reduce curve_angle or increase length)`,
        ]
      : [];
  },
  generate(p) {
    const lanes = p.lanes as number;
    const w = p.laneWidthM as number;
    const r = centreRadius(p);
    const path = ReferencePath.from({ x: 0, y: 0, headingRad: 0 }).arc(p.lengthM as number, r === Infinity ? 0 : 1 / r);
    const b = new NetworkBuilder();
    b.addJunction("start", "dead_end", [0, 0]);
    b.addJunction("end", "dead_end", [path.end.x, path.end.y]);
    b.addRoad({
      id: "main",
      from: "start",
      to: "end",
      widthM: w,
      speedLimitMps: p.speedLimitMps as number,
      laneShapes: laneShapesAlong(path, lanes, w, (-(lanes - 1) * w) / 2),
    });
    return b.build({ kind: "generator", generator: "straight", params: { ...p } });
  },
};
