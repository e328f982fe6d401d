import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diskAssets, nodeHash, REPO_ROOT } from "../playgroundTestSupport.js";
import { PlaygroundSession } from "./PlaygroundSession.js";

const FILE = "/scenarios/paper-two_way.scn";
const TEXT = readFileSync(join(REPO_ROOT, "scenarios", "paper-two_way.scn"), "utf8");

describe("PlaygroundSession", () => {
  it("lists the shipped examples and policies", () => {
    const s = new PlaygroundSession(diskAssets());
    expect(s.examples()).toContain(FILE);
    expect(s.policyDirs()).toContain("/learning/paper/policies/ppo/two_way");
  });

  it("loads the map a scenario names and reports errors at file:line:col", async () => {
    const s = new PlaygroundSession(diskAssets());
    const ok = await s.compile(TEXT, FILE);
    expect(ok.ok).toBe(true);
    expect(s.files.has("/maps/smarts/paper-two_ways-bid/map.net.xml")).toBe(true);
    const bad = await s.compile(TEXT.replace("action lane", "action lanes"), FILE);
    expect(bad.ok).toBe(false);
    const d = bad.diagnostics[0];
    const line = TEXT.split("\n").findIndex((l) => l.includes("action lane")) + 1;
    expect([d.file, d.location.start.line, d.location.start.column]).toEqual([FILE, line, 12]);
    const missing = await s.compile(TEXT.replace("paper-two_ways-bid/", "no-such-map/"), FILE);
    expect(missing.ok).toBe(false);
    expect(missing.diagnostics[0].message).toContain("/maps/smarts/no-such-map/map.net.xml");
  });

  it("checks file: policies against the policies it ships", async () => {
    const s = new PlaygroundSession(diskAssets());
    const text = TEXT.replace(
      "  agent agent1 {",
      '  social bot {\n    zoo "file:../learning/paper/policies/ppo/nope"\n    mission -gneE1:0@50 -> -gneE1:0@97\n  }\n  agent agent1 {',
    );
    const r = await s.compile(text, FILE);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.message).join("\n")).toContain("no policy at /learning/paper/policies/ppo/nope");
  });

  it("runs an episode with a trained policy to the same state hashes as Node's makeDrivenEnv", async () => {
    const s = new PlaygroundSession(diskAssets());
    const steps = 150;
    const policy = "learning/paper/policies/ppo/two_way-sv";
    const text = readFileSync(join(REPO_ROOT, "scenarios", "paper-two_way-sv.scn"), "utf8");
    const r = await s.start(
      text,
      "/scenarios/paper-two_way-sv.scn",
      { kind: "zoo", locator: `file:/${policy}` },
      { seed: 3, maxSteps: steps },
    );
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
    const e = r.episode;
    while (!e.ended) await e.step();
    const summary = e.summary();
    await e.close();
    expect(summary.steps).toBeGreaterThan(50);
    expect(summary.policy).toBe(`file:/${policy}`);
    expect(summary.agents.map((a) => a.id)).toEqual(["agent1", "agent2", "agent3", "agent4"]);
    expect(summary.hash).toBe(await nodeHash("paper-two_way-sv.scn", policy, 3, steps));
    // The hash tells episodes apart: the traffic of another seed gives another.
    expect(summary.hash).not.toBe(await nodeHash("paper-two_way-sv.scn", policy, 4, steps));
  }, 60_000);

  it("runs every example scenario it ships, or says why the page cannot (recorded traffic)", async () => {
    const s = new PlaygroundSession(diskAssets());
    const outcomes: string[] = [];
    for (const ex of s.examples()) {
      const text = readFileSync(join(REPO_ROOT, ex), "utf8");
      try {
        const r = await s.start(text, ex, { kind: "keep-lane" }, { seed: 0, maxSteps: 20 });
        if (!r.ok) {
          outcomes.push(`${ex}: ${r.diagnostics[0].message}`);
          continue;
        }
        while (!r.episode.ended) await r.episode.step();
        expect(r.episode.summary().steps, ex).toBe(20);
        await r.episode.close();
      } catch (e) {
        outcomes.push(`${ex}: ${(e as Error).message}`);
      }
    }
    expect(s.examples().length).toBeGreaterThan(20);
    // The demo town's fixed bubble runs a trained policy from learning/, which the page does not ship.
    expect(outcomes).toEqual([
      '/scenarios/demo-town.scn: zoo "file:../learning/examples/bubble-merge/policy": no policy at /learning/examples/bubble-merge/policy',
      "/scenarios/history.scn: this scenario replays recorded traffic, which this platform cannot read",
    ]);
  }, 120_000);
});
