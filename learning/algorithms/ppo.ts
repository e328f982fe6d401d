/**
 * Proximal Policy Optimization (Schulman et al. 2017), cleanrl style: one file, top to bottom.
 *
 * 1. Collect `numSteps` steps from every slot of a vectorised env with the current policy
 *    (discrete: categorical over logits; continuous: diagonal Gaussian with a learnt log-std).
 *    Every agent slot is a sample of one shared policy (parameter sharing); inactive slots are
 *    skipped. A truncated episode bootstraps from the value of its final observation.
 * 2. Generalised advantage estimation per slot, walking back over the slot's own steps.
 * 3. `updateEpochs` passes over the batch in shuffled minibatches: clipped surrogate loss,
 *    value loss (on normalised returns when `normValue`), entropy bonus, global-norm gradient
 *    clipping, Adam. The loss's gradient at the network outputs is written out on the host
 *    ({@link ppoOutputGradients}) and back-propagated by hand (learning/nn/ManualMlp.ts), and Adam
 *    runs on the host (learning/nn/HostAdam.ts): on the wasm backend this is several times faster
 *    than autodiff. `loss()` is the same loss for autodiff, which the tests check the gradients
 *    against.
 *
 * IPPO and MAPPO (learning/algorithms/mappo.ts) subclass this class and only change what the
 * policy and the critic see.
 */
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import { Rng, type RngState } from "../../core/random/Rng.js";
import { buildMlp } from "../nn/mlp.js";
import { HostAdam } from "../nn/HostAdam.js";
import { ManualMlp, transpose } from "../nn/ManualMlp.js";
import { RunningMeanStd, type RunningMeanStdState } from "../nn/RunningMeanStd.js";
import { argmax, sampleCategorical } from "../nn/sampling.js";
import type { AdamState } from "../nn/Adam.js";
import { decodeF32, encodeF32, modelToRecords, recordsToModel, type ArrayRecord } from "../nn/tensorRecord.js";
import { endStates, type EpisodeStat, type VecEnv } from "../vecEnv/VecEnv.js";
import {
  isCheckpointOf,
  wrongCheckpoint,
  type IterationStats,
  type Learner,
  type LearnerCheckpoint,
  type ZooModel,
} from "./Learner.js";

/** PPO's hyper-parameters. */
export const PpoConfigSchema = z.object({
  /** Seed of the networks' initial weights, action sampling and minibatch shuffling. */
  seed: z.number().int().nonnegative().default(1),
  /** Steps collected from every environment copy per iteration. */
  numSteps: z.number().int().positive().default(128),
  /** Adam learning rate. */
  learningRate: z.number().positive().default(3e-4),
  /** Discount factor. */
  gamma: z.number().min(0).max(1).default(0.99),
  /** GAE's λ. */
  gaeLambda: z.number().min(0).max(1).default(0.95),
  /** Passes over each batch. */
  updateEpochs: z.number().int().positive().default(4),
  /** Minibatch size (samples; the last minibatch of an epoch takes the remainder). */
  minibatchSize: z.number().int().positive().default(256),
  /** Surrogate clipping ε. */
  clipCoef: z.number().positive().default(0.2),
  /** Entropy bonus weight. */
  entCoef: z.number().min(0).default(0.01),
  /** Value loss weight. */
  vfCoef: z.number().min(0).default(0.5),
  /** Largest global gradient norm. */
  maxGradNorm: z.number().positive().default(0.5),
  /** Normalise advantages per minibatch. */
  normAdv: z.boolean().default(true),
  /** The critic predicts returns normalised by their running mean and spread. */
  normValue: z.boolean().default(true),
  /** Hidden layer sizes of the policy and the critic. */
  hidden: z.array(z.number().int().positive()).min(1).default([64, 64]),
  /** Initial log standard deviation of continuous actions. */
  logStdInit: z.number().default(-0.5),
  /**
   * Learning rate and entropy weight fall linearly from their set values to 0 at this many env
   * steps (cleanrl's `anneal_lr`, with the entropy bonus too, so that the greedy policy a run ends
   * with is the one the samples were good for); null: constant.
   */
  annealSteps: z.number().int().positive().nullable().default(null),
  /**
   * Until this many env steps only the critic learns (the policy's gradients are zeroed): for a
   * policy that starts good — cloned (`train:paper --bc-from`) or warm-started — whose fresh critic
   * would otherwise feed it noise for advantages. 0: from the first update.
   */
  criticWarmupSteps: z.number().int().nonnegative().default(0),
});

