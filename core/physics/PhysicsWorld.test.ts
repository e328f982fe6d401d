import { describe, expect, it } from "vitest";
import { PhysicsWorld, type PhysicsWorldOptions } from "./PhysicsWorld.js";
import type { PhysicsSnapshot } from "./PhysicsSnapshot.js";

/**
 * A busy scene: three dynamic vehicles (one a heavier truck) and six kinematic bodies, with
 * vehicles driving into traffic and into each other so contacts are exercised.
 */
function buildScene(options: PhysicsWorldOptions = {}) {
  const w = new PhysicsWorld(options);
  const cars = [
    w.addVehicle({ xM: 0, yM: 0, headingRad: 0 }, {}, 8),
    w.addVehicle({ xM: 30, yM: 1, headingRad: Math.PI }, {}, 6),
    w.addVehicle(
      { xM: 10, yM: -12, headingRad: Math.PI / 2 },
      { lengthM: 5, widthM: 1.91, heightM: 1.89, massKg: 6000, wheelbaseM: 3.6 },
      4,
    ),
  ];
  const traffic = [] as { h: number; x: number; y: number; v: number }[];
  for (let j = 0; j < 6; j++) {
    const t = { h: 0, x: -20 + 9 * j, y: 3.2 - (j % 2) * 6.4, v: 5 + j };
    t.h = w.addKinematic({ xM: t.x, yM: t.y, headingRad: 0 });
    traffic.push(t);
  }
  const clock = { tick: 0 };
  const step = () => {
    const tick = clock.tick;
    for (let i = 0; i < cars.length; i++) {
      const k = tick + 37 * i;
      w.setControls(
        cars[i],
        0.5 + 0.5 * Math.sin(0.031 * k),
        Math.max(0, Math.sin(0.017 * k) - 0.6),
        Math.sin(0.05 * k),
      );
    }
    if (tick % 97 === 50) w.setActuatorControls(cars[0], 1, 0, 0.8);
    for (const t of traffic) {
      t.x += t.v * w.stepS;
      t.y += 0.3 * Math.sin(0.02 * tick + t.v) * w.stepS;
      w.moveKinematic(t.h, { xM: t.x, yM: t.y, headingRad: 0.03 * Math.sin(0.02 * tick + t.v) });
    }
    w.step();
    clock.tick++;
  };
  /** Script state (tick and traffic positions) to save alongside a physics snapshot. */
  const save = () => ({ tick: clock.tick, traffic: traffic.map((t) => ({ ...t })) });
  const load = (saved: ReturnType<typeof save>) => {
    clock.tick = saved.tick;
    saved.traffic.forEach((t, i) => Object.assign(traffic[i], t));
  };
  return { w, cars, traffic, step, save, load };
}

/** Every number of a snapshot, for bit-exact comparison (Object.is tells −0 from 0). */
function numbers(s: PhysicsSnapshot): number[] {
  const out: number[] = [s.tick, s.nextHandle];
  for (const b of s.bodies)
    out.push(b.handle, ...b.position, ...b.quaternion, ...b.velocity, ...b.angularVelocity, ...b.internal);
  return out;
}

function expectBitIdentical(a: PhysicsSnapshot, b: PhysicsSnapshot): void {
  const na = numbers(a);
  const nb = numbers(b);
  expect(nb.length).toBe(na.length);
  const firstDiff = na.findIndex((v, i) => !Object.is(v, nb[i]));
  expect(firstDiff).toBe(-1);
}

