import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { InProcessVecEnv } from "../vecEnv/InProcessVecEnv.js";
import { ALGORITHMS, makeLearner } from "./makeLearner.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

/** Settings small enough for one quick iteration of every algorithm on a real scenario. */
const SMALL: Record<string, unknown> = {
  numSteps: 8,
  minibatchSize: 64,
  hidden: [16],
  criticHidden: [16],
  hiddenDim: 16,
  attentionDim: 16,
  batchSize: 16,
  learningStarts: 16,
  stepsPerIteration: 8,
  bufferSize: 256,
  mixingEmbedDim: 8,
  hypernetHidden: 8,
};

describe("every algorithm on a real scenario", () => {
  // Paper Two-Way: 4 agents, Lane actions, the global state of the vec env.
  const env = new InProcessVecEnv({ kind: "roadgym", scenario: "scenarios/paper-two_way.scn" }, { numEnvs: 2 });

  it.each(ALGORITHMS)(
    "%s: iterates, checkpoints, restores to the same greedy actions, and exports to the zoo",
    async (name) => {
      const learner = makeLearner(name, env, SMALL, 3);
      await env.reset(1);
      const stats = await learner.iterate();
      expect(stats.envSteps).toBeGreaterThan(0);
      expect(learner.agentSteps).toBeGreaterThan(0);
      const cp = JSON.parse(JSON.stringify(await learner.checkpoint()));
      expect(cp.algorithm).toBe(learner.algorithm);
      const again = makeLearner(name, env, SMALL, 8);
      await again.restore(cp);
      expect(again.envSteps).toBe(learner.envSteps);
      const a = new Float32Array(8),
        b = new Float32Array(8);
      learner.act(env.buffers.obs, env.buffers.active, a);
      again.act(env.buffers.obs, env.buffers.active, b);
      expect(Array.from(b)).toEqual(Array.from(a));
      expect(learner.zooBlocker()).toBeNull();
      const { model, owned, group } = learner.zooModel(0);
      // One observation in; a group policy (CommNet) takes every agent's at once.
      if (group) expect(model.inputs[0].shape.slice(1)).toEqual([4, env.obsDim]);
      else expect(model.inputs[0].shape[1]).toBe(env.obsDim);
      if (owned) model.dispose();
      learner.dispose();
      again.dispose();
    },
    30_000,
  );
});
