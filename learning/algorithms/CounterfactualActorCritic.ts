/**
 * The on-policy actor-critic that COMA, MFAC and MAAC share (learning/algorithms/coma.ts, mfac.ts,
 * maac.ts): they differ only in what their centralised critic reads and how it is built.
 *
 * - Actor: one policy `π(a | oᵢ)` shared by every agent slot (with a one-hot of the slot when
 *   `agentIds`), categorical over discrete actions; decentralised execution.
 * - Critic: `Q(xᵢ, ·)`, the value of each of agent i's own actions given its critic input `xᵢ`,
 *   which holds what it sees of the others and *their* actions ({@link QCritic}).
 * - Counterfactual baseline (Foerster et al. 2018): agent i's advantage is
 *   `A = Q(xᵢ, aᵢ) − Σₐ π(a | oᵢ) Q(xᵢ, a)` — its action against its own average with everything
 *   else held, so an agent is not credited with what its teammates did.
 *
 * Each iteration collects `numSteps` steps from every environment copy, then:
 * 1. critic targets: TD(λ) returns on the value of the actions taken, `v_t = Q(x_t, a_t)`, with the
 *    team reward (the sum of the agents' rewards of the step, `teamReward`) or each agent's own;
 *    an agent cut short by a step limit, and each live agent at the end of the rollout, bootstrap
 *    from the expected value `Σₐ π(a | o') Q(x', a)` of their next observation, the others'
 *    next actions drawn from the policy;
 * 2. `criticEpochs` passes of minibatch steps on `(Q(x, a) − y)² / 2`;
 * 3. `actorEpochs` passes on the policy gradient with the counterfactual advantages and an entropy
 *    bonus — with one pass this is the plain policy gradient of the papers; with more, PPO's clipped
 *    surrogate (`clipCoef`) keeps the later passes near the policy that sampled the batch.
 *
 * The actor and MLP critics run PPO's hand-written back-propagation and host Adam
 * (learning/nn/ManualMlp.ts, learning/nn/HostAdam.ts; `ppoOutputGradients` gives the actor's output
 * gradient).
 */
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import { Rng, type RngState } from "../../core/random/Rng.js";
import { foldAgentId, withAgentIds } from "../nn/agentIds.js";
import type { AdamState } from "../nn/Adam.js";
import { HostAdam } from "../nn/HostAdam.js";
import { ManualMlp, transpose } from "../nn/ManualMlp.js";
import { buildMlp } from "../nn/mlp.js";
import { argmax, sampleCategorical } from "../nn/sampling.js";
import { modelToRecords, recordsToModel, type ArrayRecord } from "../nn/tensorRecord.js";
import { endStates, type EpisodeStat, type VecEnv } from "../vecEnv/VecEnv.js";
import {
  isCheckpointOf,
  wrongCheckpoint,
  type IterationStats,
  type Learner,
  type LearnerCheckpoint,
  type ZooModel,
} from "./Learner.js";
import { computeGae, ppoOutputGradients, shuffle, type HostMinibatch } from "./ppo.js";
import { MlpQCritic, type QCritic } from "./QCritic.js";

/** The settings COMA, MFAC and MAAC share. */
export const CounterfactualConfigSchema = z.object({
  /** Seed of the initial weights, action sampling and minibatch shuffling. */
  seed: z.number().int().nonnegative().default(1),
  /** Steps collected from every environment copy per iteration. */
  numSteps: z.number().int().positive().default(64),
  /** Discount factor. */
  gamma: z.number().min(0).max(1).default(0.99),
  /** λ of the critic's TD(λ) targets. */
  tdLambda: z.number().min(0).max(1).default(0.8),
  /** The actor's Adam learning rate. */
  actorLearningRate: z.number().positive().default(5e-4),
  /** The critic's Adam learning rate. */
  criticLearningRate: z.number().positive().default(1e-3),
  /** Passes of the actor over each batch (1: the plain policy gradient; more: PPO's clipped surrogate). */
  actorEpochs: z.number().int().positive().default(1),
  /** Ratio clipping ε of the actor's later passes. */
  clipCoef: z.number().positive().default(0.2),
  /** Passes of the critic over each batch. */
  criticEpochs: z.number().int().positive().default(2),
  /** Minibatch size (samples) of both. */
  minibatchSize: z.number().int().positive().default(1024),
  /** Entropy bonus weight. */
  entCoef: z.number().min(0).default(0.01),
  /** Normalise the advantages per minibatch. */
  normAdv: z.boolean().default(true),
  /** Largest global gradient norm of an actor step. */
  maxGradNorm: z.number().positive().default(0.5),
  /** Largest global gradient norm of a critic step. */
  criticMaxGradNorm: z.number().positive().default(10),
  /** Hidden layer sizes of the actor. */
  hidden: z.array(z.number().int().positive()).min(1).default([64, 64]),
  /** Hidden layer sizes of the critic. */
  criticHidden: z.array(z.number().int().positive()).min(1).default([64, 64]),
  /** Append a one-hot of the agent slot to the actor's (and the critic's own) input. */
  agentIds: z.boolean().default(true),
  /** Learn from the team's reward (the sum of the agents' rewards of a step) rather than each agent's own. */
  teamReward: z.boolean().default(false),
});

