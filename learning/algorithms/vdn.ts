/**
 * Value decomposition networks (Sunehag et al. 2018), cleanrl style: cooperative Q-learning in
 * which the team's value is the sum of the agents' own, `Q_tot(s, a) = Σᵢ Qᵢ(oᵢ, aᵢ)`.
 *
 * One Q-network is shared by every agent slot; it reads the agent's observation and a one-hot of
 * its slot (`agentIds`). Each environment step: ε-greedy actions per agent (ε falls linearly from
 * `startEpsilon` to `endEpsilon` over `explorationSteps` agent steps), then one joint transition
 * per environment copy into a replay buffer (learning/algorithms/JointReplay.ts). Every
 * `trainFrequency` steps after `learningStarts`: a minibatch of joint transitions and one Adam step
 * on `mean((Q_tot(s, a) − y)²)` with the team reward (the sum of the agents' rewards of the step)
 * `y = r + γ · Q'_tot(s', argmaxₐ Q(o', ·))` — each agent's next action chosen by the online
 * network and valued by the target network (double Q-learning), agents that were terminated
 * counting 0, no value after a step that terminated every agent. Every `targetUpdateInterval` agent
 * steps the target networks copy the online ones.
 *
 * Because the team's value is built from the agents', the gradient of the team's error reaches each
 * agent's Q through the sum: an agent whose action mattered only through a teammate's later value
 * is credited for it, which an independent learner (learning/algorithms/dqn.ts) never sees
 * (`learning/toyEnvs/RelayGame.ts`). QMIX (learning/algorithms/qmix.ts) replaces the sum by a
 * monotonic mixing network conditioned on the global state. Execution is decentralised: each agent
 * acts greedily on its own Q.
 */
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import { Rng, type RngState } from "../../core/random/Rng.js";
import { foldAgentId, withAgentIds } from "../nn/agentIds.js";
import { Adam, type AdamState } from "../nn/Adam.js";
import { ManualMlp } from "../nn/ManualMlp.js";
import { buildMlp, copyWeights, trainableVars } from "../nn/mlp.js";
import { argmax } from "../nn/sampling.js";
import { modelToRecords, recordsToModel, type ArrayRecord } from "../nn/tensorRecord.js";
import type { EpisodeStat, VecEnv } from "../vecEnv/VecEnv.js";
import { JointReplay } from "./JointReplay.js";
import {
  isCheckpointOf,
  wrongCheckpoint,
  type IterationStats,
  type Learner,
  type LearnerCheckpoint,
  type ZooModel,
} from "./Learner.js";

/** VDN's hyper-parameters (QMIX's too, plus its mixer's). */
export const VdnConfigSchema = z.object({
  /** Seed of the initial weights, exploration and replay sampling. */
  seed: z.number().int().nonnegative().default(1),
  /** Adam learning rate. */
  learningRate: z.number().positive().default(5e-4),
  /** Replay capacity (joint transitions: one per environment copy and step). */
  bufferSize: z.number().int().positive().default(50_000),
  /** Minibatch size (joint transitions). */
  batchSize: z.number().int().positive().default(64),
  /** Discount factor. */
  gamma: z.number().min(0).max(1).default(0.99),
  /** Agent steps between target-network copies. */
  targetUpdateInterval: z.number().int().positive().default(2_000),
  /** Agent steps collected before learning starts. */
  learningStarts: z.number().int().nonnegative().default(1_000),
  /** Environment steps between gradient steps. */
  trainFrequency: z.number().int().positive().default(1),
  /** ε at the start. */
  startEpsilon: z.number().min(0).max(1).default(1),
  /** ε after `explorationSteps`. */
  endEpsilon: z.number().min(0).max(1).default(0.05),
  /** Agent steps over which ε falls. */
  explorationSteps: z.number().int().positive().default(50_000),
  /** Largest global gradient norm. */
  maxGradNorm: z.number().positive().default(10),
  /** Hidden layer sizes of the agents' Q-network. */
  hidden: z.array(z.number().int().positive()).min(1).default([64, 64]),
  /** Append a one-hot of the agent slot to the Q-network's input. */
  agentIds: z.boolean().default(true),
  /** Environment steps per `iterate()` call. */
  stepsPerIteration: z.number().int().positive().default(100),
});

