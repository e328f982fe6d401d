/**
 * MAAC, multi-actor-attention-critic (Iqbal & Sha 2019, "Actor-Attention-Critic for Multi-Agent
 * Reinforcement Learning"): a centralised critic that attends to the other agents. For agent i it
 * encodes its own observation (and slot one-hot) as `sᵢ`, every other live agent j's observation and
 * action as `eⱼ`, and lets `sᵢ` query them with `heads` attention heads:
 *
 *     αᵢⱼ = softmaxⱼ((Wq sᵢ) · (Wk eⱼ) / √d)        over the live others
 *     xᵢ  = Σⱼ αᵢⱼ relu(Wv eⱼ)                     (the heads concatenated)
 *     Q(oᵢ, ·, o₋ᵢ, a₋ᵢ) = MLP([sᵢ, xᵢ])           one value per own action
 *
 * so each agent weighs the others by relevance (the car at the junction, not the one behind) and
 * the input does not grow with them. All agents share the critic's weights (as the paper shares
 * the attention), each learns from its own reward, and the actor is the shared policy of
 * learning/algorithms/CounterfactualActorCritic.ts with MAAC's multi-agent baseline
 * `Σₐ π(a | oᵢ) Q(oᵢ, a, o₋ᵢ, a₋ᵢ)`. The critic trains by autodiff (learning/nn/Adam.ts).
 *
 * Differences from the paper, said plainly: training is on-policy from rollouts with TD(λ) critic
 * targets, as the SMARTS paper's MAAC row was (a centralised actor-critic trained on-policy), not
 * off-policy soft actor-critic from a replay buffer; the entropy bonus stands in for the soft
 * value's temperature.
 */
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import { Adam, type AdamState } from "../nn/Adam.js";
import { matMul } from "../nn/matMul.js";
import { decodeF32, encodeF32, type ArrayRecord } from "../nn/tensorRecord.js";
import type { VecEnv } from "../vecEnv/VecEnv.js";
import { CounterfactualActorCritic, CounterfactualConfigSchema } from "./CounterfactualActorCritic.js";
import type { QCritic } from "./QCritic.js";

/** MAAC's settings: the shared ones plus the attention critic's. */
export const MaacConfigSchema = CounterfactualConfigSchema.extend({
  /** Width of the critic's encodings (a multiple of `heads`). */
  attentionDim: z.number().int().positive().default(64),
  /** Attention heads. */
  heads: z.number().int().positive().default(4),
});

/** MAAC's settings (defaults filled). */
export type MaacConfig = z.infer<typeof MaacConfigSchema>;

/** A seeded uniform(±√(6 / (fanIn + fanOut))) matrix variable (Glorot), or zeros for biases. */
function weight(shape: [number, number] | [number], seed: number): tf.Variable {
  const init = shape.length === 2 ? tf.initializers.glorotUniform({ seed }).apply(shape) : tf.zeros(shape);
  const v = tf.variable(init, true);
  init.dispose();
  return v;
}

/** The attention critic: `x` (own part, then one block per other slot) ↦ `Q(x, ·)`. */
export class AttentionQCritic implements QCritic {
  private readonly vars: Record<string, tf.Variable>;
  /** The trainable variables, in checkpoint order. */
  readonly variables: tf.Variable[];
  private readonly optimizer: Adam;
  private readonly ownDim: number;
  private readonly otherDim: number;

  constructor(
    /** Own observation + slot one-hot. */
    ownDim: number,
    /** Other slots (N − 1). */
    private readonly others: number,
    /** Observation and action one-hot of one other slot (without its presence flag). */
    otherDim: number,
    private readonly K: number,
    private readonly c: MaacConfig,
    seed: number,
  ) {
    if (c.attentionDim % c.heads !== 0)
      throw new Error(`maac: attentionDim (${c.attentionDim}) must be a multiple of heads (${c.heads})`);
    this.ownDim = ownDim;
    this.otherDim = otherDim;
    const H = c.attentionDim,
      hidden = c.criticHidden[0];
    let k = seed;
    const names: [string, [number, number] | [number]][] = [
      ["own_kernel", [ownDim, H]],
      ["own_bias", [H]],
      ["other_kernel", [otherDim, H]],
      ["other_bias", [H]],
      ["query", [H, H]],
      ["key", [H, H]],
      ["value_kernel", [H, H]],
      ["value_bias", [H]],
      ["head_kernel", [2 * H, hidden]],
      ["head_bias", [hidden]],
      ["out_kernel", [hidden, K]],
      ["out_bias", [K]],
    ];
    this.vars = Object.fromEntries(names.map(([name, shape]) => [name, weight(shape, k++)]));
    this.variables = Object.values(this.vars);
    this.optimizer = new Adam(this.variables, c.criticLearningRate, c.criticMaxGradNorm);
  }

