/**
 * Deep Q-learning (Mnih et al. 2015) with double-DQN targets (van Hasselt et al. 2016), cleanrl
 * style. With several agent slots it is independent Q-learning (IQL): one Q-network shared by every
 * agent, each slot's transitions stored separately.
 *
 * Each environment step: ε-greedy actions (ε decays linearly from `startEpsilon` to `endEpsilon`
 * over `explorationSteps` agent steps), transitions into a circular replay buffer (a truncated
 * episode stores its final observation as the next state and is not a terminal). Every
 * `trainFrequency` steps after `learningStarts`: a minibatch, Huber loss against
 * `r + γ·(1 − terminal)·Q_target(s', argmax_a Q(s', a))`, Adam. Every `targetUpdateInterval` agent
 * steps the target network copies the online one.
 */
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import { Rng, type RngState } from "../../core/random/Rng.js";
import { Adam, type AdamState } from "../nn/Adam.js";
import { ManualMlp } from "../nn/ManualMlp.js";
import { buildMlp, copyWeights, trainableVars } from "../nn/mlp.js";
import { argmax } from "../nn/sampling.js";
import { modelToRecords, recordsToModel, type ArrayRecord } from "../nn/tensorRecord.js";
import type { EpisodeStat, VecEnv } from "../vecEnv/VecEnv.js";
import {
  isCheckpointOf,
  wrongCheckpoint,
  type IterationStats,
  type Learner,
  type LearnerCheckpoint,
  type ZooModel,
} from "./Learner.js";

/** DQN's hyper-parameters. */
export const DqnConfigSchema = z.object({
  /** Seed of the initial weights, exploration and replay sampling. */
  seed: z.number().int().nonnegative().default(1),
  /** Adam learning rate. */
  learningRate: z.number().positive().default(1e-3),
  /** Replay buffer capacity (transitions). */
  bufferSize: z.number().int().positive().default(50_000),
  /** Minibatch size. */
  batchSize: z.number().int().positive().default(64),
  /** Discount factor. */
  gamma: z.number().min(0).max(1).default(0.99),
  /** Agent steps between target-network copies. */
  targetUpdateInterval: z.number().int().positive().default(500),
  /** Agent steps collected before learning starts. */
  learningStarts: z.number().int().nonnegative().default(500),
  /** Environment steps between gradient steps. */
  trainFrequency: z.number().int().positive().default(1),
  /** ε at the start. */
  startEpsilon: z.number().min(0).max(1).default(1),
  /** ε after `explorationSteps`. */
  endEpsilon: z.number().min(0).max(1).default(0.05),
  /** Agent steps over which ε decays. */
  explorationSteps: z.number().int().positive().default(10_000),
  /** Use the online network to choose the target's action (double DQN). */
  doubleDqn: z.boolean().default(true),
  /** Largest global gradient norm. */
  maxGradNorm: z.number().positive().default(10),
  /** Hidden layer sizes. */
  hidden: z.array(z.number().int().positive()).min(1).default([64, 64]),
  /** Environment steps per `iterate()` call. */
  stepsPerIteration: z.number().int().positive().default(100),
});

/** DQN's hyper-parameters (defaults filled). */
export type DqnConfig = z.infer<typeof DqnConfigSchema>;

/** What a DQN checkpoint holds (the replay buffer is not saved: a resumed run refills it). */
export interface DqnCheckpoint extends LearnerCheckpoint {
  algorithm: "dqn";
  config: DqnConfig;
  q: ArrayRecord[];
  target: ArrayRecord[];
  optimizer: AdamState;
  rng: RngState;
  envSteps: number;
  agentSteps: number;
}

/** A circular buffer of transitions in typed arrays. */
class ReplayBuffer {
  readonly obs: Float32Array;
  readonly next: Float32Array;
  readonly actions: Int32Array;
  readonly rewards: Float32Array;
  readonly terminals: Uint8Array;
  size = 0;
  private cursor = 0;

  constructor(
    readonly capacity: number,
    readonly dim: number,
  ) {
    this.obs = new Float32Array(capacity * dim);
    this.next = new Float32Array(capacity * dim);
    this.actions = new Int32Array(capacity);
    this.rewards = new Float32Array(capacity);
    this.terminals = new Uint8Array(capacity);
  }

