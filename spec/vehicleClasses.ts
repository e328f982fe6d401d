/**
 * SUMO vehicle classes and lane permissions (`allow` / `disallow`), as SUMO reads them:
 * `allow` lists the only classes admitted; otherwise `disallow` lists those refused; neither means all.
 * The keyword `all` stands for every class.
 */
/** SUMO 1.15's vehicle classes. */
export const SUMO_VEHICLE_CLASSES = [
  "private",
  "emergency",
  "authority",
  "army",
  "vip",
  "pedestrian",
  "passenger",
  "hov",
  "taxi",
  "bus",
  "coach",
  "delivery",
  "truck",
  "trailer",
  "tram",
  "rail_urban",
  "rail",
  "rail_electric",
  "rail_fast",
  "motorcycle",
  "moped",
  "bicycle",
  "evehicle",
  "ship",
  "custom1",
  "custom2",
] as const;

/** A lane's permissions, as a road network spec writes them (`core/road/RoadNetworkSpec.ts`). */
export interface LanePermissions {
  /** Classes allowed; absent means all (unless `disallow`). */
  readonly allow?: readonly string[];
  /** Classes refused; only read when `allow` is absent. */
  readonly disallow?: readonly string[];
}

/** Whether `vClass` may use a lane with the given permissions. */
export function laneAllows(lane: LanePermissions, vClass: string): boolean {
  if (lane.allow) return lane.allow.includes("all") || lane.allow.includes(vClass);
  if (lane.disallow) return !(lane.disallow.includes("all") || lane.disallow.includes(vClass));
  return true;
}
