/**
 * IPPO and MAPPO (Yu et al. 2022, "The Surprising Effectiveness of PPO in Cooperative Multi-Agent
 * Games"): PPO with one policy shared by every agent, which also sees a one-hot of its agent slot
 * (so shared parameters can still specialise), and
 * - IPPO (`centralisedCritic: false`): a critic on the agent's own observation;
 * - MAPPO (`centralisedCritic: true`): a centralised critic on the environment's global state — the
 *   concatenated observations of every agent slot (zeros for agents not live) plus the agent id.
 * Only execution needs the policy, which sees local observations: centralised training,
 * decentralised execution. Everything else (rollouts, GAE, clipped loss) is PPO's
 * (learning/algorithms/ppo.ts).
 */
import { z } from "zod";
import { PPO, PpoConfigSchema, type PpoConfig } from "./ppo.js";
import type { VecEnv } from "../vecEnv/VecEnv.js";

/** MAPPO's settings: PPO's plus what the networks see. */
export const MappoConfigSchema = PpoConfigSchema.extend({
  /** The critic sees every agent's observation (MAPPO) rather than the agent's own (IPPO). */
  centralisedCritic: z.boolean().default(true),
  /** Append a one-hot of the agent slot to the policy's and critic's inputs. */
  agentIds: z.boolean().default(true),
});

/** MAPPO's settings (defaults filled). */
export type MappoConfig = z.infer<typeof MappoConfigSchema>;

/** MAPPO, or IPPO with `centralisedCritic: false`. */
export class MAPPO extends PPO {
  override readonly algorithm: string;

  constructor(env: VecEnv, config: z.input<typeof MappoConfigSchema> = {}) {
    super(env, config, MappoConfigSchema as unknown as z.ZodType<PpoConfig, z.input<typeof PpoConfigSchema>>);
    this.algorithm = this.mappoConfig.centralisedCritic ? "mappo" : "ippo";
  }

  /** The settings including MAPPO's own. */
  get mappoConfig(): MappoConfig {
    return this.config as MappoConfig;
  }

  private get idDim(): number {
    return this.mappoConfig.agentIds ? this.env.numAgents : 0;
  }

  override get policyDim(): number {
    return this.env.obsDim + this.idDim;
  }

  override get criticDim(): number {
    return this.mappoConfig.centralisedCritic ? this.env.numAgents * this.env.obsDim + this.idDim : this.policyDim;
  }

  protected override get criticSharesInput(): boolean {
    return !this.mappoConfig.centralisedCritic;
  }

  /** Each slot's observation followed by its agent one-hot (rows: any whole number of environments). */
  protected override policyInputs(obs: Float32Array): Float32Array {
    const { numAgents: A, obsDim: D } = this.env;
    const rows = obs.length / D;
    const P = this.policyDim,
      out = new Float32Array(rows * P);
    for (let s = 0; s < rows; s++) {
      out.set(obs.subarray(s * D, s * D + D), s * P);
      if (this.idDim) out[s * P + D + (s % A)] = 1;
    }
    return out;
  }

  /** MAPPO: the environment's concatenated observations (inactive slots zero) and the agent one-hot. */
  protected override criticInputs(obs: Float32Array, active: Uint8Array): Float32Array {
    if (!this.mappoConfig.centralisedCritic) return this.policyInputs(obs);
    const { numEnvs, numAgents: A, obsDim: D } = this.env;
    const C = this.criticDim,
      out = new Float32Array(numEnvs * A * C);
    for (let e = 0; e < numEnvs; e++) {
      for (let a = 0; a < A; a++) {
        const row = (e * A + a) * C;
        for (let j = 0; j < A; j++)
          if (active[e * A + j]) out.set(obs.subarray((e * A + j) * D, (e * A + j + 1) * D), row + j * D);
        if (this.idDim) out[row + A * D + a] = 1;
      }
    }
    return out;
  }
}