  add(obs: Float32Array, action: number, reward: number, next: Float32Array, terminal: boolean): void {
    const i = this.cursor,
      d = this.dim;
    this.obs.set(obs, i * d);
    this.next.set(next, i * d);
    this.actions[i] = action;
    this.rewards[i] = reward;
    this.terminals[i] = terminal ? 1 : 0;
    this.cursor = (this.cursor + 1) % this.capacity;
    this.size = Math.min(this.size + 1, this.capacity);
  }
}

/** DQN / IQL over a vectorised env with discrete actions. */
export class DQN implements Learner {
  readonly algorithm = "dqn";
  readonly config: DqnConfig;
  readonly q: tf.Sequential;
  readonly target: tf.Sequential;
  private readonly optimizer: Adam;
  /** The Q-network's fast differentiable forward pass. */
  private readonly qNet: ManualMlp;
  private readonly rng: Rng;
  private readonly buffer: ReplayBuffer;
  private readonly n: number;
  envSteps = 0;
  agentSteps = 0;
  private lastTargetCopy = 0;

  constructor(
    readonly env: VecEnv,
    config: z.input<typeof DqnConfigSchema> = {},
  ) {
    if (env.action.kind !== "discrete")
      throw new Error("DQN needs discrete actions (use PPO or MADDPG for continuous ones)");
    this.config = DqnConfigSchema.parse(config);
    const c = this.config;
    this.n = env.action.n;
    this.rng = new Rng(c.seed).fork("dqn");
    this.q = buildMlp({
      inputDim: env.obsDim,
      hidden: c.hidden,
      outputDim: this.n,
      activation: "relu",
      seed: c.seed * 1000 + 1,
      name: "q",
    });
    this.target = buildMlp({
      inputDim: env.obsDim,
      hidden: c.hidden,
      outputDim: this.n,
      activation: "relu",
      seed: c.seed * 1000 + 1,
      name: "q_target",
    });
    copyWeights(this.q, this.target);
    this.qNet = new ManualMlp(this.q);
    this.optimizer = new Adam(trainableVars(this.q), c.learningRate, c.maxGradNorm);
    this.buffer = new ReplayBuffer(c.bufferSize, env.obsDim);
  }

  /** ε now. */
  get epsilon(): number {
    const c = this.config;
    const f = Math.min(1, this.agentSteps / c.explorationSteps);
    return c.startEpsilon + f * (c.endEpsilon - c.startEpsilon);
  }

  /** `stepsPerIteration` environment steps with learning. Call `env.reset` once before the first. */
  async iterate(): Promise<IterationStats> {
    const env = this.env,
      c = this.config,
      b = env.buffers,
      D = env.obsDim;
    const S = env.numEnvs * env.numAgents;
    const episodes: EpisodeStat[] = [];
    let lossSum = 0,
      updates = 0;
    const prevObs = new Float32Array(S * D),
      prevActive = new Uint8Array(S),
      taken = new Int32Array(S);
    for (let k = 0; k < c.stepsPerIteration; k++) {
      prevObs.set(b.obs);
      prevActive.set(b.active);
      const qv = this.predict(this.q, b.obs, S);
      const eps = this.epsilon;
      for (let s = 0; s < S; s++) {
        if (!b.active[s]) continue;
        taken[s] = this.rng.next() < eps ? this.rng.int(this.n) : argmax(qv, s * this.n, this.n);
        b.actions[s] = taken[s];
      }
      episodes.push(...(await env.step()));
      this.envSteps += env.numEnvs;
      for (let s = 0; s < S; s++) {
        if (!prevActive[s] || !b.acted[s]) continue;
        const ended = b.terminated[s] || b.truncated[s];
        const next = ended ? b.finalObs.subarray(s * D, s * D + D) : b.obs.subarray(s * D, s * D + D);
        this.buffer.add(prevObs.subarray(s * D, s * D + D), taken[s], b.rewards[s], next, b.terminated[s] === 1);
        this.agentSteps++;
      }
      if (this.agentSteps >= c.learningStarts && this.buffer.size >= c.batchSize && k % c.trainFrequency === 0) {
        lossSum += this.trainStep();
        updates++;
      }
      if (this.agentSteps - this.lastTargetCopy >= c.targetUpdateInterval) {
        copyWeights(this.q, this.target);
        this.lastTargetCopy = this.agentSteps;
      }
    }
    return {
      envSteps: this.envSteps,
      agentSteps: this.agentSteps,
      episodes,
      losses: updates ? { td: lossSum / updates, epsilon: this.epsilon } : { epsilon: this.epsilon },
    };
  }

