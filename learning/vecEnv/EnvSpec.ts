/**
 * What environment a vectorised env runs, as plain data (so worker threads can build their own
 * copies): a roadgym scenario file with its traffic and reward, or one of the toy tasks the tests
 * use. `makeSlotEnv` turns a spec into an environment (a roadgym one through makeEnv: traffic,
 * social agents and bubbles as everywhere else).
 */
import { z } from "zod";
import { ScenarioError } from "../../compose/loadScenario.js";
import { makeEnv } from "../../compose/makeEnv.js";
import { ObservationSchema, type Observation } from "../../spec/CompiledScenario.js";
import { paperReward, PaperRewardWeightsSchema } from "../adapters/paperReward.js";
import { RoadgymSlotEnv, trainingObservation } from "../adapters/RoadgymSlotEnv.js";
import { ChainMdp } from "../toyEnvs/ChainMdp.js";
import { CooperativeNavigation } from "../toyEnvs/CooperativeNavigation.js";
import { Reach1D } from "../toyEnvs/Reach1D.js";
import type { SlotEnv } from "./SlotEnv.js";

/** A roadgym scenario. */
export const RoadgymEnvSpecSchema = z.object({
  kind: z.literal("roadgym"),
  /** Path of the `.scn` file. */
  scenario: z.string().min(1),
  /** Traffic provider (`auto`: local IDM/MOBIL when the scenario has traffic). */
  traffic: z.enum(["auto", "local", "none"]).default("auto"),
  /** `paper`: the SMARTS baselines' shaped reward (learning/adapters/paperReward.ts); `progress`: route metres. */
  reward: z.enum(["paper", "progress"]).default("paper"),
  /** Weights of the paper reward replacing its defaults (`PaperRewardWeights`, paper units), e.g. `{ "stepCost": -0.05 }`. */
  rewardWeights: PaperRewardWeightsSchema.optional(),
  /** Traffic variation of every episode (default: seed mod the number of variations). */
  variation: z.union([z.number().int().nonnegative(), z.string()]).optional(),
  /** Write a replay of the copy's first episode to this file (one copy: each would write it). */
  record: z.string().min(1).optional(),
  /** Learner ids per learning-agent bubble (agent slots): the most learners one bubble gives vehicles to per episode. @default 100 */
  learnerIdsPerBubble: z.number().int().positive().optional(),
  /** What every agent observes instead of its `observe` block (the vector is switched on); e.g. a compact config that exported zoo policies then read. */
  observation: ObservationSchema.optional(),
});

/** A toy task of the tests. */
export const ToyEnvSpecSchema = z.object({
  kind: z.literal("toy"),
  /** `reach1d` (1 agent, discrete), `reach1d-continuous`, `chain` (1 agent), `coopnav` (2 agents, continuous), `coopnav-discrete` (2 agents, 5 moves). */
  task: z.enum(["reach1d", "reach1d-continuous", "chain", "coopnav", "coopnav-discrete"]),
});

/** Any environment spec. */
export const EnvSpecSchema = z.discriminatedUnion("kind", [RoadgymEnvSpecSchema, ToyEnvSpecSchema]);

/** An environment spec (parsed, defaults filled). */
export type EnvSpec = z.infer<typeof EnvSpecSchema>;
/** An environment spec as written (defaults optional). */
export type EnvSpecInput = z.input<typeof EnvSpecSchema>;

/** Builds one environment copy from a spec. @throws Error naming the scenario file and its diagnostics when it does not compile */
export function makeSlotEnv(input: EnvSpecInput): SlotEnv {
  const spec = EnvSpecSchema.parse(input);
  if (spec.kind === "toy") {
    switch (spec.task) {
      case "reach1d":
        return new Reach1D();
      case "reach1d-continuous":
        return new Reach1D({ actions: "continuous" });
      case "chain":
        return new ChainMdp();
      case "coopnav":
        return new CooperativeNavigation();
      case "coopnav-discrete":
        return new CooperativeNavigation({ actions: "discrete" });
    }
  }
  // One training config per distinct observation config, so agents that share one share an observer.
  const configs = new Map<Observation, Observation>();
  const training = (own: Observation) => {
    let c = configs.get(own);
    if (!c) configs.set(own, (c = trainingObservation({ observation: own }, spec.observation)));
    return c;
  };
  let env;
  try {
    env = makeEnv(spec.scenario, {
      traffic: spec.traffic,
      reward: spec.reward === "paper" ? paperReward(spec.rewardWeights) : undefined,
      observation: (agent) => training(agent.spec.interface.observation),
      clipActions: true,
      record: spec.record,
      ...(spec.learnerIdsPerBubble !== undefined && { bubbles: { learnerIdsPerBubble: spec.learnerIdsPerBubble } }),
    });
  } catch (e) {
    if (e instanceof ScenarioError)
      throw new Error(`${spec.scenario}: the scenario does not compile\n${e.message}`, { cause: e });
    throw e;
  }
  return new RoadgymSlotEnv(env, { variation: spec.variation, observation: spec.observation });
}