  /** `Q` `[m, K]` of a batch `x` `[m, C]` (inside `tf.tidy`). */
  forward(x: tf.Tensor2D): tf.Tensor2D {
    const v = this.vars,
      m = x.shape[0],
      H = this.c.attentionDim,
      heads = this.c.heads,
      d = H / heads,
      J = this.others;
    const mm = (a: tf.Tensor, b: tf.Tensor) => matMul(a as tf.Tensor2D, b as tf.Tensor2D);
    const own = tf.slice(x, [0, 0], [m, this.ownDim]);
    const s = tf.relu(tf.add(mm(own, v.own_kernel), v.own_bias));
    let attended: tf.Tensor2D = tf.zeros([m, H]);
    if (J > 0) {
      const blocks = tf.reshape(tf.slice(x, [0, this.ownDim], [m, J * (1 + this.otherDim)]), [m, J, 1 + this.otherDim]);
      const present = tf.reshape(tf.slice(blocks, [0, 0, 0], [m, J, 1]), [m, J]);
      const feats = tf.reshape(tf.slice(blocks, [0, 0, 1], [m, J, this.otherDim]), [m * J, this.otherDim]);
      const e = tf.relu(tf.add(mm(feats, v.other_kernel), v.other_bias));
      const q = tf.reshape(mm(s, v.query), [m, 1, heads, d]);
      const key = tf.reshape(mm(e, v.key), [m, J, heads, d]);
      const val = tf.reshape(tf.relu(tf.add(mm(e, v.value_kernel), v.value_bias)), [m, J, heads, d]);
      // Logits [m, J, heads]; absent agents masked out of the softmax over J, and out of the sum.
      const mask = tf.reshape(present, [m, J, 1]);
      const logits = tf.add(tf.div(tf.sum(tf.mul(q, key), 3), Math.sqrt(d)), tf.mul(tf.sub(mask, 1), 1e9));
      const alpha = tf.mul(tf.softmax(tf.transpose(logits, [0, 2, 1])), tf.transpose(mask, [0, 2, 1])); // [m, heads, J]
      const weighted = tf.sum(tf.mul(tf.reshape(tf.transpose(alpha, [0, 2, 1]), [m, J, heads, 1]), val), 1);
      attended = tf.reshape(weighted, [m, H]);
    }
    const h = tf.relu(tf.add(mm(tf.concat([s, attended], 1), v.head_kernel), v.head_bias));
    return tf.add(mm(h, v.out_kernel), v.out_bias) as tf.Tensor2D;
  }

  predict(x: Float32Array, rows: number): Float32Array {
    const C = x.length / rows;
    return tf.tidy(() => this.forward(tf.tensor2d(x, [rows, C])).dataSync() as Float32Array);
  }

  /** `mean((Q(x)[a] − y)²) / 2` as a scalar tensor. */
  loss(x: tf.Tensor2D, actions: tf.Tensor2D, y: tf.Tensor1D): tf.Scalar {
    const qa = tf.sum(tf.mul(this.forward(x), actions), 1);
    return tf.mul(0.5, tf.mean(tf.square(tf.sub(qa, y))));
  }

  step(x: Float32Array, actions: Int32Array, y: Float32Array, rows: number): number {
    return tf.tidy(() => {
      const xt = tf.tensor2d(x, [rows, x.length / rows]),
        at = tf.oneHot(tf.tensor1d(actions, "int32"), this.K) as tf.Tensor2D,
        yt = tf.tensor1d(y);
      return this.optimizer.minimize(() => this.loss(xt, at, yt)).loss;
    });
  }

  records(): ArrayRecord[][] {
    return [Object.values(this.vars).map((t) => encodeF32(t.dataSync() as Float32Array, [...t.shape]))];
  }

  restore(records: ArrayRecord[][]): void {
    const vars = Object.values(this.vars);
    if (records[0]?.length !== vars.length)
      throw new Error(`maac checkpoint: ${records[0]?.length ?? 0} critic arrays, expected ${vars.length}`);
    vars.forEach((t, i) => t.assign(tf.tensor(decodeF32(records[0][i]), t.shape)));
  }

  optimizerState(): AdamState {
    return this.optimizer.getState();
  }

  setOptimizerState(s: AdamState): void {
    this.optimizer.setState(s);
  }

  dispose(): void {
    tf.dispose(Object.values(this.vars));
    this.optimizer.dispose();
  }
}

/** MAAC over a vectorised env with discrete actions. */
export class MAAC extends CounterfactualActorCritic {
  readonly algorithm = "maac";

  constructor(env: VecEnv, config: z.input<typeof MaacConfigSchema> = {}) {
    super(env, config, MaacConfigSchema, "maac");
  }

  private get ownDim(): number {
    return this.D + this.idDim;
  }

  /** Own observation and slot one-hot, then per other slot: present, observation, action one-hot. */
  get criticDim(): number {
    return this.ownDim + (this.N - 1) * (1 + this.D + this.K);
  }

  protected override buildCritic(): QCritic {
    const c = MaacConfigSchema.parse(this.config);
    return new AttentionQCritic(this.ownDim, this.N - 1, this.D + this.K, this.K, c, c.seed * 1000 + 101);
  }

  writeCriticInputs(
    obs: Float32Array,
    _state: Float32Array,
    actions: Int32Array,
    present: Uint8Array,
    out: Float32Array,
  ): void {
    const { N, K, D } = this,
      ids = this.idDim,
      C = this.criticDim,
      block = 1 + D + K;
    out.fill(0);
    for (let s = 0; s < present.length; s++) {
      const e = Math.floor(s / N),
        a = s % N,
        row = s * C;
      if (present[s]) out.set(obs.subarray(s * D, (s + 1) * D), row);
      if (ids) out[row + D + a] = 1;
      let o = row + this.ownDim;
      for (let j = 0; j < N; j++) {
        if (j === a) continue;
        const other = e * N + j;
        if (present[other]) {
          out[o] = 1;
          out.set(obs.subarray(other * D, (other + 1) * D), o + 1);
          out[o + 1 + D + actions[other]] = 1;
        }
        o += block;
      }
    }
  }
}
