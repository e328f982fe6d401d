/**
 * Centralised action-value critics of the actor-critic learners with a counterfactual baseline
 * (COMA, MFAC, MAAC; learning/algorithms/CounterfactualActorCritic.ts): from one agent's critic
 * input — what it sees of the others, their actions included — the value of each of the agent's own
 * actions, `Q(x, ·)` `[K]`, so that the agent's alternatives are valued with everything else held.
 */
import * as tf from "@tensorflow/tfjs";
import type { AdamState } from "../nn/Adam.js";
import { HostAdam } from "../nn/HostAdam.js";
import { ManualMlp, transpose } from "../nn/ManualMlp.js";
import { buildMlp } from "../nn/mlp.js";
import { modelToRecords, recordsToModel, type ArrayRecord } from "../nn/tensorRecord.js";

/** A critic `x ↦ Q(x, ·)`. */
export interface QCritic {
  /** Q-values of every own action `[rows · K]` for critic inputs `x` `[rows · C]`. */
  predict(x: Float32Array, rows: number): Float32Array;
  /** One gradient step on `mean((Q(x)[aᵢ] − yᵢ)²) / 2` over the rows; returns that loss before the step. */
  step(x: Float32Array, actions: Int32Array, y: Float32Array, rows: number): number;
  /** The networks' weights. */
  records(): ArrayRecord[][];
  restore(records: ArrayRecord[][]): void;
  optimizerState(): AdamState;
  setOptimizerState(s: AdamState): void;
  dispose(): void;
}

/** The loss of {@link QCritic.step} and its gradient at the outputs `[rows · K]` (only the taken action's value moves). */
export function qLossGradient(
  q: Float32Array,
  actions: Int32Array,
  y: Float32Array,
  rows: number,
  K: number,
): { loss: number; dq: Float32Array } {
  const dq = new Float32Array(rows * K);
  let loss = 0;
  for (let i = 0; i < rows; i++) {
    const err = q[i * K + actions[i]] - y[i];
    loss += (0.5 * err * err) / rows;
    dq[i * K + actions[i]] = err / rows;
  }
  return { loss, dq };
}

/** An MLP critic (ReLU hidden layers), trained with hand-written back-propagation and host Adam as PPO's networks. */
export class MlpQCritic implements QCritic {
  readonly model: tf.Sequential;
  private readonly net: ManualMlp;
  private readonly optimizer: HostAdam;

  constructor(
    readonly inputDim: number,
    /** Actions (outputs). */
    readonly K: number,
    hidden: readonly number[],
    learningRate: number,
    maxGradNorm: number,
    seed: number,
  ) {
    this.model = buildMlp({ inputDim, hidden, outputDim: K, activation: "relu", seed, name: "q_critic" });
    this.net = new ManualMlp(this.model);
    this.optimizer = new HostAdam(this.net.variables, learningRate, maxGradNorm);
  }

  predict(x: Float32Array, rows: number): Float32Array {
    return this.net.predict(x.length === rows * this.inputDim ? x : x.subarray(0, rows * this.inputDim), rows);
  }

  step(x: Float32Array, actions: Int32Array, y: Float32Array, rows: number): number {
    const C = this.inputDim;
    let loss = 0;
    const grads: Float32Array[] = [];
    tf.tidy(() => {
      const trace = this.net.forward(tf.tensor2d(x, [rows, C]));
      const g = qLossGradient(trace.out.dataSync() as Float32Array, actions, y, rows, this.K);
      loss = g.loss;
      const xT = tf.tensor2d(transpose(x, rows, C), [C, rows]);
      for (const t of this.net.backward(trace, tf.tensor2d(g.dq, [rows, this.K]), xT))
        grads.push(t.dataSync() as Float32Array);
    });
    this.optimizer.apply(grads);
    return loss;
  }

  records(): ArrayRecord[][] {
    return [modelToRecords(this.model)];
  }

  restore(records: ArrayRecord[][]): void {
    recordsToModel(records[0], this.model);
    this.optimizer.syncFromVariables();
  }

  optimizerState(): AdamState {
    return this.optimizer.getState();
  }

  setOptimizerState(s: AdamState): void {
    this.optimizer.setState(s);
  }

  dispose(): void {
    this.model.dispose();
  }
}
