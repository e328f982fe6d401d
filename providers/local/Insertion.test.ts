import { describe, expect, it } from "vitest";
import { Rng } from "../../core/random/Rng.js";
import { generateMap } from "../../core/road/generators/mapGenerators.js";
import { buildRoadNetwork } from "../../core/road/RoadNetwork.js";
import { Inserter } from "./Insertion.js";
import { LocalNetwork } from "./LocalNetwork.js";
import type { PendingVehicle } from "./PendingVehicle.js";
import { RoutePlanner } from "./RoutePlanner.js";
import { flow, makeSetup, PASSENGER_CAR, Runner } from "./testing.js";

const city = buildRoadNetwork(generateMap("intersection", { lanes: 2, signals: true }));

function pending(fields: Partial<PendingVehicle>): PendingVehicle {
  return {
    id: "p",
    ...PASSENGER_CAR,
    route: ["north_in", "east_out"],
    endless: true,
    lane: 0,
    pos: { kind: "centre", sM: 50 },
    speed: "max",
    arrivalS: null,
    ...fields,
  };
}

describe("insertion", () => {
  const ln = new LocalNetwork(city);
  const inserter = new Inserter(ln, new RoutePlanner(ln, new Rng(1)));

  // north_in is 100 m long; the left turn to east_out leaves from its lane 1 only, so a vehicle on
  // lane 0 must change lanes before the lane's end.
  it("places a random route's vehicle at the lane start when its own spot is too near a lane end it cannot pass", () => {
    const p = pending({ pos: { kind: "centreOrFree", sM: 97 } });
    const v = inserter.create(p, 1);
    expect(inserter.tryPlace(v, p)).toBe(true);
    expect(v.lane.id).toBe("north_in_0");
    expect(v.s).toBeCloseTo(3.68 / 2, 9);
    // A spot with room to change lanes is taken as drawn.
    const q = pending({ pos: { kind: "centreOrFree", sM: 60 } });
    const w = inserter.create(q, 2);
    expect(inserter.tryPlace(w, q)).toBe(true);
    expect(w.s).toBe(60);
  });

  it("keeps a vehicle with a fixed spot waiting where that spot is no good", () => {
    const p = pending({ pos: { kind: "centre", sM: 97 } });
    expect(inserter.tryPlace(inserter.create(p, 3), p)).toBe(false);
  });

  it("never lets a random-route flow's queue stall behind its first vehicle", () => {
    // With seed 1 the flow's first vehicle draws 97 m on north_in_0, bound for east_out; before the
    // lane start was tried, the flow inserted nothing in 40 s (17 waiting).
    const r = new Runner(makeSetup(city, { flows: [flow({ name: "f", spawn: { kind: "rate", ratePerHour: 1500 } })] }));
    r.run(400);
    expect(r.provider.waiting).toBe(0);
    expect(r.vehicles.length).toBeGreaterThanOrEqual(10);
  });
});
