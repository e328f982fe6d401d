/**
 * CommNet (Sukhbaatar et al. 2016, "Learning Multiagent Communication with Backpropagation"),
 * cleanrl style: the agents of an environment share one network whose hidden layers talk. Agent
 * i's observation (and slot one-hot, `agentIds`) is encoded as `hᵢ⁰ = tanh(W_e oᵢ + b_e)`; then for
 * each of `commSteps` steps every agent receives the mean of the *other* live agents' hidden
 * states, `cᵢᵏ = mean_{j ≠ i} hⱼᵏ` (0 when it is alone), and
 *
 *     hᵢᵏ⁺¹ = tanh(Hᵏ hᵢᵏ + Cᵏ cᵢᵏ + bᵏ)
 *
 * — communication as a continuous, differentiable channel, so the gradient of one agent's loss
 * reaches what the others "said". Heads on the last hidden state give the agent's action logits and
 * (as the paper's baseline) its value. The agents come and go with the environment (absent agents
 * neither speak nor listen), and the weights are shared, so any number of agents fits.
 *
 * Training is PPO's (learning/algorithms/ppo.ts): rollouts of `numSteps` steps, GAE on each
 * agent's own reward, `updateEpochs` passes of the clipped surrogate, value loss and entropy bonus
 * over minibatches of whole environment-steps (the network needs every agent of a step at once), by
 * autodiff (learning/nn/Adam.ts). Acting needs the environment's agents together: `act` takes
 * whole environments, as the vectorised env gives them.
 */
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import { Rng, type RngState } from "../../core/random/Rng.js";
import { withAgentIds } from "../nn/agentIds.js";
import { Adam, type AdamState } from "../nn/Adam.js";
import { matMul } from "../nn/matMul.js";
import { argmax, sampleCategorical } from "../nn/sampling.js";
import { decodeF32, encodeF32, type ArrayRecord } from "../nn/tensorRecord.js";
import type { EpisodeStat, VecEnv } from "../vecEnv/VecEnv.js";
import {
  isCheckpointOf,
  wrongCheckpoint,
  type IterationStats,
  type Learner,
  type LearnerCheckpoint,
  type ZooModel,
} from "./Learner.js";
import { computeGae, shuffle } from "./ppo.js";

/** CommNet's hyper-parameters. */
export const CommNetConfigSchema = z.object({
  /** Seed of the initial weights, action sampling and minibatch shuffling. */
  seed: z.number().int().nonnegative().default(1),
  /** Steps collected from every environment copy per iteration. */
  numSteps: z.number().int().positive().default(64),
  /** Adam learning rate. */
  learningRate: z.number().positive().default(5e-4),
  /** Discount factor. */
  gamma: z.number().min(0).max(1).default(0.99),
  /** GAE's λ. */
  gaeLambda: z.number().min(0).max(1).default(0.95),
  /** Passes over each batch. */
  updateEpochs: z.number().int().positive().default(4),
  /** Minibatch size (agent samples; rounded to whole environment-steps). */
  minibatchSize: z.number().int().positive().default(1024),
  /** Surrogate clipping ε. */
  clipCoef: z.number().positive().default(0.2),
  /** Entropy bonus weight. */
  entCoef: z.number().min(0).default(0.01),
  /** Value loss weight. */
  vfCoef: z.number().min(0).default(0.5),
  /** Largest global gradient norm. */
  maxGradNorm: z.number().positive().default(0.5),
  /** Width of the hidden (communicating) layers. */
  hiddenDim: z.number().int().positive().default(64),
  /** Communication steps. */
  commSteps: z.number().int().nonnegative().default(2),
  /** Append a one-hot of the agent slot to the input. */
  agentIds: z.boolean().default(false),
});

/** CommNet's hyper-parameters (defaults filled). */
export type CommNetConfig = z.infer<typeof CommNetConfigSchema>;

/** What a CommNet checkpoint holds. */
export interface CommNetCheckpoint extends LearnerCheckpoint {
  config: CommNetConfig;
  weights: ArrayRecord[];
  optimizer: AdamState;
  rng: RngState;
  envSteps: number;
  agentSteps: number;
}

/** Logits `[m, N, K]` and values `[m, N]` of a batch of environment-steps. */
interface CommNetOutput {
  logits: tf.Tensor3D;
  values: tf.Tensor2D;
}

