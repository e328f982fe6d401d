/**
 * Deterministic synthetic frame streams for codec tests: vehicles driving circles of different
 * radii, with arrivals and departures (`churn`), owner and lane changes, a reordering now and
 * then, a traffic light, a moving bubble, collisions, events and agent rewards.
 */
import type { EncodableFrame } from "../../replay/FrameEncoder.js";

/** Options of {@link syntheticFrames}. */
export interface SyntheticOptions {
  ticks: number;
  vehicles: number;
  seed: number;
  /** Chance per tick that a vehicle leaves and a new one arrives. @default 0.05 */
  churn?: number;
}

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Car {
  id: string;
  type: string;
  owner: string;
  role: number;
  lane: string;
  cx: number;
  cy: number;
  r: number;
  phase: number;
  speed: number;
}

/** `ticks` frames of `vehicles` vehicles. */
export function syntheticFrames(o: SyntheticOptions): EncodableFrame[] {
  const rnd = prng(o.seed);
  const churn = o.churn ?? 0.05;
  let next = 0;
  const make = (): Car => ({
    id: `car_${next++}`,
    type: ["passenger", "truck", "bus", "motorcycle"][Math.floor(rnd() * 4)],
    owner: "local",
    role: 0,
    lane: `road${Math.floor(rnd() * 3)}_0`,
    cx: (rnd() - 0.5) * 2000,
    cy: (rnd() - 0.5) * 2000,
    r: 20 + rnd() * 200,
    phase: rnd() * Math.PI * 2,
    speed: 5 + rnd() * 20,
  });
  let cars: Car[] = Array.from({ length: o.vehicles }, make);
  cars[0].owner = "agent:ego";
  cars[0].role = 2;
  cars[0].id = "ego";
  const frames: EncodableFrame[] = [];
  let total = 0;
  for (let tick = 0; tick < o.ticks; tick++) {
    const events: EncodableFrame["events"] = [];
    if (tick > 0) {
      for (let i = 1; i < cars.length; i++) {
        if (rnd() < churn) {
          events.push({ kind: "vehicleRemoved", vehicleId: cars[i].id, owner: cars[i].owner, reason: "arrived" });
          cars.splice(i, 1);
          const c = make();
          cars.push(c);
          events.push({ kind: "vehicleAdded", vehicleId: c.id, owner: c.owner });
        }
      }
      if (churn > 0 && tick % 37 === 0 && cars.length > 3) cars = [cars[0], cars[2], cars[1], ...cars.slice(3)];
      if (churn > 0 && tick % 23 === 0 && cars.length > 2) {
        const c = cars[1 + (tick % (cars.length - 1))];
        const from = c.owner;
        c.owner = c.owner === "local" ? "social:s1" : "local";
        c.role = c.owner === "local" ? 0 : 1;
        events.push({ kind: "ownerChanged", vehicleId: c.id, from, to: c.owner });
      }
    }
    const n = cars.length;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const h = new Float64Array(n);
    const v = new Float64Array(n);
    const roles = new Uint8Array(n);
    cars.forEach((c, i) => {
      if (tick > 0) c.phase += (c.speed * 0.1) / c.r;
      if (tick % 40 === 17 && i % 5 === 0) c.lane = `road${(tick + i) % 3}_1`;
      x[i] = c.cx + c.r * Math.cos(c.phase);
      y[i] = c.cy + c.r * Math.sin(c.phase);
      h[i] = c.phase + Math.PI / 2;
      v[i] = c.speed + Math.sin(tick * 0.05 + i);
      roles[i] = c.role;
    });
    const reward = Math.sin(tick) + 1;
    total += reward;
    frames.push({
      tick,
      ids: cars.map((c) => c.id),
      typeIds: cars.map((c) => c.type),
      owners: cars.map((c) => c.owner),
      laneIds: cars.map((c) => c.lane),
      roles,
      x,
      y,
      headingRad: h,
      speedMps: v,
      signals: { tl1: Math.floor(tick / 30) % 2 === 0 ? "GGrr" : "rrGG", ...(tick > 100 ? { tl2: "G" } : {}) },
      collisions: tick % 50 === 7 ? [{ a: cars[1].id, b: cars[2].id }] : [],
      events,
      bubbles:
        tick % 20 < 10
          ? [
              {
                id: "b1",
                zone: [
                  [x[0], y[0]],
                  [x[0] + 10, y[0]],
                  [x[0] + 10, y[0] + 5],
                ],
              },
            ]
          : [],
      agents: [
        {
          id: "ego",
          vehicleId: "ego",
          reward,
          totalReward: total,
          done: tick === o.ticks - 1,
          reasons: tick === o.ticks - 1 ? ["goal"] : [],
        },
      ],
    });
  }
  return frames;
}
