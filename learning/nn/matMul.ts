/**
 * A matrix product whose gradient multiplies by explicit transposes, for networks trained by
 * autodiff on the wasm backend: TensorFlow.js's own gradient of `matMul(a, b)` multiplies with
 * transposed operands (`matMul(dy, b, false, true)`, `matMul(a, dy, true, false)`), which leave
 * XNNPACK's fast path and cost several times a plain product; transposing first and multiplying
 * plainly gives the same numbers about three times faster (learning/nn/ManualMlp.ts does the same by
 * hand for PPO).
 */
import * as tf from "@tensorflow/tfjs";

const product = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args;
  if (!(a instanceof tf.Tensor) || !(b instanceof tf.Tensor) || typeof save !== "function")
    throw new Error("matMul: expected two tensors");
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
      tf.matMul(dy as tf.Tensor2D, tf.transpose(saved[1]) as tf.Tensor2D),
      tf.matMul(tf.transpose(saved[0]) as tf.Tensor2D, dy as tf.Tensor2D),
    ],
  };
});

/**
 * `a · b` for 2-D `a` `[m, k]` and `b` `[k, n]`: with the explicit-transpose gradient on the wasm
 * backend, TensorFlow.js's own product elsewhere (the CPU backend multiplies transposed operands as
 * fast as plain ones, and the extra transposes would only cost).
 */
export function matMul(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.getBackend() === "wasm" ? (product(a, b) as tf.Tensor2D) : tf.matMul(a, b);
}