/** CommNet over a vectorised env with discrete actions. */
export class CommNet implements Learner {
  readonly algorithm = "commnet";
  readonly config: CommNetConfig;
  /** The network's variables, in checkpoint order. */
  readonly variables: tf.Variable[] = [];
  private readonly w: Record<string, tf.Variable> = {};
  private readonly optimizer: Adam;
  private readonly rng: Rng;
  private readonly N: number;
  private readonly K: number;
  envSteps = 0;
  agentSteps = 0;

  constructor(
    readonly env: VecEnv,
    config: z.input<typeof CommNetConfigSchema> = {},
  ) {
    if (env.action.kind !== "discrete") throw new Error("commnet: needs discrete actions");
    this.config = CommNetConfigSchema.parse(config);
    const c = this.config;
    this.N = env.numAgents;
    this.K = env.action.n;
    this.rng = new Rng(c.seed).fork("commnet");
    const H = c.hiddenDim;
    let seed = c.seed * 1000 + 1;
    const add = (name: string, shape: [number, number] | [number], gain = 1) => {
      const init =
        shape.length === 2
          ? tf.initializers
              .varianceScaling({ scale: gain * gain, mode: "fanAvg", distribution: "uniform", seed: seed++ })
              .apply(shape)
          : tf.zeros(shape);
      this.w[name] = tf.variable(init, true);
      init.dispose();
      this.variables.push(this.w[name]);
    };
    add("enc_kernel", [this.policyDim, H]);
    add("enc_bias", [H]);
    for (let k = 0; k < c.commSteps; k++) {
      add(`self${k}`, [H, H]);
      add(`comm${k}`, [H, H]);
      add(`bias${k}`, [H]);
    }
    add("policy_kernel", [H, this.K], 0.01);
    add("policy_bias", [this.K]);
    add("value_kernel", [H, 1]);
    add("value_bias", [1]);
    this.optimizer = new Adam(this.variables, c.learningRate, c.maxGradNorm);
  }

  /** The input length of one agent. */
  get policyDim(): number {
    return this.env.obsDim + (this.config.agentIds ? this.N : 0);
  }

  /** The network on `m` environment-steps: inputs `x` `[m, N, P]`, `present` `[m, N]` (call inside `tf.tidy`). */
  forward(x: tf.Tensor3D, present: tf.Tensor2D): CommNetOutput {
    const m = x.shape[0],
      N = this.N,
      H = this.config.hiddenDim,
      P = this.policyDim,
      w = this.w;
    const mask = tf.reshape(present, [m, N, 1]);
    const layer = (h: tf.Tensor, kernel: tf.Variable) => matMul(h as tf.Tensor2D, kernel as tf.Tensor2D);
    let h = tf.mul(
      tf.reshape(tf.tanh(tf.add(layer(tf.reshape(x, [m * N, P]), w.enc_kernel), w.enc_bias)), [m, N, H]),
      mask,
    );
    // The others' mean: (sum of all − own) / (live count − 1), 0 for an agent alone.
    const others = tf.maximum(tf.sub(tf.sum(present, 1, true), 1), 1); // [m, 1]
    for (let k = 0; k < this.config.commSteps; k++) {
      const total = tf.sum(h, 1, true); // [m, 1, H]
      const c = tf.div(tf.sub(total, h), tf.reshape(others, [m, 1, 1]));
      const next = tf.add(
        tf.add(layer(tf.reshape(h, [m * N, H]), w[`self${k}`]), layer(tf.reshape(c, [m * N, H]), w[`comm${k}`])),
        w[`bias${k}`],
      );
      h = tf.mul(tf.reshape(tf.tanh(next), [m, N, H]), mask);
    }
    const flat = tf.reshape(h, [m * N, H]);
    return {
      logits: tf.reshape(tf.add(layer(flat, w.policy_kernel), w.policy_bias), [m, N, this.K]) as tf.Tensor3D,
      values: tf.reshape(tf.add(layer(flat, w.value_kernel), w.value_bias), [m, N]) as tf.Tensor2D,
    };
  }

  /** Logits `[S · K]` and values `[S]` of the slots of whole environments (host in, host out). */
  private predict(obs: Float32Array, present: Uint8Array): { logits: Float32Array; values: Float32Array } {
    const S = present.length,
      m = S / this.N;
    return tf.tidy(() => {
      const out = this.forward(
        tf.tensor3d(withAgentIds(obs, this.env.obsDim, this.config.agentIds ? this.N : 0), [m, this.N, this.policyDim]),
        tf.tensor2d(Float32Array.from(present), [m, this.N]),
      );
      return { logits: out.logits.dataSync() as Float32Array, values: out.values.dataSync() as Float32Array };
    });
  }

