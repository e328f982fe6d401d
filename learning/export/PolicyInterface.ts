/**
 * What a trained policy reads and answers, as plain data stored with a training checkpoint: the
 * observation config every learning agent observed (vector on), the action space, the length of
 * one frame, the frames stacked and the vectorised env's shape (agent slots, action bounds).
 * `roadgym export` needs nothing else to rebuild the learner and write a zoo policy.
 */
import { z } from "zod";
import { ActionSpaceSchema, ObservationSchema } from "../../spec/CompiledScenario.js";
import { compileScenarioFile, formatDiagnostics } from "../../scenario-dsl/index.js";
import { vectorLength } from "../../core/observations/vectorLayout.js";
import { trainingObservation } from "../adapters/RoadgymSlotEnv.js";
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
 * The interface of policies trained on `scenarioPath` with `env`: the first learning agent's action
 * space and observation config (or `observation` for every agent), as `RoadgymSlotEnv` sets them up.
 * @throws Error naming the file when the scenario does not compile or has no learning agent
 */
export function policyInterfaceOf(
  scenarioPath: string,
  env: VecEnv,
  frameStack: number,
  observation?: z.infer<typeof ObservationSchema>,
): PolicyInterface {
  const compiled = compileScenarioFile(scenarioPath);
  if (!compiled.ok)
    throw new Error(`${scenarioPath}: the scenario does not compile\n${formatDiagnostics(compiled.diagnostics)}`);
  const agent = compiled.scenario.agents[0];
  if (!agent) throw new Error(`${scenarioPath}: scenario "${compiled.scenario.name}" has no learning agents to train`);
  const obs = trainingObservation(agent.interface, observation);
  const frameDim = vectorLength(obs);
  if (frameDim * frameStack !== env.obsDim)
    throw new Error(
      `${scenarioPath}: the env's observations have ${env.obsDim} elements, the interface says ${frameStack} × ${frameDim}`,
    );
  return {
    action: agent.interface.action,
    observation: obs,
    frameDim,
    frameStack,
    numAgents: env.numAgents,
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
    buffers: allocateBuffers(1, iface.numAgents, obsDim, actionDim(iface.actionSpec), false),
    reset: async () => fail(),
    step: async (): Promise<EpisodeStat[]> => fail(),
    close: async () => undefined,
  };
}
