import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { matMul } from "./matMul.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

describe("matMul with explicit-transpose gradients", () => {
  it("has tf.matMul's value and gradients (on wasm, where it takes its own gradient)", async () => {
    await selectBackend({ choice: "wasm" });
    tf.tidy(() => {
      const a = tf.variable(tf.tensor2d([1, -2, 0.5, 3, 4, -1], [2, 3]));
      const b = tf.variable(tf.tensor2d([0.2, -0.4, 1, 2, -3, 0.5], [3, 2]));
      const w = tf.tensor2d([1, -1, 2, 0.5], [2, 2]);
      const loss = (mm: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor2D) => () =>
        tf.sum(tf.mul(tf.square(mm(a, b)), w)) as tf.Scalar;
      expect(Array.from(matMul(a, b).dataSync())).toEqual(Array.from(tf.matMul(a, b).dataSync()));
      const fast = tf.variableGrads(loss(matMul), [a, b]);
      const plain = tf.variableGrads(
        loss((x, y) => tf.matMul(x, y)),
        [a, b],
      );
      for (const v of [a, b]) {
        const f = fast.grads[v.name].dataSync(),
          p = plain.grads[v.name].dataSync();
        f.forEach((g, k) => expect(g).toBeCloseTo(p[k], 5));
      }
    });
    await selectBackend({ choice: "cpu" });
  });
});