/** VDN's hyper-parameters (defaults filled). */
export type VdnConfig = z.infer<typeof VdnConfigSchema>;

/** What a VDN or QMIX checkpoint holds (the replay buffer is not saved: a resumed run refills it). */
export interface VdnCheckpoint extends LearnerCheckpoint {
  config: VdnConfig;
  q: ArrayRecord[];
  target: ArrayRecord[];
  /** The mixer's networks (online, then target), empty for VDN's sum. */
  mixer: ArrayRecord[][];
  optimizer: AdamState;
  rng: RngState;
  envSteps: number;
  agentSteps: number;
  lastTargetCopy: number;
}

/** A minibatch of joint transitions as tensors (owned by the caller's `tf.tidy`). */
export interface JointBatch {
  /** `[m · N, D + ids]` every slot's observation (and one-hot). */
  obs: tf.Tensor2D;
  /** `[m · N, D + ids]` every slot's next observation (and one-hot). */
  nextObs: tf.Tensor2D;
  /** `[m · N, K]` one-hot of every slot's action (zeros where the slot did not act). */
  actions: tf.Tensor2D;
  /** `[m, N]` 1 where the slot acted. */
  valid: tf.Tensor2D;
  /** `[m, N]` 1 where the slot's next value counts. */
  nextValid: tf.Tensor2D;
  /** `[m, G]` global state before and after. */
  state: tf.Tensor2D;
  nextState: tf.Tensor2D;
  /** `[m]` the team reward. */
  reward: tf.Tensor1D;
  /** `[m]` 1 where some agent's value counts after the step. */
  continues: tf.Tensor1D;
}

/** How the agents' values combine into the team's: VDN's sum, QMIX's mixing network. */
export interface Mixer {
  /** Trainable variables (none for the sum). */
  readonly variables: tf.Variable[];
  /** `Q_tot` `[m]` from the agents' values `q` `[m, N]` (0 where absent) and the global state `[m, G]`; `target`: the target copy's. */
  mix(q: tf.Tensor2D, state: tf.Tensor2D, target: boolean): tf.Tensor1D;
  /** Copies the online networks into the target ones. */
  copyToTarget(): void;
  /** The networks as records (online, then target). */
  records(): ArrayRecord[][];
  /** Sets the networks from {@link records}' output. */
  restore(records: ArrayRecord[][]): void;
  dispose(): void;
}

/** VDN's mixer: `Q_tot = Σᵢ Qᵢ`. */
export const sumMixer: Mixer = {
  variables: [],
  mix: (q) => tf.sum(q, 1),
  copyToTarget: () => undefined,
  records: () => [],
  restore: () => undefined,
  dispose: () => undefined,
};

/** VDN over a vectorised env with discrete actions. */
export class VDN implements Learner {
  readonly algorithm: string = "vdn";
  readonly config: VdnConfig;
  /** Observation (+ agent one-hot) → Q-value per action, shared by every agent. */
  readonly q: tf.Sequential;
  protected readonly target: tf.Sequential;
  /** The Q-network's fast differentiable forward pass. */
  private readonly qNet: ManualMlp;
  protected readonly optimizer: Adam;
  protected readonly rng: Rng;
  protected readonly replay: JointReplay;
  protected readonly mixer: Mixer;
  /** Agent slots, actions. */
  protected readonly N: number;
  protected readonly K: number;
  envSteps = 0;
  agentSteps = 0;
  private lastTargetCopy = 0;

