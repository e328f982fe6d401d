/**
 * Reference collision detection: every pair, no broadphase, O(n²). The cross-check for
 * {@link import("./detectCollisions.js").detectCollisions} in tests and the baseline in the benchmark.
 */
import type { VehicleBoxes } from "../vehicles/VehicleBoxes.js";
import type { CollisionPairs } from "./CollisionPairs.js";
import { CONTACT_TOLERANCE_M, orientedBoxesOverlap } from "./orientedBoxesOverlap.js";

/**
 * Writes every overlapping or touching pair `(i, j)`, `i < j`, sorted, into `out` (cleared first).
 * @param toleranceM largest gap still counted as contact (m)
 * @returns the number of pairs written
 */
export function detectCollisionsBruteForce(
  boxes: VehicleBoxes,
  out: CollisionPairs,
  toleranceM: number = CONTACT_TOLERANCE_M,
): number {
  out.clear();
  const n = boxes.count;
  const { x, y, headingRad, halfLength, halfWidth } = boxes;
  // Allocates per call: this is the slow reference, kept simple.
  const cos = new Float64Array(n),
    sin = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    cos[i] = Math.cos(headingRad[i]);
    sin[i] = Math.sin(headingRad[i]);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const hit = orientedBoxesOverlap(
        x[i],
        y[i],
        cos[i],
        sin[i],
        halfLength[i],
        halfWidth[i],
        x[j],
        y[j],
        cos[j],
        sin[j],
        halfLength[j],
        halfWidth[j],
        toleranceM,
      );
      if (hit) out.push(i, j);
    }
  }
  return out.count;
}
