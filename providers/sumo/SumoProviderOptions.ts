/**
 * Options of the SUMO traffic provider, as a zod schema: they come from the CLI and user code, so they
 * are checked at this boundary. Defaults live in {@link SUMO_PROVIDER_DEFAULTS}.
 */
import { z } from "zod";

/**
 * SUMO options the provider sets unless `extraArgs` sets them itself:
 * - `--time-to-teleport -1`: SUMO never teleports a stuck vehicle (a teleport is a jump in position
 *   that roadgym's collision and event checks would see as a glitch);
 * - `--collision.action none`: collisions are roadgym's to detect (phase 4); SUMO must not remove or
 *   teleport vehicles that touch an agent.
 */
export const SUMO_DEFAULT_ARGS: readonly (readonly [string, string])[] = [
  ["--time-to-teleport", "-1"],
  ["--collision.action", "none"],
];

/** Defaults of the optional provider options. */
export const SUMO_PROVIDER_DEFAULTS = {
  name: "sumo",
  extraArgs: [] as string[],
  carFollowModel: "IDM" as "IDM" | "Krauss",
  mirrorVehicles: true,
  ghostPrefix: "roadgym-ghost:",
  connectTimeoutS: 10,
};

/** Schema of {@link SumoTrafficProviderOptions}. */
export const SumoTrafficProviderOptionsSchema = z.object({
  /** The SUMO network (`.net.xml`) the scenario's map was read from; see `sumoNetFileOf`. */
  netFile: z.string().min(1),
  /** The SUMO binary: a path or a name on PATH. @default `$SUMO_HOME/bin/sumo` if it exists, else "sumo" */
  sumoBinary: z.string().min(1).optional(),
  /**
   * More SUMO command-line arguments, appended last. An option named here replaces the provider's
   * default for it ({@link SUMO_DEFAULT_ARGS}). @default []
   */
  extraArgs: z.array(z.string()).default(SUMO_PROVIDER_DEFAULTS.extraArgs),
  /** Owner name in ownership records and frames. @default "sumo" */
  name: z.string().min(1).default(SUMO_PROVIDER_DEFAULTS.name),
  /**
   * SUMO car-following model for the scenario's own flows and trips. The scenario's drivers are IDM
   * parameter sets, so IDM is the default; Krauss is SUMO's (and SMARTS's) usual model. @default "IDM"
   */
  carFollowModel: z.enum(["IDM", "Krauss"]).default(SUMO_PROVIDER_DEFAULTS.carFollowModel),
  /**
   * Mirror vehicles SUMO does not drive (agents, other providers) into SUMO as remote-controlled
   * "ghosts", so that SUMO's traffic sees and reacts to them. @default true
   */
  mirrorVehicles: z.boolean().default(SUMO_PROVIDER_DEFAULTS.mirrorVehicles),
  /** SUMO id prefix of mirrored vehicles. @default "roadgym-ghost:" */
  ghostPrefix: z.string().min(1).default(SUMO_PROVIDER_DEFAULTS.ghostPrefix),
  /** How long SUMO may take to load the network and demand, seconds. @default 10 */
  connectTimeoutS: z.number().positive().default(SUMO_PROVIDER_DEFAULTS.connectTimeoutS),
});

/** Provider options as callers write them. */
export type SumoTrafficProviderOptions = z.input<typeof SumoTrafficProviderOptionsSchema>;

/** Provider options after validation, defaults filled in. */
export type ResolvedSumoTrafficProviderOptions = z.output<typeof SumoTrafficProviderOptionsSchema>;

/** `extraArgs` after the defaults it does not override (SUMO refuses an option given twice). */
export function sumoArgs(extraArgs: readonly string[]): string[] {
  const given = new Set(extraArgs.filter((a) => a.startsWith("-")).map((a) => a.split("=")[0]));
  const out: string[] = [];
  for (const [option, value] of SUMO_DEFAULT_ARGS) if (!given.has(option)) out.push(option, value);
  return [...out, ...extraArgs];
}
