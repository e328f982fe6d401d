import { describe, expect, it } from "vitest";
import type { ReplayFrame } from "../../../replay/ReplayFrame.js";
import { bubbleHolds, describeActivity, describeBubbles, describeEvent } from "./hudStory.js";

const square: [number, number][] = [
  [0, 0],
  [10, 0],
  [10, 10],
];

/** A frame of four vehicles: agent ego1, two held by bubble avenue (one a zoo actor, one a learner), a social agent. */
function frame(overrides: Partial<ReplayFrame> = {}): ReplayFrame {
  return {
    tick: 10,
    timeS: 1,
    ids: ["ego1", "v1", "v2", "courier"],
    typeIds: ["passenger", "passenger", "bus", "passenger"],
    owners: ["agent:ego1", "social:avenue-0", "agent:avenue-1", "social:courier"],
    laneIds: ["e1_0", ":j4_0_0", "", "e2_1"],
    roles: new Uint8Array([2, 1, 2, 1]),
    x: new Float64Array(4),
    y: new Float64Array(4),
    headingRad: new Float64Array(4),
    speedMps: new Float64Array([10, 0.2, 5, 13.9]),
    signals: {},
    collisions: [],
    events: [],
    bubbles: [
      { id: "escort", zone: square },
      { id: "avenue", zone: square },
    ],
    agents: [{ id: "ego1", vehicleId: "ego1", reward: 0.1, totalReward: 3, done: false, reasons: [] }],
    ...overrides,
  };
}

describe("hudStory", () => {
  it("counts the vehicles each bubble holds, by its actors' owner prefix", () => {
    expect(bubbleHolds(frame())).toEqual([
      { id: "escort", captured: 0 },
      { id: "avenue", captured: 2 },
    ]);
    expect(describeBubbles(bubbleHolds(frame()))).toBe("escort 0 · avenue 2");
    expect(describeBubbles(bubbleHolds(frame({ bubbles: [] })))).toBe("none");
  });

  it("says who drives a vehicle, how fast and where", () => {
    const f = frame();
    expect(describeActivity(f, 0)).toBe("agent ego1: driving 36 km/h on lane e1_0");
    expect(describeActivity(f, 1)).toBe("captured by bubble avenue: stopped on a junction");
    expect(describeActivity(f, 2)).toBe("captured by bubble avenue: driving 18 km/h");
    expect(describeActivity(f, 3)).toBe("social agent courier: driving 50 km/h on lane e2_1");
    expect(describeActivity(frame({ owners: ["traffic", "", "", ""], agents: [] }), 0)).toBe(
      "traffic: driving 36 km/h on lane e1_0",
    );
  });

  it("says how an agent's episode ended", () => {
    const done = frame({
      agents: [{ id: "ego1", vehicleId: "ego1", reward: 0, totalReward: 3, done: true, reasons: ["offRoad"] }],
    });
    expect(describeActivity(done, 0)).toBe("ego1 finished: offRoad");
  });
});

describe("describeEvent", () => {
  it("tells bubble captures and releases in words", () => {
    const base = { kind: "bubble", bubble: "avenue", vehicleId: "cars-67", agentId: "avenue-2" };
    expect(describeEvent({ ...base, transition: "entered" })).toBe("bubble avenue: cars-67 captured");
    expect(describeEvent({ ...base, transition: "airlockExited" })).toBe("bubble avenue: cars-67 released to traffic");
    expect(describeEvent({ ...base, transition: "airlockExited", detail: "gone" })).toBe(
      "bubble avenue: cars-67 released to traffic (gone)",
    );
    expect(describeEvent({ kind: "ownerChanged", vehicleId: "v", from: "local", to: "social:avenue-0" })).toBe(
      "v: local → social:avenue-0",
    );
    expect(describeEvent({ kind: "somethingNew" })).toBe("somethingNew");
  });
});
