/**
 * Small road networks built by hand for unit tests, with geometry simple enough to check by eye.
 */
import type { LaneSpec, RoadNetworkSpec } from "../core/road/RoadNetworkSpec.js";

function lane(roadId: string, index: number, shape: [number, number][], speedLimitMps = 13.89): LaneSpec {
  let lengthM = 0;
  for (let i = 1; i < shape.length; i++)
    lengthM += Math.hypot(shape[i][0] - shape[i - 1][0], shape[i][1] - shape[i - 1][1]);
  return { id: `${roadId}_${index}`, roadId, index, shape, widthM: 3.2, speedLimitMps, lengthM };
}

/** A quarter circle of radius `r` around (cx, cy) from angle a0 to a1 (radians), sampled every ~1°. */
export function arc(cx: number, cy: number, r: number, a0: number, a1: number): [number, number][] {
  const n = Math.max(2, Math.ceil((Math.abs(a1 - a0) * 180) / Math.PI));
  return Array.from({ length: n + 1 }, (_, k) => {
    const a = a0 + ((a1 - a0) * k) / n;
    return [cx + r * Math.cos(a), cy + r * Math.sin(a)] as [number, number];
  });
}

/**
 * A junction J1 at x ∈ [100, 110]:
 * - road `A`: 2 lanes eastward from x = 0 to 100 (lane 0 at y = −1.6, lane 1 at y = 1.6);
 * - road `B`: 2 lanes eastward from x = 110 to 210, reached straight on from A;
 * - road `C`: 1 lane northward from y = 10 to 110 at x = 110 − 1.6 … reached by a left turn from A's lane 1;
 * - road `D`: 1 lane far away (y = 500), connected to nothing.
 */
export function junctionNetwork(): RoadNetworkSpec {
  const left = arc(100, 10 - 1.6 + 1.6, 8.4, -Math.PI / 2, 0); // from (100, 1.6) to (108.4, 10)
  return {
    source: { kind: "generator", generator: "hand", params: {} },
    roads: [
      {
        id: "A",
        kind: "normal",
        fromJunction: "J0",
        toJunction: "J1",
        lanes: [
          lane("A", 0, [
            [0, -1.6],
            [100, -1.6],
          ]),
          lane("A", 1, [
            [0, 1.6],
            [50, 1.6],
            [100, 1.6],
          ]),
        ],
      },
      {
        id: "B",
        kind: "normal",
        fromJunction: "J1",
        toJunction: "J2",
        lanes: [
          lane("B", 0, [
            [110, -1.6],
            [210, -1.6],
          ]),
          lane("B", 1, [
            [110, 1.6],
            [210, 1.6],
          ]),
        ],
      },
      {
        id: "C",
        kind: "normal",
        fromJunction: "J1",
        toJunction: "J3",
        lanes: [
          lane("C", 0, [
            [108.4, 10],
            [108.4, 110],
          ]),
        ],
      },
      {
        id: "D",
        kind: "normal",
        fromJunction: "J4",
        toJunction: "J5",
        lanes: [
          lane("D", 0, [
            [0, 500],
            [100, 500],
          ]),
        ],
      },
      {
        id: ":J1_0",
        kind: "internal",
        fromJunction: "J1",
        toJunction: "J1",
        lanes: [
          lane(":J1_0", 0, [
            [100, -1.6],
            [110, -1.6],
          ]),
        ],
      },
      {
        id: ":J1_1",
        kind: "internal",
        fromJunction: "J1",
        toJunction: "J1",
        lanes: [
          lane(":J1_1", 0, [
            [100, 1.6],
            [110, 1.6],
          ]),
        ],
      },
      { id: ":J1_2", kind: "internal", fromJunction: "J1", toJunction: "J1", lanes: [lane(":J1_2", 0, left)] },
    ],
    junctions: [
      {
        id: "J1",
        type: "priority",
        x: 105,
        y: 0,
        shape: [
          [100, -3.2],
          [110, -3.2],
          [110, 10],
          [100, 10],
        ],
      },
      ...["J0", "J2", "J3", "J4", "J5"].map((id) => ({ id, type: "dead_end", x: 0, y: 0, shape: [] })),
    ],
    connections: [
      { fromLane: "A_0", toLane: "B_0", via: ":J1_0_0", dir: "s", state: "M" },
      { fromLane: "A_1", toLane: "B_1", via: ":J1_1_0", dir: "s", state: "M" },
      { fromLane: "A_1", toLane: "C_0", via: ":J1_2_0", dir: "l", state: "m" },
      { fromLane: ":J1_0_0", toLane: "B_0", dir: "s", state: "M" },
      { fromLane: ":J1_1_0", toLane: "B_1", dir: "s", state: "M" },
      { fromLane: ":J1_2_0", toLane: "C_0", dir: "l", state: "M" },
    ],
    signals: [],
  };
}
