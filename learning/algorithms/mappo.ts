/**
 * IPPO and MAPPO (Yu et al. 2022, "The Surprising Effectiveness of PPO in Cooperative Multi-Agent
 * Games"): PPO with one policy shared by every agent, which also sees a one-hot of its agent slot
 * (so shared parameters can still specialise), and
 * - IPPO (`centralisedCritic: false`): a critic on the agent's own observation;
 * - MAPPO (`centralisedCritic: true`): a centralised critic. With `criticInput: "state"` (the
 *   default) it reads the environment's global state (every agent's ego state and goal and the
 *   nearest traffic, `core/observations/globalState.ts`) followed by the agent's own observation —
 *   the paper's "agent-specific" global state; with `"observations"`, the concatenated observations
 *   of every agent slot (zeros for agents not live).
 * Only execution needs the policy, which sees local observations: centralised training,
 * decentralised execution. Everything else (rollouts, GAE, clipped loss) is PPO's
 * (learning/algorithms/ppo.ts).
 */
import { z } from "zod";
import { foldAgentId, withAgentIds } from "../nn/agentIds.js";
import type { VecEnv } from "../vecEnv/VecEnv.js";
import type { ZooModel } from "./Learner.js";
import { PPO, PpoConfigSchema } from "./ppo.js";

/** MAPPO's settings: PPO's plus what the networks see. */
export const MappoConfigSchema = PpoConfigSchema.extend({
  /** The critic sees more than the agent's own observation (MAPPO) rather than only it (IPPO). */
  centralisedCritic: z.boolean().default(true),
  /** What a centralised critic reads: the global state and the agent's observation, or every agent's observation. */
  criticInput: z.enum(["state", "observations"]).default("state"),
  /** Append a one-hot of the agent slot to the policy's and critic's inputs. */
  agentIds: z.boolean().default(true),
});

/** MAPPO's settings (defaults filled). */
export type MappoConfig = z.infer<typeof MappoConfigSchema>;

/** MAPPO, or IPPO with `centralisedCritic: false`. */
export class MAPPO extends PPO {
  override readonly algorithm: string;

  /** `schema` lets subclasses change MAPPO's defaults (MAA2C's single A2C pass). */
  constructor(
    env: VecEnv,
    config: z.input<typeof MappoConfigSchema> = {},
    schema: { parse(input: unknown): MappoConfig } = MappoConfigSchema,
  ) {
    super(env, config, schema);
    this.algorithm = this.defaultName();
  }

  /** The name in checkpoints and logs (subclasses that keep MAPPO's networks name themselves). */
  protected defaultName(): string {
    return this.mappoConfig.centralisedCritic ? "mappo" : "ippo";
  }

  private parsedConfig?: MappoConfig;

  /** The settings including MAPPO's own (`config` holds them; parsed once). */
  get mappoConfig(): MappoConfig {
    return (this.parsedConfig ??= MappoConfigSchema.parse(this.config));
  }

  private get idDim(): number {
    return this.mappoConfig.agentIds ? this.env.numAgents : 0;
  }

  override get policyDim(): number {
    return this.env.obsDim + this.idDim;
  }

  override get criticDim(): number {
    const { centralisedCritic, criticInput } = this.mappoConfig;
    if (!centralisedCritic) return this.policyDim;
    const { numAgents: A, obsDim: D, stateDim: G } = this.env;
    return (criticInput === "state" ? G + D : A * D) + this.idDim;
  }

  protected override get criticSharesInput(): boolean {
    return !this.mappoConfig.centralisedCritic;
  }

  /** Each slot's observation followed by its agent one-hot (rows: any whole number of environments). */
  protected override policyInputs(obs: Float32Array): Float32Array {
    return withAgentIds(obs, this.env.obsDim, this.idDim);
  }

  /**
   * MAPPO: per slot, the copy's global state and the slot's observation, or every slot's
   * observation of the copy (inactive slots zero); then the agent one-hot.
   */
  protected override criticInputs(obs: Float32Array, active: Uint8Array, state: Float32Array): Float32Array {
    if (!this.mappoConfig.centralisedCritic) return this.policyInputs(obs);
    const { numAgents: A, obsDim: D, stateDim: G } = this.env;
    const numEnvs = active.length / A;
    const C = this.criticDim,
      out = new Float32Array(numEnvs * A * C);
    const byState = this.mappoConfig.criticInput === "state";
    for (let e = 0; e < numEnvs; e++) {
      for (let a = 0; a < A; a++) {
        const s = e * A + a,
          row = s * C;
        if (byState) {
          out.set(state.subarray(e * G, (e + 1) * G), row);
          if (active[s]) out.set(obs.subarray(s * D, s * D + D), row + G);
        } else {
          for (let j = 0; j < A; j++)
            if (active[e * A + j]) out.set(obs.subarray((e * A + j) * D, (e * A + j + 1) * D), row + j * D);
        }
        if (this.idDim) out[row + C - A + a] = 1;
      }
    }
    return out;
  }

  /** The policy network; with agent ids, a copy with slot `slot`'s one-hot folded in (the zoo's format has no agent id). */
  override zooModel(slot: number): ZooModel {
    if (!this.mappoConfig.agentIds) return { model: this.policy, owned: false };
    const spec = { hidden: this.config.hidden, outputDim: this.outDim, name: "policy" };
    return { model: foldAgentId(this.policy, this.env.obsDim, slot, spec), owned: true };
  }
}
