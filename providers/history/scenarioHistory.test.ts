/**
 * Recorded traffic named by a scenario (`history "<file>"` in a traffic set): the CLI's providers
 * replay it, a run's traffic recorded with `--trajectories` replays as it was driven, and a file
 * changed since the scenario was compiled is refused.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildProviders } from "../../compose/buildProviders.js";
import { runScenario } from "../../compose/runScenario.js";
import { createKinematicPose } from "../../spec/KinematicPose.js";
import type { SimFrame } from "../../core/simulation/SimFrame.js";
import { makeEnv } from "../../compose/makeEnv.js";
import { compileScenario, compileScenarioFile } from "../../scenario-dsl/index.js";
import { historyVehicleStart } from "../../spec/trajectory/historyVehicleStart.js";
import { parseTrajectoryCsv } from "../../spec/trajectory/TrajectoryCsv.js";

const REPO = join(import.meta.dirname, "../..");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "roadgym-history-"));
  dirs.push(d);
  return d;
}

/** Positions of the recorded vehicles in each frame, by id. */
function collect(frames: Map<number, Map<string, [number, number, number]>>) {
  return {
    onFrame(f: SimFrame) {
      const m = new Map<string, [number, number, number]>();
      for (let i = 0; i < f.count; i++) m.set(f.ids[i], [f.x[i], f.y[i], f.headingRad[i]]);
      frames.set(f.tick, m);
    },
  };
}

