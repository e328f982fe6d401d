import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { measureSumoProvider } from "./sumoProviderBenchmark.js";
import { REPO_ROOT } from "../providers/sumo/sumoProviderTestSupport.js";
import { isOnPath } from "../providers/sumo/traci/sumoTestSupport.js";

describe.skipIf(!isOnPath("sumo"))("measureSumoProvider", () => {
  it("steps a scenario's traffic through the provider and reports the rate", async () => {
    const r = await measureSumoProvider({
      scenarioFile: join(REPO_ROOT, "scenarios", "minicity.scn"),
      warmupSteps: 200,
      steps: 100,
    });
    expect(r.steps).toBe(100);
    expect(r.wallS).toBeGreaterThan(0);
    expect(r.setupS).toBeGreaterThan(0);
    // 3,600 random trips an hour: dozens of vehicles after 20 s.
    expect(r.meanVehicles).toBeGreaterThan(10);
    expect(r.vehicleUpdatesPerS).toBeCloseTo((r.meanVehicles * r.steps) / r.wallS, 6);
    expect(r.stepsPerS).toBeCloseTo(r.steps / r.wallS, 6);
  });

  it("refuses a scenario on a generated map", async () => {
    await expect(
      measureSumoProvider({ scenarioFile: join(REPO_ROOT, "scenarios", "ring.scn"), steps: 1 }),
    ).rejects.toThrow(/needs a SUMO map/);
  });
});
