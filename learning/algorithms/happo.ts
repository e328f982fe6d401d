/**
 * HAPPO, heterogeneous-agent PPO (Kuba et al. 2022, "Trust Region Policy Optimisation in
 * Multi-Agent Reinforcement Learning"), cleanrl style.
 *
 * Every agent slot has its own policy (`sharePolicy: false`; heterogeneous agents) or all share one
 * (`sharePolicy: true`, as HARL's `share_param`); one centralised critic `V(s)` reads the global
 * state and learns the team's return (the sum of the agents' rewards of each step). Each iteration:
 *
 * 1. a rollout of `numSteps` steps of every environment copy; GAE on the team reward per copy
 *    (an episode cut short by a step limit bootstraps from the value of the state it ended in);
 * 2. `updateEpochs` passes of the critic on the returns;
 * 3. the agents' policies are updated one after another, in an order drawn at random each
 *    iteration. Agent i_m's clipped surrogate weighs the team advantage by the product of the
 *    policy ratios of the agents updated before it on the same samples,
 *    `M = Π_{j < m} π_new^{i_j}(a | o) / π_old^{i_j}(a | o)`, maximising
 *    `E[min(r · M · A, clip(r, 1 ± ε) · M · A)]` — the multi-agent advantage decomposition, under
 *    which each agent's update is a best response to the ones already made, so the joint return
 *    improves monotonically (the paper's theorem) instead of the simultaneous updates of MAPPO
 *    pulling against each other.
 *
 * The policies and the critic run PPO's hand-written back-propagation and host Adam
 * (`ppoOutputGradients` for the policy outputs).
 */
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import { Rng, type RngState } from "../../core/random/Rng.js";
import { foldAgentId, withAgentIds } from "../nn/agentIds.js";
import type { AdamState } from "../nn/Adam.js";
import { HostAdam } from "../nn/HostAdam.js";
import { ManualMlp, transpose } from "../nn/ManualMlp.js";
import { buildMlp } from "../nn/mlp.js";
import { RunningMeanStd, type RunningMeanStdState } from "../nn/RunningMeanStd.js";
import { argmax, sampleCategorical } from "../nn/sampling.js";
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
import { computeGae, ppoOutputGradients, shuffle, type HostMinibatch } from "./ppo.js";

/** HAPPO's hyper-parameters. */
export const HappoConfigSchema = z.object({
  /** Seed of the initial weights, action sampling, agent orders and minibatch shuffling. */
  seed: z.number().int().nonnegative().default(1),
  /** Steps collected from every environment copy per iteration. */
  numSteps: z.number().int().positive().default(64),
  /** Adam learning rate of the policies. */
  learningRate: z.number().positive().default(5e-4),
  /** Adam learning rate of the critic. */
  criticLearningRate: z.number().positive().default(5e-4),
  /** Discount factor. */
  gamma: z.number().min(0).max(1).default(0.99),
  /** GAE's λ. */
  gaeLambda: z.number().min(0).max(1).default(0.95),
  /** Passes over each batch, per agent and for the critic. */
  updateEpochs: z.number().int().positive().default(4),
  /** Minibatch size (samples). */
  minibatchSize: z.number().int().positive().default(1024),
  /** Surrogate clipping ε. */
  clipCoef: z.number().positive().default(0.2),
  /** Entropy bonus weight. */
  entCoef: z.number().min(0).default(0.01),
  /** Largest global gradient norm of a step. */
  maxGradNorm: z.number().positive().default(0.5),
  /** Hidden layer sizes of the policies and the critic. */
  hidden: z.array(z.number().int().positive()).min(1).default([64, 64]),
  /** One policy for every agent (HARL's `share_param`) instead of one each. */
  sharePolicy: z.boolean().default(false),
  /** With a shared policy, append a one-hot of the agent slot to its input. */
  agentIds: z.boolean().default(false),
});

/** HAPPO's hyper-parameters (defaults filled). */
export type HappoConfig = z.infer<typeof HappoConfigSchema>;

