/** Parameters shared by the ramp generators (`merge`, `double_merge`). */
import type { GeneratorParam } from "./MapGenerator.js";

/** `ramp_lanes`: lanes of each ramp (and extra lanes of the shared section). */
export const rampLanesParam: GeneratorParam = {
  name: "ramp_lanes",
  key: "rampLanes",
  unit: "count",
  default: 1,
  min: 1,
  max: 3,
  integer: true,
  doc: "Lanes of each ramp; the shared section has lanes + ramp_lanes lanes.",
};

/** `ramp_speed_limit`, m/s (default 60 km/h). */
export const rampSpeedLimitParam: GeneratorParam = {
  name: "ramp_speed_limit",
  key: "rampSpeedLimitMps",
  unit: "speed",
  default: 60 / 3.6,
  min: 1,
  max: 100,
  doc: "Speed limit on the ramps, m/s.",
};

/** `ramp_angle`, radians (default 15°). */
export const rampAngleParam: GeneratorParam = {
  name: "ramp_angle",
  key: "rampAngleRad",
  unit: "angle",
  default: (15 * Math.PI) / 180,
  min: (3 * Math.PI) / 180,
  max: (60 * Math.PI) / 180,
  doc: "Angle between a ramp and the main road, radians.",
};

/** `speed_limit` of the main road, m/s (default 80 km/h). */
export const mainSpeedLimitParam: GeneratorParam = {
  name: "speed_limit",
  key: "speedLimitMps",
  unit: "speed",
  default: 80 / 3.6,
  min: 1,
  max: 100,
  doc: "Speed limit on the main road and the shared section, m/s.",
};
