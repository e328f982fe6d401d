/**
 * The default driver (idm-mobil@v2, `roadgym run`'s) finishes the project's own examples: on every
 * example scenario and several seeds, each learning agent with a goal reaches it, none (nor a
 * learner of a bubble, nor a social agent) collides or leaves the road, and agents without a goal
 * (endless missions, learners) keep driving. Runs what `roadgym run <file> --seed <n>` runs.
 */
import { readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { makeDrivenEnv } from "./policyEnv.js";

const dir = resolve(dirname(fileURLToPath(import.meta.url)), "../scenarios");
const SEEDS = [1, 2, 3];
/** Examples that run long (10 min of a city): the first steps only, on fewer seeds. */
const STEP_LIMIT: Record<string, number> = { "minicity.scn": 1200, "ring.scn": 1500 };
/**
 * Left out, with the reason: on the loop map's tight bends (radius ≈ 10 m) the local and SUMO
 * traffic drive 12–15 m/s while the agent keeps to ≤ 3 m/s² of lateral acceleration; faster
 * traffic side-swipes it (see the closing note of issue 25). The demo town is checked on its own
 * seed by web/demo.browser.test.ts: its agent ego1 crosses town for longer than the demo's 90 s,
 * and on other seeds an agent without a goal can leave the road inside minicity's junction
 * 2497429031, whose internal lanes overlap (the agent's lane match jumps between them).
 */
const LEFT_OUT = new Set(["bubble-provider.scn", "demo-town.scn"]);
/**
 * Checked for collisions and off-road only: the roundabout's bubble gives its zoo actors endless
 * missions (the traffic vehicle's route is not passed on), so they — and, once released, the local
 * traffic that takes them back without a route — circle the ring for good, and the agent finds no
 * gap to enter within its 1,200 steps (it reaches its goal without the bubble).
 */
const NO_GOAL_CHECK = new Set(["roundabout.scn"]);
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".scn") && !LEFT_OUT.has(f))
  .sort();

/** One episode: what ended each agent, the collisions that involve an agent, and the distance each agent drove. */
async function episode(file: string, seed: number) {
  const built = await makeDrivenEnv(join(dir, file), undefined);
  const { env, driver } = built;
  try {
    await driver.reset({ seed });
    const limit = STEP_LIMIT[file] ?? Infinity;
    const collisions: string[] = [];
    const start = new Map<string, [number, number]>();
    const driven = new Map<string, number>();
    for (let k = 0; k < limit && !env.sim.episodeOver; k++) {
      await driver.step();
      const f = env.sim.frame;
      const agents = new Set(env.sim.agents.map((a) => a.id));
      for (const s of env.sim.social?.list() ?? []) agents.add(s.vehicleId);
      for (const c of f.collisions)
        if (agents.has(c.a) || agents.has(c.b)) collisions.push(`${c.a}×${c.b} at tick ${env.sim.tick}`);
      for (const a of env.sim.agents) {
        const i = f.ids.indexOf(a.id);
        if (i < 0) continue;
        const p0 = start.get(a.id) ?? [f.x[i], f.y[i]];
        start.set(a.id, p0);
        driven.set(a.id, Math.max(driven.get(a.id) ?? 0, Math.hypot(f.x[i] - p0[0], f.y[i] - p0[1])));
      }
    }
    const ended = new Map<string, readonly string[]>();
    for (const a of env.sim.agents) ended.set(a.id, env.sim.agentResult(a.id)?.reasons ?? []);
    const learners = (env.sim.social?.learners() ?? []).map((l) => ({ id: l.id, reasons: l.reasons }));
    const goals = new Set(env.scenario.agents.filter((a) => a.mission.kind !== "endless").map((a) => a.name));
    return { ended, learners, goals, collisions, driven };
  } finally {
    await built.close();
  }
}

describe("the default driver on the example scenarios", () => {
  it("finds the examples", () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files).toContain("paper-double_merge.scn");
  });

  for (const file of files) {
    it(`${file}: agents reach their goals, no collision, no off-road (seeds ${SEEDS.join(", ")})`, async () => {
      for (const seed of file in STEP_LIMIT ? SEEDS.slice(0, 2) : SEEDS) {
        const r = await episode(file, seed);
        const at = `${file} seed ${seed}`;
        expect(r.collisions, at).toEqual([]);
        for (const [id, reasons] of r.ended) {
          expect(reasons, `${at}: ${id}`).not.toContain("collision");
          expect(reasons, `${at}: ${id}`).not.toContain("offRoad");
          if (NO_GOAL_CHECK.has(file)) continue;
          if (r.goals.has(id)) expect(reasons, `${at}: ${id}`).toContain("goal");
          else expect(r.driven.get(id) ?? 0, `${at}: ${id} drove`).toBeGreaterThan(50);
        }
        for (const l of r.learners) expect(l.reasons, `${at}: learner ${l.id}`).toEqual([]);
      }
    }, 120_000);
  }
});