/** The shared settings (defaults filled). */
export type CounterfactualConfig = z.infer<typeof CounterfactualConfigSchema>;

/** What a COMA / MFAC / MAAC checkpoint holds. */
export interface CounterfactualCheckpoint extends LearnerCheckpoint {
  config: CounterfactualConfig;
  policy: ArrayRecord[];
  critic: ArrayRecord[][];
  actorOptimizer: AdamState;
  criticOptimizer: AdamState;
  rng: RngState;
  envSteps: number;
  agentSteps: number;
}

/** One iteration's samples (valid slot-steps only). */
export interface CounterfactualBatch {
  n: number;
  /** `[n · P]` the actor's inputs. */
  policyIn: Float32Array;
  /** `[n · C]` the critic's inputs. */
  criticIn: Float32Array;
  actions: Int32Array;
  logProbs: Float32Array;
  /** `[n]` counterfactual advantages. */
  advantages: Float32Array;
  /** `[n]` the critic's TD(λ) targets. */
  targets: Float32Array;
}

/** The shared learner; subclasses say what the critic reads (and may build their own critic). */
export abstract class CounterfactualActorCritic implements Learner {
  abstract readonly algorithm: string;
  readonly config: CounterfactualConfig;
  /** Observation (+ agent one-hot) → action logits, shared by every agent. */
  readonly policy: tf.Sequential;
  protected readonly policyNet: ManualMlp;
  protected readonly actorOptimizer: HostAdam;
  /** The centralised critic `x ↦ Q(x, ·)`. */
  readonly critic: QCritic;
  protected readonly rng: Rng;
  /** Agent slots, actions, observation and state lengths. */
  protected readonly N: number;
  protected readonly K: number;
  protected readonly D: number;
  protected readonly G: number;
  envSteps = 0;
  agentSteps = 0;

  constructor(
    readonly env: VecEnv,
    config: z.input<typeof CounterfactualConfigSchema>,
    schema: { parse(input: unknown): CounterfactualConfig },
    name: string,
  ) {
    if (env.action.kind !== "discrete") throw new Error(`${name}: needs discrete actions`);
    this.config = schema.parse(config);
    const c = this.config;
    this.N = env.numAgents;
    this.K = env.action.n;
    this.D = env.obsDim;
    this.G = env.stateDim;
    this.rng = new Rng(c.seed).fork(name);
    this.policy = buildMlp({
      inputDim: this.policyDim,
      hidden: c.hidden,
      outputDim: this.K,
      outputGain: 0.01,
      seed: c.seed * 1000 + 1,
      name: "policy",
    });
    this.policyNet = new ManualMlp(this.policy);
    this.actorOptimizer = new HostAdam(this.policyNet.variables, c.actorLearningRate, c.maxGradNorm);
    this.critic = this.buildCritic();
  }

  /** Length of the agent one-hot (0 without agent ids). */
  protected get idDim(): number {
    return this.config.agentIds ? this.N : 0;
  }

  /** The actor's input length. */
  get policyDim(): number {
    return this.D + this.idDim;
  }

  /** Length of one agent's critic input. */
  abstract get criticDim(): number;

