/**
 * `roadgym traffic -n <net.xml> -r <routes.xml>`: traffic only, for SUMO users — the local provider
 * drives a SUMO network's demand and the run ends with SUMO's `--duration-log.statistics` figures
 * (inserted, running, waiting, arrived; mean route length, speed, duration and waiting time of the
 * arrived trips), plus collisions, teleports (heads of jams put back further along their routes after
 * `--time-to-teleport`, as SUMO does), vehicles dropped because their insertion backlog was full
 * (`--max-backlog`), vehicles stuck for good, wall time and vehicle updates per wall-clock second.
 */
import { createHash } from "node:crypto";
import { readInputText } from "../../spec/readInputFile.js";
import { InvalidArgumentError, type Command } from "commander";
import { MIN_STEP_S } from "../../scenario-dsl/passes/lowerSettings.js";
import { buildRoadNetwork } from "../../core/road/RoadNetwork.js";
import { loadSumoNet } from "../../core/road/sumo/loadSumoNet.js";
import { runTraffic, type TrafficStatistics } from "../../providers/local/runTraffic.js";
import { checkSumoRoutes } from "../../scenario-dsl/demand/checkSumoRoutes.js";
import { parseSumoRoutes } from "../../scenario-dsl/demand/parseSumoRoutes.js";
import type { Traffic } from "../../spec/CompiledScenario.js";
import { DEFAULT_MAX_BACKLOG } from "../../providers/local/DemandSource.js";
import { parseNonNegativeInt, parseNonNegativeNumber, parsePositiveInt, parsePositiveNumber } from "../parseOptions.js";
import { UserInputError } from "../UserInputError.js";

interface TrafficFlags {
  net: string;
  routes: string;
  end: number;
  stepLength: number;
  seed: number;
  stuckAfter: number;
  timeToTeleport: number;
  maxBacklog: number;
  json?: boolean;
}

export function addTrafficCommand(program: Command): void {
  program
    .command("traffic")
    .description(
      "run only traffic (local IDM/MOBIL provider) on a SUMO network and demand; print SUMO-style statistics",
    )
    .requiredOption("-n, --net <net.xml>", "SUMO network file")
    .requiredOption(
      "-r, --routes <routes.xml[,…]>",
      "SUMO route or trip files, comma-separated (vType, route, vehicle, trip, flow)",
    )
    .option("--end <s>", "simulated time to run (s)", parsePositiveNumber, 3600)
    .option("--step-length <s>", "step length (s; at least 0.001)", parseStepLength, 0.1)
    .option("--seed <n>", "random seed", parseNonNegativeInt, 1)
    .option(
      "--time-to-teleport <s>",
      "teleport the head of a jam standing this long further along its route (SUMO's option and default; 0: never)",
      parseNonNegativeNumber,
      300,
    )
    .option("--stuck-after <s>", "report vehicles standing this long as stuck", parsePositiveNumber, 300)
    .option(
      "--max-backlog <n>",
      "the most vehicles a route-file vehicle or flow keeps waiting to get in; more due are dropped and counted",
      parsePositiveInt,
      DEFAULT_MAX_BACKLOG,
    )
    .option("--json", "print the statistics as one JSON object")
    .action((flags: TrafficFlags) => {
      if (!flags.net.endsWith(".xml"))
        throw new UserInputError(`${flags.net}: error: expected a SUMO network (.net.xml)`);
      const network = buildRoadNetwork(loadSumoNet(flags.net));
      const files = flags.routes
        .split(",")
        .filter((p) => p.length > 0)
        .map((path) => ({ path, text: readInputText(path) }));
      if (files.length === 0) throw new UserInputError("error: --routes names no file");
      const sumoDemand = files.map(({ path, text }): Traffic["sumoDemand"][number] => ({
        path,
        sha256: createHash("sha256").update(text).digest("hex"),
        demand: parseSumoRoutes(text, path),
      }));
      // As sumo does: a route over an edge the network lacks, or over edges that do not connect, is an error.
      const problems = checkSumoRoutes(files, network);
      if (problems.length > 0) throw new UserInputError(problems.map((e) => e.format()).join("\n"));
      const tty = process.stderr.isTTY && !flags.json;
      const stats = runTraffic({
        network,
        traffic: { sumoDemand },
        endS: flags.end,
        dtS: flags.stepLength,
        seed: flags.seed,
        stuckAfterS: flags.stuckAfter,
        provider: { teleportAfterS: flags.timeToTeleport, maxBacklog: flags.maxBacklog },
        progressEveryS: 60,
        onProgress: tty
          ? (t, running) => process.stderr.write(`\rStep #${t.toFixed(2)} (${running} vehicles)  `)
          : undefined,
      });
      if (tty) process.stderr.write("\n");
      process.stdout.write(flags.json ? JSON.stringify(stats, null, 2) + "\n" : formatStatistics(stats));
    });
}

/** A step length of at least the scenario compiler's shortest ({@link MIN_STEP_S}). */
function parseStepLength(value: string): number {
  const s = parsePositiveNumber(value);
  if (s < MIN_STEP_S)
    throw new InvalidArgumentError(
      `expected a step of at least ${MIN_STEP_S} s (${MIN_STEP_S * 1000} ms), got "${value}"`,
    );
  return s;
}

/** The statistics as `name: value` lines (the issue's field names, SUMO's order). */
export function formatStatistics(s: TrafficStatistics): string {
  const lines = [
    `endS: ${s.endS.toFixed(2)}`,
    `inserted: ${s.inserted}`,
    `running: ${s.running}`,
    `waiting: ${s.waiting}`,
    `dropped: ${s.dropped}`,
    `arrived: ${s.arrived}`,
    `meanRouteLength: ${s.meanRouteLengthM.toFixed(2)}`,
    `meanSpeed: ${s.meanSpeedMps.toFixed(2)}`,
    `meanDuration: ${s.meanDurationS.toFixed(2)}`,
    `meanWaitingTime: ${s.meanWaitingTimeS.toFixed(2)}`,
    `collisions: ${s.collisions}${s.collisionPairs.length > 0 ? ` (${s.collisionPairs.join(", ")})` : ""}`,
    `teleports: ${s.teleports}${s.teleportList.length > 0 ? ` (${s.teleportList.join(", ")}${s.teleports > s.teleportList.length ? ", …" : ""})` : ""}`,
    `removed: ${s.removed}`,
    `stuck: ${s.stuck}${s.stuckIds.length > 0 ? ` (${s.stuckIds.join(", ")})` : ""}`,
    `longestStand: ${s.longestStandS.toFixed(1)}`,
    `wallSeconds: ${s.wallSeconds.toFixed(3)}`,
    `ups: ${Math.round(s.ups)}`,
  ];
  return lines.join("\n") + "\n";
}
