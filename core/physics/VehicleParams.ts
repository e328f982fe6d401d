/**
 * The physical description of one dynamic vehicle: body dimensions, mass, steering geometry,
 * powertrain and tyre limits. Plain data, so a vehicle-type table (or a scenario) can supply it;
 * every field has a passenger-car default (SMARTS passenger box 3.68 × 1.47 × 1.4 m; wheelbase,
 * steering and acceleration limits as core/vehicles' passenger type). From a core/vehicles
 * `VehicleType`: lengthM, widthM, heightM, wheelbaseM, maxSteerRad, maxSteerRateRadps, maxSpeedMps
 * and maxAccelMps2 carry over by name; `maxDecelMps2` here is full braking, i.e. the type's
 * `emergencyDecelMps2`, not its comfortable `maxDecelMps2`.
 */

/** Parameters of a dynamic vehicle. All SI units; angles in radians. */
export interface VehicleParams {
  /** Body length, bumper to bumper, in m. @default 3.68 */
  lengthM: number;
  /** Body width in m. @default 1.47 */
  widthM: number;
  /** Body height in m. @default 1.4 */
  heightM: number;
  /** Mass in kg. @default 1500 */
  massKg: number;
  /**
   * Distance between front and rear axle in m. The axles sit symmetrically about the body centre,
   * which is also the centre of mass. @default 2.45
   */
  wheelbaseM: number;
  /** Largest road-wheel steering angle (bicycle model), in rad; positive steers left. @default 0.42 */
  maxSteerRad: number;
  /** Fastest change of the road-wheel steering angle, in rad/s. @default 0.6 */
  maxSteerRateRadps: number;
  /**
   * Acceleration at full throttle from rest on flat ground, in m/s² (sets the traction-limited
   * engine force `massKg · maxAccelMps2`; SUMO's `accel`). @default 2.6
   */
  maxAccelMps2: number;
  /**
   * Peak engine power at the wheels, in W; above `maxEnginePowerW / (massKg · maxAccelMps2)` m/s the
   * drive force falls as power / speed. @default 75000
   */
  maxEnginePowerW: number;
  /**
   * Deceleration at full brake on flat ground (before drag), in m/s² (SUMO's `emergencyDecel`);
   * the brake force is shared between the axles in proportion to their load, as with electronic
   * brake-force distribution. @default 9
   */
  maxDecelMps2: number;
  /** The engine stops pushing at this forward speed, in m/s. @default 55.56 (200 km/h) */
  maxSpeedMps: number;
  /** Height of the centre of mass above the ground, in m (sets the load transfer when braking and accelerating). @default 0.55 */
  cgHeightM: number;
  /** Tyre–road friction coefficient (dry asphalt ≈ 1). @default 1.0 */
  tyreFriction: number;
  /**
   * Pacejka-lite stiffness factor B (per rad): the lateral force is
   * `μ·Fz·sin(C·atan(B·α))` for slip angle α. Cornering stiffness ≈ B·C·μ·Fz. @default 10
   */
  tyreStiffnessB: number;
  /** Pacejka-lite shape factor C (dimensionless); 1.5 peaks at α ≈ 0.17 rad and keeps ~77 % of the peak in a full slide. @default 1.5 */
  tyreShapeC: number;
  /** Share of the drive force on the front axle, 0..1 (1 = front-wheel drive). @default 1 */
  frontDriveShare: number;
  /** Aerodynamic drag coefficient × frontal area, in m². @default 0.7 */
  dragAreaM2: number;
  /** Rolling-resistance coefficient (force / weight). @default 0.012 */
  rollingResistance: number;
}

/** Partial parameters; anything left out takes the passenger-car default. */
export type VehicleParamsOptions = Partial<VehicleParams>;

/** Passenger-car defaults. */
export const DEFAULT_VEHICLE_PARAMS: Readonly<VehicleParams> = Object.freeze({
  lengthM: 3.68,
  widthM: 1.47,
  heightM: 1.4,
  massKg: 1500,
  wheelbaseM: 2.45,
  maxSteerRad: 0.42,
  maxSteerRateRadps: 0.6,
  maxAccelMps2: 2.6,
  maxEnginePowerW: 75_000,
  maxDecelMps2: 9,
  maxSpeedMps: 200 / 3.6,
  cgHeightM: 0.55,
  tyreFriction: 1.0,
  tyreStiffnessB: 10,
  tyreShapeC: 1.5,
  frontDriveShare: 1,
  dragAreaM2: 0.7,
  rollingResistance: 0.012,
});

/** Fills in defaults and checks that every parameter is finite and in range. */
export function resolveVehicleParams(options: VehicleParamsOptions = {}): VehicleParams {
  const p: VehicleParams = { ...DEFAULT_VEHICLE_PARAMS };
  for (const key of Object.keys(options) as (keyof VehicleParams)[]) {
    const v = options[key];
    if (v !== undefined) p[key] = v;
  }
  for (const key of Object.keys(p) as (keyof VehicleParams)[]) {
    const v = p[key];
    const mayBeZero = key === "frontDriveShare" || key === "dragAreaM2" || key === "rollingResistance";
    if (!Number.isFinite(v) || v < 0 || (!mayBeZero && v === 0))
      throw new Error(
        `vehicle parameter ${key} must be a finite ${mayBeZero ? "non-negative" : "positive"} number, got ${v}`,
      );
  }
  if (p.frontDriveShare > 1)
    throw new Error(`vehicle parameter frontDriveShare must be in 0..1, got ${p.frontDriveShare}`);
  if (p.wheelbaseM > p.lengthM)
    throw new Error(`vehicle wheelbaseM ${p.wheelbaseM} m must not exceed lengthM ${p.lengthM} m`);
  if (p.maxSteerRad >= Math.PI / 2) throw new Error(`vehicle maxSteerRad ${p.maxSteerRad} must be below π/2`);
  return p;
}
