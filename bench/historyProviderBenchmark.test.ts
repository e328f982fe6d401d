import { describe, expect, it } from "vitest";
import { measureHistoryProvider } from "./historyProviderBenchmark.js";

describe("measureHistoryProvider", () => {
  it("replays a small synthetic recording and counts every reported vehicle", async () => {
    const r = await measureHistoryProvider({ vehicles: 30, trackS: 4, staggerS: 2, rounds: 1 });
    expect(r.vehicles).toBe(30);
    // Every vehicle is on the road for 40 or 41 ticks of its 4 s track.
    expect(r.vehicleUpdates).toBeGreaterThanOrEqual(30 * 40);
    expect(r.vehicleUpdates).toBeLessThanOrEqual(30 * 41);
    expect(r.peakActiveVehicles).toBeLessThanOrEqual(30);
    expect(r.vehicleUpdatesPerS).toBeGreaterThan(0);
    expect(r.steps).toBeGreaterThan(50);
  });
});