/** What a HAPPO checkpoint holds. */
export interface HappoCheckpoint extends LearnerCheckpoint {
  config: HappoConfig;
  policies: ArrayRecord[][];
  policyOptimizers: AdamState[];
  critic: ArrayRecord[];
  criticOptimizer: AdamState;
  returnStats: RunningMeanStdState;
  rng: RngState;
  envSteps: number;
  agentSteps: number;
}

/** One policy and its optimizer. */
interface Actor {
  model: tf.Sequential;
  net: ManualMlp;
  optimizer: HostAdam;
}

/** HAPPO over a vectorised env with discrete actions. */
export class HAPPO implements Learner {
  readonly algorithm = "happo";
  readonly config: HappoConfig;
  /** One policy per agent slot, or one shared (observation (+ one-hot) → logits). */
  readonly actors: Actor[] = [];
  /** Global state → the team's value (normalised by the running return statistics). */
  readonly critic: tf.Sequential;
  private readonly criticNet: ManualMlp;
  private readonly criticOptimizer: HostAdam;
  private readonly returnStats = new RunningMeanStd();
  private readonly rng: Rng;
  private readonly N: number;
  private readonly K: number;
  envSteps = 0;
  agentSteps = 0;

  constructor(
    readonly env: VecEnv,
    config: z.input<typeof HappoConfigSchema> = {},
  ) {
    if (env.action.kind !== "discrete") throw new Error("happo: needs discrete actions");
    this.config = HappoConfigSchema.parse(config);
    const c = this.config;
    this.N = env.numAgents;
    this.K = env.action.n;
    this.rng = new Rng(c.seed).fork("happo");
    for (let i = 0; i < (c.sharePolicy ? 1 : this.N); i++) {
      const model = buildMlp({
        inputDim: this.policyDim,
        hidden: c.hidden,
        outputDim: this.K,
        outputGain: 0.01,
        seed: c.seed * 1000 + 10 * i + 1,
        name: `policy${i}`,
      });
      const net = new ManualMlp(model);
      this.actors.push({ model, net, optimizer: new HostAdam(net.variables, c.learningRate, c.maxGradNorm) });
    }
    this.critic = buildMlp({
      inputDim: env.stateDim,
      hidden: c.hidden,
      outputDim: 1,
      seed: c.seed * 1000 + 101,
      name: "critic",
    });
    this.criticNet = new ManualMlp(this.critic);
    this.criticOptimizer = new HostAdam(this.criticNet.variables, c.criticLearningRate, c.maxGradNorm);
  }

  private get idDim(): number {
    return this.config.sharePolicy && this.config.agentIds ? this.N : 0;
  }

  /** A policy's input length. */
  get policyDim(): number {
    return this.env.obsDim + this.idDim;
  }

  /** The policy of agent slot `a`. */
  actorOf(a: number): Actor {
    return this.actors[this.config.sharePolicy ? 0 : a];
  }

  /** Logits `[S · K]` of every slot of whole environments. */
  private logits(obs: Float32Array, S: number): Float32Array {
    const P = this.policyDim,
      K = this.K,
      N = this.N,
      E = S / N;
    const pin = withAgentIds(obs, this.env.obsDim, this.idDim);
    if (this.config.sharePolicy) return this.actors[0].net.predict(pin, S);
    const out = new Float32Array(S * K),
      rows = new Float32Array(E * P);
    for (let a = 0; a < N; a++) {
      for (let e = 0; e < E; e++) rows.set(pin.subarray((e * N + a) * P, (e * N + a + 1) * P), e * P);
      const l = this.actors[a].net.predict(rows, E);
      for (let e = 0; e < E; e++) out.set(l.subarray(e * K, (e + 1) * K), (e * N + a) * K);
    }
    return out;
  }

  /** Denormalised team values of `E` global states. */
  private values(state: Float32Array, E: number): Float32Array {
    const v = this.criticNet.predict(state, E);
    for (let e = 0; e < E; e++) v[e] = v[e] * this.returnStats.std + this.returnStats.mean;
    return v;
  }

