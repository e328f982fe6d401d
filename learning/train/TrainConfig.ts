/**
 * The file `roadgym train <config.json>` reads: which scenario, which algorithm with which
 * hyper-parameters, how long, and where the outputs go. Paths are relative to the config file.
 */
import { z } from "zod";
import { ObservationSchema } from "../../spec/CompiledScenario.js";
import { PaperRewardWeightsSchema } from "../adapters/paperReward.js";
import { ALGORITHMS } from "./makeLearner.js";

/**
 * The compact paper-style observation (`"observation": "compact"`): ego, route and goal state, the 6
 * nearest neighbours within 50 m and 5 waypoints 12 m apart on each of 3 lanes — 136 numbers
 * against the paper scenarios' 223 (8 neighbours, 50 one-metre waypoints); the SMARTS baselines
 * read ego state, 8 neighbours × 5 features and 20 waypoints (reference/SMARTS-PAPER.md).
 */
export const COMPACT_OBSERVATION = Object.freeze({
  neighbours: { radiusM: 50, max: 6 },
  waypoints: { lookahead: 5, spacingM: 12 },
});

/**
 * Observation parts every agent observes instead of its scenario `observe` block, as
 * `agent-zoo/observationConfig.ts` takes them: each part named is on (`true`, or the fields to set,
 * scenario defaults for the rest); parts left out are off; the vector is always on. E.g. the
 * compact paper-style input `{ "neighbours": { "max": 6 }, "waypoints": { "lookahead": 5, "spacingM": 12 } }`.
 */
export const ObservationPartsSchema = z
  .object(
    Object.fromEntries(
      Object.entries(ObservationSchema.shape).map(([k, part]) => [
        k,
        z
          .union([
            z.literal(true),
            // Parts added later (junction) carry a default for older configs: their object is inside it.
            ((part instanceof z.ZodDefault ? part.unwrap() : part) as z.ZodObject)
              .omit({ enabled: true })
              .partial()
              .strict(),
          ])
          .optional(),
      ]),
    ),
  )
  .strict();

/** A training run. */
export const TrainConfigSchema = z.object({
  /** Scenario file (`.scn`). */
  scenario: z.string().min(1),
  /** Algorithm (learning/train/makeLearner.ts `ALGORITHMS`: ppo, ippo, mappo, maa2c, happo, coma, maac, mfac, commnet, dqn, vdn, qmix, maddpg). */
  algorithm: z.enum(ALGORITHMS),
  /** Hyper-parameters of the algorithm (see docs/learning.md; unknown keys are ignored, bad values are errors). */
  hyper: z.record(z.string(), z.unknown()).default({}),
  /** Seed of the networks, sampling and episode seeds. */
  seed: z.number().int().nonnegative().default(1),
  /** Stop after this many environment steps (each advances one copy, all its agents). */
  totalSteps: z.number().int().positive(),
  /** Environment copies. */
  numEnvs: z.number().int().positive().default(8),
  /** Worker threads for the copies (0: all on the main thread). */
  numWorkers: z.number().int().nonnegative().default(2),
  /** Frames per stacked observation (the paper used 3; exported zoo policies need 1). */
  frameStack: z.number().int().positive().default(1),
  /** What every agent observes instead of its scenario `observe` block: `"compact"` ({@link COMPACT_OBSERVATION}) or parts ({@link ObservationPartsSchema}); default: each agent's own. */
  observation: z.union([z.literal("compact"), ObservationPartsSchema]).optional(),
  /** Reward: the paper's shaped reward or route progress. */
  reward: z.enum(["paper", "progress"]).default("paper"),
  /** Weights of the paper reward replacing its defaults (learning/adapters/paperReward.ts, paper units before `scale`), e.g. `{ "stepCost": -0.05 }`. */
  rewardWeights: PaperRewardWeightsSchema.optional(),
  /**
   * Learner ids per learning-agent bubble: the agent slots each such bubble adds, and the most
   * learners it gives vehicles to per episode (parameter sharing: every slot runs the one policy).
   * @default 100
   */
  learnerIdsPerBubble: z.number().int().positive().optional(),
  /** Traffic provider. */
  traffic: z.enum(["auto", "local", "none"]).default("auto"),
  /** Output folder (checkpoint.json, log.csv, curve.svg). */
  outDir: z.string().min(1).default("runs/train"),
  /** Iterations between checkpoints. */
  checkpointEvery: z.number().int().positive().default(10),
  /** With every checkpoint, write the policy as an agent-zoo tfjs directory `<outDir>/policy` (when it has a zoo form: frameStack 1 and a learner whose policy reads one observation). */
  exportPolicy: z.boolean().default(true),
});

/** A training run (defaults filled). */
export type TrainConfig = z.infer<typeof TrainConfigSchema>;
