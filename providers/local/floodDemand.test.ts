/**
 * A flow of 1e9 vehicles an hour — 27,778 due every 0.1 s step — in a scenario and in a SUMO route
 * file given to `roadgym traffic`, run by the built CLI (`dist/`, which `npm test` builds first) in a
 * child process whose heap is capped at 128 MB: the insertion backlog stays at its bound
 * (`maxBacklog`, Demand.ts), the run ends normally and reports the vehicles it dropped. Unbounded,
 * the queue grew by ~14 MB a step and V8 aborted (exit 134) within seconds.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const main = join(root, "dist/cli/main.js");

function roadgym(args: string[]) {
  return spawnSync(process.execPath, ["--max-old-space-size=128", main, ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("a flood flow (1e9 veh/h) in 128 MB of heap", () => {
  const dir = mkdtempSync(join(tmpdir(), "roadgym-flood-"));

  it("roadgym traffic with vehsPerHour=1e9: bounded backlog, dropped vehicles counted", () => {
    const routes = join(dir, "flood.rou.xml");
    writeFileSync(
      routes,
      `<routes><flow id="flood" from="445633931" to="445633931" begin="0" end="3600" vehsPerHour="1e9"/></routes>\n`,
    );
    const r = roadgym(["traffic", "-n", "maps/smarts/loop/map.net.xml", "-r", routes, "--end", "120", "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const stats = JSON.parse(r.stdout);
    expect(stats.waiting).toBe(1000);
    // Due by 120 s: one every 3.6 µs from 0, so floor(120 / 3.6e-6) + 1; every one inserted, waiting or dropped.
    const due = Math.floor(120 / (3600 / 1e9)) + 1;
    expect(stats.inserted + stats.waiting + stats.dropped).toBe(due);
    expect(stats.inserted).toBeGreaterThan(10);
    const small = roadgym(["traffic", "-n", "maps/smarts/loop/map.net.xml", "-r", routes, "--end", "10"]);
    expect(small.stdout).toMatch(/^waiting: 1000\ndropped: \d+$/m);
    const bounded = roadgym([
      "traffic",
      "-n",
      "maps/smarts/loop/map.net.xml",
      "-r",
      routes,
      "--end",
      "10",
      "--json",
      "--max-backlog",
      "7",
    ]);
    expect(JSON.parse(bounded.stdout).waiting).toBe(7);
  }, 120_000);

  it("roadgym run with rate 1e9 veh/h runs to its end and says how many it dropped", () => {
    const scn = join(dir, "flood.scn");
    writeFileSync(
      scn,
      `scenario "flood" {
  seed 1
  step 0.1 s
  duration 60 s
  map straight { lanes 2  length 300 m  speed_limit 50 km/h }
  traffic {
    flow flood { route main:0@0 -> main:0@end  rate 1e9 veh/h }
  }
}
`,
    );
    const r = roadgym(["run", scn, "--json"]);
    expect(r.status, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.steps).toBe(600);
    expect(summary.vehicles.total).toBeGreaterThan(5);
    expect(summary.trafficDropped).toBeGreaterThan(16_000_000); // 60 s × 277,778 a second, less 1,000 waiting and those in
    const text = roadgym(["run", scn, "--steps", "20"]);
    expect(text.stdout).toMatch(/traffic dropped: \d+ vehicles \(their flow's insertion backlog was full/);
  }, 120_000);
});
