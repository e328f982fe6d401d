/**
 * Multi-layer perceptrons for policies, critics and Q-functions: `tf.sequential` models of dense
 * layers, so a trained network saves in TensorFlow.js's layers format (`model.json` + weights) and
 * the agent zoo loads it with `tf.loadLayersModel`. Initial weights come from seeded initialisers,
 * so the same seed gives the same network on every backend.
 */
import * as tf from "@tensorflow/tfjs";

/** The shape of an MLP. */
export interface MlpSpec {
  /** Input features. */
  inputDim: number;
  /** Units of each hidden layer. */
  hidden: readonly number[];
  /** Output units. */
  outputDim: number;
  /** Hidden activation. @default "tanh" */
  activation?: "tanh" | "relu";
  /** Output activation. @default "linear" */
  outputActivation?: "linear" | "tanh";
  /** Scale of the output layer's initial weights (small for policy heads, as in cleanrl's 0.01). @default 1 */
  outputGain?: number;
  /** Seed of the initialisers. */
  seed: number;
  /** Model name (becomes the layers' name prefix; must be unique among live models of one training run). */
  name: string;
}

/** Builds an MLP with seeded initial weights (fan-average uniform, scaled by `outputGain` at the head). */
export function buildMlp(spec: MlpSpec): tf.Sequential {
  const model = tf.sequential({ name: spec.name });
  let seed = spec.seed >>> 0;
  const act = spec.activation ?? "tanh";
  spec.hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: act,
        inputShape: i === 0 ? [spec.inputDim] : undefined,
        kernelInitializer: tf.initializers.varianceScaling({
          scale: act === "relu" ? 2 : 1,
          mode: "fanAvg",
          distribution: "uniform",
          seed: seed++,
        }),
        name: `${spec.name}_h${i}`,
      }),
    );
  });
  model.add(
    tf.layers.dense({
      units: spec.outputDim,
      activation: spec.outputActivation ?? "linear",
      inputShape: spec.hidden.length === 0 ? [spec.inputDim] : undefined,
      kernelInitializer: tf.initializers.varianceScaling({
        scale: (spec.outputGain ?? 1) ** 2,
        mode: "fanAvg",
        distribution: "uniform",
        seed: seed++,
      }),
      name: `${spec.name}_out`,
    }),
  );
  return model;
}

/** Copies `from`'s weights into `to` (same architecture): target-network hard update. */
export function copyWeights(from: tf.LayersModel, to: tf.LayersModel): void {
  to.setWeights(from.getWeights());
}

/** Polyak averaging `to ← (1 − tau)·to + tau·from`: target-network soft update. */
export function softUpdate(from: tf.LayersModel, to: tf.LayersModel, tau: number): void {
  const a = from.getWeights();
  const b = to.getWeights();
  const mixed = tf.tidy(() => a.map((w, i) => b[i].mul(1 - tau).add(w.mul(tau))));
  to.setWeights(mixed);
  tf.dispose(mixed);
}

/** The model's trainable variables (for `optimizer.minimize(…, varList)` and gradients). */
export function trainableVars(...models: tf.LayersModel[]): tf.Variable[] {
  return models.flatMap((m) => m.trainableWeights.map((w) => w.read() as tf.Variable));
}
