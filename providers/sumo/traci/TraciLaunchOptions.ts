/**
 * Options for starting SUMO under TraCI control ({@link TraciClient.launch}), as a zod schema: they
 * arrive from scenario config and user code, so they are checked at this boundary.
 */
import { z } from "zod";

/** Defaults of the optional launch options. */
export const TRACI_LAUNCH_DEFAULTS = {
  routeFiles: [] as string[],
  extraArgs: [] as string[],
  port: 0,
  connectTimeoutS: 10,
  closeTimeoutS: 5,
};

/** Schema of {@link TraciLaunchOptions}. */
export const TraciLaunchOptionsSchema = z.object({
  /** SUMO network file (`.net.xml`), passed as `-n`. */
  netFile: z.string().min(1),
  /** Route / demand files, passed comma-joined as `-r` (omitted when empty). @default [] */
  routeFiles: z.array(z.string().min(1)).default(TRACI_LAUNCH_DEFAULTS.routeFiles),
  /** Simulation step length in seconds (`--step-length`). */
  stepLengthS: z.number().positive().finite(),
  /** SUMO's random seed (`--seed`), a non-negative integer. */
  seed: z.number().int().nonnegative().max(0x7fffffff),
  /**
   * The SUMO binary: a path or a name on PATH. @default `$SUMO_HOME/bin/sumo` when SUMO_HOME is set
   * and that file exists, else "sumo"
   */
  sumoBinary: z.string().min(1).optional(),
  /** More SUMO command line arguments, appended last. @default [] */
  extraArgs: z.array(z.string()).default(TRACI_LAUNCH_DEFAULTS.extraArgs),
  /** TCP port for `--remote-port`; 0 picks a free loopback port. @default 0 */
  port: z.number().int().min(0).max(65535).default(TRACI_LAUNCH_DEFAULTS.port),
  /**
   * How long SUMO may take to start — accept the TraCI connection and, after loading the network and
   * routes, answer the version check — in seconds. Raise it for large networks. @default 10
   */
  connectTimeoutS: z.number().positive().default(TRACI_LAUNCH_DEFAULTS.connectTimeoutS),
  /** How long `close()` waits for SUMO to exit before killing it, in seconds. @default 5 */
  closeTimeoutS: z.number().positive().default(TRACI_LAUNCH_DEFAULTS.closeTimeoutS),
  /** Working directory of the SUMO process. @default the current directory */
  cwd: z.string().optional(),
});

/** Launch options as callers write them (optional fields may be left out). */
export type TraciLaunchOptions = z.input<typeof TraciLaunchOptionsSchema>;

/** Launch options after validation, defaults filled in. */
export type ResolvedTraciLaunchOptions = z.output<typeof TraciLaunchOptionsSchema>;
