import { describe, expect, it } from "vitest";
import type { ReplayMap } from "../../../replay/ReplayHeader.js";
import { LaneGraph } from "./LaneGraph.js";

/** A 100 m road east, a junction, then a road going on east and one turning north. */
const MAP: ReplayMap = {
  roads: [
    {
      id: "a",
      kind: "normal",
      lanes: [
        {
          id: "a_0",
          roadId: "a",
          index: 0,
          widthM: 3.2,
          shape: [
            [0, 0],
            [100, 0],
          ],
        },
      ],
    },
    {
      id: "b",
      kind: "normal",
      lanes: [
        {
          id: "b_0",
          roadId: "b",
          index: 0,
          widthM: 3.2,
          shape: [
            [110, 0],
            [200, 0],
          ],
        },
      ],
    },
    {
      id: "n",
      kind: "normal",
      lanes: [
        {
          id: "n_0",
          roadId: "n",
          index: 0,
          widthM: 3.2,
          shape: [
            [105, 5],
            [105, 100],
          ],
        },
      ],
    },
    {
      id: ":j",
      kind: "internal",
      lanes: [
        {
          id: ":j_0",
          roadId: ":j",
          index: 0,
          widthM: 3.2,
          shape: [
            [100, 0],
            [110, 0],
          ],
        },
        {
          id: ":j_1",
          roadId: ":j",
          index: 1,
          widthM: 3.2,
          shape: [
            [100, 0],
            [105, 5],
          ],
        },
      ],
    },
  ],
  junctions: [],
  connections: [
    { fromLane: "a_0", toLane: "n_0", via: ":j_1" },
    { fromLane: "a_0", toLane: "b_0", via: ":j_0" },
  ],
  signals: [],
};

describe("LaneGraph.pathAhead", () => {
  it("follows the lane, then the straightest connection through the junction, every step metres", () => {
    const g = new LaneGraph(MAP);
    const path = g.pathAhead("a_0", 60, 1.2, 80, 5);
    expect(path[0]).toEqual([60, 0]);
    expect(path.length).toBe(17);
    for (const [i, p] of path.entries()) {
      expect(p[0]).toBeCloseTo(60 + i * 5, 6);
      expect(p[1]).toBeCloseTo(0, 6);
    }
  });

  it("follows the planned route where it turns, and ends with the route's last road", () => {
    const g = new LaneGraph(MAP);
    const path = g.pathAhead("a_0", 90, 0, 80, 5, ["a", "n"]);
    // 10 m to the junction, 7.07 m through the turn, then north along n.
    expect(path.at(-1)![0]).toBeCloseTo(105, 6);
    expect(path.at(-1)![1]).toBeGreaterThan(60);
    // Inside the junction on the turn: still on the route.
    expect(g.pathAhead(":j_1", 102, 2, 40, 5, ["a", "n"]).at(-1)![0]).toBeCloseTo(105, 6);
    // On the route's last road: the path ends with it; off the route: the straightest way.
    expect(g.pathAhead("a_0", 90, 0, 80, 5, ["a"]).at(-1)).toEqual([100, 0]);
    expect(g.pathAhead("a_0", 90, 0, 80, 5, ["x", "y"]).at(-1)![1]).toBeCloseTo(0, 6);
  });

  it("stops where the lanes end, and knows nothing of unknown lanes", () => {
    const g = new LaneGraph(MAP);
    const path = g.pathAhead("n_0", 105, 90, 50, 4);
    expect(path.map((p) => p[1])).toEqual([90, 94, 98]);
    expect(g.pathAhead("nowhere", 0, 0, 50)).toEqual([]);
    expect(g.laneRoads().get(":j_1")).toEqual([":j", 1]);
  });
});
