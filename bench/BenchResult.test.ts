import { describe, expect, it } from "vitest";
import { median, result } from "./BenchResult.js";

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
