/**
 * Forward and backward passes of a {@link buildMlp} network written out with TensorFlow.js ops, for
 * the hot loop of PPO. Two reasons over `model.apply` + autodiff:
 *
 * - on the wasm backend a matrix product with a transposed operand (`matMul(a, b, true, false)`,
 *   which autodiff uses for every weight and input gradient) leaves the fast XNNPACK path and costs
 *   about 10× a plain one (5.4 ms against 0.5 ms for 1024×135 · 1024×64 here); the backward pass
 *   below transposes explicitly (the first layer's input arrives transposed from the host) and
 *   multiplies untransposed;
 * - no tape: the loss gradient at the output comes from the caller (PPO computes it on the host),
 *   and only the needed products run (no input gradient for the first layer).
 *
 * The variables stay the model's own, so saving, checkpoints and `model.predict` see the same
 * weights; the forward pass uses the ops of tfjs's Dense layer (fused matMul + bias, then the
 * activation), so its outputs equal `model.predict`'s.
 */
import * as tf from "@tensorflow/tfjs";
import { matMul } from "./matMul.js";

/** One dense layer's variables and activation. */
interface Dense {
  kernel: tf.Variable;
  bias: tf.Variable;
  activation: "tanh" | "relu" | "linear";
}

/** A forward pass that keeps what the backward pass needs (tensors owned by the caller's scope). */
export interface MlpTrace {
  /** The network's output `[rows, outputs]`. */
  out: tf.Tensor2D;
  /** Each layer's input: the network input, then each hidden layer's activation. */
  inputs: tf.Tensor2D[];
}

/** Hand-written passes over a sequential dense model. */
export class ManualMlp {
  private readonly layers: Dense[];

  constructor(readonly model: tf.Sequential) {
    this.layers = model.layers.map((layer, i) => {
      const [kernel, bias] = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const activation = (layer.getConfig() as { activation?: string }).activation ?? "linear";
      if (!kernel || !bias || (activation !== "tanh" && activation !== "relu" && activation !== "linear")) {
        throw new Error(
          `manual MLP: layer ${i} ("${layer.name}") of model "${model.name}" is not a dense layer with bias and tanh/relu/linear activation`,
        );
      }
      return { kernel, bias, activation };
    });
  }

  /** The variables in the model's order (kernel, bias per layer): the order of {@link backward}'s gradients. */
  get variables(): tf.Variable[] {
    return this.layers.flatMap((l) => [l.kernel, l.bias]);
  }

  /** Forward pass of `x` `[rows, inputs]`. Call inside `tf.tidy`. */
  forward(x: tf.Tensor2D): MlpTrace {
    const inputs: tf.Tensor2D[] = [];
    let h = x;
    for (const l of this.layers) {
      inputs.push(h);
      const z = tf.fused.matMul({
        a: h,
        b: l.kernel as tf.Tensor2D,
        bias: l.bias,
        activation: l.activation === "relu" ? "relu" : "linear",
      });
      h = (l.activation === "tanh" ? tf.tanh(z) : z) as tf.Tensor2D;
    }
    return { out: h, inputs };
  }

  /**
   * The network's output for `x` as a differentiable expression, for losses trained by autodiff:
   * the same layers as `model.apply`, with products whose gradients multiply by explicit
   * transposes (learning/nn/matMul.ts), several times faster on wasm.
   */
  apply(x: tf.Tensor2D): tf.Tensor2D {
    let h = x;
    for (const l of this.layers) {
      const z = tf.add(matMul(h, l.kernel as tf.Tensor2D), l.bias) as tf.Tensor2D;
      h = l.activation === "tanh" ? tf.tanh(z) : l.activation === "relu" ? tf.relu(z) : z;
    }
    return h;
  }

  /** Outputs for `rows` rows of `x` (host in, host out). */
  predict(x: Float32Array, rows: number): Float32Array {
    return tf.tidy(() => this.forward(tf.tensor2d(x, [rows, x.length / rows])).out.dataSync() as Float32Array);
  }

  /**
   * Gradients of a loss with respect to every variable ({@link variables} order), given the trace
   * of the forward pass, the loss's gradient at the output `dOut` `[rows, outputs]`, and the
   * network input transposed `[inputs, rows]`. Call inside `tf.tidy`.
   */
  backward(trace: MlpTrace, dOut: tf.Tensor2D, inputT: tf.Tensor2D): tf.Tensor[] {
    const grads: tf.Tensor[] = new Array(2 * this.layers.length);
    // The output's gradient is taken after the activation; the last layer's own activation is linear for PPO's heads.
    let dz = this.activationGrad(this.layers.length - 1, trace, dOut);
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const a = trace.inputs[l];
      const aT = l === 0 ? inputT : (tf.transpose(a) as tf.Tensor2D);
      grads[2 * l] = tf.matMul(aT, dz);
      grads[2 * l + 1] = tf.sum(dz, 0);
      if (l > 0)
        dz = this.activationGrad(l - 1, trace, tf.matMul(dz, tf.transpose(this.layers[l].kernel) as tf.Tensor2D));
    }
    return grads;
  }

  /** Gradient before layer `l`'s activation from the gradient after it (its output is `inputs[l + 1]` or `out`). */
  private activationGrad(l: number, trace: MlpTrace, dy: tf.Tensor2D): tf.Tensor2D {
    const act = this.layers[l].activation;
    if (act === "linear") return dy;
    const y = l + 1 < trace.inputs.length ? trace.inputs[l + 1] : trace.out;
    return act === "tanh" ? tf.mul(dy, tf.sub(1, tf.square(y))) : tf.mul(dy, tf.step(y));
  }
}

/** `[rows, cols]` → `[cols, rows]` (row-major): the network input as {@link ManualMlp.backward} takes it. */
export function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let k = 0; k < cols; k++) out[k * rows + r] = a[base + k];
  }
  return out;
}
