/**
 * Options of the traffic-history provider, as a zod schema: they come from the CLI, scenario wiring
 * and user code, so they are checked at this boundary. Defaults live in
 * {@link TRAFFIC_HISTORY_PROVIDER_DEFAULTS}.
 *
 * The recording comes as a built {@link TrajectorySet} (`set`), as a file read at setup (`file` +
 * `format`), or from the scenario (`fromScenario`: each episode's traffic set names its recording and
 * how to place it, see ProviderSetup.traffic.history) — exactly one of the three. One object schema with a refinement rather than a zod union:
 * a union failure reports only "Invalid input", where this names the field that is wrong.
 */
import { z } from "zod";
import { HISTORY_PROVIDER_DEFAULTS, TRAJECTORY_FORMATS } from "../../spec/CompiledScenario.js";
import { TrajectorySet } from "../../spec/trajectory/TrajectorySet.js";

/** File formats the provider reads: ours (docs/trajectory-csv.md) and the two imported datasets. */
export const TRAJECTORY_FILE_FORMATS = TRAJECTORY_FORMATS;

/** A trajectory file format name. */
export type TrajectoryFileFormat = (typeof TRAJECTORY_FILE_FORMATS)[number];

/** Defaults of the optional provider options. */
export const TRAFFIC_HISTORY_PROVIDER_DEFAULTS = HISTORY_PROVIDER_DEFAULTS;

const finite = () => z.number().refine(Number.isFinite, "must be a finite number");

/** The options every recording source shares. */
const CommonSchema = z.object({
  /** Dataset time (s) that simulation time 0 maps to. @default the (filtered) recording's first sample time, 0 when empty */
  startS: finite().optional(),
  /** Prepended to recorded ids to make simulation vehicle ids. @default "history-" */
  idPrefix: z.string().default(TRAFFIC_HISTORY_PROVIDER_DEFAULTS.idPrefix),
  /**
   * Replay only recorded vehicles whose id starts with this, e.g. one INTERACTION case (`"12-"`: give
   * the dash, or `"1"` selects cases 1, 10, 11, …). @default all vehicles
   */
  idFilter: z.string().min(1).optional(),
  /** Translation `[x, y]` (m) added to every recorded position, to align the dataset with the map. @default [0, 0] */
  offsetM: z.tuple([finite(), finite()]).optional(),
  /** Owner name in ownership records and frames. @default "history" */
  name: z.string().min(1).default(TRAFFIC_HISTORY_PROVIDER_DEFAULTS.name),
});

/** The recording, already built (e.g. by a test or a caller that imported it itself). */
const SetSourceSchema = z.object({ set: z.instanceof(TrajectorySet) });

/** The recording as a file, read (once) at the first setup; relative paths from the scenario's folder. */
const FileSourceSchema = z.object({
  /** Path of the trajectory file; relative paths are resolved against the scenario file's folder. */
  file: z.string().min(1),
  /** How to read it: `roadgym` (trajectory CSV), `ngsim`, `interaction`. */
  format: z.enum(TRAJECTORY_FILE_FORMATS),
});

/** Schema of {@link TrafficHistoryProviderOptions}. */
const ScenarioSourceSchema = z.object({ fromScenario: z.literal(true) });

export const TrafficHistoryProviderOptionsSchema = CommonSchema.extend({
  set: SetSourceSchema.shape.set.optional(),
  file: FileSourceSchema.shape.file.optional(),
  format: FileSourceSchema.shape.format.optional(),
  fromScenario: ScenarioSourceSchema.shape.fromScenario.optional(),
})
  .strict()
  .superRefine((o, ctx) => {
    if ([o.set, o.file, o.fromScenario].filter((x) => x !== undefined).length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message:
          "give the recording as either `set` (a TrajectorySet), `file` with `format`, or `fromScenario: true`, exactly one",
      });
    }
    if (o.fromScenario && (o.startS !== undefined || o.idFilter !== undefined || o.offsetM !== undefined)) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message:
          "a recording from the scenario is placed by the scenario (`start`, `ids`, `offset` of its `history` block)",
      });
    }
    if (o.file !== undefined && o.format === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["format"],
        message: `a file needs its format: ${TRAJECTORY_FILE_FORMATS.join(", ")}`,
      });
    }
    if (o.set !== undefined && o.format !== undefined) {
      ctx.addIssue({ code: "custom", path: ["format"], message: "`format` goes with `file`, not with `set`" });
    }
  });

/** Provider options as callers write them: the shared options plus exactly one recording source. */
export type TrafficHistoryProviderOptions = z.input<typeof CommonSchema> &
  (z.input<typeof SetSourceSchema> | z.input<typeof FileSourceSchema> | z.input<typeof ScenarioSourceSchema>);

/** Provider options after validation, defaults filled in. */
export type ResolvedTrafficHistoryProviderOptions = z.output<typeof TrafficHistoryProviderOptionsSchema>;

/**
 * Checks `options` and fills in defaults.
 * @throws Error listing every problem (`history provider options: ✖ …`)
 */
export function resolveTrafficHistoryProviderOptions(
  options: TrafficHistoryProviderOptions,
): ResolvedTrafficHistoryProviderOptions {
  const r = TrafficHistoryProviderOptionsSchema.safeParse(options);
  if (!r.success) throw new Error(`history provider options:\n${z.prettifyError(r.error)}`);
  return r.data;
}
