import * as CANNON from "cannon-es";
import { describe, expect, it } from "vitest";
import { DynamicPairsBroadphase } from "./DynamicPairsBroadphase.js";

function box(type: CANNON.BodyType, x: number): CANNON.Body {
  return new CANNON.Body({
    type,
    mass: type === CANNON.Body.DYNAMIC ? 1 : 0,
    shape: new CANNON.Box(new CANNON.Vec3(1, 1, 1)),
    position: new CANNON.Vec3(x, 0, 1),
  });
}

describe("DynamicPairsBroadphase", () => {
  it("pairs each overlapping (dynamic, any) pair once, in body order, and never two kinematic bodies", () => {
    const world = new CANNON.World({ broadphase: new DynamicPairsBroadphase() });
    const k1 = box(CANNON.Body.KINEMATIC, 0);
    const d1 = box(CANNON.Body.DYNAMIC, 1);
    const k2 = box(CANNON.Body.KINEMATIC, 0.5);
    const d2 = box(CANNON.Body.DYNAMIC, 1.5);
    const far = box(CANNON.Body.KINEMATIC, 50);
    for (const b of [k1, d1, k2, d2, far]) world.addBody(b);
    const p1: CANNON.Body[] = [];
    const p2: CANNON.Body[] = [];
    world.broadphase.collisionPairs(world, p1, p2);
    const names = new Map([
      [k1, "k1"],
      [d1, "d1"],
      [k2, "k2"],
      [d2, "d2"],
      [far, "far"],
    ]);
    expect(p1.map((b, i) => `${names.get(b)}-${names.get(p2[i])}`)).toEqual([
      "k1-d1",
      "d1-k2",
      "d1-d2",
      "k1-d2",
      "k2-d2",
    ]);
  });
});