/** PPO's hyper-parameters (defaults filled). */
export type PpoConfig = z.infer<typeof PpoConfigSchema>;

/** One batch of samples for {@link PPO.update}. */
export interface PpoBatch {
  /** Samples. */
  n: number;
  /** `[n · policyDim]` what the policy saw. */
  obs: Float32Array;
  /** `[n · criticDim]` what the critic saw (the same array as `obs` when the critic reads the policy's input). */
  criticObs: Float32Array;
  /** `[n · actionDim]` actions taken (discrete: the index). */
  actions: Float32Array;
  /** `[n]` log-probabilities of the actions when taken. */
  logProbs: Float32Array;
  /** `[n]` GAE advantages. */
  advantages: Float32Array;
  /** `[n]` return targets (advantage + value). */
  returns: Float32Array;
}

/** Everything needed to continue training identically (plus the config). */
export interface PpoCheckpoint extends LearnerCheckpoint {
  config: PpoConfig;
  policy: ArrayRecord[];
  critic: ArrayRecord[];
  logStd: ArrayRecord | null;
  optimizer: AdamState;
  rng: RngState;
  returnStats: RunningMeanStdState;
  envSteps: number;
  agentSteps: number;
}

/**
 * The clipped surrogate objective, as a loss to minimise: `−mean(min(ρ·A, clip(ρ, 1 ± ε)·A))` with
 * `ρ = exp(newLogProb − oldLogProb)`.
 */
export function ppoClippedLoss(
  newLogProb: tf.Tensor1D,
  oldLogProb: tf.Tensor1D,
  advantages: tf.Tensor1D,
  clipCoef: number,
): tf.Scalar {
  return tf.tidy(() => {
    const ratio = tf.exp(tf.sub(newLogProb, oldLogProb));
    const unclipped = tf.mul(ratio, advantages);
    const clipped = tf.mul(tf.clipByValue(ratio, 1 - clipCoef, 1 + clipCoef), advantages);
    return tf.neg(tf.mean(tf.minimum(unclipped, clipped))) as tf.Scalar;
  });
}

/**
 * GAE over a rollout of `T` steps × `S` slots (index `t · S + s`), walking back over each slot's own
 * steps (`valid`) only. `nextValues[s]` is the value after the last step (0 where the slot ended).
 * A step with `dones` set cuts the recursion; truncation bootstraps are already in `rewards`.
 */
export function computeGae(
  T: number,
  S: number,
  rewards: Float32Array,
  values: Float32Array,
  dones: Uint8Array,
  valid: Uint8Array,
  nextValues: Float32Array,
  gamma: number,
  lambda: number,
): Float32Array {
  const adv = new Float32Array(T * S);
  for (let s = 0; s < S; s++) {
    let nextValue = nextValues[s];
    let lastGae = 0;
    for (let t = T - 1; t >= 0; t--) {
      const i = t * S + s;
      if (!valid[i]) continue;
      const notDone = dones[i] ? 0 : 1;
      const delta = rewards[i] + gamma * nextValue * notDone - values[i];
      lastGae = delta + gamma * lambda * notDone * lastGae;
      adv[i] = lastGae;
      nextValue = values[i];
    }
  }
  return adv;
}

/** PPO with one policy shared by every agent slot. */
export class PPO implements Learner {
  /** The algorithm's name in checkpoints and logs. */
  readonly algorithm: string = "ppo";
  readonly config: PpoConfig;
  /** obs → logits (discrete) or action means (continuous). */
  readonly policy: tf.Sequential;
  /** critic obs → value (normalised when `normValue`). */
  readonly critic: tf.Sequential;
  /** Log standard deviations of continuous actions (null for discrete). */
  readonly logStd: tf.Variable | null;
  protected readonly optimizer: HostAdam;
  protected readonly policyNet: ManualMlp;
  protected readonly criticNet: ManualMlp;
  protected readonly rng: Rng;
  protected readonly returnStats = new RunningMeanStd();
  protected readonly discrete: boolean;
  /** Output units of the policy: actions (discrete) or action elements (continuous). */
  protected readonly outDim: number;
  /** Elements per stored action. */
  protected readonly actDim: number;
  envSteps = 0;
  agentSteps = 0;

