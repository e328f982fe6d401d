/**
 * What every algorithm of `learning/algorithms/` is to the trainer, `roadgym eval` and the zoo
 * export: it trains on a vectorised env by iterations, acts for evaluation, saves and restores its
 * whole state, and says which network (if any) is its policy in the agent zoo's format. Each
 * algorithm class `implements` this interface; `learning/train/makeLearner.ts` builds one by name.
 */
import type * as tf from "@tensorflow/tfjs";
import type { EpisodeStat, VecEnv } from "../vecEnv/VecEnv.js";

/** Figures of one iteration. */
export interface IterationStats {
  /** Environment-copy steps taken so far (each advances every agent of one copy). */
  envSteps: number;
  /** Agent steps (samples) so far. */
  agentSteps: number;
  /** Episodes (per agent) finished in this iteration. */
  episodes: EpisodeStat[];
  /** Mean losses of the update. */
  losses: Record<string, number>;
}

/** A learner's saved state: plain JSON data; `algorithm` names the learner that wrote it. */
export interface LearnerCheckpoint {
  algorithm: string;
}

/** The network the agent zoo runs for a policy (`agent-zoo/tfjs`: observation vectors in, argmax or clipped out). */
export interface ZooModel {
  /**
   * Observation vector → logits or Q-values (discrete: argmax) or action means (continuous: clipped);
   * for a group policy, the agents' observations, presence and weights → their outputs (see `group`).
   */
  model: tf.LayersModel;
  /** Set for a group policy (agents that act together, agent-zoo/tfjs/GroupBatcher.ts): agents the model takes at once. */
  group?: { maxAgents: number };
  /** Whether `model` is a copy made for the export, which the caller disposes. */
  owned: boolean;
}

/** A training algorithm over a vectorised env. */
export interface Learner {
  /** Name in checkpoints, logs and the zoo policy's metadata. */
  readonly algorithm: string;
  /** The env it trains on. */
  readonly env: VecEnv;
  /** Environment-copy steps taken so far. */
  readonly envSteps: number;
  /** Agent steps taken so far. */
  readonly agentSteps: number;
  /** One iteration: collect experience and learn from it. Call `env.reset` once before the first. */
  iterate(): Promise<IterationStats>;
  /**
   * Actions of the active slots of `obs` (`[slots · obsDim]`, whole environments: slot `e · numAgents + a`)
   * into `out`: greedy when `deterministic` (the default), else as the learner explores.
   */
  act(obs: Float32Array, active: Uint8Array, out: Float32Array, deterministic?: boolean): void;
  /** Everything needed to continue training identically. */
  checkpoint(): Promise<LearnerCheckpoint>;
  /** Continues from a checkpoint of the same algorithm and shapes. @throws Error naming the mismatch */
  restore(cp: LearnerCheckpoint): Promise<void>;
  /** Why the policy has no agent-zoo form, or null when {@link zooModel} gives one. */
  zooBlocker(): string | null;
  /** The zoo network for agent slot `slot` (parameter-shared learners: the same for every slot). */
  zooModel(slot: number): ZooModel;
  /** Frees networks and optimizer state. */
  dispose(): void;
}

/**
 * Whether `cp` was written by `algorithm`, and so has that learner's checkpoint fields `T` (every
 * learner writes its own checkpoint type with its own name).
 */
export function isCheckpointOf<T extends LearnerCheckpoint>(cp: LearnerCheckpoint, algorithm: string): cp is T {
  return cp.algorithm === algorithm;
}

/** The error of a checkpoint restored into the wrong learner. */
export function wrongCheckpoint(cp: LearnerCheckpoint, algorithm: string): Error {
  return new Error(`checkpoint is for ${cp.algorithm}, not ${algorithm}`);
}
