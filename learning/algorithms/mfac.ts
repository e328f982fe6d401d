/**
 * MFAC, mean-field actor-critic (Yang et al. 2018, "Mean Field Multi-Agent Reinforcement
 * Learning"): the other agents enter agent i's critic only through their mean action — the average
 * of their one-hot actions — so the critic's input does not grow with the number of agents:
 * `Q(oᵢ, ·, āᵢ)` for each of agent i's actions, from its own observation (and slot one-hot) and the
 * mean action ā of the other live agents of its environment (zeros when it is alone). Each agent
 * learns from its own reward. The actor is the shared policy of
 * learning/algorithms/CounterfactualActorCritic.ts, whose advantage against the policy-weighted
 * baseline `Σₐ π(a | oᵢ) Q(oᵢ, a, āᵢ)` is the mean-field actor's gradient with a baseline. (The
 * SMARTS paper's MFAC row: own observation, own action and the mean of the others' actions in the
 * critic, trained on-policy — this learner's setting.)
 */
import type { z } from "zod";
import type { VecEnv } from "../vecEnv/VecEnv.js";
import { CounterfactualActorCritic, CounterfactualConfigSchema } from "./CounterfactualActorCritic.js";

/** MFAC's settings (the shared ones). */
export const MfacConfigSchema = CounterfactualConfigSchema;

/** MFAC over a vectorised env with discrete actions. */
export class MFAC extends CounterfactualActorCritic {
  readonly algorithm = "mfac";

  constructor(env: VecEnv, config: z.input<typeof MfacConfigSchema> = {}) {
    super(env, config, MfacConfigSchema, "mfac");
  }

  /** Own observation, own slot one-hot (with agent ids), the others' mean action. */
  get criticDim(): number {
    return this.D + this.idDim + this.K;
  }

  writeCriticInputs(
    obs: Float32Array,
    _state: Float32Array,
    actions: Int32Array,
    present: Uint8Array,
    out: Float32Array,
  ): void {
    const { N, D } = this,
      ids = this.idDim,
      C = this.criticDim;
    out.fill(0);
    for (let s = 0; s < present.length; s++) {
      if (!present[s]) continue;
      const e = Math.floor(s / N),
        a = s % N,
        row = s * C;
      out.set(obs.subarray(s * D, (s + 1) * D), row);
      if (ids) out[row + D + a] = 1;
      let others = 0;
      for (let j = 0; j < N; j++) if (j !== a && present[e * N + j]) others++;
      for (let j = 0; j < N; j++)
        if (j !== a && present[e * N + j]) out[row + D + ids + actions[e * N + j]] += 1 / others;
    }
  }
}