  /** One iteration: a rollout, then the critic's and the agents' sequential updates. Call `env.reset` once before the first. */
  async iterate(): Promise<IterationStats> {
    const env = this.env,
      c = this.config,
      b = env.buffers;
    const T = c.numSteps,
      N = this.N,
      K = this.K,
      E = env.numEnvs,
      S = E * N,
      P = this.policyDim,
      G = env.stateDim;
    const pinBuf = new Float32Array(T * S * P),
      actBuf = new Int32Array(T * S),
      logpBuf = new Float32Array(T * S),
      slotValid = new Uint8Array(T * S);
    const stateBuf = new Float32Array(T * E * G),
      valBuf = new Float32Array(T * E),
      rewBuf = new Float32Array(T * E),
      doneBuf = new Uint8Array(T * E),
      rowValid = new Uint8Array(T * E);
    const episodes: EpisodeStat[] = [];
    for (let t = 0; t < T; t++) {
      const logits = this.logits(b.obs, S);
      pinBuf.set(withAgentIds(b.obs, env.obsDim, this.idDim), t * S * P);
      stateBuf.set(b.state, t * E * G);
      valBuf.set(this.values(b.state, E), t * E);
      for (let s = 0; s < S; s++) {
        if (!b.active[s]) continue;
        const i = t * S + s;
        const { index, logProb } = sampleCategorical(logits, s * K, K, this.rng);
        b.actions[s] = index;
        actBuf[i] = index;
        logpBuf[i] = logProb;
        slotValid[i] = 1;
        rowValid[t * E + Math.floor(s / N)] = 1;
      }
      episodes.push(...(await env.step()));
      this.envSteps += E;
      for (let e = 0; e < E; e++) {
        const r = t * E + e;
        if (!rowValid[r]) continue;
        let truncated = false;
        for (let a = 0; a < N; a++) {
          const s = e * N + a;
          if (!slotValid[t * S + s]) continue;
          this.agentSteps++;
          rewBuf[r] += b.rewards[s];
          truncated ||= b.truncated[s] === 1;
        }
        doneBuf[r] = b.envDone[e];
        // A copy whose last agents were cut short bootstraps from the state it ended in.
        if (b.envDone[e] && truncated)
          rewBuf[r] += c.gamma * this.values(b.finalState.subarray(e * G, (e + 1) * G), 1)[0];
      }
    }
    const last = this.values(b.state, E);
    const nextValues = new Float32Array(E);
    for (let e = 0; e < E; e++) for (let a = 0; a < N; a++) if (b.active[e * N + a]) nextValues[e] = last[e];
    const adv = computeGae(T, E, rewBuf, valBuf, doneBuf, rowValid, nextValues, c.gamma, c.gaeLambda);
    const losses = this.update({ T, pinBuf, actBuf, logpBuf, slotValid, stateBuf, valBuf, rowValid, adv });
    return { envSteps: this.envSteps, agentSteps: this.agentSteps, episodes, losses };
  }