  /**
   * Writes every slot's critic input (`[slots · criticDim]`, rows of whole environments) from the
   * slots' observations, the copies' global states, the slots' actions and which slots are
   * present (live); absent slots' observations and actions are not to be read.
   */
  abstract writeCriticInputs(
    obs: Float32Array,
    state: Float32Array,
    actions: Int32Array,
    present: Uint8Array,
    out: Float32Array,
  ): void;

  /** The critic (an MLP unless a subclass builds another). Called by the constructor. */
  protected buildCritic(): QCritic {
    const c = this.config;
    return new MlpQCritic(
      this.criticDim,
      this.K,
      c.criticHidden,
      c.criticLearningRate,
      c.criticMaxGradNorm,
      c.seed * 1000 + 101,
    );
  }

  /** One iteration: a rollout, then the critic's and the actor's updates. Call `env.reset` once before the first. */
  async iterate(): Promise<IterationStats> {
    const { batch, episodes } = await this.collect();
    const losses = this.update(batch);
    return { envSteps: this.envSteps, agentSteps: this.agentSteps, episodes, losses };
  }

  /** Collects `numSteps` steps of every copy; computes the critic's targets and the advantages. */
  async collect(): Promise<{ batch: CounterfactualBatch; episodes: EpisodeStat[] }> {
    const env = this.env,
      c = this.config,
      b = env.buffers;
    const T = c.numSteps,
      N = this.N,
      K = this.K,
      E = env.numEnvs,
      S = E * N,
      P = this.policyDim,
      C = this.criticDim;
    const pinBuf = new Float32Array(T * S * P),
      xBuf = new Float32Array(T * S * C),
      probBuf = new Float32Array(T * S * K);
    const actBuf = new Int32Array(T * S),
      logpBuf = new Float32Array(T * S),
      rewBuf = new Float32Array(T * S);
    const doneBuf = new Uint8Array(T * S),
      validBuf = new Uint8Array(T * S);
    const taken = new Int32Array(S),
      x = new Float32Array(S * C);
    const episodes: EpisodeStat[] = [];
    for (let t = 0; t < T; t++) {
      const pin = withAgentIds(b.obs, this.D, this.idDim);
      const logits = this.policyNet.predict(pin, S);
      taken.fill(0);
      for (let s = 0; s < S; s++) {
        if (!b.active[s]) continue;
        const i = t * S + s;
        const { index, logProb } = sampleCategorical(logits, s * K, K, this.rng);
        taken[s] = index;
        b.actions[s] = index;
        validBuf[i] = 1;
        actBuf[i] = index;
        logpBuf[i] = logProb;
        softmaxInto(logits, s * K, K, probBuf, i * K);
      }
      pinBuf.set(pin, t * S * P);
      this.writeCriticInputs(b.obs, b.state, taken, b.active, x);
      xBuf.set(x, t * S * C);
      episodes.push(...(await env.step()));
      this.envSteps += E;
      let truncatedAny = false;
      for (let e = 0; e < E; e++) {
        let team = 0;
        for (let a = 0; a < N; a++) if (b.acted[e * N + a]) team += b.rewards[e * N + a];
        for (let a = 0; a < N; a++) {
          const s = e * N + a,
            i = t * S + s;
          if (!validBuf[i]) continue;
          this.agentSteps++;
          rewBuf[i] = c.teamReward ? team : b.rewards[s];
          doneBuf[i] = b.terminated[s] | b.truncated[s];
          if (b.truncated[s]) truncatedAny = true;
        }
      }
      if (truncatedAny) {
        // Cut short: bootstrap from the expected value of the final observation, the others as they are next.
        const nextObs = Float32Array.from(b.obs),
          present = Uint8Array.from(b.active);
        for (let s = 0; s < S; s++) {
          if (!b.terminated[s] && !b.truncated[s]) continue;
          nextObs.set(b.finalObs.subarray(s * this.D, (s + 1) * this.D), s * this.D);
          present[s] = b.truncated[s];
        }
        const v = this.expectedValues(nextObs, endStates(env), present);
        for (let s = 0; s < S; s++) if (b.truncated[s] && validBuf[t * S + s]) rewBuf[t * S + s] += c.gamma * v[s];
      }
    }
    const last = this.expectedValues(b.obs, b.state, b.active);
    const nextValues = new Float32Array(S);
    for (let s = 0; s < S; s++) nextValues[s] = b.active[s] ? last[s] : 0;
    // The critic on every valid sample: values of the actions taken, baselines and advantages.
    let n = 0;
    for (let i = 0; i < T * S; i++) n += validBuf[i];
    const batch: CounterfactualBatch = {
      n,
      policyIn: new Float32Array(n * P),
      criticIn: new Float32Array(n * C),
      actions: new Int32Array(n),
      logProbs: new Float32Array(n),
      advantages: new Float32Array(n),
      targets: new Float32Array(n),
    };
    for (let i = 0, k = 0; i < T * S; i++) {
      if (!validBuf[i]) continue;
      batch.policyIn.set(pinBuf.subarray(i * P, (i + 1) * P), k * P);
      batch.criticIn.set(xBuf.subarray(i * C, (i + 1) * C), k * C);
      batch.actions[k] = actBuf[i];
      batch.logProbs[k] = logpBuf[i];
      k++;
    }
    const q = n ? this.critic.predict(batch.criticIn, n) : new Float32Array(0);
    const values = new Float32Array(T * S);
    for (let i = 0, k = 0; i < T * S; i++) {
      if (!validBuf[i]) continue;
      let baseline = 0;
      for (let a = 0; a < K; a++) baseline += probBuf[i * K + a] * q[k * K + a];
      values[i] = q[k * K + actBuf[i]];
      batch.advantages[k] = values[i] - baseline;
      k++;
    }
    const lambdaAdv = computeGae(T, S, rewBuf, values, doneBuf, validBuf, nextValues, c.gamma, c.tdLambda);
    for (let i = 0, k = 0; i < T * S; i++) if (validBuf[i]) batch.targets[k++] = lambdaAdv[i] + values[i];
    return { batch, episodes };
  }

