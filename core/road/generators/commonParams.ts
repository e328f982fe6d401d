/** Parameter definitions shared by several generators, so names, units and ranges agree. */
import type { GeneratorParam } from "./MapGenerator.js";

/** 50 km/h in m/s. */
export const KMH_50 = 50 / 3.6;

/** `lanes`: lane count per road / direction. */
export function lanesParam(defaultLanes: number, doc = "Lanes per direction."): GeneratorParam {
  return { name: "lanes", key: "lanes", unit: "count", default: defaultLanes, min: 1, max: 8, integer: true, doc };
}

/** `lane_width`, metres (SUMO's default 3.2 m). */
export const laneWidthParam: GeneratorParam = {
  name: "lane_width",
  key: "laneWidthM",
  unit: "length",
  default: 3.2,
  min: 2,
  max: 6,
  doc: "Width of every lane, metres.",
};

/** `speed_limit`, m/s. */
export function speedLimitParam(defaultMps = KMH_50, doc = "Speed limit of the roads, m/s."): GeneratorParam {
  return { name: "speed_limit", key: "speedLimitMps", unit: "speed", default: defaultMps, min: 1, max: 100, doc };
}

/** A length parameter in metres. */
export function lengthParam(
  name: string,
  key: string,
  defaultM: number,
  doc: string,
  minM = 1,
  maxM = 100_000,
): GeneratorParam {
  return { name, key, unit: "length", default: defaultM, min: minM, max: maxM, doc };
}

/** `curve_angle`: heading change along a road that bends as one arc (radians, positive left; 0 straight). */
export function curveAngleParam(doc: string): GeneratorParam {
  return { name: "curve_angle", key: "curveAngleRad", unit: "angle", default: 0, min: -Math.PI, max: Math.PI, doc };
}
