/**
 * The built-in vehicle types (DESIGN.md §5), frozen data.
 *
 * Sources and assumptions:
 * - Bounding boxes (length × width × height) are SMARTS's, so scenarios and metrics compare with it.
 * - `maxSpeedMps`, `maxAccelMps2`, `maxDecelMps2` and `emergencyDecelMps2` are SUMO's per-class
 *   defaults (`SUMOVTypeParameter::getDefaultAccel/Decel/EmergencyDecel` and `VClassDefaultValues`,
 *   SUMO 1.15+), so a scenario run here and in SUMO uses the same traffic limits (DESIGN.md §8).
 *   The SUMO passenger `accel` of 2.6 m/s² is a moderate family car (0–100 km/h in ~11 s).
 *   The pedestrian's top speed is SUMO's sprint ceiling (37.58 km/h); walking speed is a driver
 *   parameter, not a type limit.
 * - Wheelbase and steering lock are chosen for typical vehicles of that size and give plausible
 *   smallest turning radii at the rear axle (`minTurningRadiusM`): passenger 2.45 m wheelbase
 *   (a 3.7 m city car such as a VW up!: 2.42 m) and 0.42 rad lock → 5.5 m; 7 m midibus 4.0 m →
 *   7.5 m; 5 m van 3.0 m → 5.8 m; 10 m truck-trailer treated as one rigid body with a 6 m effective
 *   wheelbase → 12.4 m; motorcycle 1.5 m → 2.4 m. A pedestrian has no wheels: a short pseudo
 *   wheelbase and near-right-angle "lock" let it turn almost on the spot.
 * - Steering rates at the road wheels: ~0.6 rad/s for cars (a brisk 360°/s at the steering wheel
 *   through a 15:1 ratio is 0.42 rad/s; automated drivers are allowed a little more), 0.4 rad/s for
 *   heavy vehicles, 1 rad/s for motorcycles.
 */
import { VehicleTypeSchema, type VehicleType } from "./VehicleType.js";

/** Ids of the built-in vehicle types. */
export type BuiltinVehicleTypeId = "passenger" | "bus" | "truck" | "trailer" | "motorcycle" | "pedestrian";

const KMH = 1 / 3.6; // m/s per km/h

const table: Record<BuiltinVehicleTypeId, VehicleType> = {
  passenger: {
    id: "passenger",
    vClass: "passenger",
    lengthM: 3.68,
    widthM: 1.47,
    heightM: 1.4,
    maxSpeedMps: 200 * KMH,
    maxAccelMps2: 2.6,
    maxDecelMps2: 4.5,
    emergencyDecelMps2: 9,
    maxSteerRad: 0.42,
    wheelbaseM: 2.45,
    maxSteerRateRadps: 0.6,
  },
  bus: {
    id: "bus",
    vClass: "bus",
    lengthM: 7,
    widthM: 2.25,
    heightM: 3,
    maxSpeedMps: 100 * KMH,
    maxAccelMps2: 1.2,
    maxDecelMps2: 4,
    emergencyDecelMps2: 7,
    maxSteerRad: 0.49,
    wheelbaseM: 4.0,
    maxSteerRateRadps: 0.4,
  },
  truck: {
    id: "truck",
    vClass: "truck",
    lengthM: 5,
    widthM: 1.91,
    heightM: 1.89,
    maxSpeedMps: 130 * KMH,
    maxAccelMps2: 1.3,
    maxDecelMps2: 4,
    emergencyDecelMps2: 7,
    maxSteerRad: 0.48,
    wheelbaseM: 3.0,
    maxSteerRateRadps: 0.4,
  },
  trailer: {
    id: "trailer",
    vClass: "trailer",
    lengthM: 10,
    widthM: 2.5,
    heightM: 4,
    maxSpeedMps: 130 * KMH,
    maxAccelMps2: 1.1,
    maxDecelMps2: 4,
    emergencyDecelMps2: 7,
    maxSteerRad: 0.45,
    wheelbaseM: 6.0,
    maxSteerRateRadps: 0.4,
  },
  motorcycle: {
    id: "motorcycle",
    vClass: "motorcycle",
    lengthM: 2.5,
    widthM: 1,
    heightM: 1.4,
    maxSpeedMps: 200 * KMH,
    maxAccelMps2: 6,
    maxDecelMps2: 10,
    emergencyDecelMps2: 10,
    maxSteerRad: 0.55,
    wheelbaseM: 1.5,
    maxSteerRateRadps: 1.0,
  },
  pedestrian: {
    id: "pedestrian",
    vClass: "pedestrian",
    lengthM: 0.5,
    widthM: 0.5,
    heightM: 1.6,
    maxSpeedMps: 37.58 * KMH,
    maxAccelMps2: 1.5,
    maxDecelMps2: 2,
    emergencyDecelMps2: 5,
    maxSteerRad: 1.5,
    wheelbaseM: 0.3,
    maxSteerRateRadps: 3.0,
  },
};

for (const type of Object.values(table)) {
  VehicleTypeSchema.parse(type);
  Object.freeze(type);
}

/** The built-in vehicle types by id (frozen; validated against {@link VehicleTypeSchema}). */
export const vehicleTypes: Readonly<Record<BuiltinVehicleTypeId, Readonly<VehicleType>>> = Object.freeze(table);

/** Whether `id` names a built-in vehicle type. */
export function isBuiltinVehicleTypeId(id: string): id is BuiltinVehicleTypeId {
  return Object.prototype.hasOwnProperty.call(vehicleTypes, id);
}

/** The built-in vehicle type `id`; throws naming the known ids otherwise. */
export function builtinVehicleType(id: string): Readonly<VehicleType> {
  if (!isBuiltinVehicleTypeId(id))
    throw new Error(`unknown vehicle type "${id}"; built-in types: ${Object.keys(vehicleTypes).join(", ")}`);
  return vehicleTypes[id];
}
