/** How long an episode runs when the task does not say (the benchmark runner's and the playground's default). */
import type { CompiledScenario } from "../../spec/CompiledScenario.js";

/** The default step limit of a scenario: its duration, else its agents' longest step limit, else 1000. */
export function defaultStepLimit(s: CompiledScenario): number {
  if (s.durationS !== null) return Math.round(s.durationS / s.dtS);
  const limits = s.agents.map((a) => a.interface.maxSteps).filter((m): m is number => m !== null);
  return limits.length ? Math.max(...limits) + 1 : 1000;
}
