import { describe, expect, it } from "vitest";
import { parseSumoStatistics } from "./sumoTools.js";

describe("parseSumoStatistics", () => {
  // SUMO 1.15's end-of-run report with --duration-log.statistics (grid, 60 s).
  const log = `Simulation version 1.15.0 started with time: 0.00.
Simulation ended at time: 60.00
Reason: The final simulation step has been reached.
Performance: 
 Duration: 0.88s
 Real time factor: 68.0272
 UPS: 40662.131519
Vehicles: 
 Inserted: 120 (Loaded: 403)
 Running: 118
 Waiting: 0
Statistics (avg of 2):
 RouteLength: 274.10
 Speed: 11.92
 Duration: 22.30
 WaitingTime: 0.00
 TimeLoss: 3.54
 DepartDelay: 0.00
`;

  it("reads the run's speed and the trips' statistics apart", () => {
    expect(parseSumoStatistics(log)).toEqual({
      durationS: 0.88,
      ups: 40662.131519,
      inserted: 120,
      running: 118,
      waiting: 0,
      arrived: 2,
      meanRouteLengthM: 274.1,
      meanSpeedMps: 11.92,
      meanDurationS: 22.3,
      meanWaitingTimeS: 0,
      teleports: 0,
      collisions: 0,
    });
  });

  it("reads teleports and collisions where the report has them", () => {
    const withTeleports = log.replace("Statistics (avg", "Teleports: 47 (Collisions: 45, Jam: 2)\nStatistics (avg");
    expect(parseSumoStatistics(withTeleports)).toMatchObject({ teleports: 47, collisions: 45, arrived: 2 });
  });

  it("names what is missing from a report cut short", () => {
    expect(() => parseSumoStatistics(log.slice(0, log.indexOf("Statistics")))).toThrow(/no trip statistics/);
  });
});
