/**
 * A Gymnasium-style single-agent environment from makeEnv: the same composition (traffic, social
 * agents, bubbles, sinks), one learning agent controlled (`agentId`, or the scenario's only agent),
 * the others driven by `others`.
 */
import { SingleAgentEnv, type SingleAgentEnvOptions } from "../core/env/SingleAgentEnv.js";
import type { ScenarioSource } from "./loadScenario.js";
import { makeEnv, type MakeEnvOptions } from "./makeEnv.js";
import type { RoadgymEnv } from "./RoadgymEnv.js";

/** Options of {@link makeSingleAgentEnv}: makeEnv's, and which agent to control. */
export interface MakeSingleAgentEnvOptions extends MakeEnvOptions, SingleAgentEnvOptions {}

/**
 * Builds the single-agent environment of `scenario`.
 * @throws Error naming the agents when `agentId` is not one of them, or the scenario has several and none is named
 */
export function makeSingleAgentEnv(
  scenario: ScenarioSource,
  options: MakeSingleAgentEnvOptions = {},
): SingleAgentEnv<RoadgymEnv> {
  const { agentId, others, ...envOptions } = options;
  const env = makeEnv(scenario, envOptions);
  try {
    return new SingleAgentEnv(env, { agentId, others });
  } catch (e) {
    void env.close();
    throw e;
  }
}
