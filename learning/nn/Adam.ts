/**
 * Adam (Kingma & Ba 2015) with gradient-norm clipping, written out so that its whole state is the
 * step count and the two moment estimates: the bias corrections are `1 − βᵗ` computed from the step
 * count each time, so a restored optimizer continues bit for bit (TensorFlow.js's own Adam keeps
 * running products that a restore recomputes differently in the last bit).
 */
import * as tf from "@tensorflow/tfjs";
import { decodeF32, encodeF32, type ArrayRecord } from "./tensorRecord.js";

/** The state of an {@link Adam}. */
export interface AdamState {
  step: number;
  m: ArrayRecord[];
  v: ArrayRecord[];
}

/** Adam over a fixed list of variables. */
export class Adam {
  private step = 0;
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];

  constructor(
    /** The variables it updates, in a fixed order. */
    readonly vars: readonly tf.Variable[],
    /** Learning rate. */
    public learningRate: number,
    /** Largest global gradient norm (Infinity: no clipping). */
    readonly maxGradNorm = Infinity,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = 1e-5,
  ) {
    this.m = vars.map((x) => tf.variable(tf.zerosLike(x), false));
    this.v = vars.map((x) => tf.variable(tf.zerosLike(x), false));
  }

  /**
   * Minimises `loss()` by one step: gradients of every variable, clipped to `maxGradNorm` in global
   * norm, then the Adam update. Returns the loss value and the gradient norm before clipping.
   */
  minimize(loss: () => tf.Scalar): { loss: number; gradNorm: number } {
    const { value, grads } = tf.variableGrads(loss, [...this.vars]);
    const names = this.vars.map((x) => x.name);
    const lossValue = value.dataSync()[0];
    const gradNorm = tf.tidy(() => tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n]))))).dataSync()[0]);
    const scale = gradNorm > this.maxGradNorm ? this.maxGradNorm / (gradNorm + 1e-6) : 1;
    this.step++;
    const c1 = 1 - Math.pow(this.beta1, this.step),
      c2 = 1 - Math.pow(this.beta2, this.step);
    tf.tidy(() => {
      this.vars.forEach((x, i) => {
        const g = tf.mul(grads[names[i]], scale);
        this.m[i].assign(tf.add(tf.mul(this.m[i], this.beta1), tf.mul(g, 1 - this.beta1)));
        this.v[i].assign(tf.add(tf.mul(this.v[i], this.beta2), tf.mul(tf.square(g), 1 - this.beta2)));
        const mHat = tf.div(this.m[i], c1),
          vHat = tf.div(this.v[i], c2);
        x.assign(tf.sub(x, tf.mul(this.learningRate, tf.div(mHat, tf.add(tf.sqrt(vHat), this.epsilon)))));
      });
    });
    tf.dispose([value, grads]);
    return { loss: lossValue, gradNorm };
  }

  getState(): AdamState {
    return {
      step: this.step,
      m: this.m.map((t) => encodeF32(t.dataSync() as Float32Array, [...t.shape])),
      v: this.v.map((t) => encodeF32(t.dataSync() as Float32Array, [...t.shape])),
    };
  }

  setState(s: AdamState): void {
    if (s.m.length !== this.m.length)
      throw new Error(`optimizer state has ${s.m.length} variables, this optimizer ${this.m.length}`);
    this.step = s.step;
    s.m.forEach((r, i) => this.m[i].assign(tf.tensor(decodeF32(r), this.m[i].shape)));
    s.v.forEach((r, i) => this.v[i].assign(tf.tensor(decodeF32(r), this.v[i].shape)));
  }

  dispose(): void {
    tf.dispose([...this.m, ...this.v]);
  }
}
