/**
 * COMA (Foerster et al. 2018, "Counterfactual Multi-Agent Policy Gradients"): a shared
 * decentralised actor trained with a centralised critic and the counterfactual baseline, on the
 * team's reward (learning/algorithms/CounterfactualActorCritic.ts has the learner).
 *
 * The critic reads, for agent i: the global state (every agent's ego state and goal and the nearest
 * traffic, `core/observations/globalState.ts`), agent i's own observation, a one-hot of its slot and
 * the one-hot actions of every other slot (zeros for absent agents) — and answers `Q(s, (·, a₋ᵢ))`
 * for each of agent i's actions in one pass. Agent i's advantage `Q(s, a) − Σₐ' π(a' | oᵢ) Q(s, (a', a₋ᵢ))`
 * then asks what its own action changed, all else held: the team reward is shared, the credit is
 * not. As in the paper, one actor pass per batch (the plain policy gradient) and TD(λ) critic targets.
 */
import { z } from "zod";
import type { VecEnv } from "../vecEnv/VecEnv.js";
import { CounterfactualActorCritic, CounterfactualConfigSchema } from "./CounterfactualActorCritic.js";

/** COMA's settings: the shared ones, learning from the team's reward. */
export const ComaConfigSchema = CounterfactualConfigSchema.extend({
  /** Learn from the team's reward (the sum of the agents' rewards of a step), as COMA's setting is. */
  teamReward: z.boolean().default(true),
});

/** COMA over a vectorised env with discrete actions. */
export class COMA extends CounterfactualActorCritic {
  readonly algorithm = "coma";

  constructor(env: VecEnv, config: z.input<typeof ComaConfigSchema> = {}) {
    super(env, config, ComaConfigSchema, "coma");
  }

  /** Global state, own observation, own slot one-hot, the others' action one-hots. */
  get criticDim(): number {
    return this.G + this.D + this.N + (this.N - 1) * this.K;
  }

  writeCriticInputs(
    obs: Float32Array,
    state: Float32Array,
    actions: Int32Array,
    present: Uint8Array,
    out: Float32Array,
  ): void {
    const { N, K, D, G } = this,
      C = this.criticDim;
    out.fill(0);
    for (let s = 0; s < present.length; s++) {
      const e = Math.floor(s / N),
        a = s % N,
        row = s * C;
      out.set(state.subarray(e * G, (e + 1) * G), row);
      if (present[s]) out.set(obs.subarray(s * D, (s + 1) * D), row + G);
      out[row + G + D + a] = 1;
      let o = row + G + D + N;
      for (let j = 0; j < N; j++) {
        if (j === a) continue;
        if (present[e * N + j]) out[o + actions[e * N + j]] = 1;
        o += K;
      }
    }
  }
}
