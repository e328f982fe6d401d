/**
 * MADDPG (Lowe et al. 2017, "Multi-Agent Actor-Critic for Mixed Cooperative-Competitive
 * Environments"), cleanrl style, for continuous and discrete actions.
 *
 * Every agent slot `i` has its own actor `μᵢ(oᵢ)` (or, with `shareActors`, all slots one actor —
 * parameter sharing, so the policy exports to the zoo and drives every agent) and its own
 * centralised critic `Qᵢ(xᵢ, a₁…a_N)`, each with a target copy. `xᵢ` is the environment's global
 * state (every agent's ego state and goal and the nearest traffic, core/observations/globalState.ts)
 * and agent i's own observation (`criticInput: "state"`), or every agent's observation
 * (`"observations"`, the paper's `x = (o₁…o_N)`). Each environment step stores
 * one joint transition per environment copy (slots that were not live are zeros and masked out of
 * the losses). Every `trainFrequency` steps after `learningStarts`, for each agent:
 * - critic: minimise `(Qᵢ(x, a) − yᵢ)²`, `yᵢ = rᵢ + γ(1 − terminalᵢ)·Q'ᵢ(x', μ'₁(o'₁)…μ'_N(o'_N))`;
 * - actor: maximise `Qᵢ(x, a₁…μᵢ(oᵢ)…a_N)` (the other agents' actions from the buffer);
 * then every target network moves `tau` towards its online network (Polyak averaging).
 *
 * Continuous actions: deterministic actors (tanh, scaled to the action bounds); exploration adds
 * Gaussian noise of `explorationNoise` × half the action range, clipped to the bounds.
 *
 * Discrete actions (the paper's discrete setting, as in its particle-world code): actors output
 * logits; the critics see actions as one-hot vectors (the buffer stores the one-hot of the action
 * taken); `μ(o)` in the target and in the actor's loss is a Gumbel-softmax sample
 * `softmax((logits + g) / gumbelTemperature)`, g Gumbel(0, 1) noise drawn with the project's RNG, so
 * the critic's gradient reaches the logits; the actor's loss adds `logitRegularisation · mean(logits²)`
 * (the reference code's 1e-3) against saturation. Exploration samples from `softmax(logits)`;
 * greedy acting takes the argmax.
 */
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import { Rng, type RngState } from "../../core/random/Rng.js";
import { Adam, type AdamState } from "../nn/Adam.js";
import { ManualMlp } from "../nn/ManualMlp.js";
import { buildMlp, copyWeights, softUpdate, trainableVars } from "../nn/mlp.js";
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

/** MADDPG's hyper-parameters. */
export const MaddpgConfigSchema = z.object({
  /** Seed of the initial weights, exploration noise and replay sampling. */
  seed: z.number().int().nonnegative().default(1),
  /** Actor learning rate. */
  actorLearningRate: z.number().positive().default(1e-3),
  /** Critic learning rate. */
  criticLearningRate: z.number().positive().default(1e-3),
  /** Discount factor. */
  gamma: z.number().min(0).max(1).default(0.95),
  /** Polyak step of the target networks. */
  tau: z.number().positive().max(1).default(0.01),
  /** Replay capacity (joint transitions, one per environment copy and step). */
  bufferSize: z.number().int().positive().default(100_000),
  /** Minibatch size. */
  batchSize: z.number().int().positive().default(256),
  /** Joint transitions collected before learning starts. */
  learningStarts: z.number().int().nonnegative().default(1_000),
  /** Environment steps between updates. */
  trainFrequency: z.number().int().positive().default(1),
  /** Exploration noise standard deviation, as a fraction of half the action range (continuous actions). */
  explorationNoise: z.number().min(0).default(0.1),
  /** What critic i reads beside the actions: the global state and agent i's observation, or every agent's observation. */
  criticInput: z.enum(["state", "observations"]).default("state"),
  /**
   * One critic for every agent slot, reading the slot's one-hot beside its input (parameter sharing:
   * one network judges every agent's actions, trained on all their samples at once).
   */
  sharedCritic: z.boolean().default(false),
  /** One actor for every agent slot (parameter sharing). */
  shareActors: z.boolean().default(false),
  /** Temperature of the Gumbel-softmax relaxation of discrete actions. */
  gumbelTemperature: z.number().positive().default(1),
  /** Weight of mean(logits²) in a discrete actor's loss. */
  logitRegularisation: z.number().min(0).default(1e-3),
  /** Largest global gradient norm of each update. */
  maxGradNorm: z.number().positive().default(0.5),
  /** Hidden layer sizes of actors and critics. */
  hidden: z.array(z.number().int().positive()).min(1).default([64, 64]),
  /** Environment steps per `iterate()` call. */
  stepsPerIteration: z.number().int().positive().default(100),
});