  /**
   * `schema` lets subclasses add settings of their own: it parses `config` into PPO's settings and
   * theirs (which they read back from `config` with their own schema).
   */
  constructor(
    readonly env: VecEnv,
    config: z.input<typeof PpoConfigSchema> = {},
    schema: { parse(input: unknown): PpoConfig } = PpoConfigSchema,
  ) {
    this.config = schema.parse(config);
    const c = this.config;
    this.discrete = env.action.kind === "discrete";
    this.outDim = env.action.kind === "discrete" ? env.action.n : env.action.dim;
    this.actDim = env.action.kind === "discrete" ? 1 : env.action.dim;
    this.rng = new Rng(c.seed).fork(this.algorithm);
    this.policy = buildMlp({
      inputDim: this.policyDim,
      hidden: c.hidden,
      outputDim: this.outDim,
      outputGain: 0.01,
      seed: c.seed * 1000 + 1,
      name: "policy",
    });
    this.critic = buildMlp({
      inputDim: this.criticDim,
      hidden: c.hidden,
      outputDim: 1,
      outputGain: 1,
      seed: c.seed * 1000 + 101,
      name: "critic",
    });
    this.logStd = this.discrete ? null : tf.variable(tf.fill([this.outDim], c.logStdInit), true);
    this.policyNet = new ManualMlp(this.policy);
    this.criticNet = new ManualMlp(this.critic);
    this.optimizer = new HostAdam(
      [...this.policyNet.variables, ...this.criticNet.variables, ...(this.logStd ? [this.logStd] : [])],
      c.learningRate,
      c.maxGradNorm,
    );
  }

  /** Input length of the policy (subclasses add agent ids). */
  get policyDim(): number {
    return this.env.obsDim;
  }

  /** Input length of the critic (subclasses centralise it). */
  get criticDim(): number {
    return this.env.obsDim;
  }

  /** The policy inputs of every slot from the env's observation array (`[slots · policyDim]`). */
  protected policyInputs(obs: Float32Array): Float32Array {
    return obs;
  }

  /** Whether the critic's input is the policy's (then rollouts and minibatches store and upload it once). */
  protected get criticSharesInput(): boolean {
    return true;
  }

  /**
   * The critic inputs of every slot (`[slots · criticDim]`) from the slots' observations, which of
   * them are live (`active`) and the copies' global states (`[numEnvs · stateDim]`).
   */
  protected criticInputs(obs: Float32Array, _active: Uint8Array, _state: Float32Array): Float32Array {
    return obs;
  }

  /** The settings in force now: {@link PpoConfig.annealSteps} applied at the current env step. */
  get scheduled(): PpoConfig {
    const c = this.config;
    if (c.annealSteps === null) return c;
    const f = Math.max(0, 1 - this.envSteps / c.annealSteps);
    return { ...c, learningRate: c.learningRate * f, entCoef: c.entCoef * f };
  }

  /** One iteration: a rollout of `numSteps` steps, then the update. Call `env.reset` once before the first. */
  async iterate(): Promise<IterationStats> {
    const { batch, episodes } = await this.collect();
    const losses = this.update(batch);
    return { envSteps: this.envSteps, agentSteps: this.agentSteps, episodes, losses };
  }

