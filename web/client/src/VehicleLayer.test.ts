import { InstancedMesh, Mesh, Ray, Vector3 } from "three";
import { describe, expect, it } from "vitest";
import type { ReplayFrame } from "../../../replay/ReplayFrame.js";
import type { ReplayVehicleType } from "../../../replay/ReplayHeader.js";
import { NEAR_MAX, VehicleLayer } from "./VehicleLayer.js";

const TYPES: ReplayVehicleType[] = [
  { id: "passenger", vClass: "passenger", lengthM: 3.68, widthM: 1.47, heightM: 1.4 },
  { id: "bus", vClass: "bus", lengthM: 7, widthM: 2.25, heightM: 3 },
  { id: "truck", vClass: "truck", lengthM: 5, widthM: 1.91, heightM: 1.89 },
  { id: "motorcycle", vClass: "motorcycle", lengthM: 2.5, widthM: 1, heightM: 1.4 },
];

interface Car {
  id: string;
  type: string;
  x: number;
  y?: number;
  h?: number;
  v?: number;
  lane?: string;
}

function frame(tick: number, cars: Car[]): ReplayFrame {
  return {
    tick,
    timeS: tick * 0.1,
    ids: cars.map((c) => c.id),
    typeIds: cars.map((c) => c.type),
    owners: cars.map(() => "local"),
    laneIds: cars.map((c) => c.lane ?? ""),
    roles: new Uint8Array(cars.length),
    x: Float64Array.from(cars, (c) => c.x),
    y: Float64Array.from(cars, (c) => c.y ?? 0),
    headingRad: Float64Array.from(cars, (c) => c.h ?? 0),
    speedMps: Float64Array.from(cars, (c) => c.v ?? 10),
    signals: {},
    collisions: [],
    events: [],
    bubbles: [],
    agents: [],
  };
}

const FLEET: Car[] = [
  { id: "c1", type: "passenger", x: 0 },
  { id: "c2", type: "passenger", x: 10 },
  { id: "b1", type: "bus", x: 20 },
  { id: "t1", type: "truck", x: 30 },
  { id: "m1", type: "motorcycle", x: 40 },
  { id: "u1", type: "unknown-type", x: 50 },
];

describe("VehicleLayer", () => {
  it("draws each vehicle type with its family's model: cars, bus, truck, motorcycle", () => {
    const layer = new VehicleLayer(TYPES);
    layer.setFrame(frame(0, FLEET), false, -1);
    layer.update(1, 0, 20, -30, 10);
    const draws = Object.fromEntries(layer.draws().map((d) => [d.typeId, d]));
    expect(draws.passenger).toMatchObject({ kind: "car", count: 2, near: 2, wheels: 4 });
    expect(draws.bus).toMatchObject({ kind: "bus", count: 1, near: 1, wheels: 6 });
    expect(draws.truck).toMatchObject({ kind: "truck", count: 1, near: 1, wheels: 4 });
    expect(draws.motorcycle).toMatchObject({ kind: "motorcycle", count: 1, near: 1, wheels: 2 });
    // A type the header does not list is drawn as a passenger car.
    expect(draws["unknown-type"]).toMatchObject({ kind: "car", count: 1 });
    const bus = layer.group.getObjectByName("vehicles-bus");
    if (!(bus instanceof InstancedMesh)) throw new Error("no instanced bus mesh");
    const box = bus.geometry.boundingBox!;
    expect(box.max.z).toBeCloseTo(3, 1);
    expect(box.max.x - box.min.x).toBeGreaterThan(6.9);
  });

  it("draws far vehicles as one merged mesh, near ones (at most NEAR_MAX) as instances", () => {
    const layer = new VehicleLayer(TYPES);
    const many = Array.from({ length: 1000 }, (_, i) => ({ id: `v${i}`, type: TYPES[i % 4].id, x: i * 8 }));
    layer.setFrame(frame(0, many), false, -1);
    layer.update(1, 0, 0, 0, 10);
    const near = layer.draws().reduce((n, d) => n + d.near, 0);
    expect(near).toBeGreaterThan(0);
    expect(near).toBeLessThanOrEqual(NEAR_MAX);
    expect(layer.draws().reduce((n, d) => n + d.count, 0)).toBe(1000);
    const far = layer.group.getObjectByName("vehicles-far");
    if (!(far instanceof Mesh)) throw new Error("no merged far mesh");
    expect(far.geometry.drawRange.count).toBeGreaterThan((1000 - near) * 30);
    // From high above, nothing is near.
    layer.update(1, 0, 0, 0, 5000);
    expect(layer.draws().reduce((n, d) => n + d.near, 0)).toBe(0);
  });

  it("lights brake lamps when a vehicle slows hard and signals a turn", () => {
    const layer = new VehicleLayer(TYPES, 0.1);
    const cars: Car[] = [
      { id: "brakes", type: "passenger", x: 0, v: 10 },
      { id: "turns", type: "passenger", x: 10, y: 5, v: 8 },
      { id: "cruises", type: "passenger", x: 20, y: 10, v: 12 },
    ];
    layer.setFrame(frame(0, cars), false, -1);
    layer.setFrame(
      frame(1, [
        { ...cars[0], v: 9.4 }, // −6 m/s²
        { ...cars[1], h: 0.06 }, // 0.6 rad/s to the left
        { ...cars[2], v: 12.05 },
      ]),
      true,
      -1,
    );
    expect(Array.from(layer.lightStates.braking)).toEqual([1, 0, 0]);
    expect(Array.from(layer.lightStates.turn)).toEqual([0, 1, 0]);
    layer.update(1, 0, 10, -20, 8);
    expect(layer.litLamps).toBe(4); // two brake lamps, two blinking signal lamps (blink phase on at t = 0)
    layer.update(1, 400, 10, -20, 8);
    expect(layer.litLamps).toBe(2); // the signal is in its dark phase
  });

  it("picks the vehicle under a ray", () => {
    const layer = new VehicleLayer(TYPES);
    layer.setFrame(frame(0, FLEET), false, -1);
    const down = new Vector3(0, 0, -1);
    expect(layer.pick(new Ray(new Vector3(20.5, 0.3, 50), down))).toBe(2);
    expect(layer.pick(new Ray(new Vector3(5, 0, 50), down))).toBe(-1);
    // Along the row from the side: the nearest one.
    expect(layer.pick(new Ray(new Vector3(-100, 0, 0.5), new Vector3(1, 0, 0)))).toBe(0);
  });
});