/** MADDPG's hyper-parameters (defaults filled). */
export type MaddpgConfig = z.infer<typeof MaddpgConfigSchema>;

/** What a MADDPG checkpoint holds (the replay buffer is not saved). */
export interface MaddpgCheckpoint extends LearnerCheckpoint {
  algorithm: "maddpg";
  config: MaddpgConfig;
  actors: ArrayRecord[][];
  critics: ArrayRecord[][];
  targetActors: ArrayRecord[][];
  targetCritics: ArrayRecord[][];
  actorOptimizers: AdamState[];
  criticOptimizers: AdamState[];
  rng: RngState;
  envSteps: number;
  agentSteps: number;
}

/** MADDPG over a vectorised env with continuous or discrete actions. */
export class MADDPG implements Learner {
  readonly algorithm = "maddpg";
  readonly config: MaddpgConfig;
  readonly actors: tf.Sequential[] = [];
  readonly critics: tf.Sequential[] = [];
  private readonly targetActors: tf.Sequential[] = [];
  private readonly targetCritics: tf.Sequential[] = [];
  private readonly actorOpts: Adam[] = [];
  private readonly criticOpts: Adam[] = [];
  private readonly rng: Rng;
  private readonly manual = new Map<tf.Sequential, ManualMlp>();
  private readonly N: number;
  private readonly D: number;
  /** Action width seen by the critics: the action dimension, or the number of discrete actions (one-hot). */
  private readonly U: number;
  private readonly discrete: boolean;
  private readonly low: Float32Array;
  private readonly high: Float32Array;
  // Replay buffer of joint transitions: per row, every slot's obs, action, reward, next obs, flags.
  private readonly bObs: Float32Array;
  private readonly bAct: Float32Array;
  private readonly bRew: Float32Array;
  private readonly bNext: Float32Array;
  private readonly bState: Float32Array;
  private readonly bNextState: Float32Array;
  private readonly G: number;
  private readonly bTerm: Float32Array;
  private readonly bValid: Float32Array;
  private size = 0;
  private cursor = 0;
  envSteps = 0;
  agentSteps = 0;

  constructor(
    readonly env: VecEnv,
    config: z.input<typeof MaddpgConfigSchema> = {},
  ) {
    this.config = MaddpgConfigSchema.parse(config);
    const c = this.config;
    const spec = env.action;
    this.N = env.numAgents;
    this.D = env.obsDim;
    this.discrete = spec.kind === "discrete";
    this.U = spec.kind === "discrete" ? spec.n : spec.dim;
    this.low = Float32Array.from(spec.kind === "continuous" ? spec.low : []);
    this.high = Float32Array.from(spec.kind === "continuous" ? spec.high : []);
    this.rng = new Rng(c.seed).fork("maddpg");
    this.G = env.stateDim;
    const jointDim =
      (c.criticInput === "state" ? this.G + this.D : this.N * this.D) + (c.sharedCritic ? this.N : 0) + this.N * this.U;
    const outputActivation = this.discrete ? "linear" : "tanh";
    for (let i = 0; i < this.N; i++) {
      const seed = c.seed * 1000 + 10 * i;
      if (i === 0 || !c.shareActors) {
        const actor = () =>
          buildMlp({
            inputDim: this.D,
            hidden: c.hidden,
            outputDim: this.U,
            activation: "relu",
            outputActivation,
            outputGain: 0.1,
            seed,
            name: `actor${i}`,
          });
        this.actors.push(actor());
        this.targetActors.push(actor());
        copyWeights(this.actors[i], this.targetActors[i]);
        this.actorOpts.push(new Adam(trainableVars(this.actors[i]), c.actorLearningRate, c.maxGradNorm));
      }
      if (i > 0 && c.sharedCritic) continue;
      const critic = () =>
        buildMlp({
          inputDim: jointDim,
          hidden: c.hidden,
          outputDim: 1,
          activation: "relu",
          seed: seed + 5,
          name: `critic${i}`,
        });
      this.critics.push(critic());
      this.targetCritics.push(critic());
      copyWeights(this.critics[i], this.targetCritics[i]);
      this.criticOpts.push(new Adam(trainableVars(this.critics[i]), c.criticLearningRate, c.maxGradNorm));
    }
    const cap = c.bufferSize;
    this.bObs = new Float32Array(cap * this.N * this.D);
    this.bNext = new Float32Array(cap * this.N * this.D);
    this.bState = new Float32Array(cap * this.G);
    this.bNextState = new Float32Array(cap * this.G);
    this.bAct = new Float32Array(cap * this.N * this.U);
    this.bRew = new Float32Array(cap * this.N);
    this.bTerm = new Float32Array(cap * this.N);
    this.bValid = new Float32Array(cap * this.N);
  }

