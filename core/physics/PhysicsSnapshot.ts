/**
 * Plain-data snapshot of a `PhysicsWorld`: every body's full state plus the model-internal state of
 * each vehicle, enough for `restore` to continue bit-identically (in the same world or a fresh one
 * built with the same options). Holds only numbers, strings and arrays; keep it in memory or
 * `structuredClone` it (JSON would turn −0 into 0, which can change the last bit of a later step).
 */
import type { VehicleParams } from "./VehicleParams.js";

/** Which vehicle model a world runs. */
export type VehicleModelName = "bicycle" | "raycast";

/** Box dimensions of a kinematic body, in m. */
export interface BoxDims {
  /** Length along the heading, m. */
  lengthM: number;
  /** Width, m. */
  widthM: number;
  /** Height, m. */
  heightM: number;
}

/** One body's state. */
export interface BodySnapshot {
  /** The per-world handle. */
  handle: number;
  kind: "vehicle" | "kinematic";
  /** The vehicle's parameters (kind "vehicle"). */
  vehicleParams?: VehicleParams;
  /** The box (kind "kinematic"). */
  dims?: BoxDims;
  /** Position x, y, z in m. */
  position: [number, number, number];
  /** Orientation quaternion x, y, z, w. */
  quaternion: [number, number, number, number];
  /** Linear velocity in m/s. */
  velocity: [number, number, number];
  /** Angular velocity in rad/s. */
  angularVelocity: [number, number, number];
  /** Vehicle-model state (steering, commands, wheels) or the kinematic target [pending, x, y, heading]. */
  internal: number[];
}

/** A whole world's state. */
export interface PhysicsSnapshot {
  vehicleModel: VehicleModelName;
  /** Environment steps taken. */
  tick: number;
  /** The next handle to be given out. */
  nextHandle: number;
  /** Bodies in handle order. */
  bodies: BodySnapshot[];
}
