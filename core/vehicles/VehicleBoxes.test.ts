import { describe, expect, it } from "vitest";
import { VehicleBoxes } from "./VehicleBoxes.js";

describe("VehicleBoxes", () => {
  it("stores centre, heading and half extents by position, with the vehicle id", () => {
    const boxes = new VehicleBoxes();
    expect(boxes.add(17, 1, 2, 0.5, 4, 2)).toBe(0);
    expect(boxes.add(3, -1, -2, -0.5, 10, 2.5)).toBe(1);
    expect(boxes.count).toBe(2);
    expect([
      boxes.ids[1],
      boxes.x[1],
      boxes.y[1],
      boxes.headingRad[1],
      boxes.halfLength[1],
      boxes.halfWidth[1],
    ]).toEqual([3, -1, -2, -0.5, 5, 1.25]);
  });

  it("grows by doubling, keeping the boxes, and reuses its arrays after clear", () => {
    const boxes = new VehicleBoxes({ initialCapacity: 2 });
    for (let i = 0; i < 5; i++) boxes.add(100 + i, i, 0, 0, 4, 2);
    expect(boxes.capacity).toBe(8);
    expect(Array.from(boxes.ids.subarray(0, 5))).toEqual([100, 101, 102, 103, 104]);
    expect(Array.from(boxes.x.subarray(0, 5))).toEqual([0, 1, 2, 3, 4]);
    const x = boxes.x;
    boxes.clear();
    for (let i = 0; i < 8; i++) boxes.add(i, i, 0, 0, 4, 2);
    expect(boxes.x).toBe(x);
  });

  it("gives corners counter-clockwise from front-left", () => {
    const boxes = new VehicleBoxes();
    boxes.add(1, 10, 5, Math.PI / 2, 4, 2);
    const c = boxes.corners(0).map((v) => Math.round(v * 1e9) / 1e9);
    expect(c).toEqual([9, 7, 9, 3, 11, 3, 11, 7]);
  });
});
