import { describe, expect, it } from "vitest";
import { generateMap } from "../core/road/generators/mapGenerators.js";
import { buildRoadNetwork } from "../core/road/RoadNetwork.js";
import { measureLocalTraffic } from "./localTrafficBenchmark.js";
import { flow } from "../providers/local/testing.js";

describe("measureLocalTraffic", () => {
  it("reports steps, mean vehicles and throughput", () => {
    const network = buildRoadNetwork(generateMap("roundabout", {}));
    const r = measureLocalTraffic({
      network,
      traffic: { flows: [flow({ spawn: { kind: "rate", ratePerHour: 2000 } })] },
      steps: 200,
      warmupSteps: 100,
    });
    expect(r.steps).toBe(200);
    expect(r.vehicles).toBeGreaterThan(5);
    expect(r.vehicleUpdatesPerS).toBeGreaterThan(0);
    expect(r.msPerStep).toBeGreaterThan(0);
    expect(r.vehicleUpdatesPerS).toBeCloseTo((r.vehicles * 1000) / r.msPerStep, 0);
  });
});