describe("PhysicsWorld", () => {
  it("is deterministic: two worlds, same inputs, bit-identical after 1,000 steps (with contacts)", () => {
    const a = buildScene();
    // Shift cannon-es's process-global body and shape ids between the two worlds.
    const other = new PhysicsWorld();
    for (let i = 0; i < 7; i++) other.addKinematic({ xM: i, yM: 0, headingRad: 0 });
    const b = buildScene();
    let contacts = 0;
    for (let i = 0; i < 1000; i++) {
      a.step();
      b.step();
      expect(b.w.lastStepContacts()).toEqual(a.w.lastStepContacts());
      contacts += a.w.lastStepContacts().length;
    }
    expect(contacts).toBeGreaterThan(0);
    expectBitIdentical(a.w.snapshot(), b.w.snapshot());
  });

  it("restores a snapshot and continues bit-identically, in the same world and in a fresh one", () => {
    const a = buildScene();
    for (let i = 0; i < 400; i++) a.step();
    const snap = structuredClone(a.w.snapshot());
    const script = a.save();
    for (let i = 0; i < 600; i++) a.step();
    const expected = a.w.snapshot();

    // Same world, diverged first (a body removed, another added), then restored.
    a.w.remove(a.cars[1]);
    a.w.addVehicle({ xM: 100, yM: 100, headingRad: 0 });
    a.w.restore(snap);
    a.load(script);
    for (let i = 0; i < 600; i++) a.step();
    expectBitIdentical(expected, a.w.snapshot());

    // A fresh world that has never stepped (its bodies are all created by restore).
    const b = buildScene();
    for (const h of b.w.handles()) b.w.remove(h);
    b.w.restore(structuredClone(snap));
    b.load(script);
    for (let i = 0; i < 600; i++) b.step();
    expectBitIdentical(expected, b.w.snapshot());
  });

  it("gives per-world handles from 1 and never reuses them", () => {
    const w = new PhysicsWorld();
    const a = w.addVehicle({ xM: 0, yM: 0, headingRad: 0 });
    const k = w.addKinematic({ xM: 10, yM: 0, headingRad: 0 });
    expect([a, k]).toEqual([1, 2]);
    w.remove(a);
    expect(w.has(a)).toBe(false);
    expect(w.addVehicle({ xM: 0, yM: 5, headingRad: 0 })).toBe(3);
    expect(new PhysicsWorld().addKinematic({ xM: 0, yM: 0, headingRad: 0 })).toBe(1);
    expect(() => w.vehicleState(a)).toThrow(/handle 1/);
    expect(() => w.setControls(k, 1, 0, 0)).toThrow(/kinematic/);
    expect(() => w.moveKinematic(3, { xM: 0, yM: 0, headingRad: 0 })).toThrow(/dynamic vehicle/);
  });

  it("moves kinematic bodies exactly to their targets and keeps unmoved ones still", () => {
    const w = new PhysicsWorld();
    w.addVehicle({ xM: 0, yM: 0, headingRad: 0 }); // so some kinematic bodies are near a dynamic one
    const near = w.addKinematic({ xM: 6, yM: 4, headingRad: 0 });
    const far = w.addKinematic({ xM: 500, yM: 0, headingRad: 0 });
    const still = w.addKinematic({ xM: 0, yM: -6, headingRad: 1 });
    w.moveKinematic(near, { xM: 7.2, yM: 4.1, headingRad: 0.2 });
    w.moveKinematic(far, { xM: 501.5, yM: 0, headingRad: -3 });
    w.step();
    expect(w.pose(near)).toEqual({ xM: 7.2, yM: 4.1, headingRad: expect.closeTo(0.2, 12) });
    expect(w.pose(far)).toEqual({ xM: 501.5, yM: 0, headingRad: expect.closeTo(-3, 12) });
    expect(w.pose(still)).toEqual({ xM: 0, yM: -6, headingRad: expect.closeTo(1, 12) });
    w.step();
    expect(w.pose(near)).toEqual({ xM: 7.2, yM: 4.1, headingRad: expect.closeTo(0.2, 12) });
    w.placeKinematic(near, { xM: -3, yM: 2, headingRad: 0 });
    expect(w.pose(near)).toEqual({ xM: -3, yM: 2, headingRad: 0 });
  });

  it("makes a dynamic vehicle collide with a kinematic body instead of passing through it", () => {
    const w = new PhysicsWorld();
    const car = w.addVehicle({ xM: 0, yM: 0, headingRad: 0 }, {}, 15);
    const wall = w.addKinematic({ xM: 20, yM: 0, headingRad: Math.PI / 2 }, { lengthM: 10, widthM: 1, heightM: 2 });
    const face = 20 - 0.5 - 3.68 / 2; // car centre x when its bumper touches the wall, m
    let maxX = 0;
    const touched: [number, number][] = [];
    for (let i = 0; i < 30; i++) {
      w.setControls(car, 1, 0, 0);
      w.moveKinematic(wall, { xM: 20, yM: 0, headingRad: Math.PI / 2 });
      w.step();
      maxX = Math.max(maxX, w.vehicleState(car).x);
      touched.push(...w.lastStepContacts());
    }
    expect(maxX).toBeGreaterThan(face - 0.1);
    expect(maxX).toBeLessThan(face + 0.5); // hit at ~17 m/s: penetration stays within one 20 ms substep of travel
    expect(touched[0]).toEqual([car, wall]);
    expect(w.pose(wall)).toEqual({ xM: 20, yM: 0, headingRad: expect.closeTo(Math.PI / 2, 12) });
  });

  it("pushes dynamic vehicles apart when they collide with each other", () => {
    const w = new PhysicsWorld();
    const a = w.addVehicle({ xM: 0, yM: 0, headingRad: 0 }, {}, 10);
    const b = w.addVehicle({ xM: 12, yM: 0, headingRad: Math.PI }, {}, 10);
    for (let i = 0; i < 20; i++) w.step();
    const sa = w.vehicleState(a);
    const sb = w.vehicleState(b);
    expect(sb.x - sa.x).toBeGreaterThan(3.68 - 0.2);
  });

  it("rejects a snapshot of the other vehicle model", () => {
    const snap = new PhysicsWorld({ vehicleModel: "raycast" }).snapshot();
    expect(() => new PhysicsWorld().restore(snap)).toThrow(/raycast/);
  });
});

describe("PhysicsWorld with the raycast candidate (kept for the model comparison)", () => {
  it("runs, stays upright at 5 substeps and restores bit-identically", () => {
    const a = buildScene({ vehicleModel: "raycast" });
    for (let i = 0; i < 200; i++) a.step();
    const snap = a.w.snapshot();
    for (let i = 0; i < 200; i++) a.step();
    const expected = a.w.snapshot();
    const c = buildScene({ vehicleModel: "raycast" });
    for (let i = 0; i < 200; i++) c.step();
    c.w.restore(snap);
    for (let i = 0; i < 200; i++) c.step();
    expectBitIdentical(expected, c.w.snapshot());
    const s = a.w.vehicleState(a.cars[0]);
    expect(Number.isFinite(s.x)).toBe(true);
  });
});
