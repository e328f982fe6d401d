/** The history provider inside a real `Simulation`: what the frames show is what the recording says. */
import { describe, expect, it } from "vitest";
import { createKinematicPose } from "../../spec/KinematicPose.js";
import type { SimFrame } from "../../core/simulation/SimFrame.js";
import { Simulation } from "../../core/simulation/Simulation.js";
import type { SimEvent } from "../../core/simulation/SimEvent.js";
import { compileScenario } from "../../scenario-dsl/index.js";
import { historyVehicleStart } from "../../spec/trajectory/historyVehicleStart.js";
import { TrafficHistoryProvider } from "./TrafficHistoryProvider.js";
import { parseTrajectoryCsv } from "../../spec/trajectory/TrajectoryCsv.js";

function compile() {
  const r = compileScenario(`scenario "h" { map straight { lanes 3 length 400 m speed_limit 20 m/s } }`, "/tmp/h.scn");
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return { scenario: r.scenario!, network: r.network! };
}

/**
 * car: lane 1, ticks 0–10, 10 m/s then speeding up; truck: lane 2, t ∈ [0.25, 0.75] → ticks 3–7;
 * bike: changes from lane 0 to lane 1, t ∈ [0.4, 1.6] → ticks 4–16, type "bicycle" → passenger.
 */
const CSV = `id,time,x,y,heading,speed,length,width,type
car,0,10,0,0,10,3.68,1.47,passenger
car,0.5,15,0,0,10,3.68,1.47,passenger
car,1.0,20.5,0,0,12,3.68,1.47,passenger
truck,0.25,50,3.2,0,8,5,1.91,truck
truck,0.75,54,3.2,0,8,5,1.91,truck
bike,0.4,100,-3.2,0.3,5,1.8,0.6,bicycle
bike,1.0,103,-2,0.2,5,1.8,0.6,bicycle
bike,1.6,106,0,0,5,1.8,0.6,bicycle
`;

const vehicleEvents = (f: SimFrame) =>
  f.events.filter(
    (e): e is Extract<SimEvent, { kind: "vehicleAdded" | "vehicleRemoved" }> =>
      e.kind === "vehicleAdded" || e.kind === "vehicleRemoved",
  );

describe("TrafficHistoryProvider in a Simulation", () => {
  it("shows the recording's vehicles at exactly the recorded poses, added and removed at the right ticks", async () => {
    const { scenario, network } = compile();
    const set = parseTrajectoryCsv(CSV, "rec.csv");
    const provider = new TrafficHistoryProvider({ set });
    const sim = new Simulation(scenario, network, { providers: [provider] });
    const frames = [await sim.reset()];
    for (let k = 1; k <= 18; k++) frames.push(await sim.step(new Map()));

    const pose = createKinematicPose();
    for (const f of frames) {
      const t = f.tick * scenario.dtS;
      const expected = set.activeAt(t);
      expect([...f.ids].sort()).toEqual(expected.map((id) => `history-${id}`));
      for (const id of expected) {
        const i = f.indexOf(`history-${id}`);
        set.sampleAt(id, t, pose);
        expect([f.x[i], f.y[i], f.headingRad[i], f.speedMps[i]]).toEqual([
          pose.xM,
          pose.yM,
          pose.headingRad,
          pose.speedMps,
        ]);
        expect(f.owners[i]).toBe("history");
        expect(f.laneIds[i]).toBe(network.nearestLane(f.x[i], f.y[i], { maxDistM: 5 })?.lane.id ?? "");
      }
    }
    expect(frames[6].accelerationMps2[frames[6].indexOf("history-car")]).toBeCloseTo(4, 9);
    expect(frames[5].typeIds[frames[5].indexOf("history-truck")]).toBe("truck");
    expect(frames[5].typeIds[frames[5].indexOf("history-bike")]).toBe("passenger");
    expect(provider.fallbackTypes()).toEqual(["bicycle"]);
    expect(frames[4].laneIds[frames[4].indexOf("history-bike")]).toBe("main_0");
    expect(frames[16].laneIds[frames[16].indexOf("history-bike")]).toBe("main_1");

    const events = frames.flatMap((f) =>
      vehicleEvents(f).map(
        (e) => `${f.tick} ${e.kind} ${e.vehicleId}${e.kind === "vehicleRemoved" ? ` ${e.reason}` : ""}`,
      ),
    );
    expect(events).toEqual([
      "0 vehicleAdded history-car",
      "3 vehicleAdded history-truck",
      "4 vehicleAdded history-bike",
      "8 vehicleRemoved history-truck arrived",
      "11 vehicleRemoved history-car arrived",
      "17 vehicleRemoved history-bike arrived",
    ]);
  });

  it("continues bit-identically after a simulation snapshot is restored", async () => {
    const { scenario, network } = compile();
    const sim = new Simulation(scenario, network, {
      providers: [new TrafficHistoryProvider({ set: parseTrajectoryCsv(CSV, "rec.csv"), startS: 0.05 })],
    });
    await sim.reset();
    for (let k = 1; k <= 5; k++) await sim.step(new Map());
    const snap = sim.snapshot();
    const hashes: string[] = [];
    for (let k = 6; k <= 18; k++) {
      await sim.step(new Map());
      hashes.push(sim.stateHash());
    }
    await sim.restore(snap);
    const again: string[] = [];
    for (let k = 6; k <= 18; k++) {
      await sim.step(new Map());
      again.push(sim.stateHash());
    }
    expect(again).toEqual(hashes);
  });

  it("leaves a vehicle out for good once released, where an agent would take it over", async () => {
    const { scenario, network } = compile();
    const set = parseTrajectoryCsv(CSV, "rec.csv");
    const provider = new TrafficHistoryProvider({ set });
    const sim = new Simulation(scenario, network, { providers: [provider] });
    await sim.reset();
    const start = historyVehicleStart(set, "bike", provider.startS, { dtS: scenario.dtS })!;
    expect(start.tick).toBe(4);
    provider.release(provider.vehicleId("bike"));
    for (let k = 1; k <= 18; k++) {
      const f = await sim.step(new Map());
      expect(f.ids).not.toContain("history-bike");
    }
  });
});