  /** One iteration: a rollout of `numSteps` steps, then the update. Call `env.reset` once before the first. */
  async iterate(): Promise<IterationStats> {
    const env = this.env,
      c = this.config,
      b = env.buffers;
    const T = c.numSteps,
      N = this.N,
      K = this.K,
      E = env.numEnvs,
      S = E * N,
      D = env.obsDim;
    const obsBuf = new Float32Array(T * S * D),
      presentBuf = new Uint8Array(T * S),
      actBuf = new Int32Array(T * S),
      logpBuf = new Float32Array(T * S),
      valBuf = new Float32Array(T * S),
      rewBuf = new Float32Array(T * S),
      doneBuf = new Uint8Array(T * S);
    const episodes: EpisodeStat[] = [];
    for (let t = 0; t < T; t++) {
      const { logits, values } = this.predict(b.obs, b.active);
      obsBuf.set(b.obs, t * S * D);
      presentBuf.set(b.active, t * S);
      for (let s = 0; s < S; s++) {
        if (!b.active[s]) continue;
        const i = t * S + s;
        const { index, logProb } = sampleCategorical(logits, s * K, K, this.rng);
        b.actions[s] = index;
        actBuf[i] = index;
        logpBuf[i] = logProb;
        valBuf[i] = values[s];
      }
      episodes.push(...(await env.step()));
      this.envSteps += E;
      let truncatedAny = false;
      for (let s = 0; s < S; s++) {
        const i = t * S + s;
        if (!presentBuf[i]) continue;
        this.agentSteps++;
        rewBuf[i] = b.rewards[s];
        doneBuf[i] = b.terminated[s] | b.truncated[s];
        if (b.truncated[s]) truncatedAny = true;
      }
      if (truncatedAny) {
        // Cut short: bootstrap from the value of the final observation, beside the others as they are.
        const nextObs = Float32Array.from(b.obs),
          present = Uint8Array.from(b.active);
        for (let s = 0; s < S; s++) {
          if (!b.terminated[s] && !b.truncated[s]) continue;
          nextObs.set(b.finalObs.subarray(s * D, (s + 1) * D), s * D);
          present[s] = b.truncated[s];
        }
        const v = this.predict(nextObs, present).values;
        for (let s = 0; s < S; s++) if (b.truncated[s] && presentBuf[t * S + s]) rewBuf[t * S + s] += c.gamma * v[s];
      }
    }
    const last = this.predict(b.obs, b.active).values;
    const nextValues = new Float32Array(S);
    for (let s = 0; s < S; s++) nextValues[s] = b.active[s] ? last[s] : 0;
    const adv = computeGae(T, S, rewBuf, valBuf, doneBuf, presentBuf, nextValues, c.gamma, c.gaeLambda);
    const losses = this.update(T, { obsBuf, presentBuf, actBuf, logpBuf, valBuf, adv });
    return { envSteps: this.envSteps, agentSteps: this.agentSteps, episodes, losses };
  }

