/**
 * A vehicle type: the dimensions and physical limits every vehicle of that type shares
 * (DESIGN.md §5). Plain data, validated by a zod schema, so scenarios can define their own types
 * and replays can carry them. The built-in table is {@link vehicleTypes}.
 *
 * The motion limits feed the controllers and traffic models: `maxAccelMps2`/`maxDecelMps2` are the
 * comfortable values car-following models plan with (SUMO's `accel`/`decel`),
 * `emergencyDecelMps2` is the hardest braking physically possible (SUMO's `emergencyDecel`), and
 * the steering limits describe a kinematic bicycle model with the given wheelbase.
 */
import { z } from "zod";
import { SUMO_VEHICLE_CLASSES } from "./vehicleClasses.js";

export const VehicleTypeSchema = z
  .object({
    /** Type id, e.g. `passenger`; unique within a scenario. */
    id: z.string().min(1),
    /** SUMO vehicle class, which decides the lanes the type may use (`allow`/`disallow`). */
    vClass: z.enum(SUMO_VEHICLE_CLASSES),
    /** Bounding-box length, front to back (metres). */
    lengthM: z.number().positive(),
    /** Bounding-box width (metres). */
    widthM: z.number().positive(),
    /** Bounding-box height (metres). */
    heightM: z.number().positive(),
    /** Top speed the vehicle can reach (m/s); lanes and drivers may cap it lower. */
    maxSpeedMps: z.number().positive(),
    /** Comfortable maximum acceleration (m/s²). */
    maxAccelMps2: z.number().positive(),
    /** Comfortable maximum deceleration, positive (m/s²). */
    maxDecelMps2: z.number().positive(),
    /** Emergency (physically possible) deceleration, positive, ≥ `maxDecelMps2` (m/s²). */
    emergencyDecelMps2: z.number().positive(),
    /** Largest road-wheel steering angle (radians), in (0, π/2). */
    maxSteerRad: z
      .number()
      .positive()
      .lt(Math.PI / 2),
    /** Distance between front and rear axle (metres), at most the length. */
    wheelbaseM: z.number().positive(),
    /** Fastest change of the road-wheel steering angle (rad/s). */
    maxSteerRateRadps: z.number().positive(),
  })
  .refine((t) => t.emergencyDecelMps2 >= t.maxDecelMps2, {
    message: "emergencyDecelMps2 must be at least maxDecelMps2",
    path: ["emergencyDecelMps2"],
  })
  .refine((t) => t.wheelbaseM <= t.lengthM, { message: "wheelbaseM must not exceed lengthM", path: ["wheelbaseM"] });

/** A validated vehicle type. */
export type VehicleType = z.infer<typeof VehicleTypeSchema>;

/**
 * Smallest turning radius of a kinematic bicycle model at full steering lock, measured at the rear
 * axle centre: `wheelbase / tan(maxSteer)` (metres).
 */
export function minTurningRadiusM(type: Pick<VehicleType, "wheelbaseM" | "maxSteerRad">): number {
  return type.wheelbaseM / Math.tan(type.maxSteerRad);
}
