/**
 * The metadata file of a trained TensorFlow.js policy (`policy.json`, beside the model's
 * `model.json` and weights): what the network reads, how its input is normalised, and how its
 * output becomes an action. docs/agent-zoo.md describes the format; `saveTfjsPolicy` writes it.
 */
import { z } from "zod";
import { ActionSpaceSchema, ObservationSchema } from "../../spec/CompiledScenario.js";

/** Format name and version of the metadata file. */
export const TFJS_POLICY_FORMAT = "roadgym-tfjs-policy";

/** How the observation becomes the network's input. */
export const ObservationEncodingSchema = z.object({
  /** `vector`: the observation's fixed-size normalised vector (`core/observations/vectorLayout.ts`) of `config`. */
  encoding: z.literal("vector"),
  /** The observation config the policy was trained with (its `vector` part must be on). */
  config: ObservationSchema,
  /** Input length: must equal the vector length of `config` and the model's input width. */
  size: z.number().int().positive(),
});

/** Input normalisation: `clip((x − mean) / sqrt(var + epsilon), −clip, clip)`, element-wise (running statistics of the trainer). */
export const NormalisationSchema = z.object({
  mean: z.array(z.number()),
  var: z.array(z.number().nonnegative()),
  epsilon: z.number().nonnegative().default(1e-8),
  clip: z.number().positive().nullable().default(10),
});

/** How the network's output becomes an action. */
export const ActionDecodingSchema = z.discriminatedUnion("kind", [
  z.object({
    /** argmax over the outputs picks `values[i]` (default for `lane`: keep_lane, slow_down, change_lane_left, change_lane_right). */
    kind: z.literal("discrete"),
    space: ActionSpaceSchema,
    values: z.array(z.unknown()).min(1).optional(),
  }),
  z.object({
    /** The first `low.length` outputs are the action (a Gaussian policy's mean), squashed into [low, high]. */
    kind: z.literal("box"),
    space: ActionSpaceSchema,
    low: z.array(z.number()).min(1),
    high: z.array(z.number()).min(1),
    /** `tanh`: low + (tanh(y) + 1) / 2 · (high − low); `clip`: y clamped; `none`: y as is. */
    squash: z.enum(["tanh", "clip", "none"]).default("clip"),
  }),
]);

/** The metadata file. */
export const TfjsPolicyMetadataSchema = z.object({
  format: z.literal(TFJS_POLICY_FORMAT),
  version: z.literal(1),
  /** The policy's name (for listings and messages). */
  name: z.string().min(1),
  /** The model file, relative to the metadata file (a tfjs LayersModel `model.json`). */
  model: z.string().min(1).default("model.json"),
  /** Which model output is the policy head (multi-output actor-critic models). */
  outputIndex: z.number().int().nonnegative().default(0),
  observation: ObservationEncodingSchema,
  /**
   * A group policy (e.g. CommNet): the agents that use it act together, one forward pass over all
   * of them (agent-zoo/tfjs/GroupBatcher.ts); the model's inputs are `[maxAgents, size]`
   * observations, `[maxAgents, 1]` presence flags and `[maxAgents, 1]` weights `1 / max(1, agents − 1)`,
   * its output `[maxAgents, outputs]`. Null: an ordinary policy of one observation.
   */
  group: z.object({ maxAgents: z.number().int().positive() }).nullable().default(null),
  normalisation: NormalisationSchema.nullable().default(null),
  action: ActionDecodingSchema,
  /** Free-form notes of the trainer (algorithm, steps, scenario); not read. */
  training: z.record(z.string(), z.unknown()).optional(),
});
/** Parsed metadata. */
export type TfjsPolicyMetadata = z.infer<typeof TfjsPolicyMetadataSchema>;
/** Metadata as written (defaults may be left out). */
export type TfjsPolicyMetadataInput = z.input<typeof TfjsPolicyMetadataSchema>;
