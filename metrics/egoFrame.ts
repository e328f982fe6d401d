/**
 * Geometry of another vehicle as seen from the ego: longitudinal / lateral offsets in the ego's
 * frame, heading difference, and the other's extent along the ego's heading.
 */
import type { AgentStep, NeighbourSample } from "./AgentTrajectory.js";

/** A neighbour in the ego frame. */
export interface Relative {
  /** Centre offset along the ego heading, ahead positive (m). */
  lonM: number;
  /** Centre offset across the ego heading, left positive (m). */
  latM: number;
  /** Other heading − ego heading, wrapped to (−π, π] (rad). */
  dHeadingRad: number;
  /** Half extent of the other's box along the ego heading (m). */
  halfExtentLonM: number;
  /** Half extent of the other's box across the ego heading (m). */
  halfExtentLatM: number;
  /** The other's velocity component along the ego heading (m/s). */
  speedAlongMps: number;
}

/** Wraps an angle to (−π, π] (rad). */
export function wrapRad(a: number): number {
  const w = Math.atan2(Math.sin(a), Math.cos(a));
  return w === -Math.PI ? Math.PI : w;
}

/** `other` in the frame of `ego`. */
export function relativeTo(ego: Pick<AgentStep, "x" | "y" | "headingRad">, other: NeighbourSample): Relative {
  const c = Math.cos(ego.headingRad);
  const s = Math.sin(ego.headingRad);
  const dx = other.x - ego.x;
  const dy = other.y - ego.y;
  const dh = wrapRad(other.headingRad - ego.headingRad);
  const cd = Math.abs(Math.cos(dh));
  const sd = Math.abs(Math.sin(dh));
  return {
    lonM: dx * c + dy * s,
    latM: -dx * s + dy * c,
    dHeadingRad: dh,
    halfExtentLonM: other.halfLengthM * cd + other.halfWidthM * sd,
    halfExtentLatM: other.halfLengthM * sd + other.halfWidthM * cd,
    speedAlongMps: other.speedMps * Math.cos(dh),
  };
}