  /** Collects one rollout and computes advantages and returns. */
  async collect(): Promise<{ batch: PpoBatch; episodes: EpisodeStat[] }> {
    const env = this.env,
      c = this.config;
    const T = c.numSteps,
      S = env.numEnvs * env.numAgents,
      P = this.policyDim,
      C = this.criticDim,
      A = this.actDim;
    const shared = this.criticSharesInput;
    const obsBuf = new Float32Array(T * S * P),
      critBuf = shared ? obsBuf : new Float32Array(T * S * C);
    const actBuf = new Float32Array(T * S * A),
      logpBuf = new Float32Array(T * S);
    const valBuf = new Float32Array(T * S),
      rewBuf = new Float32Array(T * S);
    const doneBuf = new Uint8Array(T * S),
      validBuf = new Uint8Array(T * S);
    const episodes: EpisodeStat[] = [];
    const b = env.buffers;
    for (let t = 0; t < T; t++) {
      const pin = this.policyInputs(b.obs),
        cin = shared ? pin : this.criticInputs(b.obs, b.active, b.state);
      obsBuf.set(pin, t * S * P);
      if (!shared) critBuf.set(cin, t * S * C);
      const { out, values } = this.forward(pin, cin, S);
      for (let s = 0; s < S; s++) {
        const i = t * S + s;
        if (!b.active[s]) continue;
        validBuf[i] = 1;
        valBuf[i] = values[s];
        logpBuf[i] = this.sampleAction(out, s, actBuf, i * A, b.actions, s * A);
      }
      episodes.push(...(await env.step()));
      this.envSteps += env.numEnvs;
      let truncatedAny = false;
      for (let s = 0; s < S; s++) {
        const i = t * S + s;
        if (!validBuf[i]) continue;
        this.agentSteps++;
        rewBuf[i] = b.rewards[s];
        doneBuf[i] = b.terminated[s] | b.truncated[s];
        if (b.truncated[s]) truncatedAny = true;
      }
      if (truncatedAny) {
        // Bootstrap cut-off episodes from the value of their last observation.
        const finalActive = new Uint8Array(S);
        for (let s = 0; s < S; s++) finalActive[s] = b.truncated[s];
        const v = this.values(this.criticInputs(b.finalObs, finalActive, endStates(env)), S);
        for (let s = 0; s < S; s++) if (b.truncated[s] && validBuf[t * S + s]) rewBuf[t * S + s] += c.gamma * v[s];
      }
    }
    const last = this.values(this.criticInputs(b.obs, b.active, b.state), S);
    const nextValues = new Float32Array(S);
    for (let s = 0; s < S; s++) nextValues[s] = b.active[s] ? last[s] : 0;
    const adv = computeGae(T, S, rewBuf, valBuf, doneBuf, validBuf, nextValues, c.gamma, c.gaeLambda);
    // Keep valid samples only.
    let n = 0;
    for (let i = 0; i < T * S; i++) n += validBuf[i];
    const batchObs = new Float32Array(n * P);
    const batch: PpoBatch = {
      n,
      obs: batchObs,
      criticObs: shared ? batchObs : new Float32Array(n * C),
      actions: new Float32Array(n * A),
      logProbs: new Float32Array(n),
      advantages: new Float32Array(n),
      returns: new Float32Array(n),
    };
    for (let i = 0, k = 0; i < T * S; i++) {
      if (!validBuf[i]) continue;
      batch.obs.set(obsBuf.subarray(i * P, i * P + P), k * P);
      if (!shared) batch.criticObs.set(critBuf.subarray(i * C, i * C + C), k * C);
      batch.actions.set(actBuf.subarray(i * A, i * A + A), k * A);
      batch.logProbs[k] = logpBuf[i];
      batch.advantages[k] = adv[i];
      batch.returns[k] = adv[i] + valBuf[i];
      k++;
    }
    return { batch, episodes };
  }

