import { describe, expect, it } from "vitest";
import { convexHull, polygonArea } from "./convexHull.js";

describe("convexHull", () => {
  it("returns the counter-clockwise hull without interior or collinear points", () => {
    const hull = convexHull([
      [0, 0],
      [2, 0],
      [1, 0],
      [2, 2],
      [0, 2],
      [1, 1],
      [1, 2],
    ]);
    expect(hull).toEqual([
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
    ]);
    expect(polygonArea(hull)).toBe(4);
  });

  it("reduces collinear input to its two extreme points", () => {
    expect(
      convexHull([
        [0, 3],
        [0, -1],
        [0, 1],
      ]),
    ).toEqual([
      [0, -1],
      [0, 3],
    ]);
  });
});
