/**
 * The options a Python client sends with `make` (JSON, camelCase), checked, and turned into
 * makeEnv's options. They mirror makeEnv's (docs/environment.md) where a value can cross a process
 * boundary: named traffic, social-agent workers, bubbles, one observation config for every agent
 * (a preset or parts over the scenario defaults), a named reward, action clipping, what happens to
 * a finished agent's vehicle, and the replay / trajectory / metrics sinks.
 */
import { z } from "zod";
import type { MakeEnvOptions } from "../compose/makeEnv.js";
import { fullObservation, standardObservation } from "../core/observations/standardObservation.js";
import { progressReward, type RewardFunction } from "../core/env/rewards.js";
import { paperReward, PaperRewardWeightsSchema } from "../learning/adapters/paperReward.js";
import { ObservationSchema, SCENARIO_DEFAULTS, type Observation } from "../spec/CompiledScenario.js";

const ObservationPartsSchema = z.record(z.string(), z.union([z.boolean(), z.record(z.string(), z.unknown())]));

/** The `options` of a make request. */
export const BridgeOptionsSchema = z
  .object({
    traffic: z.enum(["auto", "local", "sumo", "none"]).optional(),
    socialAgents: z
      .union([
        z.literal(false),
        z
          .object({ workers: z.boolean().optional(), stepBudgetMs: z.number().positive().nullable().optional() })
          .strict(),
      ])
      .optional(),
    bubbles: z.boolean().optional(),
    /** "standard", "full", or parts over the scenario defaults (`{neighbours: {max: 4}, vector: true}`). */
    observation: z.union([z.enum(["standard", "full"]), ObservationPartsSchema]).optional(),
    /** "progress" (route progress, m), "paper", or `{paper: {weights}}`. */
    reward: z.union([z.enum(["progress", "paper"]), z.object({ paper: PaperRewardWeightsSchema }).strict()]).optional(),
    clipActions: z.boolean().optional(),
    agentDoneVehicle: z.enum(["remove", "traffic"]).optional(),
    record: z.string().min(1).optional(),
    trajectories: z
      .object({ path: z.string().min(1), everyTicks: z.number().int().positive().optional() })
      .strict()
      .optional(),
    metrics: z.boolean().optional(),
  })
  .strict();

/** Parsed make options. */
export type BridgeOptions = z.infer<typeof BridgeOptionsSchema>;

/**
 * Checks `raw`; the error names the option and what is wrong with it.
 * @throws Error `options.<name>: <why>`
 */
export function parseBridgeOptions(raw: unknown): BridgeOptions {
  const r = BridgeOptionsSchema.safeParse(raw ?? {});
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`options${issue.path.map((p) => `.${String(p)}`).join("")}: ${issue.message}`);
  }
  return r.data;
}

/**
 * The one observation config of `option`: a preset, or the scenario defaults with the given parts
 * switched on (`true`), off (`false`) or set (an object of the part's fields; it is then on unless
 * it says `enabled: false`).
 * @throws Error naming an unknown part or a bad field
 */
export function observationConfig(option: NonNullable<BridgeOptions["observation"]>): Observation {
  if (option === "standard") return standardObservation();
  if (option === "full") return fullObservation();
  const config = structuredClone(SCENARIO_DEFAULTS.observation) as Record<string, Record<string, unknown>>;
  for (const [part, value] of Object.entries(option)) {
    if (!(part in config))
      throw new Error(
        `options.observation.${part}: not an observation part (parts: ${Object.keys(config).join(", ")})`,
      );
    if (typeof value === "boolean") config[part].enabled = value;
    else {
      for (const field of Object.keys(value))
        if (!(field in config[part]))
          throw new Error(
            `options.observation.${part}.${field}: not a field of ${part} (fields: ${Object.keys(config[part]).join(", ")})`,
          );
      config[part] = { ...config[part], enabled: true, ...value };
    }
  }
  const r = ObservationSchema.safeParse(config);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`options.observation.${issue.path.map(String).join(".")}: ${issue.message}`);
  }
  return r.data;
}

/** The reward function of `option`. */
function rewardFunction(option: BridgeOptions["reward"]): RewardFunction {
  if (option === undefined || option === "progress") return progressReward;
  if (option === "paper") return paperReward();
  return paperReward(option.paper);
}

/** makeEnv's options for `options`, and the observation config that replaces every agent's (if any). */
export function makeEnvOptions(options: BridgeOptions): { env: MakeEnvOptions; observation?: Observation } {
  const observation = options.observation === undefined ? undefined : observationConfig(options.observation);
  return {
    observation,
    env: {
      traffic: options.traffic,
      socialAgents: options.socialAgents,
      bubbles: options.bubbles,
      observation,
      reward: rewardFunction(options.reward),
      clipActions: options.clipActions,
      agentDoneVehicle: options.agentDoneVehicle,
      record: options.record,
      trajectories: options.trajectories,
      metrics: options.metrics,
    },
  };
}