  /** `stepsPerIteration` environment steps with learning. Call `env.reset` once before the first. */
  async iterate(): Promise<IterationStats> {
    const env = this.env,
      c = this.config,
      b = env.buffers,
      N = this.N,
      D = this.D,
      U = this.U;
    const E = env.numEnvs;
    const episodes: EpisodeStat[] = [];
    const A = this.discrete ? 1 : U;
    const G = this.G;
    const prevObs = new Float32Array(E * N * D),
      prevState = new Float32Array(E * G),
      prevActive = new Uint8Array(E * N),
      taken = new Float32Array(E * N * A);
    const sums = { critic: 0, actor: 0 };
    let updates = 0;
    for (let k = 0; k < c.stepsPerIteration; k++) {
      prevObs.set(b.obs);
      prevState.set(b.state);
      prevActive.set(b.active);
      this.act(b.obs, b.active, taken, false);
      b.actions.set(taken);
      episodes.push(...(await env.step()));
      this.envSteps += E;
      for (let e = 0; e < E; e++) {
        let any = false;
        for (let a = 0; a < N; a++) any ||= prevActive[e * N + a] === 1;
        if (!any) continue;
        const row = this.cursor;
        this.bState.set(prevState.subarray(e * G, (e + 1) * G), row * G);
        this.bNextState.set((b.envDone[e] ? b.finalState : b.state).subarray(e * G, (e + 1) * G), row * G);
        for (let a = 0; a < N; a++) {
          const s = e * N + a,
            r = row * N + a;
          const valid = prevActive[s] === 1 && b.acted[s] === 1;
          this.bValid[r] = valid ? 1 : 0;
          this.bObs.set(prevObs.subarray(s * D, s * D + D), r * D);
          this.bAct.fill(0, r * U, r * U + U);
          if (valid && this.discrete) this.bAct[r * U + taken[s]] = 1;
          else if (valid) this.bAct.set(taken.subarray(s * U, s * U + U), r * U);
          this.bRew[r] = valid ? b.rewards[s] : 0;
          this.bTerm[r] = b.terminated[s];
          const ended = b.terminated[s] || b.truncated[s];
          this.bNext.set(ended ? b.finalObs.subarray(s * D, s * D + D) : b.obs.subarray(s * D, s * D + D), r * D);
          if (valid) this.agentSteps++;
        }
        this.cursor = (this.cursor + 1) % c.bufferSize;
        this.size = Math.min(this.size + 1, c.bufferSize);
      }
      if (this.size >= Math.max(c.learningStarts, c.batchSize) && k % c.trainFrequency === 0) {
        const l = this.trainStep();
        sums.critic += l.critic;
        sums.actor += l.actor;
        updates++;
      }
    }
    return {
      envSteps: this.envSteps,
      agentSteps: this.agentSteps,
      episodes,
      losses: updates ? { critic: sums.critic / updates, actor: sums.actor / updates } : {},
    };
  }

