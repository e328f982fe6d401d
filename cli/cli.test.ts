/**
 * End-to-end tests of the `roadgym` command as a user runs it: the built CLI (`dist/`, produced by
 * `npm run build`, which `npm test` runs first) in a child process.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const main = join(root, "dist/cli/main.js");
const golden = JSON.parse(readFileSync(join(root, "test/golden/sumo-map-counts.json"), "utf8"));

function roadgym(...args: string[]) {
  const r = spawnSync(process.execPath, [main, ...args], { cwd: root, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** No stack trace leaks to the user for bad input. */
function expectNoStack(text: string) {
  expect(text).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  expect(text).not.toContain("internal error");
}

describe("roadgym CLI", () => {
  it("has --help for every command", () => {
    for (const args of [
      [],
      ["compile"],
      ["map"],
      ["map", "stats"],
      ["map", "svg"],
      ["run"],
      ["demo"],
      ["bench"],
      ["view"],
      ["traffic"],
      ["zoo"],
      ["zoo", "list"],
      ["benchmark"],
      ["train"],
      ["eval"],
      ["export"],
      ["envs"],
    ]) {
      const r = roadgym(...args, "--help");
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stdout).toMatch(/^Usage: roadgym/);
    }
  });

  it("traffic runs a SUMO network's demand on the local provider and prints SUMO-style statistics", () => {
    const r = roadgym(
      "traffic",
      "-n",
      "maps/smarts/intersections-2lane/map.net.xml",
      "-r",
      "test/fixtures/sumo-demand/intersections-2lane.rou.xml",
      "--end",
      "300",
      "--json",
    );
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    // 40 vehicles depart at 0, 5, …, 195 s on four crossing routes; all arrive within 300 s.
    expect(s).toMatchObject({
      endS: 300,
      steps: 3000,
      inserted: 40,
      running: 0,
      waiting: 0,
      arrived: 40,
      collisions: 0,
      teleports: 0,
      removed: 0,
      stuck: 0,
    });
    expect(s.meanSpeedMps).toBeGreaterThan(3);
    expect(s.meanRouteLengthM).toBeGreaterThan(50);
    expect(s.ups).toBeGreaterThan(0);
    const text = roadgym(
      "traffic",
      "-n",
      "maps/smarts/intersections-2lane/map.net.xml",
      "-r",
      "test/fixtures/sumo-demand/intersections-2lane.rou.xml",
      "--end",
      "10",
    );
    expect(text.stdout).toMatch(/^endS: 10\.00\ninserted: 3\n/); // departs 0, 5 and 10 s
    expect(text.stdout).toMatch(/\nups: \d+\n$/);
  });

  it("traffic rejects bad input with a message naming the file or flag", () => {
    const missing = roadgym("traffic", "-n", "nope.net.xml", "-r", "x.rou.xml");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nope.net.xml");
    expectNoStack(missing.stderr);
    const notRoutes = roadgym(
      "traffic",
      "-n",
      "maps/smarts/intersections-2lane/map.net.xml",
      "-r",
      "maps/smarts/intersections-2lane/map.net.xml",
      "--end",
      "5",
    );
    expect(notRoutes.code).toBe(1);
    expect(notRoutes.stderr).toMatch(/map\.net\.xml:\d+:\d+: error: not a SUMO route file/);
    const badEnd = roadgym("traffic", "-n", "maps/smarts/intersections-2lane/map.net.xml", "-r", "x", "--end", "-3");
    expect(badEnd.code).toBe(2);
    expect(badEnd.stderr).toContain("expected a positive number");
    const badTeleport = roadgym(
      "traffic",
      "-n",
      "maps/smarts/intersections-2lane/map.net.xml",
      "-r",
      "x",
      "--time-to-teleport",
      "soon",
    );
    expect(badTeleport.code).toBe(2);
    expect(badTeleport.stderr).toContain('expected a non-negative number, got "soon"');
    for (const step of ["1e-300", "0.0000001"]) {
      const tiny = roadgym(
        "traffic",
        "-n",
        "maps/smarts/intersections-2lane/map.net.xml",
        "-r",
        "x",
        "--step-length",
        step,
      );
      expect(tiny.code).toBe(2);
      expect(tiny.stderr).toContain(`expected a step of at least 0.001 s (1 ms), got "${step}"`);
    }
  });

  it("traffic rejects a route file over an unknown edge or unconnected edges, as sumo does, at file:line:col", () => {
    const dir = mkdtempSync(join(tmpdir(), "roadgym-routes-"));
    const file = join(dir, "bad.rou.xml");
    writeFileSync(
      file,
      `<routes>
  <route id="r0" edges="edge-west-WE edge-east-WE"/>
  <vehicle id="v0" depart="0">
    <route edges="edge-west-WE edge-nowhere"/>
  </vehicle>
  <trip id="t0" depart="0" from="edge-west-WE" to="edge-west-EW" via="edge-east-EW"/>
  <vehicle id="v1" depart="0">
    <route edges="edge-south-SN edge-south-NS"/>
  </vehicle>
</routes>
`,
    );
    const r = roadgym("traffic", "-n", "maps/smarts/intersections-2lane/map.net.xml", "-r", file, "--end", "5");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `${file}:4:5: error: <route>: unknown edge "edge-nowhere"\n` +
        `${file}:8:5: error: <route>: edge "edge-south-NS" is not connected to edge "edge-south-SN"\n`,
    );
  });

  it("run prints a JSON summary of a headless episode", () => {
    const r = roadgym("run", "scenarios/paper-two_way.scn", "--seed", "4", "--json", "--profile");
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s).toMatchObject({
      scenario: "paper-two_way",
      seed: 4,
      collisions: 0,
      agentsDone: { goal: 4 },
      agentsRunning: 0,
      vehicles: { max: 4, total: 4 },
    });
    expect(s.steps).toBeGreaterThan(50);
    expect(s.simSeconds).toBeCloseTo(s.steps * 0.1, 9);
    expect(s.profile.map((p: { phase: string }) => p.phase)).toEqual([
      "clock",
      "act",
      "providers",
      "physics",
      "events",
      "bubbles",
      "observe",
      "record",
    ]);
    const again = JSON.parse(roadgym("run", "scenarios/paper-two_way.scn", "--seed", "4", "--json").stdout);
    expect(again.steps).toBe(s.steps);
  });

  it("run rejects bad flags and bad scenarios without a stack trace", () => {
    const bad = roadgym("run", "scenarios/paper-two_way.scn", "--steps", "-3");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected a positive integer, got "-3"');
    const dir = mkdtempSync(join(tmpdir(), "roadgym-"));
    const file = join(dir, "broken.scn");
    writeFileSync(
      file,
      'scenario "b" {\n  map straight { lanes 2 }\n  agent a { mission nowhere:0@0 -> main:0@10 }\n}\n',
    );
    const r = roadgym("run", file);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/broken\.scn:3:\d+: error: .*nowhere/);
    expectNoStack(r.stderr);
    const v = roadgym("run", "scenarios/paper-two_way.scn", "--variation", "rush");
    expect(v.code).toBe(1);
    expect(v.stderr).toContain('has no variations; cannot pick "rush"');
    expectNoStack(v.stderr);
  });

  it("map stats prints SUMO's counts for a .net.xml", () => {
    const r = roadgym("map", "stats", "maps/smarts/intersections-2lane/map.net.xml");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(golden["intersections-2lane"]);
  });

  it("map stats and svg accept a scenario and use its map", () => {
    const r = roadgym("map", "stats", "scenarios/paper-two_way.scn");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(golden["paper-two_ways-bid"]);
    const out = join(mkdtempSync(join(tmpdir(), "roadgym-")), "map.svg");
    const svg = roadgym("map", "svg", "scenarios/intersection.scn", "-o", out);
    expect(svg.code).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^<svg [^]*data-lane="north_in_0"[^]*<\/svg>\n$/);
  });

  it("compile prints the compiled scenario as JSON", () => {
    const r = roadgym("compile", "scenarios/paper-double_merge.scn");
    expect(r.code).toBe(0);
    const scenario = JSON.parse(r.stdout);
    expect(scenario.agents).toHaveLength(4);
    expect(scenario.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("envs lists every example scenario by name, and every command takes a name for a file", () => {
    const r = roadgym("envs", "--json");
    expect(r.code).toBe(0);
    const envs = JSON.parse(r.stdout) as { name: string; title: string; agents: number; bubbles: number }[];
    expect(envs.map((e) => e.name)).toContain("roadgym/paper-intersection-sv");
    expect(envs.length).toBe(readdirSync(join(root, "scenarios")).filter((f) => f.endsWith(".scn")).length);
    expect(envs.find((e) => e.name === "roadgym/straight")).toMatchObject({
      title: "A straight three-lane road (generated)",
      agents: 1,
      bubbles: 1,
    });
    const text = roadgym("envs");
    expect(text.stdout).toMatch(/^roadgym\/bubble-escort +A moving bubble/m);
    const run = roadgym("run", "roadgym/straight", "--steps", "5", "--json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ scenario: "straight", steps: 5 });
    const bad = roadgym("run", "roadgym/no-such-env");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no environment named "roadgym\/no-such-env"; registered: .*roadgym\/straight/);
    expectNoStack(bad.stderr);
  });

  it("run --policy drives the learning agents with a zoo entry or a trained policy", () => {
    const r = roadgym(
      "run",
      "roadgym/bubble-merge",
      "--steps",
      "300",
      "--json",
      "--policy",
      "file:learning/examples/bubble-merge/policy",
    );
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { agentsDone: Record<string, number>; bubbleTransitions: Record<string, number> };
    expect(s.agentsDone.released).toBeGreaterThan(0);
    const cautious = roadgym(
      "run",
      "roadgym/straight",
      "--steps",
      "20",
      "--json",
      "--policy",
      "idm-mobil@v1",
      "--policy-params",
      '{"preset":"cautious"}',
    );
    expect(cautious.code).toBe(0);
    for (const [args, message] of [
      [["--policy", "idm-mobil@v9"], 'error: --policy: zoo: no version v9 of "idm-mobil"; it has v1'],
      [["--policy", "idm-mobil@v1", "--policy-params", '{"preset":"fast"}'], 'parameter "preset"'],
      [["--policy-params", "{}"], "error: --policy-params goes with --policy <locator>"],
      [["--policy", "file:./no-such-policy"], "no policy at"],
    ] as const) {
      const bad = roadgym("run", "roadgym/straight", "--steps", "5", ...args);
      expect(bad.code, args.join(" ")).toBe(1);
      expect(bad.stderr).toContain(message);
      expectNoStack(bad.stderr);
    }
    expect(roadgym("run", "roadgym/straight", "--policy-params", "[1]").code).toBe(2);
  });

  it("compile, run and demo print the compiler's warnings on stderr and go on", () => {
    const warning = /paper-double_merge-sv\.scn:62:27: warning: offset 60 is past the end of lane gneE22_0/;
    const c = roadgym("compile", "scenarios/paper-double_merge-sv.scn", "--compact");
    expect(c.code).toBe(0);
    expect(c.stderr).toMatch(warning);
    expect(JSON.parse(c.stdout).name).toBe("paper-double_merge-sv");
    const r = roadgym("run", "roadgym/paper-double_merge-sv", "--steps", "3", "--json");
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(warning);
    const d = roadgym(
      "demo",
      "--scenario",
      "scenarios/paper-double_merge-sv.scn",
      "--steps",
      "3",
      "--no-serve",
      "--out",
      mkdtempSync(join(tmpdir(), "roadgym-demo-")),
    );
    expect(d.code).toBe(0);
    expect(d.stderr).toMatch(warning);
  });

  it("checks zoo locators and parameters of social agents and bubble actors at compile time", () => {
    const dir = mkdtempSync(join(tmpdir(), "roadgym-zoo-"));
    const file = join(dir, "zoo.scn");
    writeFileSync(
      file,
      `scenario "zoo" {
  map straight { lanes 2  length 300 m }
  social s1 { zoo "idm-mobl@v1"  mission main:1@10 -> main:1@end }
  social s2 { zoo "keep-lane@v3"  mission main:0@10 -> main:0@end }
  bubble b {
    zone road main from 50 m length 60 m
    actor zoo "idm-mobil@v1" { preset fast  politenes 0.2 }
  }
}
`,
    );
    const r = roadgym("compile", file);
    expect(r.code).toBe(1);
    expectNoStack(r.stderr);
    expect(r.stderr).toContain(`${file}:3:19: error: zoo: no entry "idm-mobl@v1"; entries are chase-via-points@v0`);
    expect(r.stderr).toContain(`${file}:4:19: error: zoo: no version v3 of "keep-lane"; it has v0`);
    expect(r.stderr).toContain(
      `${file}:7:32: error: zoo "idm-mobil@v1": parameter "preset": Invalid option: expected one of "cautious"|"normal"|"aggressive" (got "fast")`,
    );
    expect(r.stderr).toContain(
      `${file}:7:45: error: zoo "idm-mobil@v1": unknown parameter "politenes"; parameters are preset`,
    );
    expect(roadgym("run", file).stderr).toContain(`${file}:7:32: error:`);
  });

  it("compile reports diagnostics with file:line:col, the source line and a caret, exit 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "roadgym-"));
    const file = join(dir, "bad.scn");
    const text = readFileSync(join(root, "scenarios/paper-two_way.scn"), "utf8")
      .replace("../maps/", `${root}/maps/`)
      .replace("gneE1:0@97", "nosuchroad:0@97");
    writeFileSync(file, text);
    const r = roadgym("compile", file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: error: .*nosuchroad`, "m"),
    );
    expect(r.stderr).toMatch(/^\s*\^/m);
    expectNoStack(r.stderr);
  });

  it("reports bad files and flags clearly, never with a stack trace", () => {
    const missing = roadgym("compile", "nope.scn");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("nope.scn");
    expectNoStack(missing.stderr);
    // Devices are refused at once, not read for ever.
    const zero = roadgym("compile", "/dev/zero");
    expect(zero.code).toBe(1);
    expect(zero.stderr).toContain(
      "/dev/zero:1:1: error: cannot read scenario file: not a regular file (a character device)",
    );
    const zeroNet = roadgym("map", "stats", "/dev/zero.net.xml");
    expect(zeroNet.code).toBe(1);
    const zeroRoutes = roadgym("traffic", "-n", "maps/smarts/loop/map.net.xml", "-r", "/dev/zero", "--end", "1");
    expect(zeroRoutes.code).toBe(1);
    expect(zeroRoutes.stderr).toContain("/dev/zero: not a regular file (a character device)");
    expectNoStack(zeroRoutes.stderr);

    const dir = mkdtempSync(join(tmpdir(), "roadgym-"));
    const broken = join(dir, "broken.net.xml");
    writeFileSync(broken, '<net version="1.9">\n  <edge id="a">\n</net>\n');
    const xml = roadgym("map", "stats", broken);
    expect(xml.code).toBe(1);
    expect(xml.stderr).toMatch(new RegExp(`broken\\.net\\.xml:\\d+:\\d+: error: `));
    expectNoStack(xml.stderr);

    const wrongKind = roadgym("map", "stats", "README.md");
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.stderr).toContain(
      "expected a SUMO network (.net.xml), an OpenDRIVE network (.xodr) or a scenario (.scn)",
    );

    const badFlag = roadgym("map", "svg", "maps/smarts/loop/map.net.xml", "-o", join(dir, "x.svg"), "--scale", "-3");
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain('expected a positive number, got "-3"');

    const unknown = roadgym("frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command");
  });

  it("demo compiles the built-in scenario and writes its outputs", () => {
    const out = mkdtempSync(join(tmpdir(), "roadgym-demo-"));
    const r = roadgym("demo", "--out", out, "--no-serve", "--steps", "20");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("roadgym demo — scenarios/demo-town.scn");
    expect(r.stdout).toContain("learning agents: 4, social agents: 3, bubbles: 2");
    expect(r.stdout).toMatch(/simulated 20 steps \(2 s\)/);
    // The bubble's trained policy runs on TensorFlow.js: one line says which backend, and no banner.
    expect(r.stdout).toMatch(/^ {2}trained policies \(1\): TensorFlow\.js, \w+ backend$/m);
    expect(r.stdout + r.stderr).not.toMatch(/node backend|tfjs-node/i);
    // The same scenario, steps and build again: the replay is served as it is, not simulated again.
    const again = roadgym("demo", "--out", out, "--no-serve", "--steps", "20");
    expect(again.stdout).toContain("was recorded from this scenario by this build: served as it is");
    expect(again.stdout).not.toContain("simulated");
    expect(roadgym("demo", "--out", out, "--no-serve", "--steps", "20", "--fresh").stdout).toMatch(
      /simulated 20 steps/,
    );
    expect(roadgym("demo", "--out", out, "--no-serve", "--steps", "21").stdout).toMatch(/simulated 21 steps/);
    expect(JSON.parse(readFileSync(join(out, "demo-scenario.json"), "utf8")).agents).toHaveLength(4);
    expect(readFileSync(join(out, "demo-map.svg"), "utf8")).toContain("<svg");
    expect(readFileSync(join(out, "demo.replay")).subarray(0, 8).toString()).toBe("RGREPLAY");
  });
});
