import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Rng } from "../core/random/Rng.js";
import { makeEnv } from "./makeEnv.js";
import type { RoadgymEnv } from "./RoadgymEnv.js";

const SCENARIOS = join(import.meta.dirname, "../scenarios");

/** Every vehicle's pose and speed at every step of one episode, actions drawn from `actionSeed`. */
async function episode(env: RoadgymEnv, seed: number, actionSeed: number, steps: number): Promise<number[][]> {
  const rng = new Rng(actionSeed);
  await env.reset({ seed });
  const frames: number[][] = [];
  for (let t = 0; t < steps && env.agents.length > 0; t++) {
    const actions: Record<string, unknown> = {};
    for (const id of env.agents) actions[id] = env.actionSpace(id).sample(rng);
    await env.step(actions);
    const f = env.sim.frame;
    const row: number[] = [];
    for (let i = 0; i < f.count; i++) row.push(f.x[i], f.y[i], f.headingRad[i], f.speedMps[i]);
    frames.push(row);
  }
  return frames;
}

describe("reset", () => {
  // An environment reused for many episodes (training, benchmarks, the Python bridge) must give the
  // frames a fresh one gives: nothing of one episode — a controller's lane change or integrators —
  // may leak into the next.
  it.each(["paper-double_merge.scn", "merge.scn", "t_junction.scn"])(
    "%s: the same seed and actions after another episode give the frames of a fresh environment",
    async (file) => {
      const scenario = join(SCENARIOS, file);
      const reused = makeEnv(scenario, { traffic: "none" });
      const fresh = makeEnv(scenario, { traffic: "none" });
      await episode(reused, 4, 99, 120);
      const again = await episode(reused, 5, 7, 120);
      const first = await episode(fresh, 5, 7, 120);
      expect(again.length).toBeGreaterThan(10);
      expect(again).toEqual(first);
      await reused.close();
      await fresh.close();
    },
  );
});
