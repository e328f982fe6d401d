import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isOnPath, writeGridNetwork } from "../providers/sumo/traci/sumoTestSupport.js";
import { measureSumoStepRate } from "./traciBenchmark.js";

describe.skipIf(!isOnPath("sumo"))("measureSumoStepRate", () => {
  const dir = mkdtempSync(join(tmpdir(), "roadgym-traci-bench-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("steps SUMO with every departed vehicle subscribed and reports the rate", async () => {
    const files = writeGridNetwork(dir, 1);
    const rate = await measureSumoStepRate({
      netFile: files.netFile,
      routeFiles: [files.routesFile],
      steps: 300,
      seed: 1,
    });
    expect(rate.steps).toBe(300);
    expect(rate.wallS).toBeGreaterThan(0);
    expect(rate.launchS).toBeGreaterThan(0);
    // One vehicle a second for 30 s on a ~380 m route: a dozen or more at once by the end.
    expect(rate.meanVehicles).toBeGreaterThan(5);
    expect(rate.vehicleUpdatesPerS).toBeCloseTo((rate.meanVehicles * rate.steps) / rate.wallS, 6);
  });
});