  /** `criticEpochs` passes of the critic, then `actorEpochs` passes of the actor, over `batch`; mean losses. */
  update(batch: CounterfactualBatch): Record<string, number> {
    const c = this.config,
      n = batch.n,
      P = this.policyDim,
      C = this.criticDim,
      K = this.K;
    if (n === 0) return {};
    const order = Array.from({ length: n }, (_, i) => i);
    let criticLoss = 0,
      criticSteps = 0;
    for (let epoch = 0; epoch < c.criticEpochs; epoch++) {
      shuffle(order, this.rng);
      for (let start = 0; start < n; start += c.minibatchSize) {
        const idx = order.slice(start, start + c.minibatchSize),
          m = idx.length;
        const x = new Float32Array(m * C),
          a = new Int32Array(m),
          y = new Float32Array(m);
        idx.forEach((i, k) => {
          x.set(batch.criticIn.subarray(i * C, (i + 1) * C), k * C);
          a[k] = batch.actions[i];
          y[k] = batch.targets[i];
        });
        criticLoss += this.critic.step(x, a, y, m);
        criticSteps++;
      }
    }
    const sums = { policy: 0, entropy: 0, approxKl: 0, clipFrac: 0 };
    let actorSteps = 0;
    const pgConfig = { normAdv: c.normAdv, clipCoef: c.clipCoef, entCoef: c.entCoef, vfCoef: 0, normValue: false };
    for (let epoch = 0; epoch < c.actorEpochs; epoch++) {
      shuffle(order, this.rng);
      for (let start = 0; start < n; start += c.minibatchSize) {
        const idx = order.slice(start, start + c.minibatchSize),
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
        idx.forEach((i, k) => {
          mb.obs.set(batch.policyIn.subarray(i * P, (i + 1) * P), k * P);
          mb.actions[k] = batch.actions[i];
          mb.logProbs[k] = batch.logProbs[i];
          mb.advantages[k] = batch.advantages[i];
        });
        const stats: Record<string, number> = {};
        const grads: Float32Array[] = [];
        tf.tidy(() => {
          const trace = this.policyNet.forward(tf.tensor2d(mb.obs, [m, P]));
          const g = ppoOutputGradients(
            {
              discrete: true,
              outDim: K,
              out: trace.out.dataSync() as Float32Array,
              values: null,
              logStd: null,
              mb,
              config: pgConfig,
              returnMean: 0,
              returnStd: 1,
            },
            stats,
          );
          const xT = tf.tensor2d(transpose(mb.obs, m, P), [P, m]);
          for (const t of this.policyNet.backward(trace, tf.tensor2d(g.dOut, [m, K]), xT))
            grads.push(t.dataSync() as Float32Array);
        });
        this.actorOptimizer.apply(grads);
        for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] += stats[k];
        actorSteps++;
      }
    }
    for (const k of Object.keys(sums) as (keyof typeof sums)[]) sums[k] /= actorSteps;
    return { critic: criticLoss / criticSteps, ...sums };
  }

  /**
   * The expected value `Σₐ π(a | oᵢ) Q(xᵢ, a)` of every present slot in the given joint
   * observation and state, the slots' actions (which the others' critic inputs hold) drawn from
   * the policy.
   */
  protected expectedValues(obs: Float32Array, state: Float32Array, present: Uint8Array): Float32Array {
    const S = present.length,
      K = this.K;
    const logits = this.policyNet.predict(withAgentIds(obs, this.D, this.idDim), S);
    const probs = new Float32Array(S * K),
      actions = new Int32Array(S);
    for (let s = 0; s < S; s++) {
      if (!present[s]) continue;
      softmaxInto(logits, s * K, K, probs, s * K);
      actions[s] = sampleCategorical(logits, s * K, K, this.rng).index;
    }
    const x = new Float32Array(S * this.criticDim);
    this.writeCriticInputs(obs, state, actions, present, x);
    const q = this.critic.predict(x, S);
    const v = new Float32Array(S);
    for (let s = 0; s < S; s++) {
      if (!present[s]) continue;
      for (let a = 0; a < K; a++) v[s] += probs[s * K + a] * q[s * K + a];
    }
    return v;
  }

  /** Greedy (or sampled) actions of the active slots. */
  act(obs: Float32Array, active: Uint8Array, out: Float32Array, deterministic = true): void {
    const S = active.length,
      K = this.K;
    const logits = this.policyNet.predict(withAgentIds(obs, this.D, this.idDim), S);
    for (let s = 0; s < S; s++) {
      if (!active[s]) continue;
      out[s] = deterministic ? argmax(logits, s * K, K) : sampleCategorical(logits, s * K, K, this.rng).index;
    }
  }

  async checkpoint(): Promise<CounterfactualCheckpoint> {
    return {
      algorithm: this.algorithm,
      config: this.config,
      policy: modelToRecords(this.policy),
      critic: this.critic.records(),
      actorOptimizer: this.actorOptimizer.getState(),
      criticOptimizer: this.critic.optimizerState(),
      rng: this.rng.getState(),
      envSteps: this.envSteps,
      agentSteps: this.agentSteps,
    };
  }

  async restore(cp: LearnerCheckpoint): Promise<void> {
    if (!isCheckpointOf<CounterfactualCheckpoint>(cp, this.algorithm)) throw wrongCheckpoint(cp, this.algorithm);
    recordsToModel(cp.policy, this.policy);
    this.actorOptimizer.setState(cp.actorOptimizer);
    this.critic.restore(cp.critic);
    this.critic.setOptimizerState(cp.criticOptimizer);
    this.rng.setState(cp.rng);
    this.envSteps = cp.envSteps;
    this.agentSteps = cp.agentSteps;
  }

  /** The actor exports (argmax of its logits; with agent ids, slot `slot`'s one-hot folded in). */
  zooBlocker(): string | null {
    return null;
  }

  zooModel(slot: number): ZooModel {
    if (!this.idDim) return { model: this.policy, owned: false };
    const spec = { hidden: this.config.hidden, outputDim: this.K, name: "policy" };
    return { model: foldAgentId(this.policy, this.D, slot, spec), owned: true };
  }

  dispose(): void {
    this.policy.dispose();
    this.critic.dispose();
  }
}

/** Softmax of `logits[from … from + K)` into `out[to …]`. */
export function softmaxInto(logits: ArrayLike<number>, from: number, K: number, out: Float32Array, to: number): void {
  let max = -Infinity;
  for (let k = 0; k < K; k++) max = Math.max(max, logits[from + k]);
  let sum = 0;
  for (let k = 0; k < K; k++) sum += Math.exp(logits[from + k] - max);
  for (let k = 0; k < K; k++) out[to + k] = Math.exp(logits[from + k] - max) / sum;
}