  /** `updateEpochs` passes of minibatch gradient steps over `batch`; returns mean losses. */
  update(batch: PpoBatch): Record<string, number> {
    const c = this.config;
    if (batch.n === 0) return {};
    this.optimizer.learningRate = this.scheduled.learningRate;
    if (c.normValue) this.returnStats.update(batch.returns, batch.n);
    const sums = { policy: 0, value: 0, entropy: 0, approxKl: 0, clipFrac: 0 };
    let updates = 0;
    const order = Array.from({ length: batch.n }, (_, i) => i);
    for (let epoch = 0; epoch < c.updateEpochs; epoch++) {
      shuffle(order, this.rng);
      for (let start = 0; start < batch.n; start += c.minibatchSize) {
        const idx = order.slice(start, start + c.minibatchSize);
        const stats = { policy: 0, value: 0, entropy: 0, approxKl: 0, clipFrac: 0 };
        const grads = this.gradients(this.hostMinibatch(batch, idx), stats);
        if (this.envSteps < c.criticWarmupSteps) this.freezePolicy(grads);
        this.optimizer.apply(grads);
        for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] += stats[k];
        updates++;
      }
    }
    for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] /= updates;
    return sums;
  }

  /** Zeroes the policy's gradients (its layers and the log-stds) in `grads` ({@link gradients}' order), so Adam leaves it as it is. */
  private freezePolicy(grads: Float32Array[]): void {
    const policyVars = this.policyNet.variables.length;
    for (let i = 0; i < policyVars; i++) grads[i].fill(0);
    if (this.logStd) grads[grads.length - 1].fill(0);
  }

  /** Greedy (or sampled) actions for every slot from observations: for evaluation. */
  act(obs: Float32Array, active: Uint8Array, out: Float32Array, deterministic = true): void {
    const S = active.length;
    const { out: o } = this.forward(this.policyInputs(obs), null, S);
    const scratch = new Float32Array(this.actDim);
    for (let s = 0; s < S; s++) {
      if (!active[s]) continue;
      if (deterministic) {
        if (this.discrete) out[s] = argmax(o, s * this.outDim, this.outDim);
        else
          for (let d = 0; d < this.outDim; d++) out[s * this.outDim + d] = this.clipAction(o[s * this.outDim + d], d);
      } else this.sampleAction(o, s, scratch, 0, out, s * this.actDim);
    }
  }

  /** Everything to continue training identically. */
  async checkpoint(): Promise<PpoCheckpoint> {
    return {
      algorithm: this.algorithm,
      config: this.config,
      policy: modelToRecords(this.policy),
      critic: modelToRecords(this.critic),
      logStd: this.logStd ? encodeF32(this.logStd.dataSync() as Float32Array) : null,
      optimizer: this.optimizer.getState(),
      rng: this.rng.getState(),
      returnStats: this.returnStats.getState(),
      envSteps: this.envSteps,
      agentSteps: this.agentSteps,
    };
  }

  /** Continues from a checkpoint of the same algorithm and network shapes. */
  async restore(cp: LearnerCheckpoint): Promise<void> {
    if (!isCheckpointOf<PpoCheckpoint>(cp, this.algorithm)) throw wrongCheckpoint(cp, this.algorithm);
    recordsToModel(cp.policy, this.policy);
    recordsToModel(cp.critic, this.critic);
    if (this.logStd && cp.logStd) this.logStd.assign(tf.tensor1d(decodeF32(cp.logStd)));
    this.optimizer.setState(cp.optimizer);
    this.rng.setState(cp.rng);
    this.returnStats.setState(cp.returnStats);
    this.envSteps = cp.envSteps;
    this.agentSteps = cp.agentSteps;
  }

  /** PPO's policy network exports as it is (greedy: argmax of the logits, or the Gaussian mean clipped). */
  zooBlocker(): string | null {
    return null;
  }

  zooModel(_slot: number): ZooModel {
    return { model: this.policy, owned: false };
  }

  /** Frees the networks and optimizer state. */
  dispose(): void {
    this.policy.dispose();
    this.critic.dispose();
    this.logStd?.dispose();
    this.optimizer.dispose();
  }

  /**
   * The gradients of one minibatch's loss for every optimised variable (optimizer order), by the
   * output gradients of {@link ppoOutputGradients} and hand-written back-propagation; records the
   * loss's parts in `stats`.
   */
  gradients(mb: HostMinibatch, stats: Record<string, number>): Float32Array[] {
    const c = this.scheduled,
      m = mb.size,
      P = this.policyDim,
      C = this.criticDim;
    const grads: Float32Array[] = [];
    tf.tidy(() => {
      const shared = mb.criticObs === mb.obs;
      const x = tf.tensor2d(mb.obs, [m, P]),
        xT = tf.tensor2d(transpose(mb.obs, m, P), [P, m]);
      const pTrace = this.policyNet.forward(x);
      const cTrace = this.criticNet.forward(shared ? x : tf.tensor2d(mb.criticObs, [m, C]));
      const g = ppoOutputGradients(
        {
          discrete: this.discrete,
          outDim: this.outDim,
          out: pTrace.out.dataSync() as Float32Array,
          values: cTrace.out.dataSync() as Float32Array,
          logStd: this.logStd ? (this.logStd.dataSync() as Float32Array) : null,
          mb,
          config: c,
          returnMean: this.returnStats.mean,
          returnStd: this.returnStats.std,
        },
        stats,
      );
      const gp = this.policyNet.backward(pTrace, tf.tensor2d(g.dOut, [m, this.outDim]), xT);
      const gc = this.criticNet.backward(
        cTrace,
        tf.tensor2d(g.dValues, [m, 1]),
        shared ? xT : tf.tensor2d(transpose(mb.criticObs, m, C), [C, m]),
      );
      for (const t of [...gp, ...gc]) grads.push(t.dataSync() as Float32Array);
      if (g.dLogStd) grads.push(g.dLogStd);
    });
    return grads;
  }

  /**
   * The same loss as a TensorFlow.js scalar, for autodiff (records its parts in `stats`): the
   * reference that {@link gradients} is tested against.
   */
  loss(mb: Minibatch, stats: Record<string, number>): tf.Scalar {
    const c = this.scheduled;
    const out = this.policy.apply(mb.obs) as tf.Tensor2D;
    let logp: tf.Tensor1D, entropy: tf.Scalar;
    if (this.discrete) {
      const logProbs = tf.logSoftmax(out);
      const oneHot = tf.oneHot(tf.cast(tf.reshape(mb.actions, [-1]), "int32"), this.outDim);
      logp = tf.sum(tf.mul(logProbs, oneHot), 1) as tf.Tensor1D;
      entropy = tf.mean(tf.neg(tf.sum(tf.mul(tf.exp(logProbs), logProbs), 1)));
    } else {
      const logStd = this.logStd!;
      const z = tf.div(tf.sub(mb.actions, out), tf.exp(logStd));
      logp = tf.sum(tf.sub(tf.sub(tf.mul(-0.5, tf.square(z)), logStd), 0.5 * Math.log(2 * Math.PI)), 1) as tf.Tensor1D;
      entropy = tf.sum(tf.add(logStd, 0.5 * Math.log(2 * Math.PI * Math.E)));
    }
    let adv = mb.advantages;
    if (c.normAdv && mb.size > 1) {
      const { mean, variance } = tf.moments(adv);
      adv = tf.div(tf.sub(adv, mean), tf.add(tf.sqrt(variance), 1e-8));
    }
    const pg = ppoClippedLoss(logp, mb.logProbs, adv, c.clipCoef);
    const value = tf.reshape(this.critic.apply(mb.criticObs) as tf.Tensor, [-1]);
    const target = c.normValue ? tf.div(tf.sub(mb.returns, this.returnStats.mean), this.returnStats.std) : mb.returns;
    const vLoss = tf.mul(0.5, tf.mean(tf.square(tf.sub(value, target))));
    const logRatio = tf.sub(logp, mb.logProbs);
    stats.policy = pg.dataSync()[0];
    stats.value = vLoss.dataSync()[0];
    stats.entropy = entropy.dataSync()[0];
    stats.approxKl = tf.mean(tf.sub(tf.sub(tf.exp(logRatio), 1), logRatio)).dataSync()[0];
    stats.clipFrac = tf
      .mean(tf.cast(tf.greater(tf.abs(tf.sub(tf.exp(logRatio), 1)), c.clipCoef), "float32"))
      .dataSync()[0];
    return tf.add(tf.sub(pg, tf.mul(c.entCoef, entropy)), tf.mul(c.vfCoef, vLoss)) as tf.Scalar;
  }

  /** Policy outputs and (denormalised) values of `S` rows. */
  protected forward(
    pin: Float32Array,
    cin: Float32Array | null,
    S: number,
  ): { out: Float32Array; values: Float32Array } {
    const out = this.policyNet.predict(
      pin.length === S * this.policyDim ? pin : pin.subarray(0, S * this.policyDim),
      S,
    );
    return { out, values: cin ? this.values(cin, S) : new Float32Array(S) };
  }

  /** Denormalised critic values of `S` rows. */
  protected values(cin: Float32Array, S: number): Float32Array {
    const v = this.criticNet.predict(cin.length === S * this.criticDim ? cin : cin.subarray(0, S * this.criticDim), S);
    if (this.config.normValue) for (let i = 0; i < S; i++) v[i] = v[i] * this.returnStats.std + this.returnStats.mean;
    return v;
  }

  /** Samples row `s`'s action: stores it at `store[so…]`, writes what the env gets to `send[eo…]`, returns its log-probability. */
  protected sampleAction(
    out: Float32Array,
    s: number,
    store: Float32Array,
    so: number,
    send: Float32Array,
    eo: number,
  ): number {
    if (this.discrete) {
      const { index, logProb } = sampleCategorical(out, s * this.outDim, this.outDim, this.rng);
      store[so] = index;
      send[eo] = index;
      return logProb;
    }
    const logStd = this.logStd!.dataSync();
    let lp = 0;
    for (let d = 0; d < this.outDim; d++) {
      const std = Math.exp(logStd[d]);
      const z = this.rng.normal();
      const a = out[s * this.outDim + d] + std * z;
      store[so + d] = a;
      send[eo + d] = this.clipAction(a, d);
      lp += -0.5 * z * z - logStd[d] - 0.5 * Math.log(2 * Math.PI);
    }
    return lp;
  }

  private clipAction(a: number, d: number): number {
    const spec = this.env.action;
    return spec.kind === "continuous" ? Math.max(spec.low[d], Math.min(spec.high[d], a)) : a;
  }

  /** Rows `idx` of `batch` as host arrays. */
  hostMinibatch(batch: PpoBatch, idx: readonly number[]): HostMinibatch {
    const P = this.policyDim,
      C = this.criticDim,
      A = this.actDim,
      m = idx.length;
    const shared = batch.criticObs === batch.obs;
    const obs = new Float32Array(m * P);
    const out: HostMinibatch = {
      size: m,
      obs,
      criticObs: shared ? obs : new Float32Array(m * C),
      actions: new Float32Array(m * A),
      logProbs: new Float32Array(m),
      advantages: new Float32Array(m),
      returns: new Float32Array(m),
    };
    idx.forEach((i, k) => {
      out.obs.set(batch.obs.subarray(i * P, i * P + P), k * P);
      if (!shared) out.criticObs.set(batch.criticObs.subarray(i * C, i * C + C), k * C);
      out.actions.set(batch.actions.subarray(i * A, i * A + A), k * A);
      out.logProbs[k] = batch.logProbs[i];
      out.advantages[k] = batch.advantages[i];
      out.returns[k] = batch.returns[i];
    });
    return out;
  }

  /** Rows `idx` of `batch` as tensors (for {@link loss}). */
  minibatch(batch: PpoBatch, idx: number[]): Minibatch {
    const P = this.policyDim,
      C = this.criticDim,
      A = this.actDim,
      m = idx.length;
    const obs = new Float32Array(m * P),
      cobs = new Float32Array(m * C),
      act = new Float32Array(m * A);
    const logp = new Float32Array(m),
      adv = new Float32Array(m),
      ret = new Float32Array(m);
    idx.forEach((i, k) => {
      obs.set(batch.obs.subarray(i * P, i * P + P), k * P);
      cobs.set(batch.criticObs.subarray(i * C, i * C + C), k * C);
      act.set(batch.actions.subarray(i * A, i * A + A), k * A);
      logp[k] = batch.logProbs[i];
      adv[k] = batch.advantages[i];
      ret[k] = batch.returns[i];
    });
    return {
      size: m,
      obs: tf.tensor2d(obs, [m, P]),
      criticObs: tf.tensor2d(cobs, [m, C]),
      actions: tf.tensor2d(act, [m, A]),
      logProbs: tf.tensor1d(logp),
      advantages: tf.tensor1d(adv),
      returns: tf.tensor1d(ret),
    };
  }
}

