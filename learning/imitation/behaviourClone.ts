/**
 * Behaviour cloning: supervised training of a policy network (observation vector → action logits)
 * on demonstrations (learning/imitation/collectDemonstrations.ts) by the cross-entropy of the
 * demonstrated actions, Adam, shuffled minibatches. The last `holdOutFraction` of the agent
 * episodes are kept out of training, and the result reports how often the greedy network agrees
 * with the demonstrator on them (states it never trained on). Used to warm-start a PPO actor from a
 * rule-based driver (`train:paper --bc-from idm-mobil@v2`), which PPO then fine-tunes.
 */
import * as tf from "@tensorflow/tfjs";
import { Rng } from "../../core/random/Rng.js";
import type { Learner } from "../algorithms/Learner.js";
import type { Demonstrations } from "./collectDemonstrations.js";

/** Learners whose zoo network is the actor's logits, which cloning trains: the PPO family. */
export const CLONEABLE_ALGORITHMS: readonly string[] = ["ppo", "ippo", "mappo"];

/** Options of {@link behaviourClone}. */
export interface CloneOptions {
  /** Passes over the training samples. @default 10 */
  epochs?: number;
  /** Samples per gradient step. @default 512 */
  minibatchSize?: number;
  /** Adam learning rate. @default 1e-3 */
  learningRate?: number;
  /** Fraction of the agent episodes (the last ones) held out of training. @default 0.1 */
  holdOutFraction?: number;
  /** Seed of the minibatch shuffling. @default 1 */
  seed?: number;
}

/** What cloning did. */
export interface CloneResult {
  /** Training / held-out samples. */
  trainSamples: number;
  heldOutSamples: number;
  /** Mean cross-entropy of the training samples before cloning and after each epoch (nats). */
  lossBefore: number;
  losses: number[];
  /** Greedy agreement with the demonstrator on the training and held-out samples after cloning. */
  trainAgreement: number;
  heldOutAgreement: number;
  /** Held-out mean cross-entropy before and after (nats). */
  heldOutLossBefore: number;
  heldOutLossAfter: number;
}

/**
 * Trains `model`'s weights in place to imitate `demos`; see the file comment.
 * @throws Error when the model's input or output size does not match the demonstrations, or there
 *   is nothing to train on
 */
export function behaviourClone(model: tf.LayersModel, demos: Demonstrations, options: CloneOptions = {}): CloneResult {
  const epochs = options.epochs ?? 10,
    batch = options.minibatchSize ?? 512,
    holdOut = options.holdOutFraction ?? 0.1;
  if (!(holdOut >= 0 && holdOut < 1)) throw new Error(`behaviourClone: holdOutFraction is in [0, 1), got ${holdOut}`);
  const inDim = model.inputs[0].shape[1],
    outDim = model.outputs[0].shape[1];
  if (inDim !== demos.obsDim)
    throw new Error(`behaviourClone: the network reads ${inDim} numbers, the demonstrations have ${demos.obsDim}`);
  if (outDim !== demos.numActions)
    throw new Error(
      `behaviourClone: the network has ${outDim} outputs, the demonstrations ${demos.numActions} actions`,
    );
  // Split by agent episode: the last `holdOut` of the episodes are held out.
  let episodes = 0;
  for (let i = 0; i < demos.n; i++) episodes = Math.max(episodes, demos.episode[i] + 1);
  const firstHeldOut = holdOut > 0 ? Math.max(1, Math.floor(episodes * (1 - holdOut))) : episodes;
  const train: number[] = [],
    held: number[] = [];
  for (let i = 0; i < demos.n; i++) (demos.episode[i] < firstHeldOut ? train : held).push(i);
  if (train.length === 0) throw new Error("behaviourClone: no demonstration samples to train on");

  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = tf.train.adam(options.learningRate ?? 1e-3);
  const rng = new Rng(options.seed ?? 1).fork("behaviourClone");
  const rows = (idx: readonly number[]) => {
    const x = new Float32Array(idx.length * demos.obsDim),
      y = new Int32Array(idx.length);
    idx.forEach((i, k) => {
      x.set(demos.obs.subarray(i * demos.obsDim, (i + 1) * demos.obsDim), k * demos.obsDim);
      y[k] = demos.actions[i];
    });
    return { x, y };
  };
  const crossEntropy = (x: tf.Tensor2D, y: tf.Tensor1D): tf.Scalar =>
    tf.losses.softmaxCrossEntropy(tf.oneHot(y, outDim), model.apply(x) as tf.Tensor2D) as tf.Scalar;
  /** Mean cross-entropy and greedy agreement over `idx`, in chunks. */
  const measure = (idx: readonly number[]): { loss: number; agreement: number } => {
    if (idx.length === 0) return { loss: NaN, agreement: NaN };
    let loss = 0,
      agree = 0;
    for (let start = 0; start < idx.length; start += 4096) {
      const part = idx.slice(start, start + 4096);
      const { x, y } = rows(part);
      tf.tidy(() => {
        const xs = tf.tensor2d(x, [part.length, demos.obsDim]),
          ys = tf.tensor1d(y, "int32");
        const logits = model.apply(xs) as tf.Tensor2D;
        loss += tf.losses.softmaxCrossEntropy(tf.oneHot(ys, outDim), logits).dataSync()[0] * part.length;
        agree += tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), ys), "float32")).dataSync()[0];
      });
    }
    return { loss: loss / idx.length, agreement: agree / idx.length };
  };

  const before = measure(train),
    heldBefore = measure(held);
  const losses: number[] = [];
  const order = [...train];
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let sum = 0;
    for (let start = 0; start < order.length; start += batch) {
      const part = order.slice(start, start + batch);
      const { x, y } = rows(part);
      const cost = optimizer.minimize(
        () => crossEntropy(tf.tensor2d(x, [part.length, demos.obsDim]), tf.tensor1d(y, "int32")),
        true,
        vars,
      );
      sum += cost!.dataSync()[0] * part.length;
      cost!.dispose();
    }
    losses.push(sum / order.length);
  }
  optimizer.dispose();
  const after = measure(train),
    heldAfter = measure(held);
  return {
    trainSamples: train.length,
    heldOutSamples: held.length,
    lossBefore: before.loss,
    losses,
    trainAgreement: after.agreement,
    heldOutAgreement: heldAfter.agreement,
    heldOutLossBefore: heldBefore.loss,
    heldOutLossAfter: heldAfter.loss,
  };
}

/**
 * Clones `demos` into `learner`'s actor (its zoo network: the policy logits of the PPO family); its
 * critic is left as it is.
 * @throws Error naming the algorithm when its zoo network is not an actor's logits
 */
export function cloneIntoLearner(learner: Learner, demos: Demonstrations, options: CloneOptions = {}): CloneResult {
  if (!CLONEABLE_ALGORITHMS.includes(learner.algorithm))
    throw new Error(
      `behaviour cloning: ${learner.algorithm}'s network is not a policy's logits; clone into ${CLONEABLE_ALGORITHMS.join(", ")}`,
    );
  const { model, owned } = learner.zooModel(0);
  if (owned) {
    model.dispose();
    throw new Error(`behaviour cloning: ${learner.algorithm}'s zoo network is a copy, not the policy it trains`);
  }
  return behaviourClone(model, demos, options);
}
