import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openReplayFile } from "../replay/FileByteSource.js";
import { compileScenarioFile } from "../scenario-dsl/index.js";
import { makeSlotEnv } from "../learning/vecEnv/EnvSpec.js";
import type { RoadgymSlotEnv } from "../learning/adapters/RoadgymSlotEnv.js";
import { ScenarioError } from "./loadScenario.js";
import { makeEnv } from "./makeEnv.js";
import { makeSingleAgentEnv } from "./makeSingleAgentEnv.js";
import { scenarioNames } from "./namedScenarios.js";
import { PolicyDriver } from "./PolicyDriver.js";
import type { RoadgymEnv } from "./RoadgymEnv.js";

const SCENARIOS = join(import.meta.dirname, "../scenarios");
const straight = join(SCENARIOS, "straight.scn");

/** Owners (with `agent:` and `social:` ids folded) and bubble events over `steps` keep-lane steps. */
async function ownersAndBubbleEvents(env: RoadgymEnv, steps: number): Promise<{ owners: string[]; bubble: number }> {
  const owners = new Set<string>();
  let bubble = 0;
  const driver = new PolicyDriver(env);
  await driver.reset({ seed: 3 });
  for (let k = 0; k < steps && !env.sim.episodeOver; k++) {
    await driver.step();
    for (const o of env.sim.frame.owners) owners.add(o.replace(/:.*/, ""));
    bubble += env.sim.frame.events.filter((e) => e.kind === "bubble").length;
  }
  await driver.close();
  await env.close();
  return { owners: [...owners].sort(), bubble };
}

