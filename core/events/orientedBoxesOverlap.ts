/**
 * Narrowphase of collision detection: the separating axis test for two oriented rectangles.
 *
 * Two convex polygons are disjoint exactly when their projections on some edge normal are disjoint;
 * a rectangle has only two distinct normals, so four axes decide it. Touching counts as overlapping:
 * a gap of at most `toleranceM` on every axis is still contact. The tolerance absorbs floating-point
 * rounding (a touching pair built analytically and then rotated is off by ~1e-13 m), far below any
 * physical gap (1 mm apart is not contact).
 */

/**
 * Default contact tolerance (metres): boxes closer than this on every separating axis are touching.
 * 1 µm: orders of magnitude above rounding error for world coordinates up to ~100 km, orders below
 * any gap that matters on a road.
 */
export const CONTACT_TOLERANCE_M = 1e-6;

/**
 * Whether two oriented boxes overlap or touch. Headings are passed as their cosine and sine so a
 * caller checking many pairs computes the trigonometry once per box.
 * @param ax centre x of box A (m)
 * @param ay centre y of box A (m)
 * @param ac cos of A's heading
 * @param as sin of A's heading
 * @param ahl half length of A, along its heading (m)
 * @param ahw half width of A (m)
 * @param bx centre x of box B (m)
 * @param by centre y of box B (m)
 * @param bc cos of B's heading
 * @param bs sin of B's heading
 * @param bhl half length of B (m)
 * @param bhw half width of B (m)
 * @param toleranceM largest gap still counted as contact (m)
 */
export function orientedBoxesOverlap(
  ax: number,
  ay: number,
  ac: number,
  as: number,
  ahl: number,
  ahw: number,
  bx: number,
  by: number,
  bc: number,
  bs: number,
  bhl: number,
  bhw: number,
  toleranceM: number = CONTACT_TOLERANCE_M,
): boolean {
  const dx = bx - ax,
    dy = by - ay;
  // In 2-D the rotation between the frames has |cos Δ| and |sin Δ| as its only absolute entries.
  const p = Math.abs(ac * bc + as * bs);
  const q = Math.abs(as * bc - ac * bs);
  // A's long axis (ac, as) and lateral axis (−as, ac).
  if (Math.abs(dx * ac + dy * as) > ahl + bhl * p + bhw * q + toleranceM) return false;
  if (Math.abs(dy * ac - dx * as) > ahw + bhl * q + bhw * p + toleranceM) return false;
  // B's long axis (bc, bs) and lateral axis (−bs, bc).
  if (Math.abs(dx * bc + dy * bs) > bhl + ahl * p + ahw * q + toleranceM) return false;
  if (Math.abs(dy * bc - dx * bs) > bhw + ahl * q + ahw * p + toleranceM) return false;
  return true;
}