  /** A replay minibatch of `m` joint transitions as host arrays (rows `k · N + i`). */
  private sample(m: number) {
    const N = this.N,
      D = this.D,
      U = this.U,
      G = this.G;
    const b = {
      obs: new Float32Array(m * N * D),
      next: new Float32Array(m * N * D),
      state: new Float32Array(m * G),
      nextState: new Float32Array(m * G),
      act: new Float32Array(m * N * U),
      rew: new Float32Array(m * N),
      term: new Float32Array(m * N),
      valid: new Float32Array(m * N),
    };
    for (let k = 0; k < m; k++) {
      const i = this.rng.int(this.size);
      b.obs.set(this.bObs.subarray(i * N * D, (i + 1) * N * D), k * N * D);
      b.next.set(this.bNext.subarray(i * N * D, (i + 1) * N * D), k * N * D);
      b.state.set(this.bState.subarray(i * G, (i + 1) * G), k * G);
      b.nextState.set(this.bNextState.subarray(i * G, (i + 1) * G), k * G);
      b.act.set(this.bAct.subarray(i * N * U, (i + 1) * N * U), k * N * U);
      b.rew.set(this.bRew.subarray(i * N, (i + 1) * N), k * N);
      b.term.set(this.bTerm.subarray(i * N, (i + 1) * N), k * N);
      b.valid.set(this.bValid.subarray(i * N, (i + 1) * N), k * N);
    }
    return b;
  }

  /** One update of every agent's critic and actor, then the target networks; returns mean losses. */
  trainStep(): { critic: number; actor: number } {
    const c = this.config,
      N = this.N,
      D = this.D,
      U = this.U,
      m = c.batchSize;
    const G = this.G;
    const batch = this.sample(m);
    if (c.sharedCritic) return this.trainStepShared(batch, m);
    const { obs, next, state, nextState, act, rew, term, valid } = batch;
    const obsT = tf.tensor3d(obs, [m, N, D]),
      nextT = tf.tensor3d(next, [m, N, D]),
      actT = tf.tensor3d(act, [m, N, U]);
    const rewT = tf.tensor2d(rew, [m, N]),
      termT = tf.tensor2d(term, [m, N]),
      validT = tf.tensor2d(valid, [m, N]);
    const agentObs = tf.unstack(obsT, 1) as tf.Tensor2D[];
    const agentNext = tf.unstack(nextT, 1) as tf.Tensor2D[];
    const agentAct = tf.unstack(actT, 1) as tf.Tensor2D[];
    const stateT = tf.tensor2d(state, [m, G]),
      nextStateT = tf.tensor2d(nextState, [m, G]);
    const flatObs = tf.reshape(obsT, [m, N * D]),
      flatNext = tf.reshape(nextT, [m, N * D]);
    // What critic i reads beside the actions, now and next.
    const byState = c.criticInput === "state";
    const xs = agentObs.map((o) => (byState ? tf.concat([stateT, o], 1) : flatObs));
    const nextXs = agentNext.map((o) => (byState ? tf.concat([nextStateT, o], 1) : flatNext));
    // Target actions of every agent for the next state (inactive slots contribute zeros).
    const nextActs = tf.tidy(() =>
      agentNext.map((o, j) =>
        tf.mul(this.policyAction(this.targetActorOf(j).predict(o) as tf.Tensor2D), tf.slice(validT, [0, j], [m, 1])),
      ),
    );
    const nextJoints = nextXs.map((x) => tf.concat([x, ...nextActs], 1));
    let criticSum = 0,
      actorSum = 0;
    const counts: number[] = [],
      valids: tf.Tensor2D[] = [];
    for (let i = 0; i < N; i++) {
      const r = tf.slice(rewT, [0, i], [m, 1]),
        d = tf.slice(termT, [0, i], [m, 1]),
        v = tf.slice(validT, [0, i], [m, 1]);
      const y = tf.tidy(() =>
        tf.add(r, tf.mul(tf.mul(c.gamma, tf.sub(1, d)), this.targetCritics[i].predict(nextJoints[i]) as tf.Tensor2D)),
      );
      const count = Math.max(1, v.sum().dataSync()[0]);
      const joint = tf.concat([xs[i], ...agentAct], 1) as tf.Tensor2D;
      criticSum += this.criticOpts[i].minimize(
        () =>
          tf.div(
            tf.sum(tf.mul(v, tf.square(tf.sub(this.differentiable(this.critics[i]).apply(joint), y)))),
            count,
          ) as tf.Scalar,
      ).loss;
      tf.dispose([r, d, y, joint]);
      counts.push(count);
      valids.push(v);
    }
    // Actors: each maximises its agents' critics with its own action relaxed (shared: all agents at once).
    for (let g = 0; g < this.actors.length; g++) {
      const agents = c.shareActors ? Array.from({ length: N }, (_, i) => i) : [g];
      actorSum +=
        this.actorOpts[g].minimize(() => {
          let loss = tf.scalar(0);
          for (const i of agents) {
            const logits = this.differentiable(this.actors[g]).apply(agentObs[i]);
            const mine = this.policyAction(logits);
            const acts = agentAct.map((a, j) => (j === i ? mine : a));
            const q = this.differentiable(this.critics[i]).apply(tf.concat([xs[i], ...acts], 1) as tf.Tensor2D);
            loss = tf.add(loss, tf.div(tf.neg(tf.sum(tf.mul(valids[i], q))), counts[i]));
            if (this.discrete && c.logitRegularisation > 0)
              loss = tf.add(loss, tf.mul(c.logitRegularisation, tf.mean(tf.square(logits))));
          }
          return loss as tf.Scalar;
        }).loss / agents.length;
    }
    tf.dispose(valids);
    for (let g = 0; g < this.actors.length; g++) softUpdate(this.actors[g], this.targetActors[g], c.tau);
    for (let i = 0; i < N; i++) softUpdate(this.critics[i], this.targetCritics[i], c.tau);
    tf.dispose([
      obsT,
      nextT,
      actT,
      rewT,
      termT,
      validT,
      ...agentObs,
      ...agentNext,
      ...agentAct,
      flatObs,
      flatNext,
      stateT,
      nextStateT,
      ...(byState ? [...xs, ...nextXs] : []),
      ...nextActs,
      ...nextJoints,
    ]);
    return { critic: criticSum / N, actor: actorSum / this.actors.length };
  }

