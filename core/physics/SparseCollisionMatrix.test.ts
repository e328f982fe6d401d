import * as CANNON from "cannon-es";
import { describe, expect, it } from "vitest";
import { SparseCollisionMatrix } from "./SparseCollisionMatrix.js";

describe("SparseCollisionMatrix", () => {
  it("sets, gets and resets like ArrayCollisionMatrix", () => {
    const bodies = Array.from({ length: 6 }, (_, i) => Object.assign(new CANNON.Body(), { index: i }));
    const m = new SparseCollisionMatrix();
    m.setNumObjects(4);
    m.set(bodies[1], bodies[3], true);
    m.set(bodies[5], bodies[0], true); // beyond the announced size: grows
    expect(m.get(bodies[3], bodies[1])).toBe(1);
    expect(m.get(bodies[0], bodies[5])).toBe(1);
    expect(m.get(bodies[2], bodies[3])).toBe(0);
    m.reset();
    expect(m.get(bodies[1], bodies[3])).toBe(0);
    expect(m.get(bodies[0], bodies[5])).toBe(0);
  });
});
