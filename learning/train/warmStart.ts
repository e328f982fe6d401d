/**
 * Warm start: a fresh learner's exported network ({@link Learner.zooModel} — PPO's policy, DQN's
 * Q-network, …) takes the weights of an agent-zoo tfjs policy directory, so a run continues from a
 * published policy whose training checkpoint is gone (policies are committed, checkpoints are not).
 * Only that network is loaded: a critic, value mixer or optimizer state starts fresh, which is why
 * a warm-started run is best given a low learning rate.
 */
import * as tf from "@tensorflow/tfjs";
import { join } from "node:path";
import { fileLoadHandler } from "../../agent-zoo/tfjs/fsModelIO.js";
import { readTfjsMetadata } from "../../agent-zoo/tfjs/loadTfjsPolicy.js";
import type { Learner } from "../algorithms/Learner.js";

/**
 * Copies the weights of the tfjs policy in `policyDir` into `learner`'s zoo network.
 * @throws Error naming the directory when the learner has no zoo network, or the observation
 *   length, action kind or weight shapes differ
 */
export async function warmStart(learner: Learner, policyDir: string): Promise<void> {
  const blocker = learner.zooBlocker();
  if (blocker)
    throw new Error(`warm start from ${policyDir}: ${learner.algorithm} has no single policy network (${blocker})`);
  const { metadata } = readTfjsMetadata(policyDir);
  const env = learner.env;
  if (metadata.observation.size !== env.obsDim)
    throw new Error(
      `warm start from ${policyDir}: the policy reads ${metadata.observation.size} observation numbers, the environment gives ${env.obsDim}`,
    );
  const kind = env.action.kind === "discrete" ? "discrete" : "box";
  if (metadata.action.kind !== kind)
    throw new Error(
      `warm start from ${policyDir}: the policy's actions are ${metadata.action.kind}, the learner's ${kind}`,
    );
  const { model, owned } = learner.zooModel(0);
  const source = await tf.loadLayersModel(fileLoadHandler(tf, join(policyDir, metadata.model)));
  try {
    const from = source.getWeights(),
      to = model.getWeights();
    const shape = (t: tf.Tensor) => `[${t.shape.join(", ")}]`;
    if (from.length !== to.length || from.some((w, i) => shape(w) !== shape(to[i])))
      throw new Error(
        `warm start from ${policyDir}: weight shapes ${from.map(shape).join(" ")} differ from the learner's ${to.map(shape).join(" ")}`,
      );
    model.setWeights(from);
  } finally {
    source.dispose();
    if (owned) model.dispose();
  }
}
