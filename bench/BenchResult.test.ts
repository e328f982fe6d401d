import { describe, expect, it } from "vitest";
import { median, result } from "./BenchResult.js";
import { parseSumoStatistics } from "./trafficBenchmark.js";

describe("median", () => {
  it("takes the middle value of an odd count, whatever the order", () => {
    expect(median([3.9, 4.4, 3.7])).toBe(3.9);
    expect(median([77.2, 63.3, 70.1, 90, 10])).toBe(70.1);
  });

  it("takes the upper middle of an even count and leaves its input alone", () => {
    const runs = [4, 1, 3, 2];
    expect(median(runs)).toBe(3);
    expect(runs).toEqual([4, 1, 3, 2]);
  });

  it("is NaN for no runs", () => {
    expect(median([])).toBeNaN();
  });
});

describe("result", () => {
  it("judges a figure against its target", () => {
    expect(result("r", "ratio", 3.91, "×", { op: ">=", value: 10 }).pass).toBe(false);
    expect(result("r", "ratio", 10, "×", { op: ">=", value: 10 }).pass).toBe(true);
    expect(result("m", "ms", 0.5, "ms", { op: "<", value: 0.5 }).pass).toBe(false);
    expect(result("n", "count", 7, "").pass).toBeUndefined();
  });
});

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
    });
  });

  it("names what is missing from a report cut short", () => {
    expect(() => parseSumoStatistics(log.slice(0, log.indexOf("Statistics")))).toThrow(/no trip statistics/);
  });
});