  /**
   * {@link trainStep} with one critic for every agent (`sharedCritic`): the agents' samples are rows
   * `k · N + i` of one batch, each reading the slot's input and one-hot beside the joint action; in
   * the actor's loss a row's own block of the joint action is the relaxed action of its actor.
   */
  private trainStepShared(b: ReturnType<MADDPG["sample"]>, m: number): { critic: number; actor: number } {
    const c = this.config,
      N = this.N,
      D = this.D,
      U = this.U,
      G = this.G,
      R = m * N;
    const byState = c.criticInput === "state";
    const X = byState ? G + D + N : N * D + N;
    // Host inputs per row: [state, own observation, one-hot] (or [every observation, one-hot]), now and next.
    const x = new Float32Array(R * X),
      xn = new Float32Array(R * X),
      ownMask = new Float32Array(R * N * U);
    for (let k = 0; k < m; k++)
      for (let i = 0; i < N; i++) {
        const r = k * N + i,
          o = r * X;
        if (byState) {
          x.set(b.state.subarray(k * G, (k + 1) * G), o);
          x.set(b.obs.subarray(r * D, (r + 1) * D), o + G);
          xn.set(b.nextState.subarray(k * G, (k + 1) * G), o);
          xn.set(b.next.subarray(r * D, (r + 1) * D), o + G);
        } else {
          x.set(b.obs.subarray(k * N * D, (k + 1) * N * D), o);
          xn.set(b.next.subarray(k * N * D, (k + 1) * N * D), o);
        }
        x[o + X - N + i] = 1;
        xn[o + X - N + i] = 1;
        ownMask.fill(1, r * N * U + i * U, r * N * U + (i + 1) * U);
      }
    const count = Math.max(
      1,
      b.valid.reduce((s, v) => s + v, 0),
    );
    const critic = this.critics[0];
    let criticLoss = 0,
      actorLoss = 0;
    tf.tidy(() => {
      const xT = tf.tensor2d(x, [R, X]),
        xnT = tf.tensor2d(xn, [R, X]);
      const valid = tf.tensor2d(b.valid, [R, 1]);
      const perRow = (joint: tf.Tensor2D) =>
        tf.reshape(tf.tile(tf.reshape(joint, [m, 1, N * U]), [1, N, 1]), [R, N * U]);
      const acts = perRow(tf.tensor2d(b.act, [m, N * U]));
      const obsRows = tf.tensor2d(b.obs, [R, D]),
        nextRows = tf.tensor2d(b.next, [R, D]);
      // The actors' outputs for every row (each agent's own actor, or the shared one).
      const actorRows = (
        net: (g: number) => tf.Sequential,
        rows: tf.Tensor2D,
        apply: (n: tf.Sequential, t: tf.Tensor2D) => tf.Tensor2D,
      ) => {
        if (c.shareActors) return apply(net(0), rows);
        const perAgent = tf.unstack(tf.reshape(rows, [m, N, D]), 1).map((t, i) => apply(net(i), t as tf.Tensor2D));
        return tf.reshape(tf.stack(perAgent, 1), [R, U]) as tf.Tensor2D;
      };
      const nextOwn = tf.mul(
        this.policyAction(
          actorRows(
            (g) => this.targetActorOf(g),
            nextRows,
            (n, t) => n.predict(t) as tf.Tensor2D,
          ),
        ),
        valid,
      );
      const nextActs = perRow(tf.reshape(nextOwn, [m, N * U]));
      const q1 = this.targetCritics[0].predict(tf.concat([xnT, nextActs], 1)) as tf.Tensor2D;
      const y = tf.add(tf.tensor2d(b.rew, [R, 1]), tf.mul(tf.mul(c.gamma, tf.sub(1, tf.tensor2d(b.term, [R, 1]))), q1));
      const joint = tf.concat([xT, acts], 1) as tf.Tensor2D;
      criticLoss = this.criticOpts[0].minimize(
        () =>
          tf.div(
            tf.sum(tf.mul(valid, tf.square(tf.sub(this.differentiable(critic).apply(joint), y)))),
            count,
          ) as tf.Scalar,
      ).loss;
      const mask = tf.tensor2d(ownMask, [R, N * U]);
      const others = tf.mul(acts, tf.sub(1, mask));
      for (let g = 0; g < this.actors.length; g++) {
        actorLoss += this.actorOpts[g].minimize(() => {
          const logits = actorRows(
            (i) => this.actors[i],
            obsRows,
            (n, t) => this.differentiable(n).apply(t),
          );
          const mine = tf.tile(this.policyAction(logits), [1, N]);
          const q = this.differentiable(critic).apply(
            tf.concat([xT, tf.add(others, tf.mul(mine, mask))], 1) as tf.Tensor2D,
          );
          let loss = tf.div(tf.neg(tf.sum(tf.mul(valid, q))), count);
          if (this.discrete && c.logitRegularisation > 0)
            loss = tf.add(loss, tf.mul(c.logitRegularisation, tf.mean(tf.square(logits))));
          return loss as tf.Scalar;
        }).loss;
      }
    });
    for (let g = 0; g < this.actors.length; g++) softUpdate(this.actors[g], this.targetActors[g], c.tau);
    softUpdate(critic, this.targetCritics[0], c.tau);
    return { critic: criticLoss, actor: actorLoss / this.actors.length };
  }