  /**
   * `schema` lets subclasses add settings of their own (read back from `config` with their schema);
   * `mixer` makes the mixer from the parsed settings (VDN: the sum).
   */
  constructor(
    readonly env: VecEnv,
    config: z.input<typeof VdnConfigSchema> = {},
    schema: { parse(input: unknown): VdnConfig } = VdnConfigSchema,
    mixer: (config: VdnConfig) => Mixer = () => sumMixer,
  ) {
    if (env.action.kind !== "discrete") throw new Error(`${new.target.name}: needs discrete actions`);
    this.config = schema.parse(config);
    const c = this.config;
    this.N = env.numAgents;
    this.K = env.action.n;
    this.rng = new Rng(c.seed).fork("value-decomposition");
    const q = (name: string) =>
      buildMlp({
        inputDim: env.obsDim + this.idDim,
        hidden: c.hidden,
        outputDim: this.K,
        activation: "relu",
        seed: c.seed * 1000 + 1,
        name,
      });
    this.q = q("q");
    this.target = q("q_target");
    copyWeights(this.q, this.target);
    this.qNet = new ManualMlp(this.q);
    this.mixer = mixer(c);
    this.optimizer = new Adam([...trainableVars(this.q), ...this.mixer.variables], c.learningRate, c.maxGradNorm);
    this.replay = new JointReplay(c.bufferSize, this.N, env.obsDim, env.stateDim);
  }

