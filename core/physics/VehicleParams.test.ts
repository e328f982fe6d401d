import { describe, expect, it } from "vitest";
import { DEFAULT_VEHICLE_PARAMS, resolveVehicleParams } from "./VehicleParams.js";

describe("resolveVehicleParams", () => {
  it("fills in passenger-car defaults (SMARTS passenger box)", () => {
    const p = resolveVehicleParams({ massKg: 2000 });
    expect(p).toEqual({ ...DEFAULT_VEHICLE_PARAMS, massKg: 2000 });
    expect([p.lengthM, p.widthM, p.heightM]).toEqual([3.68, 1.47, 1.4]);
  });

  it("names the parameter that is out of range", () => {
    expect(() => resolveVehicleParams({ maxDecelMps2: Number.NaN })).toThrow(/maxDecelMps2/);
    expect(() => resolveVehicleParams({ frontDriveShare: 1.5 })).toThrow(/frontDriveShare/);
    expect(() => resolveVehicleParams({ maxSteerRad: 2 })).toThrow(/maxSteerRad/);
    expect(resolveVehicleParams({ dragAreaM2: 0 }).dragAreaM2).toBe(0);
  });
});