  /** `updateEpochs` passes over the environment-steps of the rollout. */
  private update(
    T: number,
    r: {
      obsBuf: Float32Array;
      presentBuf: Uint8Array;
      actBuf: Int32Array;
      logpBuf: Float32Array;
      valBuf: Float32Array;
      adv: Float32Array;
    },
  ): Record<string, number> {
    const c = this.config,
      N = this.N,
      E = this.env.numEnvs,
      D = this.env.obsDim;
    const rows: number[] = [];
    for (let i = 0; i < T * E; i++) {
      let any = false;
      for (let a = 0; a < N; a++) any ||= r.presentBuf[i * N + a] === 1;
      if (any) rows.push(i);
    }
    if (rows.length === 0) return {};
    const perBatch = Math.max(1, Math.floor(c.minibatchSize / N));
    const sums = { loss: 0, policy: 0, value: 0, entropy: 0 };
    let steps = 0;
    for (let epoch = 0; epoch < c.updateEpochs; epoch++) {
      shuffle(rows, this.rng);
      for (let start = 0; start < rows.length; start += perBatch) {
        const idx = rows.slice(start, start + perBatch),
          m = idx.length;
        const obs = new Float32Array(m * N * D),
          present = new Float32Array(m * N),
          actions = new Int32Array(m * N),
          oldLogp = new Float32Array(m * N),
          adv = new Float32Array(m * N),
          returns = new Float32Array(m * N);
        idx.forEach((i, k) => {
          obs.set(r.obsBuf.subarray(i * N * D, (i + 1) * N * D), k * N * D);
          for (let a = 0; a < N; a++) {
            const j = i * N + a;
            present[k * N + a] = r.presentBuf[j];
            actions[k * N + a] = r.actBuf[j];
            oldLogp[k * N + a] = r.logpBuf[j];
            adv[k * N + a] = r.adv[j];
            returns[k * N + a] = r.adv[j] + r.valBuf[j];
          }
        });
        const parts = { policy: 0, value: 0, entropy: 0 };
        const loss = tf.tidy(() => {
          const x = tf.tensor3d(withAgentIds(obs, D, c.agentIds ? N : 0), [m, N, this.policyDim]);
          const mask = tf.tensor1d(present);
          const p = tf.tensor2d(present, [m, N]);
          return this.optimizer.minimize(() => this.loss(x, p, mask, actions, oldLogp, adv, returns, parts)).loss;
        });
        sums.loss += loss;
        for (const k of Object.keys(parts) as (keyof typeof parts)[]) sums[k] += parts[k];
        steps++;
      }
    }
    for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] /= steps;
    return sums;
  }

  /**
   * PPO's loss over the present agents of a minibatch (advantages normalised over them):
   * clipped surrogate − entCoef · entropy + vfCoef · value error² / 2. Records its parts in `parts`.
   */
  loss(
    x: tf.Tensor3D,
    present: tf.Tensor2D,
    mask: tf.Tensor1D,
    actions: Int32Array,
    oldLogp: Float32Array,
    advantages: Float32Array,
    returns: Float32Array,
    parts: Record<string, number>,
  ): tf.Scalar {
    const c = this.config,
      K = this.K;
    const { logits, values } = this.forward(x, present);
    const rows = mask.shape[0];
    const logProbs = tf.logSoftmax(tf.reshape(logits, [rows, K]));
    const taken = tf.sum(tf.mul(logProbs, tf.oneHot(tf.tensor1d(actions, "int32"), K)), 1);
    const count = tf.maximum(tf.sum(mask), 1);
    const masked = (t: tf.Tensor1D) => tf.div(tf.sum(tf.mul(t, mask)), count);
    const advMean = masked(tf.tensor1d(advantages));
    const advStd = tf.sqrt(tf.add(masked(tf.square(tf.sub(tf.tensor1d(advantages), advMean)) as tf.Tensor1D), 1e-16));
    const adv = tf.div(tf.sub(tf.tensor1d(advantages), advMean), tf.add(advStd, 1e-8));
    const ratio = tf.exp(tf.sub(taken, tf.tensor1d(oldLogp)));
    const surrogate = tf.minimum(
      tf.mul(ratio, adv),
      tf.mul(tf.clipByValue(ratio, 1 - c.clipCoef, 1 + c.clipCoef), adv),
    );
    const policy = tf.neg(masked(surrogate as tf.Tensor1D));
    const entropy = masked(tf.neg(tf.sum(tf.mul(tf.exp(logProbs), logProbs), 1)) as tf.Tensor1D);
    const value = tf.mul(
      0.5,
      masked(tf.square(tf.sub(tf.reshape(values, [rows]), tf.tensor1d(returns))) as tf.Tensor1D),
    );
    parts.policy = policy.dataSync()[0];
    parts.value = value.dataSync()[0];
    parts.entropy = entropy.dataSync()[0];
    return tf.add(tf.sub(policy, tf.mul(c.entCoef, entropy)), tf.mul(c.vfCoef, value)) as tf.Scalar;
  }

  /** Greedy (or sampled) actions of the active slots of whole environments, the agents of each together. */
  act(obs: Float32Array, active: Uint8Array, out: Float32Array, deterministic = true): void {
    const K = this.K;
    const { logits } = this.predict(obs, active);
    for (let s = 0; s < active.length; s++) {
      if (!active[s]) continue;
      out[s] = deterministic ? argmax(logits, s * K, K) : sampleCategorical(logits, s * K, K, this.rng).index;
    }
  }

  async checkpoint(): Promise<CommNetCheckpoint> {
    return {
      algorithm: this.algorithm,
      config: this.config,
      weights: this.variables.map((v) => encodeF32(v.dataSync() as Float32Array, [...v.shape])),
      optimizer: this.optimizer.getState(),
      rng: this.rng.getState(),
      envSteps: this.envSteps,
      agentSteps: this.agentSteps,
    };
  }

  async restore(cp: LearnerCheckpoint): Promise<void> {
    if (!isCheckpointOf<CommNetCheckpoint>(cp, "commnet")) throw wrongCheckpoint(cp, "commnet");
    if (cp.weights.length !== this.variables.length)
      throw new Error(`commnet checkpoint: ${cp.weights.length} arrays, this network ${this.variables.length}`);
    this.variables.forEach((v, i) => v.assign(tf.tensor(decodeF32(cp.weights[i]), v.shape)));
    this.optimizer.setState(cp.optimizer);
    this.rng.setState(cp.rng);
    this.envSteps = cp.envSteps;
    this.agentSteps = cp.agentSteps;
  }

  /** CommNet exports as a group policy (without agent ids: the zoo gives no slot). */
  zooBlocker(): string | null {
    return this.config.agentIds
      ? "a CommNet trained with agent ids reads its slot, which the zoo's group policies do not give; train with agentIds false"
      : null;
  }

  /**
   * The network as a tfjs layers model of a group policy (agent-zoo/tfjs/GroupBatcher.ts): inputs
   * the agents' observations `[N, P]`, presence `[N, 1]` and weights `1 / max(1, live − 1)` `[N, 1]`,
   * output the logits `[N, K]`; the same weights as {@link forward}, built of standard layers (the
   * sum over agents is a fixed all-ones dense layer on the transposed states, the subtraction a
   * fixed −I one) so the zoo loads it with `tf.loadLayersModel`.
   */
  zooModel(_slot: number): ZooModel {
    const blocker = this.zooBlocker();
    if (blocker) throw new Error(`commnet: ${blocker}`);
    const N = this.N,
      P = this.policyDim,
      H = this.config.hiddenDim,
      w = this.w;
    const sym = (t: tf.SymbolicTensor | tf.SymbolicTensor[] | tf.Tensor | tf.Tensor[]): tf.SymbolicTensor => {
      if (!(t instanceof tf.SymbolicTensor)) throw new Error("commnet: a layer gave no symbolic tensor");
      return t;
    };
    const obs = tf.input({ shape: [N, P] }),
      present = tf.input({ shape: [N, 1] }),
      weight = tf.input({ shape: [N, 1] });
    const fixed: tf.Tensor[] = [];
    const dense = (units: number, weights: tf.Tensor[], activation: "tanh" | "linear" = "linear", trainable = true) =>
      tf.layers.dense({ units, activation, useBias: weights.length === 2, weights, trainable });
    const masked = (t: tf.SymbolicTensor) => sym(tf.layers.multiply().apply([t, present]));
    let h = masked(sym(dense(H, [w.enc_kernel, w.enc_bias], "tanh").apply(obs)));
    const ones = tf.ones([N, 1]),
      minusI = tf.mul(tf.eye(H), -1);
    fixed.push(ones, minusI);
    for (let k = 0; k < this.config.commSteps; k++) {
      // c = (Σ_j h_j − h) · weight: the mean of the other live agents' states.
      const total = sym(
        tf.layers
          .permute({ dims: [2, 1] })
          .apply(sym(dense(1, [ones], "linear", false).apply(sym(tf.layers.permute({ dims: [2, 1] }).apply(h))))),
      );
      const c = sym(
        tf.layers
          .multiply()
          .apply([sym(tf.layers.add().apply([total, sym(dense(H, [minusI], "linear", false).apply(h))])), weight]),
      );
      const next = sym(
        tf.layers
          .add()
          .apply([sym(dense(H, [w[`self${k}`]]).apply(h)), sym(dense(H, [w[`comm${k}`], w[`bias${k}`]]).apply(c))]),
      );
      h = masked(sym(tf.layers.activation({ activation: "tanh" }).apply(next)));
    }
    const logits = sym(dense(this.K, [w.policy_kernel, w.policy_bias]).apply(h));
    const model = tf.model({ inputs: [obs, present, weight], outputs: logits, name: "commnet" });
    tf.dispose(fixed);
    return { model, owned: true, group: { maxAgents: N } };
  }

  dispose(): void {
    tf.dispose(this.variables);
    this.optimizer.dispose();
  }
}
