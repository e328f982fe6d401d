/**
 * The algorithms behind one interface, for the trainer and `roadgym eval`: build a learner by name
 * from its config, or from a checkpoint (config included).
 */
import { DQN, DqnConfigSchema, type DqnCheckpoint } from "../algorithms/dqn.js";
import { MADDPG, MaddpgConfigSchema, type MaddpgCheckpoint } from "../algorithms/maddpg.js";
import { MAPPO, MappoConfigSchema } from "../algorithms/mappo.js";
import { PPO, PpoConfigSchema, type IterationStats, type PpoCheckpoint } from "../algorithms/ppo.js";
import type { VecEnv } from "../vecEnv/VecEnv.js";

/** The algorithms `roadgym train` knows. */
export const ALGORITHMS = ["ppo", "ippo", "mappo", "dqn", "maddpg"] as const;
/** An algorithm name. */
export type AlgorithmName = (typeof ALGORITHMS)[number];

/** Any algorithm's checkpoint. */
export type Checkpoint = (PpoCheckpoint | DqnCheckpoint | MaddpgCheckpoint) & { algorithm: string };

/** What the trainer needs of an algorithm. */
export interface Learner {
  readonly algorithm: string;
  readonly envSteps: number;
  readonly agentSteps: number;
  iterate(): Promise<IterationStats>;
  act(obs: Float32Array, active: Uint8Array, out: Float32Array, deterministic?: boolean): void;
  checkpoint(): Promise<Checkpoint>;
  restore(cp: Checkpoint): Promise<void>;
  dispose(): void;
}

/** Builds `algorithm` on `env` with `hyper` (checked by the algorithm's schema: errors name the field). */
export function makeLearner(
  algorithm: AlgorithmName,
  env: VecEnv,
  hyper: Record<string, unknown>,
  seed: number,
): Learner {
  const withSeed = { ...hyper, seed };
  switch (algorithm) {
    case "ppo":
      return new PPO(env, PpoConfigSchema.parse(withSeed)) as Learner;
    case "ippo":
      return new MAPPO(env, MappoConfigSchema.parse({ ...withSeed, centralisedCritic: false })) as Learner;
    case "mappo":
      return new MAPPO(env, MappoConfigSchema.parse({ centralisedCritic: true, ...withSeed })) as Learner;
    case "dqn":
      return new DQN(env, DqnConfigSchema.parse(withSeed)) as unknown as Learner;
    case "maddpg":
      return new MADDPG(env, MaddpgConfigSchema.parse(withSeed)) as unknown as Learner;
  }
}
