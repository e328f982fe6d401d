/**
 * The ego frame (x forward along the ego's heading, y to its left, origin at the ego's box centre)
 * as a reusable transform: set it once per observation, then map world points, headings and
 * vectors into it without allocating.
 */
import { wrapAngleRad } from "../../spec/wrapAngleRad.js";

export class EgoFrame {
  /** Origin, world east (m). */
  x = 0;
  /** Origin, world north (m). */
  y = 0;
  /** Ego heading (rad). */
  headingRad = 0;
  /** cos(headingRad). */
  cos = 1;
  /** sin(headingRad). */
  sin = 0;

  /** Places the frame on a pose (m, m, rad). */
  set(x: number, y: number, headingRad: number): void {
    this.x = x;
    this.y = y;
    this.headingRad = headingRad;
    this.cos = Math.cos(headingRad);
    this.sin = Math.sin(headingRad);
  }

  /** Forward coordinate of world point `(wx, wy)` (m). */
  forward(wx: number, wy: number): number {
    return (wx - this.x) * this.cos + (wy - this.y) * this.sin;
  }

  /** Left coordinate of world point `(wx, wy)` (m). */
  left(wx: number, wy: number): number {
    return -(wx - this.x) * this.sin + (wy - this.y) * this.cos;
  }

  /** A world heading relative to the ego's, wrapped to (−π, π] (rad). */
  relativeHeading(headingRad: number): number {
    return wrapAngleRad(headingRad - this.headingRad);
  }
}