  /** The critic's passes, then each agent's in a random order with the running product of ratios. */
  private update(r: {
    T: number;
    pinBuf: Float32Array;
    actBuf: Int32Array;
    logpBuf: Float32Array;
    slotValid: Uint8Array;
    stateBuf: Float32Array;
    valBuf: Float32Array;
    rowValid: Uint8Array;
    adv: Float32Array;
  }): Record<string, number> {
    const c = this.config,
      N = this.N,
      E = this.env.numEnvs,
      G = this.env.stateDim,
      P = this.policyDim,
      K = this.K;
    const rows: number[] = [];
    for (let i = 0; i < r.T * E; i++) if (r.rowValid[i]) rows.push(i);
    if (rows.length === 0) return {};
    // Critic: returns = advantage + value, normalised by running statistics.
    const returns = Float32Array.from(rows, (i) => r.adv[i] + r.valBuf[i]);
    this.returnStats.update(returns);
    let valueLoss = 0,
      valueSteps = 0;
    const order = rows.map((_, k) => k);
    for (let epoch = 0; epoch < c.updateEpochs; epoch++) {
      shuffle(order, this.rng);
      for (let start = 0; start < order.length; start += c.minibatchSize) {
        const idx = order.slice(start, start + c.minibatchSize),
          m = idx.length;
        const x = new Float32Array(m * G),
          target = new Float32Array(m);
        idx.forEach((k, j) => {
          x.set(r.stateBuf.subarray(rows[k] * G, (rows[k] + 1) * G), j * G);
          target[j] = (returns[k] - this.returnStats.mean) / this.returnStats.std;
        });
        const grads: Float32Array[] = [];
        tf.tidy(() => {
          const trace = this.criticNet.forward(tf.tensor2d(x, [m, G]));
          const v = trace.out.dataSync();
          const dv = new Float32Array(m);
          for (let j = 0; j < m; j++) {
            const err = v[j] - target[j];
            valueLoss += (0.5 * err * err) / m;
            dv[j] = err / m;
          }
          const xT = tf.tensor2d(transpose(x, m, G), [G, m]);
          for (const g of this.criticNet.backward(trace, tf.tensor2d(dv, [m, 1]), xT))
            grads.push(g.dataSync() as Float32Array);
        });
        this.criticOptimizer.apply(grads);
        valueSteps++;
      }
    }
    // Team advantages, normalised once over the batch (each agent's weighting M then multiplies them).
    let mean = 0,
      sq = 0;
    for (const i of rows) mean += r.adv[i] / rows.length;
    for (const i of rows) sq += (r.adv[i] - mean) ** 2 / rows.length;
    const sd = Math.sqrt(sq) + 1e-8;
    const factor = new Float32Array(r.T * E).fill(1);
    const agentOrder = Array.from({ length: N }, (_, a) => a);
    shuffle(agentOrder, this.rng);
    const sums = { policy: 0, entropy: 0, approxKl: 0, clipFrac: 0 };
    let policySteps = 0;
    const pg = { normAdv: false, clipCoef: c.clipCoef, entCoef: c.entCoef, vfCoef: 0, normValue: false };
    for (const a of agentOrder) {
      const actor = this.actorOf(a);
      // Agent a's samples: (row, slot index) where it acted.
      const samples: number[] = [];
      for (const i of rows) if (r.slotValid[i * N + a]) samples.push(i);
      if (samples.length === 0) continue;
      const sampleOrder = samples.map((_, k) => k);
      for (let epoch = 0; epoch < c.updateEpochs; epoch++) {
        shuffle(sampleOrder, this.rng);
        for (let start = 0; start < samples.length; start += c.minibatchSize) {
          const idx = sampleOrder.slice(start, start + c.minibatchSize),
            m = idx.length;
          const mb: HostMinibatch = {
            size: m,
            obs: new Float32Array(m * P),
            criticObs: new Float32Array(0),
            actions: new Float32Array(m),
            logProbs: new Float32Array(m),
            advantages: new Float32Array(m),
            returns: new Float32Array(m),
          };
          idx.forEach((k, j) => {
            const i = samples[k],
              slot = i * N + a;
            mb.obs.set(r.pinBuf.subarray(slot * P, (slot + 1) * P), j * P);
            mb.actions[j] = r.actBuf[slot];
            mb.logProbs[j] = r.logpBuf[slot];
            mb.advantages[j] = (factor[i] * (r.adv[i] - mean)) / sd;
          });
          const stats: Record<string, number> = {};
          const grads: Float32Array[] = [];
          tf.tidy(() => {
            const trace = actor.net.forward(tf.tensor2d(mb.obs, [m, P]));
            const out = trace.out.dataSync() as Float32Array;
            const g = ppoOutputGradients(
              {
                discrete: true,
                outDim: K,
                out,
                values: null,
                logStd: null,
                mb,
                config: pg,
                returnMean: 0,
                returnStd: 1,
              },
              stats,
            );
            const xT = tf.tensor2d(transpose(mb.obs, m, P), [P, m]);
            for (const t of actor.net.backward(trace, tf.tensor2d(g.dOut, [m, K]), xT))
              grads.push(t.dataSync() as Float32Array);
          });
          actor.optimizer.apply(grads);
          for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] += stats[k];
          policySteps++;
        }
      }
      // The next agents' weighting: this agent's new/old probability of what it did.
      const obs = new Float32Array(samples.length * P);
      samples.forEach((i, j) => obs.set(r.pinBuf.subarray((i * N + a) * P, (i * N + a + 1) * P), j * P));
      const logits = actor.net.predict(obs, samples.length);
      samples.forEach((i, j) => {
        const slot = i * N + a;
        factor[i] *= Math.exp(logSoftmaxAt(logits, j * K, K, r.actBuf[slot]) - r.logpBuf[slot]);
      });
    }
    for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] /= Math.max(1, policySteps);
    return { value: valueLoss / Math.max(1, valueSteps), ...sums };
  }

  /** Greedy (or sampled) actions of the active slots, each from its agent's policy. */
  act(obs: Float32Array, active: Uint8Array, out: Float32Array, deterministic = true): void {
    const S = active.length,
      K = this.K;
    const logits = this.logits(obs, S);
    for (let s = 0; s < S; s++) {
      if (!active[s]) continue;
      out[s] = deterministic ? argmax(logits, s * K, K) : sampleCategorical(logits, s * K, K, this.rng).index;
    }
  }

  async checkpoint(): Promise<HappoCheckpoint> {
    return {
      algorithm: this.algorithm,
      config: this.config,
      policies: this.actors.map((a) => modelToRecords(a.model)),
      policyOptimizers: this.actors.map((a) => a.optimizer.getState()),
      critic: modelToRecords(this.critic),
      criticOptimizer: this.criticOptimizer.getState(),
      returnStats: this.returnStats.getState(),
      rng: this.rng.getState(),
      envSteps: this.envSteps,
      agentSteps: this.agentSteps,
    };
  }

  async restore(cp: LearnerCheckpoint): Promise<void> {
    if (!isCheckpointOf<HappoCheckpoint>(cp, "happo")) throw wrongCheckpoint(cp, "happo");
    if (cp.policies.length !== this.actors.length)
      throw new Error(
        `checkpoint has ${cp.policies.length} policies, this learner ${this.actors.length} (sharePolicy ${this.config.sharePolicy})`,
      );
    this.actors.forEach((a, i) => {
      recordsToModel(cp.policies[i], a.model);
      a.optimizer.setState(cp.policyOptimizers[i]);
    });
    recordsToModel(cp.critic, this.critic);
    this.criticOptimizer.setState(cp.criticOptimizer);
    this.returnStats.setState(cp.returnStats);
    this.rng.setState(cp.rng);
    this.envSteps = cp.envSteps;
    this.agentSteps = cp.agentSteps;
  }

  /** Agent slot `slot`'s policy (the shared one; with agent ids, its one-hot folded in). */
  zooBlocker(): string | null {
    return null;
  }

  zooModel(slot: number): ZooModel {
    const model = this.actorOf(slot).model;
    if (!this.idDim) return { model, owned: false };
    const spec = { hidden: this.config.hidden, outputDim: this.K, name: "policy" };
    return { model: foldAgentId(model, this.env.obsDim, slot, spec), owned: true };
  }

  dispose(): void {
    for (const a of this.actors) a.model.dispose();
    this.critic.dispose();
  }
}

/** log softmax(logits[from … from + K))[k]. */
function logSoftmaxAt(logits: ArrayLike<number>, from: number, K: number, k: number): number {
  let max = -Infinity;
  for (let j = 0; j < K; j++) max = Math.max(max, logits[from + j]);
  let sum = 0;
  for (let j = 0; j < K; j++) sum += Math.exp(logits[from + j] - max);
  return logits[from + k] - max - Math.log(sum);
}
