/**
 * The composition root's platform on Node: every traffic provider (local, SUMO, recorded), the
 * built-in zoo with trained policies from policy directories, social policies in worker threads,
 * replays and trajectory CSVs written to files.
 */
import { createDefaultZoo } from "../agent-zoo/defaultZoo.js";
import { TrajectoryCsvSink } from "../providers/history/TrajectoryCsvSink.js";
import { simulationRecorder } from "../replay/simulationRecorder.js";
import { nodeProviderFactories } from "./buildProviders.js";
import type { EnvPlatform } from "./EnvPlatform.js";

/** Node's platform for makeEnv. */
export const nodeEnvPlatform: EnvPlatform = {
  providers: nodeProviderFactories,
  zoo: createDefaultZoo,
  replayFile: (path, scenario, network, sim, reward) => simulationRecorder(path, scenario, network, sim, { reward }),
  trajectoryFile: (path, everyTicks) => new TrajectoryCsvSink(path, everyTicks),
};
