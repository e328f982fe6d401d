/**
 * The one composition root (DESIGN.md §12): a scenario — a `.scn` path, a registered name
 * (`roadgym/paper-intersection-sv`), or a compiled scenario — becomes a ready multi-agent
 * environment with its road network, the chosen traffic providers, social agents from the agent
 * zoo (in-process or in worker threads), bubbles, the learning agents' observers and reward, and
 * the sinks asked for (replay, trajectory CSV, trajectories for metrics). Every entry point — the
 * CLI's run, view, demo, benchmark, train and eval, the web server's live runs, the learning code,
 * the speed benchmarks and the tests — builds its environment here, so a scenario behaves the same
 * wherever it is opened. The wiring itself is {@link assembleEnv}, on Node's platform
 * ({@link nodeEnvPlatform}); the browser playground calls it with its own.
 *
 * ```ts
 * const env = makeEnv("roadgym/paper-intersection-sv", { record: "out.replay" });
 * let { observations } = await env.reset({ seed: 1 });
 * while (env.agents.length > 0) ({ observations } = await env.step(actionsFor(observations)));
 * await env.close();
 * ```
 */
import { createDefaultZoo } from "../agent-zoo/defaultZoo.js";
import { zooPolicyCheck } from "../agent-zoo/zooPolicyCheck.js";
import { loadScenario, type LoadedScenario, type ScenarioSource } from "./loadScenario.js";
import { assembleEnv, type MakeEnvOptions } from "./assembleEnv.js";
import { nodeEnvPlatform } from "./nodeEnvPlatform.js";
import type { RoadgymEnv } from "./RoadgymEnv.js";

export type { MakeEnvOptions, SocialAgentOptions } from "./assembleEnv.js";

/**
 * Builds the environment of `scenario`; see the file comment.
 * @throws ScenarioError with the diagnostics of a scenario that does not compile
 * @throws Error naming the bubble, provider or agent the environment cannot be built with
 */
export function makeEnv(scenario: ScenarioSource, options: MakeEnvOptions = {}): RoadgymEnv {
  const zoo = options.zoo ?? createDefaultZoo();
  return assembleEnv(loadEnvScenario(scenario, { ...options, zoo }), { ...options, zoo }, nodeEnvPlatform);
}

/**
 * `scenario` compiled (or checked) as makeEnv takes it: a scenario compiled here has its zoo
 * references checked against the zoo that will run them.
 */
export function loadEnvScenario(
  scenario: ScenarioSource,
  options: Pick<MakeEnvOptions, "zoo" | "compile"> = {},
): LoadedScenario {
  const zoo = options.zoo ?? createDefaultZoo();
  return loadScenario(scenario, { policyCheck: zooPolicyCheck(zoo), ...options.compile });
}