  /**
   * Actions of the active slots: continuous, the actors' outputs plus exploration noise unless
   * `deterministic`; discrete (one index per slot), a sample from softmax(logits) or the argmax.
   */
  act(obs: Float32Array, active: Uint8Array, out: Float32Array, deterministic = true): void {
    const N = this.N,
      D = this.D,
      U = this.U,
      E = active.length / N;
    const c = this.config;
    for (let i = 0; i < N; i++) {
      const rows = new Float32Array(E * D);
      for (let e = 0; e < E; e++) rows.set(obs.subarray((e * N + i) * D, (e * N + i + 1) * D), e * D);
      const raw = tf.tidy(() => this.actorOf(i).predict(tf.tensor2d(rows, [E, D])) as tf.Tensor2D);
      const mu = (this.discrete ? raw.dataSync() : tf.tidy(() => this.scale(raw).dataSync())) as Float32Array;
      raw.dispose();
      for (let e = 0; e < E; e++) {
        const s = e * N + i;
        if (!active[s]) continue;
        if (this.discrete) {
          out[s] = deterministic ? argmax(mu, e * U, U) : sampleCategorical(mu, e * U, U, this.rng).index;
          continue;
        }
        for (let u = 0; u < U; u++) {
          const half = (this.high[u] - this.low[u]) / 2;
          const noisy = deterministic ? mu[e * U + u] : mu[e * U + u] + c.explorationNoise * half * this.rng.normal();
          out[s * U + u] = Math.max(this.low[u], Math.min(this.high[u], noisy));
        }
      }
    }
  }

