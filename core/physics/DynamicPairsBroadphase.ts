/**
 * A cannon-es broadphase that only pairs bodies with at least one dynamic member.
 *
 * Traffic is kinematic and never collides with itself in the physics (phase 4 detects traffic
 * collisions on its own), so cannon-es's `NaiveBroadphase` would spend O(N²) bounding tests per
 * substep on pairs it then throws away. This one costs O(D·N) for D dynamic bodies among N, and
 * emits pairs in body-array order, which `PhysicsWorld` keeps sorted by handle (deterministic).
 */
import * as CANNON from "cannon-es";

const DYNAMIC = CANNON.Body.DYNAMIC;

/** Broadphase over (dynamic, any) pairs, bounding-sphere then AABB tested. */
export class DynamicPairsBroadphase extends CANNON.Broadphase {
  /** Indices of the dynamic bodies, refilled every substep. */
  private readonly dynamicIndex: number[] = [];

  override collisionPairs(world: CANNON.World, p1: CANNON.Body[], p2: CANNON.Body[]): void {
    const bodies = world.bodies;
    const n = bodies.length;
    const dyn = this.dynamicIndex;
    dyn.length = 0;
    for (let i = 0; i < n; i++) if (bodies[i].type === DYNAMIC) dyn.push(i);
    for (let k = 0; k < dyn.length; k++) {
      const i = dyn[k];
      const bi = bodies[i];
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const bj = bodies[j];
        if (bj.type === DYNAMIC && j < i) continue; // that pair was emitted with j as the outer body
        if (!this.needBroadphaseCollision(bi, bj)) continue;
        const dx = bj.position.x - bi.position.x;
        const dy = bj.position.y - bi.position.y;
        const dz = bj.position.z - bi.position.z;
        const rr = bi.boundingRadius + bj.boundingRadius;
        if (dx * dx + dy * dy + dz * dz >= rr * rr) continue;
        if (bi.aabbNeedsUpdate) bi.updateAABB();
        if (bj.aabbNeedsUpdate) bj.updateAABB();
        if (!bi.aabb.overlaps(bj.aabb)) continue;
        if (i < j) {
          p1.push(bi);
          p2.push(bj);
        } else {
          p1.push(bj);
          p2.push(bi);
        }
      }
    }
  }

  override aabbQuery(world: CANNON.World, aabb: CANNON.AABB, result: CANNON.Body[] = []): CANNON.Body[] {
    const bodies = world.bodies;
    for (let i = 0; i < bodies.length; i++) {
      const b = bodies[i];
      if (b.aabbNeedsUpdate) b.updateAABB();
      if (b.aabb.overlaps(aabb)) result.push(b);
    }
    return result;
  }
}
