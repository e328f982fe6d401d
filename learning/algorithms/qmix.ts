/**
 * QMIX (Rashid et al. 2018, "QMIX: Monotonic Value Function Factorisation for Deep Multi-Agent
 * Reinforcement Learning"): VDN (learning/algorithms/vdn.ts) with the sum replaced by a mixing
 * network whose weights are made from the global state by hypernetworks:
 *
 *     h     = elu(Q · |W₁(s)| + b₁(s))        Q: the agents' values [N], W₁(s): [N × E]
 *     Q_tot = h · |W₂(s)| + V(s)               W₂(s): [E], V(s): a scalar
 *
 * The absolute values keep every weight non-negative, so `∂Q_tot/∂Qᵢ ≥ 0`: each agent's greedy
 * action is the one the team's greedy joint action takes (decentralised execution stays
 * consistent), while the state-dependent weights let `Q_tot` be far richer than a sum — enough for
 * the two-step game (`learning/toyEnvs/TwoStepGame.ts`) that VDN cannot represent. `W₁` and `W₂`
 * come from two-layer hypernetworks (`hypernetHidden` ReLU units), `b₁` from a linear one, `V` from
 * a two-layer network, as in the paper; the target networks include a copy of the mixer.
 */
import * as tf from "@tensorflow/tfjs";
import { z } from "zod";
import { ManualMlp } from "../nn/ManualMlp.js";
import { buildMlp, copyWeights, trainableVars } from "../nn/mlp.js";
import { modelToRecords, recordsToModel } from "../nn/tensorRecord.js";
import type { VecEnv } from "../vecEnv/VecEnv.js";
import { VDN, VdnConfigSchema, type Mixer, type VdnConfig } from "./vdn.js";

/** QMIX's hyper-parameters: VDN's plus the mixing network's. */
export const QmixConfigSchema = VdnConfigSchema.extend({
  /** Hidden units of the mixing network (E). */
  mixingEmbedDim: z.number().int().positive().default(32),
  /** Hidden units of the hypernetworks that make the mixing weights. */
  hypernetHidden: z.number().int().positive().default(64),
});

/** QMIX's hyper-parameters (defaults filled). */
export type QmixConfig = z.infer<typeof QmixConfigSchema>;

/** The four networks of a mixer, on the global state. */
interface Hypernets {
  w1: tf.Sequential;
  b1: tf.Sequential;
  w2: tf.Sequential;
  v: tf.Sequential;
}

/** QMIX's monotonic mixing network (online and target copies). */
class MonotonicMixer implements Mixer {
  readonly variables: tf.Variable[];
  private readonly online: Hypernets;
  private readonly target: Hypernets;
  /** Fast differentiable forward passes of the online networks. */
  private readonly manual = new Map<tf.Sequential, ManualMlp>();

  constructor(
    private readonly numAgents: number,
    stateDim: number,
    private readonly c: QmixConfig,
  ) {
    const E = c.mixingEmbedDim,
      H = c.hypernetHidden;
    const make = (suffix: string): Hypernets => {
      const net = (name: string, hidden: number[], out: number, seed: number) =>
        buildMlp({
          inputDim: stateDim,
          hidden,
          outputDim: out,
          activation: "relu",
          seed: c.seed * 1000 + seed,
          name: `${name}${suffix}`,
        });
      return {
        w1: net("mix_w1", [H], numAgents * E, 11),
        b1: net("mix_b1", [], E, 21),
        w2: net("mix_w2", [H], E, 31),
        v: net("mix_v", [E], 1, 41),
      };
    };
    this.online = make("");
    this.target = make("_target");
    this.copyToTarget();
    this.variables = trainableVars(...this.nets(this.online));
  }

  mix(q: tf.Tensor2D, state: tf.Tensor2D, target: boolean): tf.Tensor1D {
    const n = target ? this.target : this.online;
    const m = q.shape[0],
      E = this.c.mixingEmbedDim;
    const apply = (net: tf.Sequential) =>
      target ? (net.predict(state) as tf.Tensor2D) : this.differentiable(net).apply(state);
    const w1 = tf.reshape(tf.abs(apply(n.w1)), [m, this.numAgents, E]);
    const b1 = tf.reshape(apply(n.b1), [m, 1, E]);
    const hidden = tf.elu(tf.add(tf.matMul(tf.reshape(q, [m, 1, this.numAgents]), w1), b1));
    const w2 = tf.reshape(tf.abs(apply(n.w2)), [m, E, 1]);
    const v = tf.reshape(apply(n.v), [m, 1, 1]);
    return tf.reshape(tf.add(tf.matMul(hidden, w2), v), [m]);
  }

  copyToTarget(): void {
    const from = this.nets(this.online),
      to = this.nets(this.target);
    from.forEach((net, i) => copyWeights(net, to[i]));
  }

  records() {
    return [...this.nets(this.online), ...this.nets(this.target)].map(modelToRecords);
  }

  restore(records: ReturnType<MonotonicMixer["records"]>): void {
    const nets = [...this.nets(this.online), ...this.nets(this.target)];
    if (records.length !== nets.length)
      throw new Error(`QMIX checkpoint: ${records.length} mixer networks, expected ${nets.length}`);
    nets.forEach((net, i) => recordsToModel(records[i], net));
  }

  dispose(): void {
    for (const net of [...this.nets(this.online), ...this.nets(this.target)]) net.dispose();
  }

  private differentiable(net: tf.Sequential): ManualMlp {
    let m = this.manual.get(net);
    if (!m) this.manual.set(net, (m = new ManualMlp(net)));
    return m;
  }

  private nets(h: Hypernets): tf.Sequential[] {
    return [h.w1, h.b1, h.w2, h.v];
  }
}

/** QMIX over a vectorised env with discrete actions. */
export class QMIX extends VDN {
  override readonly algorithm: string = "qmix";

  constructor(env: VecEnv, config: z.input<typeof QmixConfigSchema> = {}) {
    super(
      env,
      config,
      QmixConfigSchema,
      (c: VdnConfig) => new MonotonicMixer(env.numAgents, env.stateDim, QmixConfigSchema.parse(c)),
    );
  }
}