describe("history traffic from a scenario", () => {
  it("replays the example's recording at the recorded poses, from its start time on", async () => {
    const r = compileScenarioFile(join(REPO, "scenarios/history.scn"));
    if (!r.ok) throw new Error("history.scn does not compile");
    const h = r.scenario.traffic.history!;
    expect(buildProviders(r.scenario, "auto").map((p) => p.name)).toEqual(["history", "local"]);
    const set = parseTrajectoryCsv(readFileSync(join(REPO, "scenarios", h.path), "utf8"), h.path);
    const frames = new Map<number, Map<string, [number, number, number]>>();
    await runScenario(r, { steps: 100, sinks: [collect(frames)] });
    const pose = createKinematicPose();
    let checked = 0;
    for (const [tick, seen] of frames) {
      const t = h.startS! + tick * r.scenario.dtS;
      // main-7 is replaced by the agent stand_in.
      const expected = set.activeAt(t).filter((id) => id !== "main-7");
      expect([...seen.keys()].filter((id) => id.startsWith("history-")).sort(), `tick ${tick}`).toEqual(
        expected.map((id) => `history-${id}`),
      );
      for (const id of expected) {
        set.sampleAt(id, t, pose);
        const [x, y] = seen.get(`history-${id}`)!;
        expect([x, y]).toEqual([pose.xM, pose.yM]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it("puts an agent in a recorded vehicle's place: it appears as the vehicle would have, which is not replayed", async () => {
    const r = compileScenarioFile(join(REPO, "scenarios/history.scn"));
    if (!r.ok) throw new Error("history.scn does not compile");
    const standIn = r.scenario.agents.find((a) => a.name === "stand_in")!;
    expect(standIn.replaces).toBe("history-main-7");
    const h = r.scenario.traffic.history!;
    const set = parseTrajectoryCsv(readFileSync(join(REPO, "scenarios", h.path), "utf8"), h.path);
    const first = historyVehicleStart(set, "main-7", h.startS!, { dtS: r.scenario.dtS });
    expect(first?.tick).toBe(80);
    const seen = new Map<number, { ids: string[]; standIn?: [number, number, number] }>();
    await runScenario(r, {
      steps: 120,
      sinks: [
        {
          onFrame: (f: SimFrame) => {
            const i = f.ids.indexOf("stand_in");
            seen.set(f.tick, { ids: [...f.ids], ...(i >= 0 && { standIn: [f.x[i], f.y[i], f.speedMps[i]] }) });
          },
        },
      ],
    });
    // Never replayed; the other recorded vehicles are.
    expect([...seen.values()].some((f) => f.ids.includes("history-main-7"))).toBe(false);
    expect([...seen.values()].some((f) => f.ids.includes("history-main-8"))).toBe(true);
    // Appears at tick 80 where main-7 would have been (on its lane's centre), at its speed.
    expect(seen.get(79)!.standIn).toBeUndefined();
    const [x, y, speed] = seen.get(80)!.standIn!;
    expect(Math.hypot(x - first!.xM, y - first!.yM)).toBeLessThan(0.5);
    expect(speed).toBeCloseTo(first!.speedMps, 0);
    expect(seen.get(81)!.standIn![2]).toBeGreaterThan(15);
  });

  it("replays a run's recorded traffic as it was driven", async () => {
    const dir = tempDir();
    const map = "map merge { lanes 2  ramp_lanes 1  merge_length 120 m  speed_limit 80 km/h  ramp_angle 15 deg }";
    const live = compileScenario(
      `scenario "live" {\n  seed 5\n  ${map}\n  traffic {\n    flow { route main_in:0@random -> main_out:0@end  rate 1200 veh/h }\n    flow { route ramp_in:0@0 -> main_out:1@end  rate 400 veh/h }\n  }\n}\n`,
      join(dir, "live.scn"),
    );
    if (!live.ok) throw new Error(JSON.stringify(live.diagnostics));
    const driven = new Map<number, Map<string, [number, number, number]>>();
    const csv = join(dir, "rec.csv");
    const summary = await runScenario(live, {
      steps: 300,
      sinks: [collect(driven)],
      trajectories: { path: csv, everyTicks: 2 },
    });
    expect(summary.trajectories!.rows).toBeGreaterThan(300);

    const replay = compileScenario(
      `scenario "replay" {\n  ${map}\n  traffic {\n    history "rec.csv"\n  }\n}\n`,
      join(dir, "replay.scn"),
    );
    if (!replay.ok) throw new Error(JSON.stringify(replay.diagnostics));
    const sim = makeEnv(replay).sim;
    const shown = new Map<number, Map<string, [number, number, number]>>();
    const sink = collect(shown);
    sink.onFrame(await sim.reset());
    for (let k = 1; k <= 298; k++) sink.onFrame(await sim.step(new Map()));
    await sim.close();
    // Every second tick was recorded: there the replay shows each vehicle where it drove, to the
    // millimetre the file keeps (the recording starts at the first recorded tick with traffic).
    const first = Math.min(...[...driven].filter(([t, m]) => t % 2 === 0 && m.size > 0).map(([t]) => t));
    let checked = 0;
    for (let tick = first; tick <= 298; tick += 2) {
      const was = driven.get(tick)!;
      const now = shown.get(tick - first)!;
      expect([...now.keys()].sort(), `tick ${tick}`).toEqual([...was.keys()].map((id) => `history-${id}`).sort());
      for (const [id, [x, y, h]] of was) {
        const [rx, ry, rh] = now.get(`history-${id}`)!;
        expect(Math.abs(rx - x) + Math.abs(ry - y)).toBeLessThan(2e-3);
        expect(Math.abs(rh - h)).toBeLessThan(2e-4);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it("records traffic only, every n-th tick", async () => {
    const dir = tempDir();
    const r = compileScenarioFile(join(REPO, "scenarios/merge.scn"));
    if (!r.ok) throw new Error("merge.scn does not compile");
    const csv = join(dir, "t.csv");
    await runScenario(r, { steps: 40, trajectories: { path: csv, everyTicks: 4 } });
    const set = parseTrajectoryCsv(readFileSync(csv, "utf8"), csv);
    expect(set.vehicleIds().length).toBeGreaterThan(0);
    expect(set.vehicleIds()).not.toContain("ego");
    for (const id of set.vehicleIds()) {
      const s = set.track(id).samples;
      for (let k = 0; k < s.length; k += 5) expect(Math.round(s[k] * 10) % 4, `${id} at ${s[k]} s`).toBe(0);
    }
  });

  it("replays a variation's recording, and nothing in a variation without one", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "data"));
    copyFileSync(join(REPO, "scenarios/data/merge-traffic.csv"), join(dir, "data/rec.csv"));
    const map = "map merge { lanes 2  ramp_lanes 1  merge_length 120 m  speed_limit 80 km/h  ramp_angle 15 deg }";
    const r = compileScenario(
      `scenario "v" {
  ${map}
  variations {
    traffic recorded {
      history "data/rec.csv" { ids "ramp-" }
    }
    traffic generated {
      flow { route main_in:0@0 -> main_out:0@end  rate 3600 veh/h }
    }
  }
}
`,
      join(dir, "v.scn"),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const owners = async (variation: string) => {
      const seen = new Set<string>();
      await runScenario(r, {
        steps: 150,
        variation,
        sinks: [
          { onFrame: (f: SimFrame) => f.ids.forEach((id, i) => seen.add(`${f.owners[i]} ${id.replace(/-\d+$/, "")}`)) },
        ],
      });
      return [...seen].sort();
    };
    expect(await owners("recorded")).toEqual(["history history-ramp"]);
    expect(await owners("generated")).toEqual(["local flow0"]);
  });

  it("refuses a recording changed since the scenario was compiled", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "data"));
    copyFileSync(join(REPO, "scenarios/history.scn"), join(dir, "history.scn"));
    copyFileSync(join(REPO, "scenarios/data/merge-traffic.csv"), join(dir, "data/merge-traffic.csv"));
    const r = compileScenarioFile(join(dir, "history.scn"));
    if (!r.ok) throw new Error("the copy does not compile");
    writeFileSync(
      join(dir, "data/merge-traffic.csv"),
      readFileSync(join(dir, "data/merge-traffic.csv"), "utf8").replace(/\n[^\n]*\n$/, "\n"),
    );
    await expect(runScenario(r, { steps: 5 })).rejects.toThrow(
      /merge-traffic\.csv changed since the scenario was compiled; compile the scenario again/,
    );
  });
});
