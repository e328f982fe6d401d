/**
 * One unit of benchmark work — a policy on a scenario for one seed and episode — and what running
 * it gives back. Plain data: tasks and outcomes cross worker-thread boundaries.
 */
import type { AgentEpisodeRecord } from "../aggregate.js";
import type { MetricParams } from "../MetricParams.js";

/** One episode to run. */
export interface EpisodeTask {
  /** Position in the suite's task list (results are ordered by it, whatever the worker count). */
  index: number;
  policy: { name: string; locator: string; options: Record<string, unknown> };
  scenario: { id: string; file: string; traffic: "auto" | "local" | "sumo" | "none" };
  seed: number;
  episode: number;
  /** Step limit, or null for the scenario's default. */
  maxSteps: number | null;
  metricParams: MetricParams;
  /** Folder that relative paths in policy locators and options start from: the suite file's. */
  baseDir: string;
}

/** The result of one episode. */
export interface EpisodeOutcome {
  index: number;
  /** Environment steps run. */
  steps: number;
  /** Traffic variation ('' without variations). */
  variation: string;
  /** One record per agent that appeared, sorted by agent id. */
  records: AgentEpisodeRecord[];
}
