import { describe, expect, it } from "vitest";
import { minTurningRadiusM, VehicleTypeSchema } from "./VehicleType.js";
import { builtinVehicleType, isBuiltinVehicleTypeId, vehicleTypes } from "./vehicleTypes.js";

describe("vehicle types", () => {
  it("carries SMARTS's bounding boxes", () => {
    const boxes = Object.fromEntries(Object.values(vehicleTypes).map((t) => [t.id, [t.lengthM, t.widthM, t.heightM]]));
    expect(boxes).toEqual({
      passenger: [3.68, 1.47, 1.4],
      bus: [7, 2.25, 3],
      truck: [5, 1.91, 1.89],
      trailer: [10, 2.5, 4],
      motorcycle: [2.5, 1, 1.4],
      pedestrian: [0.5, 0.5, 1.6],
    });
  });

  it("validates every built-in type, keyed by its own id and class", () => {
    for (const [key, type] of Object.entries(vehicleTypes)) {
      expect(VehicleTypeSchema.parse(type)).toEqual(type);
      expect(type.id).toBe(key);
      expect(type.vClass).toBe(key);
      expect(type.emergencyDecelMps2).toBeGreaterThanOrEqual(type.maxDecelMps2);
      expect(Object.isFrozen(type)).toBe(true);
    }
  });

  it("has plausible turning radii (bicycle model at the rear axle)", () => {
    expect(minTurningRadiusM(vehicleTypes.passenger)).toBeCloseTo(5.5, 1);
    expect(minTurningRadiusM(vehicleTypes.bus)).toBeCloseTo(7.5, 1);
    expect(minTurningRadiusM(vehicleTypes.trailer)).toBeGreaterThan(minTurningRadiusM(vehicleTypes.bus));
    expect(minTurningRadiusM(vehicleTypes.motorcycle)).toBeLessThan(minTurningRadiusM(vehicleTypes.passenger));
    expect(minTurningRadiusM(vehicleTypes.pedestrian)).toBeLessThan(0.1);
  });

  it("orders limits sensibly: heavy vehicles accelerate slower than cars", () => {
    expect(vehicleTypes.bus.maxAccelMps2).toBeLessThan(vehicleTypes.passenger.maxAccelMps2);
    expect(vehicleTypes.trailer.maxAccelMps2).toBeLessThan(vehicleTypes.passenger.maxAccelMps2);
    expect(vehicleTypes.motorcycle.maxAccelMps2).toBeGreaterThan(vehicleTypes.passenger.maxAccelMps2);
  });

  it("rejects inconsistent types", () => {
    const ok = { ...vehicleTypes.passenger };
    expect(VehicleTypeSchema.safeParse({ ...ok, emergencyDecelMps2: 3 }).success).toBe(false);
    expect(VehicleTypeSchema.safeParse({ ...ok, wheelbaseM: 4 }).success).toBe(false);
    expect(VehicleTypeSchema.safeParse({ ...ok, maxSteerRad: Math.PI / 2 }).success).toBe(false);
    expect(VehicleTypeSchema.safeParse({ ...ok, vClass: "hovercraft" }).success).toBe(false);
    expect(VehicleTypeSchema.safeParse({ ...ok, widthM: 0 }).success).toBe(false);
  });

  it("looks built-in types up by id", () => {
    expect(builtinVehicleType("bus")).toBe(vehicleTypes.bus);
    expect(isBuiltinVehicleTypeId("toString")).toBe(false);
    expect(() => builtinVehicleType("tank")).toThrow(/unknown vehicle type "tank".*passenger/);
  });
});
