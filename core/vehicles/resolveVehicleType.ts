/**
 * Full vehicle types (core/vehicles `VehicleType`: dimensions, limits, steering geometry) for the
 * compiled scenario's vehicle types, which carry only dimensions, speed and acceleration limits.
 * A built-in type is taken from the table as it is. A scenario's own type starts from the built-in
 * type of its vClass (passenger when there is none) and takes the scenario's dimensions and limits;
 * its wheelbase scales with length (capped at the length) and its emergency deceleration stays at
 * least its comfortable deceleration.
 */
import type { VehicleParams } from "../physics/VehicleParams.js";
import { isBuiltinVehicleTypeId, vehicleTypes } from "../../spec/vehicleTypes.js";
import { VehicleTypeSchema, type VehicleType } from "../../spec/VehicleType.js";

/** The compiled scenario's description of a vehicle type (scenario-dsl `VehicleType`). */
export interface ScenarioVehicleType {
  name: string;
  lengthM: number;
  widthM: number;
  heightM: number;
  maxSpeedMps: number;
  accelMps2: number;
  decelMps2: number;
  vClass: string;
  builtIn: boolean;
}

/** The full vehicle type for a scenario's vehicle type. */
export function resolveVehicleType(t: ScenarioVehicleType): VehicleType {
  if (t.builtIn && isBuiltinVehicleTypeId(t.name)) return vehicleTypes[t.name];
  const base = isBuiltinVehicleTypeId(t.vClass) ? vehicleTypes[t.vClass] : vehicleTypes.passenger;
  return VehicleTypeSchema.parse({
    ...base,
    id: t.name,
    vClass: base.vClass,
    lengthM: t.lengthM,
    widthM: t.widthM,
    heightM: t.heightM,
    maxSpeedMps: t.maxSpeedMps,
    maxAccelMps2: t.accelMps2,
    maxDecelMps2: t.decelMps2,
    emergencyDecelMps2: Math.max(base.emergencyDecelMps2, t.decelMps2),
    wheelbaseM: Math.min(t.lengthM, (base.wheelbaseM * t.lengthM) / base.lengthM),
  });
}

/** Passenger-car reference mass (kg) and footprint (m²) from which other types' masses scale. */
const PASSENGER_MASS_KG = 1500;
const PASSENGER_FOOTPRINT_M2 = 3.68 * 1.47;

/**
 * Dynamic-model parameters for a vehicle type: dimensions, steering and limits carry over by name;
 * full braking is the type's emergency deceleration; mass scales with the footprint, and engine power
 * is what reaches the type's acceleration at 15 m/s.
 */
export function vehicleParamsFor(type: VehicleType): Partial<VehicleParams> {
  const massKg = (PASSENGER_MASS_KG * type.lengthM * type.widthM) / PASSENGER_FOOTPRINT_M2;
  return {
    lengthM: type.lengthM,
    widthM: type.widthM,
    heightM: type.heightM,
    massKg,
    wheelbaseM: type.wheelbaseM,
    maxSteerRad: type.maxSteerRad,
    maxSteerRateRadps: type.maxSteerRateRadps,
    maxAccelMps2: type.maxAccelMps2,
    maxEnginePowerW: Math.max(20_000, massKg * type.maxAccelMps2 * 15 * 1.3),
    maxDecelMps2: type.emergencyDecelMps2,
    maxSpeedMps: type.maxSpeedMps,
  };
}
