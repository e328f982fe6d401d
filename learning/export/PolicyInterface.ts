/**
 * What a trained policy reads and answers, as plain data stored with a training checkpoint: the
 * observation config every learning agent observed (vector on), the action space, the length of
 * one frame, the frames stacked and the vectorised env's shape (agent slots, action bounds).
 * `roadgym export` needs nothing else to rebuild the learner and write a zoo policy.
 */
import { z } from "zod";
import { ActionSpaceSchema, ObservationSchema } from "../../spec/CompiledScenario.js";
import { loadScenario, type ScenarioSource } from "../../compose/loadScenario.js";
import { vectorLength } from "../../core/observations/vectorLayout.js";
import { possibleAgentInterface, trainingObservation } from "../adapters/RoadgymSlotEnv.js";
import type { EpisodeStat, VecEnv } from "../vecEnv/VecEnv.js";
import { allocateBuffers, actionDim } from "../vecEnv/VecEnv.js";

/** A trained policy's interface. */
export const PolicyInterfaceSchema = z.object({
  /** The agents' action space (all learning agents share it). */
  action: ActionSpaceSchema,
  /** The observation config the agents were trained with (its `vector` part on). */
  observation: ObservationSchema,
  /** Length of one observation vector (one frame). */
  frameDim: z.number().int().positive(),
  /** Frames per network input. */
  frameStack: z.number().int().positive(),
  /** Agent slots of the vectorised env (the size of IPPO/MAPPO's agent one-hot). */
  numAgents: z.number().int().positive(),
  /** Length of the env's global state (centralised critics' input; 0 in checkpoints from before it existed). */
  stateDim: z.number().int().nonnegative().default(0),
  /** The learners' action spec (`learning/vecEnv/VecEnv.ts`). */
  actionSpec: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("discrete"), n: z.number().int().positive() }),
    z.object({
      kind: z.literal("continuous"),
      dim: z.number().int().positive(),
      low: z.array(z.number()),
      high: z.array(z.number()),
    }),
  ]),
});

/** A trained policy's interface. */
export type PolicyInterface = z.infer<typeof PolicyInterfaceSchema>;

/**
 * The interface of policies trained on `scenario` with `env`: the first agent slot's action space
 * and observation config (a scenario agent's, or a learning-agent bubble's whose learners fill the
 * slots; or `observation` for every agent), as `RoadgymSlotEnv` sets them up.
 * @throws ScenarioError when the scenario does not compile; Error when the env's observations do not match
 */
export function policyInterfaceOf(
  scenario: ScenarioSource,
  env: VecEnv,
  frameStack: number,
  observation?: z.infer<typeof ObservationSchema>,
): PolicyInterface {
  const loaded = loadScenario(scenario);
  const iface = possibleAgentInterface(loaded.scenario, env.agentIds[0]);
  const obs = trainingObservation(iface, observation);
  const frameDim = vectorLength(obs);
  if (frameDim * frameStack !== env.obsDim)
    throw new Error(
      `scenario "${loaded.scenario.name}": the env's observations have ${env.obsDim} elements, the interface says ${frameStack} × ${frameDim}`,
    );
  return {
    action: iface.action,
    observation: obs,
    frameDim,
    frameStack,
    numAgents: env.numAgents,
    stateDim: env.stateDim,
    actionSpec: env.action,
  };
}

/**
 * A vectorised env of `iface`'s shape that cannot step: enough to rebuild a learner from a
 * checkpoint for export, without the scenario.
 */
export function shapeOnlyEnv(iface: PolicyInterface): VecEnv {
  const obsDim = iface.frameDim * iface.frameStack;
  const fail = (): never => {
    throw new Error("shape-only env: it has no environments to reset or step (it rebuilds a learner for export)");
  };
  return {
    numEnvs: 1,
    numAgents: iface.numAgents,
    agentIds: Array.from({ length: iface.numAgents }, (_, i) => `slot${i}`),
    obsDim,
    action: iface.actionSpec,
    stateDim: iface.stateDim,
    buffers: allocateBuffers(1, iface.numAgents, obsDim, actionDim(iface.actionSpec), iface.stateDim, false),
    reset: async () => fail(),
    step: async (): Promise<EpisodeStat[]> => fail(),
    close: async () => undefined,
  };
}
