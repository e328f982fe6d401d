/**
 * The algorithms behind one interface ({@link Learner}), for the trainer and `roadgym eval`: build a
 * learner by name from its hyper-parameters (checked by the algorithm's schema: errors name the
 * field). A checkpoint holds its config, so `restore` continues it.
 */
import { COMA } from "../algorithms/coma.js";
import { CommNet } from "../algorithms/commnet.js";
import { DQN } from "../algorithms/dqn.js";
import { HAPPO } from "../algorithms/happo.js";
import type { Learner } from "../algorithms/Learner.js";
import { MAA2C } from "../algorithms/maa2c.js";
import { MAAC } from "../algorithms/maac.js";
import { MADDPG } from "../algorithms/maddpg.js";
import { MAPPO } from "../algorithms/mappo.js";
import { MFAC } from "../algorithms/mfac.js";
import { PPO } from "../algorithms/ppo.js";
import { QMIX } from "../algorithms/qmix.js";
import { VDN } from "../algorithms/vdn.js";
import type { VecEnv } from "../vecEnv/VecEnv.js";

export type { Learner, LearnerCheckpoint as Checkpoint } from "../algorithms/Learner.js";

/** The algorithms `roadgym train` knows. */
export const ALGORITHMS = [
  "ppo",
  "ippo",
  "mappo",
  "maa2c",
  "happo",
  "coma",
  "maac",
  "mfac",
  "commnet",
  "dqn",
  "vdn",
  "qmix",
  "maddpg",
] as const;
/** An algorithm name. */
export type AlgorithmName = (typeof ALGORITHMS)[number];

/** Builds `algorithm` on `env` with `hyper` and `seed`. @throws ZodError naming a bad or unknown-typed field */
export function makeLearner(
  algorithm: AlgorithmName,
  env: VecEnv,
  hyper: Record<string, unknown>,
  seed: number,
): Learner {
  const withSeed = { ...hyper, seed };
  switch (algorithm) {
    case "ppo":
      return new PPO(env, withSeed);
    case "ippo":
      return new MAPPO(env, { ...withSeed, centralisedCritic: false });
    case "mappo":
      return new MAPPO(env, { centralisedCritic: true, ...withSeed });
    case "maa2c":
      return new MAA2C(env, withSeed);
    case "happo":
      return new HAPPO(env, withSeed);
    case "coma":
      return new COMA(env, withSeed);
    case "maac":
      return new MAAC(env, withSeed);
    case "mfac":
      return new MFAC(env, withSeed);
    case "commnet":
      return new CommNet(env, withSeed);
    case "dqn":
      return new DQN(env, withSeed);
    case "vdn":
      return new VDN(env, withSeed);
    case "qmix":
      return new QMIX(env, withSeed);
    case "maddpg":
      return new MADDPG(env, withSeed);
  }
}
