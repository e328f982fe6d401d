/**
 * Agent-id inputs: parameter-shared networks read an agent's observation followed by a one-hot of
 * its slot, so one set of weights can still behave differently per agent. The agent zoo's policy
 * format has no agent id, so an export folds one slot's one-hot into the first layer's bias.
 */
import * as tf from "@tensorflow/tfjs";
import { buildMlp, type MlpSpec } from "./mlp.js";

/**
 * Every slot's observation followed by its agent one-hot (`ids` slots per environment; 0: no ids),
 * for rows of whole environments: slot `s` is agent `s mod ids`.
 */
export function withAgentIds(obs: Float32Array, obsDim: number, ids: number): Float32Array {
  if (ids === 0) return obs;
  const rows = obs.length / obsDim,
    P = obsDim + ids;
  const out = new Float32Array(rows * P);
  for (let s = 0; s < rows; s++) {
    out.set(obs.subarray(s * obsDim, (s + 1) * obsDim), s * P);
    out[s * P + obsDim + (s % ids)] = 1;
  }
  return out;
}

/**
 * A copy of `model` (an MLP on an observation and an agent one-hot) without the one-hot inputs:
 * slot `slot`'s one-hot folded into the first layer's bias (`b + W[obsDim + slot]`) — that slot's
 * behaviour, the same up to float rounding. `spec` is the model's own shape (its input width aside).
 */
export function foldAgentId(
  model: tf.Sequential,
  obsDim: number,
  slot: number,
  spec: Omit<MlpSpec, "inputDim" | "seed">,
): tf.Sequential {
  const out = buildMlp({ ...spec, inputDim: obsDim, seed: 0 });
  const weights = model.getWeights();
  const kernel = weights[0].dataSync() as Float32Array,
    bias = weights[1].dataSync() as Float32Array;
  const units = bias.length;
  const folded = Float32Array.from(bias, (b, j) => b + kernel[(obsDim + slot) * units + j]);
  const first = [tf.tensor2d(kernel.subarray(0, obsDim * units), [obsDim, units]), tf.tensor1d(folded)];
  out.setWeights([...first, ...weights.slice(2)]);
  tf.dispose(first);
  return out;
}