  /** One gradient step on a replay minibatch; returns the Huber loss. */
  trainStep(): number {
    const c = this.config,
      D = this.env.obsDim,
      m = c.batchSize,
      buf = this.buffer;
    const obs = new Float32Array(m * D),
      next = new Float32Array(m * D),
      acts = new Int32Array(m),
      rew = new Float32Array(m),
      term = new Float32Array(m);
    for (let k = 0; k < m; k++) {
      const i = this.rng.int(buf.size);
      obs.set(buf.obs.subarray(i * D, i * D + D), k * D);
      next.set(buf.next.subarray(i * D, i * D + D), k * D);
      acts[k] = buf.actions[i];
      rew[k] = buf.rewards[i];
      term[k] = buf.terminals[i];
    }
    const targets = tf.tidy(() => {
      const nextT = tf.tensor2d(next, [m, D]);
      const qTarget = this.target.predict(nextT) as tf.Tensor2D;
      const choice = c.doubleDqn ? tf.argMax(this.q.predict(nextT) as tf.Tensor2D, 1) : tf.argMax(qTarget, 1);
      const qNext = tf.sum(tf.mul(qTarget, tf.oneHot(choice, this.n)), 1);
      return tf.add(tf.tensor1d(rew), tf.mul(tf.mul(c.gamma, tf.sub(1, tf.tensor1d(term))), qNext));
    });
    const obsT = tf.tensor2d(obs, [m, D]),
      mask = tf.oneHot(tf.tensor1d(acts, "int32"), this.n);
    const { loss } = this.optimizer.minimize(() => {
      const qa = tf.sum(tf.mul(this.qNet.apply(obsT), mask), 1);
      return tf.losses.huberLoss(targets, qa) as tf.Scalar;
    });
    tf.dispose([targets, obsT, mask]);
    return loss;
  }

  /** Greedy actions for the active slots (ε-greedy with the current ε unless `deterministic`). */
  act(obs: Float32Array, active: Uint8Array, out: Float32Array, deterministic = true): void {
    const S = active.length;
    const qv = this.predict(this.q, obs, S);
    const eps = deterministic ? 0 : this.epsilon;
    for (let s = 0; s < S; s++) {
      if (!active[s]) continue;
      out[s] = eps > 0 && this.rng.next() < eps ? this.rng.int(this.n) : argmax(qv, s * this.n, this.n);
    }
  }

  /** The Q-network exports as it is (greedy: argmax of the Q-values). */
  zooBlocker(): string | null {
    return null;
  }

  zooModel(_slot: number): ZooModel {
    return { model: this.q, owned: false };
  }

  async checkpoint(): Promise<DqnCheckpoint> {
    return {
      algorithm: "dqn",
      config: this.config,
      q: modelToRecords(this.q),
      target: modelToRecords(this.target),
      optimizer: this.optimizer.getState(),
      rng: this.rng.getState(),
      envSteps: this.envSteps,
      agentSteps: this.agentSteps,
    };
  }

  async restore(cp: LearnerCheckpoint): Promise<void> {
    if (!isCheckpointOf<DqnCheckpoint>(cp, "dqn")) throw wrongCheckpoint(cp, "dqn");
    recordsToModel(cp.q, this.q);
    recordsToModel(cp.target, this.target);
    this.optimizer.setState(cp.optimizer);
    this.rng.setState(cp.rng);
    this.envSteps = cp.envSteps;
    this.agentSteps = cp.agentSteps;
    this.lastTargetCopy = cp.agentSteps;
  }

  dispose(): void {
    this.q.dispose();
    this.target.dispose();
    this.optimizer.dispose();
  }

  private predict(model: tf.LayersModel, obs: Float32Array, S: number): Float32Array {
    return tf.tidy(
      () => (model.predict(tf.tensor2d(obs, [S, this.env.obsDim])) as tf.Tensor).dataSync() as Float32Array,
    );
  }
}