  /** Length of the agent one-hot (0 without agent ids). */
  protected get idDim(): number {
    return this.config.agentIds ? this.N : 0;
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
      b = env.buffers;
    const episodes: EpisodeStat[] = [];
    const prevObs = new Float32Array(b.obs.length),
      prevState = new Float32Array(b.state.length),
      taken = new Int32Array(b.active.length);
    let lossSum = 0,
      updates = 0;
    for (let k = 0; k < c.stepsPerIteration; k++) {
      prevObs.set(b.obs);
      prevState.set(b.state);
      this.act(b.obs, b.active, b.actions, false);
      for (let s = 0; s < taken.length; s++) taken[s] = b.actions[s];
      episodes.push(...(await env.step()));
      this.envSteps += env.numEnvs;
      this.agentSteps += this.replay.addStep(env.numEnvs, prevObs, prevState, taken, b);
      if (this.agentSteps >= c.learningStarts && this.replay.size >= c.batchSize && k % c.trainFrequency === 0) {
        lossSum += this.trainStep();
        updates++;
      }
      if (this.agentSteps - this.lastTargetCopy >= c.targetUpdateInterval) {
        copyWeights(this.q, this.target);
        this.mixer.copyToTarget();
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

  /** One Adam step on a replay minibatch; returns the loss. */
  trainStep(): number {
    const idx = this.replay.sample(this.config.batchSize, this.rng);
    return tf.tidy(() => {
      const batch = this.batchTensors(idx);
      const y = this.targets(batch);
      return this.optimizer.minimize(() => this.loss(batch, y)).loss;
    });
  }

  /** `mean((Q_tot(s, a) − y)²)` over a minibatch, with the targets `y` `[m]`. */
  loss(batch: JointBatch, y: tf.Tensor1D): tf.Scalar {
    const m = batch.valid.shape[0];
    const qTaken = tf.reshape(tf.sum(tf.mul(this.qNet.apply(batch.obs), batch.actions), 1), [m, this.N]);
    const qTot = this.mixer.mix(tf.mul(qTaken, batch.valid) as tf.Tensor2D, batch.state, false);
    return tf.mean(tf.square(tf.sub(qTot, y)));
  }

  /** The TD targets `r + γ · continues · Q'_tot(s', argmax Q(o', ·))` `[m]` (no gradient flows into them). */
  targets(batch: JointBatch): tf.Tensor1D {
    const m = batch.valid.shape[0];
    const choice = tf.argMax(this.q.predict(batch.nextObs) as tf.Tensor2D, 1);
    const qNext = tf.sum(tf.mul(this.target.predict(batch.nextObs) as tf.Tensor2D, tf.oneHot(choice, this.K)), 1);
    const next = this.mixer.mix(
      tf.mul(tf.reshape(qNext, [m, this.N]), batch.nextValid) as tf.Tensor2D,
      batch.nextState,
      true,
    );
    return tf.add(batch.reward, tf.mul(this.config.gamma, tf.mul(batch.continues, next)));
  }

  /** Rows `idx` of the replay as tensors (call inside `tf.tidy`). */
  batchTensors(idx: Int32Array): JointBatch {
    const r = this.replay,
      N = this.N,
      D = this.env.obsDim,
      G = this.env.stateDim,
      K = this.K;
    const m = idx.length;
    const obs = new Float32Array(m * N * D),
      next = new Float32Array(m * N * D),
      acts = new Float32Array(m * N * K);
    const valid = new Float32Array(m * N),
      nextValid = new Float32Array(m * N),
      reward = new Float32Array(m),
      continues = new Float32Array(m);
    const state = new Float32Array(m * G),
      nextState = new Float32Array(m * G);
    idx.forEach((i, k) => {
      obs.set(r.obs.subarray(i * N * D, (i + 1) * N * D), k * N * D);
      next.set(r.nextObs.subarray(i * N * D, (i + 1) * N * D), k * N * D);
      state.set(r.state.subarray(i * G, (i + 1) * G), k * G);
      nextState.set(r.nextState.subarray(i * G, (i + 1) * G), k * G);
      continues[k] = r.continues[i];
      for (let a = 0; a < N; a++) {
        const j = i * N + a;
        valid[k * N + a] = r.valid[j];
        nextValid[k * N + a] = r.nextValid[j];
        reward[k] += r.rewards[j];
        if (r.valid[j]) acts[(k * N + a) * K + r.actions[j]] = 1;
      }
    });
    return {
      obs: tf.tensor2d(withAgentIds(obs, D, this.idDim), [m * N, D + this.idDim]),
      nextObs: tf.tensor2d(withAgentIds(next, D, this.idDim), [m * N, D + this.idDim]),
      actions: tf.tensor2d(acts, [m * N, K]),
      valid: tf.tensor2d(valid, [m, N]),
      nextValid: tf.tensor2d(nextValid, [m, N]),
      state: tf.tensor2d(state, [m, G]),
      nextState: tf.tensor2d(nextState, [m, G]),
      reward: tf.tensor1d(reward),
      continues: tf.tensor1d(continues),
    };
  }

  /** Greedy actions of the active slots on their own Q-values (ε-greedy with the current ε unless `deterministic`). */
  act(obs: Float32Array, active: Uint8Array, out: Float32Array, deterministic = true): void {
    const S = active.length,
      K = this.K;
    const P = this.env.obsDim + this.idDim;
    const qv = tf.tidy(
      () =>
        (
          this.q.predict(tf.tensor2d(withAgentIds(obs, this.env.obsDim, this.idDim), [S, P])) as tf.Tensor
        ).dataSync() as Float32Array,
    );
    const eps = deterministic ? 0 : this.epsilon;
    for (let s = 0; s < S; s++) {
      if (!active[s]) continue;
      out[s] = eps > 0 && this.rng.next() < eps ? this.rng.int(K) : argmax(qv, s * K, K);
    }
  }

  async checkpoint(): Promise<VdnCheckpoint> {
    return {
      algorithm: this.algorithm,
      config: this.config,
      q: modelToRecords(this.q),
      target: modelToRecords(this.target),
      mixer: this.mixer.records(),
      optimizer: this.optimizer.getState(),
      rng: this.rng.getState(),
      envSteps: this.envSteps,
      agentSteps: this.agentSteps,
      lastTargetCopy: this.lastTargetCopy,
    };
  }

  async restore(cp: LearnerCheckpoint): Promise<void> {
    if (!isCheckpointOf<VdnCheckpoint>(cp, this.algorithm)) throw wrongCheckpoint(cp, this.algorithm);
    recordsToModel(cp.q, this.q);
    recordsToModel(cp.target, this.target);
    this.mixer.restore(cp.mixer);
    this.optimizer.setState(cp.optimizer);
    this.rng.setState(cp.rng);
    this.envSteps = cp.envSteps;
    this.agentSteps = cp.agentSteps;
    this.lastTargetCopy = cp.lastTargetCopy;
  }

  /** Each agent acts greedily on its own Q: the Q-network (with agent ids, slot `slot`'s one-hot folded in). */
  zooBlocker(): string | null {
    return null;
  }

  zooModel(slot: number): ZooModel {
    if (!this.idDim) return { model: this.q, owned: false };
    const spec = { hidden: this.config.hidden, outputDim: this.K, activation: "relu" as const, name: "q" };
    return { model: foldAgentId(this.q, this.env.obsDim, slot, spec), owned: true };
  }

  dispose(): void {
    this.q.dispose();
    this.target.dispose();
    this.mixer.dispose();
    this.optimizer.dispose();
  }
}