describe("makeEnv", () => {
  it("builds straight.scn with its traffic, social agent and bubble — the same for running and for training", async () => {
    const run = await ownersAndBubbleEvents(makeEnv(straight), 300);
    expect(run.owners).toEqual(["agent", "local", "social"]);
    expect(run.bubble).toBeGreaterThan(0);
    // The training environment is built by makeEnv too: it has the social agent and the bubble.
    const slot = makeSlotEnv({ kind: "roadgym", scenario: straight }) as RoadgymSlotEnv;
    const train = await ownersAndBubbleEvents(slot.env, 300);
    expect(train).toEqual(run);
  });

  it("leaves social agents and bubbles out only when asked", async () => {
    const r = await ownersAndBubbleEvents(makeEnv(straight, { socialAgents: false, bubbles: false }), 300);
    expect(r).toEqual({ owners: ["agent", "local"], bubble: 0 });
  });

  it("takes a path, a registered name, a compiled scenario and one with its network alike", async () => {
    const compiled = compileScenarioFile(join(SCENARIOS, "paper-intersection-sv.scn"));
    if (!compiled.ok) throw new Error("does not compile");
    const hashes: string[][] = [];
    for (const source of [
      join(SCENARIOS, "paper-intersection-sv.scn"),
      "roadgym/paper-intersection-sv",
      compiled.scenario,
      compiled,
    ]) {
      const env = makeEnv(source);
      await env.reset({ seed: 5 });
      const h = [env.sim.stateHash()];
      for (let k = 0; k < 30 && env.agents.length; k++) {
        await env.step(Object.fromEntries(env.agents.map((id) => [id, "keep_lane"])));
        h.push(env.sim.stateHash());
      }
      await env.close();
      hashes.push(h);
    }
    expect(hashes[0].length).toBe(31);
    for (const h of hashes.slice(1)) expect(h).toEqual(hashes[0]);
  });

  it("registers every example scenario by its file name", () => {
    const names = scenarioNames();
    expect(names).toContain("roadgym/paper-intersection-sv");
    expect(names).toContain("roadgym/minicity");
    expect(names.length).toBeGreaterThanOrEqual(19);
    expect(() => makeEnv("roadgym/no-such-env")).toThrow(
      /no environment named "roadgym\/no-such-env"; registered: .*roadgym\/minicity/,
    );
  });

  it("reports a scenario that does not compile with its diagnostics", () => {
    const dir = mkdtempSync(join(tmpdir(), "roadgym-makeenv-"));
    const file = join(dir, "bad.scn");
    writeFileSync(file, `scenario "bad" {\n  map straight { lanes 0 }\n}\n`);
    let caught: unknown;
    try {
      makeEnv(file);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ScenarioError);
    expect((caught as ScenarioError).message).toMatch(/bad\.scn:2:\d+: error: .*lanes/);
  });

  it("checks the scenario's zoo references against the zoo that will run them", () => {
    const dir = mkdtempSync(join(tmpdir(), "roadgym-makeenv-"));
    const file = join(dir, "zoo.scn");
    writeFileSync(
      file,
      `scenario "zoo" {\n  map straight { lanes 2  length 300 m }\n  social s { zoo "keep-lane@v0" { target_sped 10 }  mission main:1@10 -> main:1@end }\n}\n`,
    );
    expect(() => makeEnv(file)).toThrow(/zoo\.scn:3:35: error: zoo "keep-lane@v0": unknown parameter "target_sped"/);
  });

  it("refuses a compiled scenario whose SUMO map changed since it was compiled", () => {
    const dir = mkdtempSync(join(tmpdir(), "roadgym-makeenv-"));
    const scn = readFileSync(join(SCENARIOS, "paper-two_way.scn"), "utf8");
    const map = /map sumo "([^"]+)"/.exec(scn)![1];
    copyFileSync(join(SCENARIOS, map), join(dir, "map.net.xml"));
    writeFileSync(join(dir, "s.scn"), scn.replace(map, "map.net.xml"));
    const compiled = compileScenarioFile(join(dir, "s.scn"));
    if (!compiled.ok) throw new Error("does not compile");
    writeFileSync(join(dir, "map.net.xml"), readFileSync(join(dir, "map.net.xml"), "utf8") + "\n<!-- edited -->\n");
    expect(() => makeEnv(compiled.scenario)).toThrow(/map\.net\.xml changed since the scenario was compiled/);
  });

  it("writes the replay and records the metrics asked for", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "roadgym-makeenv-")), "run.replay");
    const env = makeEnv("roadgym/paper-two_way", { record: path, metrics: true });
    const driver = new PolicyDriver(env);
    await driver.reset({ seed: 2 });
    for (let k = 0; k < 40; k++) await driver.step();
    await env.close();
    const { reader, close } = openReplayFile(path);
    expect(reader.frameCount).toBe(41);
    close();
    const trajectories = env.outputs.metrics!.trajectories();
    expect(trajectories.map((t) => t.agentId)).toEqual(env.possibleAgents);
    for (const t of trajectories) {
      expect(t.steps.length).toBe(41);
      expect(t.steps[1].action).toBe("keep_lane");
    }
  });

  it("drives learners of a learning-agent bubble with a policy made when each appears", async () => {
    const env = makeEnv("roadgym/bubble-learners");
    const made: string[] = [];
    const driver = new PolicyDriver(env, (id) => {
      made.push(id);
      return { act: () => (id === "ego" ? "keep_lane" : [12, 0]) };
    });
    await driver.reset({ seed: 4 });
    for (let k = 0; k < 400 && !env.sim.episodeOver; k++) await driver.step();
    await env.close();
    expect(made[0]).toBe("ego");
    expect(made.length).toBeGreaterThanOrEqual(3);
    expect(made.slice(1).every((id) => /^learn-\d+$/.test(id))).toBe(true);
    expect(new Set(made).size).toBe(made.length);
  });

  it("gives a single-agent view of the same composition", async () => {
    const env = makeSingleAgentEnv(straight);
    expect(env.agentId).toBe("cruise");
    await env.reset({ seed: 1 });
    for (let k = 0; k < 50; k++) await env.step([12, 0]);
    expect(env.env.sim.frame.owners).toContain("social:keeper");
    await env.close();
    expect(() => makeSingleAgentEnv("roadgym/paper-two_way")).toThrow(/name the one to control with agentId/);
  });
});
