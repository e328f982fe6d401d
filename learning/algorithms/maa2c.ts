/**
 * MAA2C, multi-agent advantage actor-critic (the centralised-critic A2C of Papoudakis et al. 2021,
 * "Benchmarking Multi-Agent Deep Reinforcement Learning Algorithms in Cooperative Tasks"): one
 * policy shared by every agent (with a one-hot of its slot), a centralised critic on the global
 * state and the agent's observation (as MAPPO's, learning/algorithms/mappo.ts), and A2C's update —
 * one gradient step per rollout on `−log π(a | o) · A − entCoef · H(π) + vfCoef · (V − R)²` with
 * GAE advantages over short rollouts.
 *
 * It is MAPPO's learner with A2C's settings: one pass over each batch in one minibatch. PPO's clipped
 * surrogate is then taken at the sampling policy itself (every ratio is 1, inside the clip range),
 * where its gradient is exactly the policy gradient `∇ log π · A` — so nothing of PPO's trust region
 * is left, and the step is A2C's.
 */
import type { z } from "zod";
import type { VecEnv } from "../vecEnv/VecEnv.js";
import { MAPPO, MappoConfigSchema } from "./mappo.js";

/** MAA2C's settings: MAPPO's, with A2C's defaults (one pass, one minibatch, short rollouts). */
export const Maa2cConfigSchema = MappoConfigSchema.extend({
  numSteps: MappoConfigSchema.shape.numSteps.removeDefault().default(16),
  learningRate: MappoConfigSchema.shape.learningRate.removeDefault().default(7e-4),
  updateEpochs: MappoConfigSchema.shape.updateEpochs.removeDefault().default(1),
  minibatchSize: MappoConfigSchema.shape.minibatchSize.removeDefault().default(1_000_000),
});

/** MAA2C over a vectorised env (discrete or continuous actions). */
export class MAA2C extends MAPPO {
  constructor(env: VecEnv, config: z.input<typeof Maa2cConfigSchema> = {}) {
    super(env, config, Maa2cConfigSchema);
  }

  protected override defaultName(): string {
    return "maa2c";
  }
}
