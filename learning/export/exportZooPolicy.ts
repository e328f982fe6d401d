/**
 * Writes a trained learner's policy as an agent-zoo policy directory (docs/agent-zoo.md, "Trained
 * policies: the tfjs format") that `file:<dir>` locators load: as a social agent, in bubbles and in
 * the benchmark runner. The zoo's policy reads one observation vector and answers greedily (argmax
 * of the outputs for Lane actions, the outputs clipped to the bounds for continuous ones). Each
 * learner says which network that is (`Learner.zooModel`: PPO's policy, DQN's Q-network, a discrete
 * MADDPG actor, …; IPPO/MAPPO fold the agent-id one-hot of `agentSlot` into the first layer's bias,
 * as the format has no agent id) or why it has none (`Learner.zooBlocker`). The format has no
 * frame history either, so only policies trained with `frameStack` 1 export.
 */
import { saveTfjsPolicy } from "../../agent-zoo/tfjs/saveTfjsPolicy.js";
import type { TfjsPolicyMetadataInput } from "../../agent-zoo/tfjs/TfjsPolicyMetadata.js";
import type { Learner } from "../algorithms/Learner.js";
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
  const own = learner.zooBlocker();
  if (own) return own;
  if (learner.env.action.kind === "discrete" && iface.action !== "lane")
    return `${learner.algorithm}'s discrete actions export as Lane actions only; the policy's action space is ${iface.action}`;
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
  const slot = options.agentSlot ?? 0,
    slots = learner.env.numAgents;
  if (!Number.isInteger(slot) || slot < 0 || slot >= slots)
    throw new Error(`export to ${dir}: agent slot ${slot} is not one of the ${slots} slots (0…${slots - 1})`);
  const { model, owned, group } = learner.zooModel(slot);
  const spec = learner.env.action;
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
      group: group ?? null,
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
    if (owned) model.dispose();
  }
}
