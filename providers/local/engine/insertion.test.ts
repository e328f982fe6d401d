import { describe, expect, it } from "vitest";
import { generateMap } from "../../../core/road/generators/mapGenerators.js";
import { buildRoadNetwork } from "../../../core/road/RoadNetwork.js";
import { LocalTrafficProvider } from "../LocalTrafficProvider.js";
import type { PendingVehicle } from "../PendingVehicle.js";
import { flow, makeSetup, Runner } from "../testing.js";
import { SlotKind } from "./VehicleColumns.js";

const city = buildRoadNetwork(generateMap("intersection", { lanes: 2, signals: true }));

function pending(fields: Partial<PendingVehicle>): PendingVehicle {
  return {
    id: "p",
    typeId: "passenger",
    vClass: "passenger",
    lengthM: 3.68,
    widthM: 1.47,
    maxSpeedMps: 50,
    maxDecelMps2: 9,
    driver: {
      speedFactor: 1,
      headwayS: 1,
      minGapM: 2.5,
      accelMps2: 2.6,
      decelMps2: 4.5,
      politeness: 0,
      laneChangeThresholdMps2: 0.1,
      imperfection: 0,
    },
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
  const provider = new LocalTrafficProvider();
  provider.setup(makeSetup(city));
  const e = provider.engineForTests;
  const st = e.st;
  /** Tries to place `p` in a fresh slot; the slot's lane id and arc length when placed, else null. */
  const place = (p: PendingVehicle): { lane: string; s: number } | null => {
    const v = st.allocate(SlotKind.Driven);
    e.inserter.fill(st, v, p, st.nextSeq);
    const ok = e.inserter.tryPlace(st, v, p);
    const at = ok ? { lane: st.index.lane(st.cols.lane[v]).id, s: st.cols.s[v] } : null;
    st.release(v);
    return at;
  };

  // north_in is 100 m long; the left turn to east_out leaves from its lane 1 only, so a vehicle on
  // lane 0 must change lanes before the lane's end.
  it("places a random route's vehicle at the lane start when its own spot is too near a lane end it cannot pass", () => {
    const at = place(pending({ pos: { kind: "centreOrFree", sM: 97 } }));
    expect(at?.lane).toBe("north_in_0");
    expect(at?.s).toBeCloseTo(3.68 / 2, 9);
    // A spot with room to change lanes is taken as drawn.
    expect(place(pending({ pos: { kind: "centreOrFree", sM: 60 } }))?.s).toBe(60);
  });

  it("keeps a vehicle with a fixed spot waiting where that spot is no good", () => {
    expect(place(pending({ pos: { kind: "centre", sM: 97 } }))).toBeNull();
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
