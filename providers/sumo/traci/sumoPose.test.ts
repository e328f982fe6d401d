import { describe, expect, it } from "vitest";
import {
  centrePoseToSumoFront,
  headingRadToSumoAngle,
  sumoAngleToHeadingRad,
  sumoFrontToCentrePose,
} from "./sumoPose.js";

describe("sumoPose", () => {
  it("maps SUMO's compass angles (clockwise from north) to headings (CCW from east)", () => {
    expect(sumoAngleToHeadingRad(90)).toBeCloseTo(0); // east
    expect(sumoAngleToHeadingRad(0)).toBeCloseTo(Math.PI / 2); // north
    expect(sumoAngleToHeadingRad(180)).toBeCloseTo(-Math.PI / 2); // south
    expect(sumoAngleToHeadingRad(270)).toBeCloseTo(Math.PI); // west, wrapped into (−π, π]
    expect(sumoAngleToHeadingRad(45)).toBeCloseTo(Math.PI / 4);
  });

  it("inverts the mapping into [0, 360)", () => {
    for (const deg of [0, 1, 45, 90, 179.5, 180, 270, 359]) {
      expect(headingRadToSumoAngle(sumoAngleToHeadingRad(deg))).toBeCloseTo(deg, 9);
    }
    expect(headingRadToSumoAngle(-Math.PI / 2)).toBeCloseTo(180);
    expect(headingRadToSumoAngle(3 * Math.PI)).toBeCloseTo(270);
  });

  it("moves between the front bumper and the centre by half a length along the heading", () => {
    const centre = sumoFrontToCentrePose({ x: 10, y: 5 }, 90, 4);
    expect(centre.x).toBeCloseTo(8);
    expect(centre.y).toBeCloseTo(5);
    expect(centre.headingRad).toBeCloseTo(0);
    const front = centrePoseToSumoFront({ x: 0, y: 0, headingRad: Math.PI / 2 }, 5);
    expect(front.x).toBeCloseTo(0);
    expect(front.y).toBeCloseTo(2.5);
    expect(front.angleDeg).toBeCloseTo(0);
  });
});
