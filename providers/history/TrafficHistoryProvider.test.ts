import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createKinematicPose } from "../../spec/KinematicPose.js";
import { FileFormatError } from "../../spec/FileFormatError.js";
import { Rng } from "../../core/random/Rng.js";
import type { ProviderSetup, ProviderStep, ProviderVehicleState } from "../../core/simulation/TrafficProvider.js";
import { compileScenario } from "../../scenario-dsl/index.js";
import { TrafficHistoryProvider } from "./TrafficHistoryProvider.js";
import type { TrafficHistoryProviderOptions } from "./TrafficHistoryProviderOptions.js";
import { TrajectorySet } from "../../spec/trajectory/TrajectorySet.js";
import type { TrajectoryTrack } from "../../spec/trajectory/TrajectoryTrack.js";

const HERE = dirname(fileURLToPath(import.meta.url));

/** The straight 3-lane map: lanes main_0, main_1, main_2 along y = −3.2, 0, 3.2 from x = 0 to 400. */
const compiled = (() => {
  const r = compileScenario(
    `scenario "h" { map straight { lanes 3 length 400 m speed_limit 20 m/s } }`,
    join(HERE, "h.scn"),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return { scenario: r.scenario!, network: r.network! };
})();

function providerSetup(scenarioDir = HERE): ProviderSetup {
  const s = compiled.scenario;
  return {
    network: compiled.network,
    rng: new Rng(1),
    dtS: 0.1,
    traffic: s.traffic,
    vehicleTypes: s.vehicleTypes,
    drivers: s.drivers,
    durationS: null,
    scenarioDir,
  };
}

/** A step at `tick` (the provider reads only the tick). */
function at(tick: number): ProviderStep {
  return { tick, dtS: 0.1, frame: undefined as never, signals: new Map() };
}

function track(id: string, rows: number[][], type = "passenger"): TrajectoryTrack {
  return { id, type, lengthM: 4, widthM: 2, samples: Float64Array.from(rows.flat()) };
}

/**
 * a: lane 1, 10 m/s until 0.5 s, then speeding up to 12 m/s at 1.0 s (4 m/s²), ticks 0–10.
 * b: lane 2, t ∈ [0.3, 0.7]: ticks 3–7. c: unknown type "van", far off the road, ticks 0–2.
 */
function recording(): TrajectorySet {
  return new TrajectorySet([
    track("a", [
      [0, 10, 0, 0, 10],
      [0.5, 15, 0, 0, 10],
      [1.0, 20.5, 0, 0, 12],
    ]),
    track("b", [
      [0.3, 50, 3.2, 0, 8],
      [0.7, 53.2, 3.2, 0, 8],
    ]),
    track(
      "c",
      [
        [0, 100, 50, 1, 1],
        [0.2, 100, 50.2, 1, 1],
      ],
      "van",
    ),
  ]);
}

async function started(options: TrafficHistoryProviderOptions): Promise<TrafficHistoryProvider> {
  const p = new TrafficHistoryProvider(options);
  await p.setup(providerSetup());
  return p;
}

const ids = (p: TrafficHistoryProvider) => p.vehicles().map((v) => v.id);
const byId = (p: TrafficHistoryProvider, id: string) => p.vehicles().find((v) => v.id === id)!;
/** A deep copy of the reported states (the provider reuses its objects). */
const copy = (p: TrafficHistoryProvider): ProviderVehicleState[] => p.vehicles().map((v) => ({ ...v }));

describe("TrafficHistoryProvider", () => {
  it("reports vehicles from the tick their track starts to the tick it ends", async () => {
    const p = await started({ set: recording() });
    const seen: string[][] = [ids(p)];
    for (let k = 1; k <= 12; k++) {
      p.step(at(k));
      seen.push(ids(p));
    }
    const a = "history-a",
      b = "history-b",
      c = "history-c";
    expect(seen).toEqual([[a, c], [a, c], [a, c], [a, b], [a, b], [a, b], [a, b], [a, b], [a], [a], [a], [], []]);
    expect(p.tick).toBe(12);
  });

  it("interpolates the pose between samples and finds the lane", async () => {
    const p = await started({ set: recording() });
    for (let k = 1; k <= 6; k++) p.step(at(k));
    // t = 0.6: a is a fifth of the way from (15, 0, 10 m/s) to (20.5, 0, 12 m/s); b halfway from 50 to 53.2.
    const a = byId(p, "history-a");
    expect(a.x).toBeCloseTo(16.1, 12);
    expect(a.y).toBe(0);
    expect(a.speedMps).toBeCloseTo(10.4, 12);
    expect(a.laneId).toBe("main_1");
    const b = byId(p, "history-b");
    expect(b.x).toBeCloseTo(52.4, 12);
    expect(b.laneId).toBe("main_2");
    expect(b.typeId).toBe("passenger");
  });

  it("gives the acceleration as the speed difference over the step", async () => {
    const p = await started({ set: recording() });
    expect(byId(p, "history-a").accelerationMps2).toBe(0); // the track begins at tick 0
    const acc: number[] = [];
    for (let k = 1; k <= 10; k++) {
      p.step(at(k));
      acc.push(byId(p, "history-a").accelerationMps2);
    }
    expect(acc.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    for (const x of acc.slice(5)) expect(x).toBeCloseTo(4, 9);
    // Starting mid-track, the first tick's acceleration comes from the recording.
    const q = await started({ set: recording(), startS: 0.7 });
    expect(byId(q, "history-a").accelerationMps2).toBeCloseTo(4, 9);
  });

  it("maps unknown types to passenger and names them; leaves laneId empty off the road", async () => {
    const p = await started({ set: recording() });
    const c = byId(p, "history-c");
    expect(c.typeId).toBe("passenger");
    expect(c.laneId).toBe("");
    expect(p.fallbackTypes()).toEqual(["van"]);
    const q = await started({ set: new TrajectorySet([track("t", [[0, 5, 0, 0, 1]], "truck")]) });
    expect(q.vehicles()[0].typeId).toBe("truck");
    expect(q.fallbackTypes()).toEqual([]);
  });

  it("matches network.nearestLane within 5 m", async () => {
    const rows = [-9, -5.5, -3, -1.7, -1.5, 0, 1.4, 1.7, 4.9, 8.1, 8.3].map((y, i) => [i * 0.1, 30, y, 0, 5]);
    const set = new TrajectorySet(rows.map((r, i) => track(`v${i}`, [r])));
    const p = await started({ set });
    for (let k = 0; k < rows.length; k++) {
      if (k > 0) p.step(at(k));
      const v = p.vehicles()[0];
      expect(v.laneId).toBe(compiled.network.nearestLane(v.x, v.y, { maxDistM: 5 })?.lane.id ?? "");
    }
  });

  it("never reports a released vehicle again, even while its track goes on", async () => {
    const p = await started({ set: recording() });
    p.step(at(1));
    p.release("history-a");
    expect(ids(p)).toEqual(["history-c"]);
    p.release("history-b"); // before it appears
    for (let k = 2; k <= 12; k++) {
      p.step(at(k));
      expect(ids(p)).not.toContain("history-a");
      expect(ids(p)).not.toContain("history-b");
    }
    expect(() => p.release("history-zz")).toThrow(/cannot release "history-zz"/);
    expect(() => p.release("a")).toThrow(/no recorded vehicle/);
    // A new episode starts with nothing released.
    await p.setup(providerSetup());
    expect(ids(p)).toEqual(["history-a", "history-c"]);
  });

  it("accepts no hand-backs", async () => {
    const p = await started({ set: recording() });
    const v = { ...byId(p, "history-a"), id: "agent-car", routeRoadIds: [] };
    expect(p.canAccept(v)).toBe(false);
    expect(() => p.add(v)).toThrow(/cannot take over vehicle "agent-car"/);
  });

  it("selects vehicles by id prefix, times them from the selection, and translates them", async () => {
    const set = new TrajectorySet([
      track("1-1", [
        [0.1, 0, 0, 0, 10],
        [0.5, 4, 0, 0, 10],
      ]),
      track("1-2", [
        [0.3, 0, 3.2, 0, 10],
        [0.5, 2, 3.2, 0, 10],
      ]),
      track("12-1", [
        [5, 0, 0, 0, 10],
        [6, 10, 0, 0, 10],
      ]),
      track("2-1", [
        [0.1, 0, 0, 0, 10],
        [0.5, 4, 0, 0, 10],
      ]),
    ]);
    const p = await started({ set, idFilter: "1-", offsetM: [100, -3.2], idPrefix: "" });
    expect(p.recording.vehicleIds()).toEqual(["1-1", "1-2"]);
    expect(p.startS).toBe(0.1);
    expect(ids(p)).toEqual(["1-1"]);
    expect(byId(p, "1-1")).toMatchObject({ x: 100, y: -3.2, laneId: "main_0" });
    p.step(at(2)); // t = 0.3
    expect(ids(p)).toEqual(["1-1", "1-2"]);
    expect(byId(p, "1-1").x).toBeCloseTo(102, 12);
    expect(byId(p, "1-2")).toMatchObject({ x: 100, y: 0, laneId: "main_1" });
    const q = await started({ set, idFilter: "12-" });
    expect(ids(q)).toEqual(["history-12-1"]);
    expect(() => new TrafficHistoryProvider({ set, idFilter: "9-" })).toThrow(
      /no recorded vehicle id starts with "9-"/,
    );
  });

  it("reports in sorted id order and the same values on every run", async () => {
    const set = new TrajectorySet(
      ["9", "10", "b", "A"].map((id, i) =>
        track(id, [
          [0, i * 20, 0, 0, 10 + i],
          [2, i * 20 + 25, 1, 0.1, 9 + i],
        ]),
      ),
    );
    const run = async () => {
      const p = await started({ set, startS: 0.05 });
      const out: ProviderVehicleState[][] = [copy(p)];
      for (let k = 1; k <= 25; k++) {
        p.step(at(k));
        out.push(copy(p));
      }
      return out;
    };
    const first = await run();
    expect(first[0].map((v) => v.id)).toEqual(["history-10", "history-9", "history-A", "history-b"]);
    expect(await run()).toEqual(first);
  });

  it("continues identically after restore, in a fresh provider and in the same one", async () => {
    const opts = { set: recording() };
    const p = await started(opts);
    for (let k = 1; k <= 4; k++) p.step(at(k));
    p.release("history-b");
    const snap = JSON.parse(JSON.stringify(p.snapshot()));
    expect(snap).toEqual({ tick: 4, released: ["history-b"], vehicles: [["history-a", 10, 0]] });
    const atSnap = copy(p);
    const after: ProviderVehicleState[][] = [];
    for (let k = 5; k <= 11; k++) {
      p.step(at(k));
      after.push(copy(p));
    }
    for (const q of [await started(opts), p]) {
      q.restore(snap);
      expect(q.tick).toBe(4);
      expect(copy(q)).toEqual(atSnap);
      const again: ProviderVehicleState[][] = [];
      for (let k = 5; k <= 11; k++) {
        q.step(at(k));
        again.push(copy(q));
      }
      expect(again).toEqual(after);
    }
    // Tick 0 too, where nothing was reported before (accelerations must not be taken from stale state).
    const q0 = await started({ set: recording(), startS: 0.7 });
    const snap0 = q0.snapshot();
    const tick0 = copy(q0);
    for (let k = 1; k <= 3; k++) q0.step(at(k));
    q0.restore(snap0);
    expect(copy(q0)).toEqual(tick0);
    q0.step(at(1));
    expect(byId(q0, "history-a").accelerationMps2).toBeCloseTo(4, 9);
    expect(() => p.restore({ tick: -1 })).toThrow(/not a snapshot/);
    expect(() => p.restore({ ...snap, vehicles: [] })).toThrow(/are not the recording's/);
    expect(() => new TrafficHistoryProvider(opts).restore(snap)).toThrow(/setup\(\) before restore/);
  });
});

describe("TrafficHistoryProvider options and files", () => {
  const csv = [
    "id,time,x,y,heading,speed,length,width,type",
    "car,0,10,0,0,10,3.68,1.47,passenger",
    "car,1,20,0,0,10,3.68,1.47,passenger",
  ].join("\n");

  it("reads a roadgym CSV relative to the scenario folder, once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roadgym-history-"));
    writeFileSync(join(dir, "rec.csv"), csv);
    const p = new TrafficHistoryProvider({ file: "rec.csv", format: "roadgym" });
    expect(() => p.recording).toThrow(/read at setup/);
    await p.setup(providerSetup(dir));
    expect(ids(p)).toEqual(["history-car"]);
    const first = p.recording;
    writeFileSync(join(dir, "rec.csv"), "broken");
    await p.setup(providerSetup(dir)); // the next episode reuses what was read
    expect(p.recording).toBe(first);
  });

  it("reads NGSIM and INTERACTION files by format", async () => {
    const ng = new TrafficHistoryProvider({ file: "../../spec/trajectory/fixtures/ngsim-tiny.csv", format: "ngsim" });
    await ng.setup(providerSetup());
    expect(ng.recording.vehicleIds()).toEqual(["us-101-1", "us-101-2", "us-101-3"]);
    const ia = new TrafficHistoryProvider({
      file: join(HERE, "../../spec/trajectory/fixtures/interaction-tiny.csv"),
      format: "interaction",
      idFilter: "2-",
    });
    await ia.setup(providerSetup("/nonexistent"));
    expect(ids(ia)).toEqual(["history-2-1"]);
    expect(ia.startS).toBe(0.1);
  });

  it("passes on the readers' located errors and names unreadable files", async () => {
    const dir = mkdtempSync(join(tmpdir(), "roadgym-history-"));
    writeFileSync(join(dir, "bad.csv"), csv.replace("car,1,20", "car,1,abc"));
    const p = new TrafficHistoryProvider({ file: "bad.csv", format: "roadgym" });
    const err = await p.setup(providerSetup(dir)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileFormatError);
    expect((err as FileFormatError).format()).toBe(
      `${join(dir, "bad.csv")}:3:7: error: column "x": "abc" is not a number`,
    );
    await expect(
      new TrafficHistoryProvider({ file: "missing.csv", format: "ngsim" }).setup(providerSetup(dir)),
    ).rejects.toThrow(/cannot read the ngsim trajectory file .*missing\.csv/);
  });

  it("rejects invalid options with the field named", () => {
    const set = recording();
    const bad = (o: unknown) => () => new TrafficHistoryProvider(o as TrafficHistoryProviderOptions);
    expect(bad({ set, file: "x.csv", format: "roadgym" })).toThrow(
      /either `set`.*, `file`.*or `fromScenario: true`, exactly one/,
    );
    expect(bad({ fromScenario: true, file: "x.csv", format: "roadgym" })).toThrow(/exactly one/);
    expect(bad({ fromScenario: true, offsetM: [1, 2] })).toThrow(/placed by the scenario/);
    expect(new TrafficHistoryProvider({ fromScenario: true }).name).toBe("history");
    expect(bad({})).toThrow(/either `set`/);
    expect(bad({ file: "x.csv" })).toThrow(/needs its format/);
    expect(bad({ file: "x.csv", format: "csv" })).toThrow(/format/);
    expect(bad({ set, offsetM: [1] })).toThrow(/offsetM/);
    expect(bad({ set, startS: Infinity })).toThrow(/startS/);
    expect(bad({ set, speed: 3 })).toThrow(/speed/);
    expect(new TrafficHistoryProvider({ set }).name).toBe("history");
    expect(new TrafficHistoryProvider({ set, name: "ngsim" }).name).toBe("ngsim");
  });
});

describe("sampleAt agreement", () => {
  it("reports exactly the set's interpolated poses", async () => {
    const set = recording();
    const p = await started({ set, startS: 0.05 });
    const pose = createKinematicPose();
    for (let k = 0; k <= 10; k++) {
      if (k > 0) p.step(at(k));
      for (const v of p.vehicles()) {
        expect(set.sampleAt(v.id.slice("history-".length), 0.05 + k * 0.1, pose)).toBe(true);
        expect([v.x, v.y, v.headingRad, v.speedMps]).toEqual([pose.xM, pose.yM, pose.headingRad, pose.speedMps]);
      }
    }
  });
});