/** A minibatch as host arrays (the rows of a {@link PpoBatch}). */
export interface HostMinibatch {
  size: number;
  obs: Float32Array;
  criticObs: Float32Array;
  actions: Float32Array;
  logProbs: Float32Array;
  advantages: Float32Array;
  returns: Float32Array;
}

/** What {@link ppoOutputGradients} needs. */
export interface PpoOutputs {
  discrete: boolean;
  /** Policy outputs per row (logits, or Gaussian means). */
  outDim: number;
  /** `[m · outDim]` policy outputs. */
  out: Float32Array;
  /** `[m]` critic outputs (normalised when `normValue`); null: no value loss (actor-only learners). */
  values: Float32Array | null;
  /** Log standard deviations (continuous), else null. */
  logStd: Float32Array | null;
  mb: HostMinibatch;
  config: Pick<PpoConfig, "normAdv" | "clipCoef" | "entCoef" | "vfCoef" | "normValue">;
  /** Running statistics of the returns (for `normValue`). */
  returnMean: number;
  returnStd: number;
}

/**
 * PPO's loss (clipped surrogate − entCoef · entropy + vfCoef · value loss, as in {@link PPO.loss})
 * and its gradient at the network outputs, on the host: `dOut` `[m · outDim]` for the policy head,
 * `dValues` `[m]` for the critic, `dLogStd` for continuous actions. Subgradients follow
 * TensorFlow.js's conventions (`minimum` passes the gradient to its first argument on ties;
 * `clipByValue` passes it inside the closed range). Records the loss's parts in `stats`.
 */
