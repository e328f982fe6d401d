/**
 * Writes a trained learner's policy as an agent-zoo policy directory (docs/agent-zoo.md, "Trained
 * policies: the tfjs format") that `file:<dir>` locators load: as a social agent, in bubbles and in
 * the benchmark runner. The zoo's policy reads one observation vector and answers greedily:
 *
 * - PPO / IPPO / MAPPO: the policy network (argmax of the logits for Lane actions; the Gaussian
 *   mean clipped to the action bounds for continuous ones); DQN: the Q-network (argmax); MADDPG
 *   with discrete actions: the actor of `agentSlot` (the shared one with `shareActors`), argmax of
 *   its logits (continuous MADDPG actors end in a scaled tanh, which the format does not have);
 * - agent ids (IPPO/MAPPO's one-hot of the agent slot): the format has no agent id, so the one-hot
 *   of `agentSlot` is folded into the first layer's bias (`b + W[obsDim + slot]`) — that slot's
 *   behaviour, same up to float rounding;
 * - frame stacks: the format has no history, so only policies trained with `frameStack` 1 export.
 */
import * as tf from "@tensorflow/tfjs";
import { saveTfjsPolicy } from "../../agent-zoo/tfjs/saveTfjsPolicy.js";
import type { TfjsPolicyMetadataInput } from "../../agent-zoo/tfjs/TfjsPolicyMetadata.js";
import { DQN } from "../algorithms/dqn.js";
import { MADDPG } from "../algorithms/maddpg.js";
import { MAPPO } from "../algorithms/mappo.js";
import { PPO } from "../algorithms/ppo.js";
import { buildMlp } from "../nn/mlp.js";
import type { Learner } from "../train/makeLearner.js";
import type { PolicyInterface } from "./PolicyInterface.js";

/** Options of {@link exportZooPolicy}. */
export interface ExportOptions {
  /** The policy's name in `policy.json`. */
  name: string;
  /** Agent slot whose id one-hot is folded in (IPPO/MAPPO with agent ids). @default 0 */
  agentSlot?: number;
  /** Free-form notes for `policy.json`'s `training` (scenario, steps, …). */
  training?: Record<string, unknown>;
}

/** Why `learner` cannot be exported with `iface`, or null when it can. */
export function exportBlocker(learner: Learner, iface: PolicyInterface): string | null {
  if (iface.frameStack !== 1)
    return `the zoo's tfjs policy format reads one observation, but the policy was trained on ${iface.frameStack} stacked frames (train with "frameStack": 1 to export)`;
  if (!(learner instanceof PPO) && !(learner instanceof DQN) && !(learner instanceof MADDPG))
    return `exporting ${learner.algorithm} policies is not supported (ppo, ippo, mappo, dqn and discrete maddpg are)`;
  if ((learner instanceof DQN || learner instanceof MADDPG) && iface.action !== "lane")
    return `${learner.algorithm} exports discrete actions only; the policy's action space is ${iface.action}`;
  return null;
}

/**
 * Writes `dir` (`policy.json`, `model.json`, `weights.bin`) from `learner`'s current weights.
 * @throws Error saying why, when the learner or its interface has no zoo form ({@link exportBlocker})
 */
export async function exportZooPolicy(
  learner: Learner,
  iface: PolicyInterface,
  dir: string,
  options: ExportOptions,
): Promise<void> {
  const blocker = exportBlocker(learner, iface);
  if (blocker) throw new Error(`export to ${dir}: ${blocker}`);
  const algo = learner as PPO | DQN | MADDPG;
  const slot = options.agentSlot ?? 0,
    slots = algo.env.numAgents;
  if (!Number.isInteger(slot) || slot < 0 || slot >= slots)
    throw new Error(`export to ${dir}: agent slot ${slot} is not one of the ${slots} slots (0…${slots - 1})`);
  const model = algo instanceof DQN ? algo.q : algo instanceof MADDPG ? algo.actorOf(slot) : policyModel(algo, slot);
  const spec = algo.env.action;
  try {
    const action: TfjsPolicyMetadataInput["action"] =
      spec.kind === "discrete"
        ? { kind: "discrete", space: iface.action }
        : { kind: "box", space: iface.action, low: spec.low, high: spec.high, squash: "clip" };
    await saveTfjsPolicy(dir, model, {
      format: "roadgym-tfjs-policy",
      version: 1,
      name: options.name,
      observation: { encoding: "vector", config: iface.observation, size: iface.frameDim },
      normalisation: null,
      action,
      training: {
        algorithm: learner.algorithm,
        envSteps: learner.envSteps,
        agentSteps: learner.agentSteps,
        ...options.training,
      },
    });
  } finally {
    if (algo instanceof PPO && model !== algo.policy) model.dispose();
  }
}

/** The policy network without agent-id inputs: the learner's own, or a copy with `slot`'s one-hot folded into the first bias. */
function policyModel(learner: PPO, slot: number): tf.Sequential {
  if (!(learner instanceof MAPPO) || !learner.mappoConfig.agentIds) return learner.policy;
  const { obsDim } = learner.env;
  const c = learner.config;
  const out = buildMlp({
    inputDim: obsDim,
    hidden: c.hidden,
    outputDim: learner.policy.outputs[0].shape[1] as number,
    seed: 0,
    name: "policy",
  });
  const weights = learner.policy.getWeights();
  const [kernel, bias] = [weights[0].dataSync() as Float32Array, weights[1].dataSync() as Float32Array];
  const units = bias.length;
  const folded = Float32Array.from(bias, (b, j) => b + kernel[(obsDim + slot) * units + j]);
  const first = [tf.tensor2d(kernel.subarray(0, obsDim * units), [obsDim, units]), tf.tensor1d(folded)];
  out.setWeights([...first, ...weights.slice(2)]);
  tf.dispose(first);
  return out;
}
