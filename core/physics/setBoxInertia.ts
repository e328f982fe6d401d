/**
 * Sets a body's inertia to that of a solid box of the given half extents, exactly.
 *
 * cannon-es computes a body's inertia from its world-space AABB at construction, so the last bits
 * depend on where the body was created (upper − lower bound rounds differently at x = 30 than at
 * x = 0). A body re-created by `restore` would then rotate differently from the original; setting
 * the inertia from the half extents makes it a function of the parameters alone.
 */
import * as CANNON from "cannon-es";

/** Overwrites `body`'s inertia, inverse inertia and world inverse inertia (kg·m², half extents in m). */
export function setBoxInertia(body: CANNON.Body, halfExtents: CANNON.Vec3): void {
  CANNON.Box.calculateInertia(halfExtents, body.mass, body.inertia);
  const I = body.inertia;
  body.invInertia.set(I.x > 0 ? 1 / I.x : 0, I.y > 0 ? 1 / I.y : 0, I.z > 0 ? 1 / I.z : 0);
  body.updateInertiaWorld(true);
}