  /** The actor of agent slot `i` (the shared one with `shareActors`). */
  actorOf(i: number): tf.Sequential {
    return this.actors[this.config.shareActors ? 0 : i];
  }

  /** Discrete actors export (argmax of the logits); continuous ones end in a scaled tanh, which the zoo's format does not have. */
  zooBlocker(): string | null {
    return this.discrete ? null : "continuous MADDPG actors end in a scaled tanh, which the zoo's format does not have";
  }

  /** The actor of `slot` (the shared one with `shareActors`). */
  zooModel(slot: number): ZooModel {
    return { model: this.actorOf(slot), owned: false };
  }

  /** The fast differentiable forward pass of an online network (learning/nn/ManualMlp.ts). */
  private differentiable(net: tf.Sequential): ManualMlp {
    let m = this.manual.get(net);
    if (!m) this.manual.set(net, (m = new ManualMlp(net)));
    return m;
  }

  private targetActorOf(i: number): tf.Sequential {
    return this.targetActors[this.config.shareActors ? 0 : i];
  }

  async checkpoint(): Promise<MaddpgCheckpoint> {
    return {
      algorithm: "maddpg",
      config: this.config,
      actors: this.actors.map(modelToRecords),
      critics: this.critics.map(modelToRecords),
      targetActors: this.targetActors.map(modelToRecords),
      targetCritics: this.targetCritics.map(modelToRecords),
      actorOptimizers: this.actorOpts.map((o) => o.getState()),
      criticOptimizers: this.criticOpts.map((o) => o.getState()),
      rng: this.rng.getState(),
      envSteps: this.envSteps,
      agentSteps: this.agentSteps,
    };
  }

  async restore(cp: LearnerCheckpoint): Promise<void> {
    if (!isCheckpointOf<MaddpgCheckpoint>(cp, "maddpg")) throw wrongCheckpoint(cp, "maddpg");
    if (cp.critics.length !== this.critics.length)
      throw new Error(
        `checkpoint has ${cp.critics.length} critics, this learner ${this.critics.length} (${this.N} agents, sharedCritic ${this.config.sharedCritic})`,
      );
    if (cp.actors.length !== this.actors.length)
      throw new Error(
        `checkpoint has ${cp.actors.length} actors, this learner ${this.actors.length} (shareActors ${this.config.shareActors})`,
      );
    for (let g = 0; g < this.actors.length; g++) {
      recordsToModel(cp.actors[g], this.actors[g]);
      recordsToModel(cp.targetActors[g], this.targetActors[g]);
      this.actorOpts[g].setState(cp.actorOptimizers[g]);
    }
    for (let i = 0; i < this.critics.length; i++) {
      recordsToModel(cp.critics[i], this.critics[i]);
      recordsToModel(cp.targetCritics[i], this.targetCritics[i]);
      this.criticOpts[i].setState(cp.criticOptimizers[i]);
    }
    this.rng.setState(cp.rng);
    this.envSteps = cp.envSteps;
    this.agentSteps = cp.agentSteps;
  }

  dispose(): void {
    for (const m of [...this.actors, ...this.critics, ...this.targetActors, ...this.targetCritics]) m.dispose();
    for (const o of [...this.actorOpts, ...this.criticOpts]) o.dispose();
  }

  /**
   * The action the critics see for actor outputs `t`: continuous, tanh output scaled to the bounds;
   * discrete, a Gumbel-softmax sample of the logits (noise from the project's RNG).
   */
  private policyAction(t: tf.Tensor2D): tf.Tensor2D {
    if (!this.discrete) return this.scale(t);
    const [m, n] = t.shape;
    const g = new Float32Array(m * n);
    for (let k = 0; k < g.length; k++) g[k] = -Math.log(-Math.log(this.rng.next() * (1 - 2e-7) + 1e-7));
    return tf.tidy(
      () => tf.softmax(tf.div(tf.add(t, tf.tensor2d(g, [m, n])), this.config.gumbelTemperature)) as tf.Tensor2D,
    );
  }

  /** tanh output in [−1, 1] → the action bounds. */
  private scale(t: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const low = tf.tensor1d(this.low),
        high = tf.tensor1d(this.high);
      return tf.add(low, tf.mul(tf.div(tf.add(t, 1), 2), tf.sub(high, low))) as tf.Tensor2D;
    });
  }
}
