import * as tf from "@tensorflow/tfjs";
import { afterAll, describe, expect, it } from "vitest";
import { selectBackend, type ModuleImporter } from "./selectBackend.js";

/** An importer for which the native packages are absent (as on CI) and the others load normally. */
const noNative: ModuleImporter = (s) =>
  s.startsWith("@tensorflow/tfjs-node") ? Promise.reject(new Error(`Cannot find package '${s}'`)) : import(s);

afterAll(async () => {
  await tf.setBackend("cpu");
});

describe("selectBackend", () => {
  it("falls back to wasm when the native packages are absent, and wasm really computes in Node", async () => {
    const b = await selectBackend({ importer: noNative, gpuVisible: () => true });
    expect(b.choice).toBe("wasm");
    expect(b.tfName).toBe("wasm");
    expect(b.description).toMatch(/tfjs-node-gpu: not installed; tfjs-node: not installed/);
    const y = tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]]));
    expect(Array.from(y.dataSync())).toEqual([11]);
  });

  it("falls back to cpu when wasm is absent too", async () => {
    const none: ModuleImporter = (s) => Promise.reject(new Error(`Cannot find package '${s}'`));
    const b = await selectBackend({ importer: none, gpuVisible: () => false });
    expect(b.choice).toBe("cpu");
    expect(tf.getBackend()).toBe("cpu");
    expect(b.description).toMatch(/tfjs-node-gpu: no GPU visible/);
  });

  it("a forced backend that is missing is an error naming the package", async () => {
    await expect(selectBackend({ choice: "tfjs-node", importer: noNative })).rejects.toThrow(/@tensorflow\/tfjs-node/);
    await expect(selectBackend({ choice: "nope" as never })).rejects.toThrow(/unknown backend "nope"/);
  });

  it("forcing cpu picks cpu", async () => {
    expect((await selectBackend({ choice: "cpu" })).tfName).toBe("cpu");
  });
});