export function ppoOutputGradients(
  o: PpoOutputs,
  stats: Record<string, number>,
): { dOut: Float32Array; dValues: Float32Array; dLogStd: Float32Array | null } {
  const { mb, config: c, outDim: K } = o;
  const m = mb.size;
  // Advantages normalised per minibatch (population variance, as tf.moments).
  const adv = Float64Array.from(mb.advantages);
  if (c.normAdv && m > 1) {
    let mean = 0;
    for (let i = 0; i < m; i++) mean += adv[i];
    mean /= m;
    let v = 0;
    for (let i = 0; i < m; i++) v += (adv[i] - mean) ** 2;
    const sd = Math.sqrt(v / m) + 1e-8;
    for (let i = 0; i < m; i++) adv[i] = (adv[i] - mean) / sd;
  }
  const dOut = new Float32Array(m * K),
    dValues = new Float32Array(m);
  const dLogStd = o.logStd ? new Float64Array(K) : null;
  let pg = 0,
    ent = 0,
    kl = 0,
    clipped = 0,
    vl = 0;
  const lo = 1 - c.clipCoef,
    hi = 1 + c.clipCoef;
  const logp = new Float64Array(K);
  for (let i = 0; i < m; i++) {
    const row = i * K;
    let lp: number;
    if (o.discrete) {
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, o.out[row + k]);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp(o.out[row + k] - max);
      const logZ = max + Math.log(sum);
      let h = 0;
      for (let k = 0; k < K; k++) {
        logp[k] = o.out[row + k] - logZ;
        h -= Math.exp(logp[k]) * logp[k];
      }
      ent += h;
      lp = logp[mb.actions[i]];
      // Entropy bonus: d(−entCoef · mean H)/dz_k = entCoef/m · p_k (log p_k + H).
      for (let k = 0; k < K; k++) dOut[row + k] = (c.entCoef / m) * Math.exp(logp[k]) * (logp[k] + h);
    } else {
      lp = 0;
      for (let d = 0; d < K; d++) {
        const z = (mb.actions[row + d] - o.out[row + d]) / Math.exp(o.logStd![d]);
        lp += -0.5 * z * z - o.logStd![d] - 0.5 * Math.log(2 * Math.PI);
      }
    }
    const logRatio = lp - mb.logProbs[i];
    const ratio = Math.exp(logRatio);
    const a = adv[i];
    const unclippedObj = ratio * a,
      clippedObj = Math.min(hi, Math.max(lo, ratio)) * a;
    pg -= Math.min(unclippedObj, clippedObj);
    kl += ratio - 1 - logRatio;
    if (Math.abs(ratio - 1) > c.clipCoef) clipped++;
    // d(−mean min(rA, clip(r)A))/dr, then d/dlogp = ratio · d/dr.
    const dRatio = unclippedObj <= clippedObj || (ratio >= lo && ratio <= hi) ? -a / m : 0;
    const dLp = dRatio * ratio;
    if (o.discrete) {
      for (let k = 0; k < K; k++) dOut[row + k] += dLp * ((k === mb.actions[i] ? 1 : 0) - Math.exp(logp[k]));
    } else {
      for (let d = 0; d < K; d++) {
        const std = Math.exp(o.logStd![d]);
        const z = (mb.actions[row + d] - o.out[row + d]) / std;
        dOut[row + d] = dLp * (z / std);
        dLogStd![d] += dLp * (z * z - 1);
      }
    }
    if (o.values) {
      const target = c.normValue ? (mb.returns[i] - o.returnMean) / o.returnStd : mb.returns[i];
      const err = o.values[i] - target;
      vl += 0.5 * err * err;
      dValues[i] = (c.vfCoef * err) / m;
    }
  }
  if (o.discrete) ent /= m;
  else {
    ent = 0;
    for (let d = 0; d < K; d++) {
      ent += o.logStd![d] + 0.5 * Math.log(2 * Math.PI * Math.E);
      dLogStd![d] -= c.entCoef;
    }
  }
  stats.policy = pg / m;
  stats.value = vl / m;
  stats.entropy = ent;
  stats.approxKl = kl / m;
  stats.clipFrac = clipped / m;
  return { dOut, dValues, dLogStd: dLogStd ? Float32Array.from(dLogStd) : null };
}

/** A minibatch as tensors. */
export interface Minibatch {
  size: number;
  obs: tf.Tensor2D;
  criticObs: tf.Tensor2D;
  actions: tf.Tensor2D;
  logProbs: tf.Tensor1D;
  advantages: tf.Tensor1D;
  returns: tf.Tensor1D;
}

/** Fisher–Yates shuffle with the given RNG. */
export function shuffle(a: number[], rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
}
