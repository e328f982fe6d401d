import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../backend/selectBackend.js";
import { ManualMlp } from "../nn/ManualMlp.js";
import { MlpQCritic, qLossGradient } from "./QCritic.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

describe("MLP Q critic", () => {
  it("its hand-written gradient of mean((Q(x)[a] − y)²) / 2 equals autodiff's", () => {
    const rows = 6,
      C = 5,
      K = 3;
    const critic = new MlpQCritic(C, K, [8, 8], 1e-3, Infinity, 7);
    const x = Float32Array.from({ length: rows * C }, (_, k) => Math.sin(k * 1.3));
    const actions = Int32Array.from({ length: rows }, (_, k) => k % K);
    const y = Float32Array.from({ length: rows }, (_, k) => k / 3 - 1);
    const q = critic.predict(x, rows);
    const { loss, dq } = qLossGradient(q, actions, y, rows, K);
    let expected = 0;
    for (let i = 0; i < rows; i++) expected += (q[i * K + actions[i]] - y[i]) ** 2 / 2 / rows;
    expect(loss).toBeCloseTo(expected, 6);
    const net = new ManualMlp(critic.model);
    const manual = tf.tidy(() => {
      const trace = net.forward(tf.tensor2d(x, [rows, C]));
      const xT = tf.transpose(tf.tensor2d(x, [rows, C])) as tf.Tensor2D;
      return net.backward(trace, tf.tensor2d(dq, [rows, K]), xT).map((t) => Array.from(t.dataSync()));
    });
    const auto = tf.tidy(() => {
      const mask = tf.oneHot(tf.tensor1d(actions, "int32"), K);
      const { grads } = tf.variableGrads(() => {
        const qa = tf.sum(tf.mul(critic.model.apply(tf.tensor2d(x, [rows, C])) as tf.Tensor2D, mask), 1);
        return tf.mul(0.5, tf.mean(tf.square(tf.sub(qa, tf.tensor1d(y))))) as tf.Scalar;
      }, net.variables);
      return net.variables.map((v) => Array.from(grads[v.name].dataSync()));
    });
    manual.forEach((g, i) => g.forEach((v, k) => expect(v).toBeCloseTo(auto[i][k], 5)));
    // A step moves the taken actions' values towards their targets.
    const before = loss;
    for (let k = 0; k < 20; k++) critic.step(x, actions, y, rows);
    expect(qLossGradient(critic.predict(x, rows), actions, y, rows, K).loss).toBeLessThan(before);
    critic.dispose();
  });
});
