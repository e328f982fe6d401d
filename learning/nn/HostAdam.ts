/**
 * Adam with global-norm gradient clipping, computed on the host: gradients arrive as typed arrays,
 * the moments and a mirror of the weights live in `Float32Array`s, and each step uploads the new
 * weights with one `assign` per variable. For PPO's small networks this replaces about ten tensor
 * ops per variable (each a kernel launch on wasm) by one JavaScript loop. Same update rule, state
 * and checkpoint format as {@link Adam} (`learning/nn/Adam.ts`): bias corrections from the step
 * count, so a restored optimizer continues bit for bit.
 */
import * as tf from "@tensorflow/tfjs";
import type { AdamState } from "./Adam.js";
import { decodeF32, encodeF32 } from "./tensorRecord.js";

/** Adam over a fixed list of variables, on the host. */
export class HostAdam {
  private step = 0;
  private readonly m: Float32Array[];
  private readonly v: Float32Array[];
  /** The variables' values as last written or read (see {@link syncFromVariables}). */
  private readonly w: Float32Array[];

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
    this.m = vars.map((x) => new Float32Array(x.size));
    this.v = vars.map((x) => new Float32Array(x.size));
    this.w = vars.map((x) => new Float32Array(x.size));
    this.syncFromVariables();
  }

  /** Re-reads the weights from the variables (after anything else assigned them, e.g. a restore). */
  syncFromVariables(): void {
    this.vars.forEach((x, i) => this.w[i].set(x.dataSync() as Float32Array));
  }

  /**
   * One step from `grads` (one array per variable, in order): clipped to `maxGradNorm` in global
   * norm, then the Adam update. Returns the gradient norm before clipping.
   */
  apply(grads: readonly Float32Array[]): number {
    if (grads.length !== this.vars.length)
      throw new Error(`host Adam: ${grads.length} gradients for ${this.vars.length} variables`);
    let sq = 0;
    grads.forEach((g, i) => {
      if (g.length !== this.w[i].length)
        throw new Error(
          `host Adam: gradient ${i} ("${this.vars[i].name}") has ${g.length} elements, the variable ${this.w[i].length}`,
        );
      for (let k = 0; k < g.length; k++) sq += g[k] * g[k];
    });
    const gradNorm = Math.sqrt(sq);
    const scale = gradNorm > this.maxGradNorm ? this.maxGradNorm / (gradNorm + 1e-6) : 1;
    this.step++;
    const b1 = this.beta1,
      b2 = this.beta2,
      c1 = 1 - Math.pow(b1, this.step),
      c2 = 1 - Math.pow(b2, this.step),
      lr = this.learningRate,
      eps = this.epsilon;
    this.vars.forEach((x, i) => {
      const g = grads[i],
        m = this.m[i],
        v = this.v[i],
        w = this.w[i];
      for (let k = 0; k < w.length; k++) {
        const gk = g[k] * scale;
        m[k] = b1 * m[k] + (1 - b1) * gk;
        v[k] = b2 * v[k] + (1 - b2) * gk * gk;
        w[k] -= (lr * (m[k] / c1)) / (Math.sqrt(v[k] / c2) + eps);
      }
      const t = tf.tensor(w, x.shape, "float32");
      x.assign(t);
      t.dispose();
    });
    return gradNorm;
  }

  getState(): AdamState {
    return {
      step: this.step,
      m: this.m.map((a, i) => encodeF32(a, [...this.vars[i].shape])),
      v: this.v.map((a, i) => encodeF32(a, [...this.vars[i].shape])),
    };
  }

  setState(s: AdamState): void {
    if (s.m.length !== this.m.length || s.v.length !== this.v.length)
      throw new Error(`optimizer state has ${s.m.length} variables, this optimizer ${this.m.length}`);
    this.step = s.step;
    s.m.forEach((r, i) => this.m[i].set(decodeF32(r)));
    s.v.forEach((r, i) => this.v[i].set(decodeF32(r)));
    this.syncFromVariables();
  }

  /** Nothing on the device to free; kept for symmetry with {@link Adam}. */
  dispose(): void {}
}
