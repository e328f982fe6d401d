/**
 * `roadgym demo` (what `npm start` runs): the demo town (`scenarios/demo-town.scn`: the minicity
 * SUMO map, hundreds of traffic vehicles, four learning agents driven by the default driver
 * (idm-mobil@v2), three social agents, a bubble following the first agent and a fixed one whose
 * captured vehicles a trained PPO policy drives) — compile it, run one episode while recording it,
 * write the compiled scenario, a drawing of the map and the replay (`<out>/demo.replay`), then
 * serve the replay in the 3D viewer and print its address (until Ctrl-C; `--no-serve` stops after
 * writing).
 *
 * A replay recorded earlier from the same compiled scenario, step count and build is served as it
 * is (the run is deterministic, so simulating again would write the same file): a second `npm
 * start` serves within a second or two instead of simulating again. `--fresh` simulates anyway.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { mapStats } from "../../core/road/mapStats.js";
import { mapToSvg } from "../../core/road/mapToSvg.js";
import { compileScenarioArgument } from "../compileScenarioArgument.js";
import { ViewerServer } from "../../web/server/ViewerServer.js";
import { packageRoot } from "../../compose/packageRoot.js";
import { parseNonNegativeInt } from "../parseOptions.js";
import { runScenario } from "../../compose/runScenario.js";
import { loadTf } from "../../agent-zoo/tfjs/tfjsPolicySpec.js";
import { UserInputError } from "../UserInputError.js";
import { OutputWriteError } from "../../spec/OutputWriteError.js";
import {
  announceViewer,
  viewerServerFlagOptions,
  viewerServerOptions,
  type ViewerServerFlags,
} from "../viewerOptions.js";
import { serveUntilInterrupted } from "./view.js";

/** The built-in scenario the demo runs, relative to the package root. */
export const DEMO_SCENARIO = "scenarios/demo-town.scn";

interface DemoFlags extends ViewerServerFlags {
  scenario?: string;
  out: string;
  serve: boolean;
  port: number;
  steps?: number;
  fresh?: boolean;
}

/** What a recorded demo replay was made from; a replay whose key matches is served as it is. */
interface DemoReplayKey {
  contentHash: string;
  steps: number | null;
  /** Modification time of the running build's demo command (ms): a rebuild records again. */
  build: number;
}

/** The key of the replay the demo would record now. */
function demoReplayKey(contentHash: string, steps: number | undefined): DemoReplayKey {
  return { contentHash, steps: steps ?? null, build: statSync(fileURLToPath(import.meta.url)).mtimeMs };
}

/** True when `keyPath` holds `key` and the replay it describes is there. */
function recordedWith(keyPath: string, replayPath: string, key: DemoReplayKey): boolean {
  if (!existsSync(keyPath) || !existsSync(replayPath)) return false;
  try {
    return JSON.stringify(JSON.parse(readFileSync(keyPath, "utf8"))) === JSON.stringify(key);
  } catch {
    return false;
  }
}

export function addDemoCommand(program: Command): void {
  const [host, token, allowOrigin, messageRate] = viewerServerFlagOptions();
  program
    .command("demo")
    .description(
      "run the built-in demo (what `npm start` runs): compile a paper scenario, simulate and record it, then serve the replay in the 3D viewer",
    )
    .option("--scenario <file.scn>", "scenario (or named environment) to use instead of the built-in one")
    .option("--out <dir>", "output folder (compiled scenario, map drawing, demo.replay)", "out")
    .option("--no-serve", "write the outputs and exit instead of serving the viewer")
    .option("--steps <n>", "stop after this many steps (default: the scenario's duration)", parseNonNegativeInt)
    .option("--fresh", "simulate again even where the output folder holds this build's replay of the scenario")
    .option(
      "--port <n>",
      "viewer port (0: any free port; a taken port falls back to a free one)",
      parseNonNegativeInt,
      8765,
    )
    .addOption(host)
    .addOption(token)
    .addOption(allowOrigin)
    .addOption(messageRate)
    .action(async (opts: DemoFlags) => {
      const arg = opts.scenario ?? join(packageRoot(), DEMO_SCENARIO);
      const t0 = performance.now();
      const { file, scenario, network } = compileScenarioArgument(arg);
      const t1 = performance.now();
      mkdirSync(opts.out, { recursive: true });
      const svgPath = resolve(opts.out, "demo-map.svg");
      const jsonPath = resolve(opts.out, "demo-scenario.json");
      const replayPath = resolve(opts.out, "demo.replay");
      writeFileSync(svgPath, mapToSvg(network));
      writeFileSync(jsonPath, JSON.stringify(scenario, null, 2) + "\n");
      const print = (line: string) => process.stdout.write(line + "\n");
      print(`roadgym demo — ${relative(process.cwd(), file)}`);
      print(`  compiled in ${(t1 - t0).toFixed(1)} ms, content hash ${scenario.contentHash.slice(0, 16)}…`);
      print(`  map: ${JSON.stringify(mapStats(network.spec))}`);
      print(
        `  learning agents: ${scenario.agents.length}, social agents: ${scenario.socialAgents.length}, bubbles: ${scenario.bubbles.length}`,
      );
      const key = demoReplayKey(scenario.contentHash, opts.steps);
      const keyPath = resolve(opts.out, "demo.replay.key.json");
      if (!opts.fresh && recordedWith(keyPath, replayPath, key)) {
        print(
          `  ${relative(process.cwd(), replayPath)} was recorded from this scenario by this build: served as it is (--fresh to simulate again)`,
        );
      } else {
        const run = await runScenario({ scenario, network }, { record: replayPath, steps: opts.steps });
        print(
          `  simulated ${run.steps} steps (${run.simSeconds} s) in ${run.wallSeconds} s: ${run.stepsPerSecond} steps/s`,
        );
        print(`  vehicles: ${run.vehicles.max} at most, ${run.vehicles.total} in all; collisions: ${run.collisions}`);
        print(
          `  agents done: ${
            Object.entries(run.agentsDone)
              .map(([k, v]) => `${k} ${v}`)
              .join(", ") || "none"
          }; still driving: ${run.agentsRunning}`,
        );
        const trained = [
          ...scenario.socialAgents.map((a) => a.policy.locator),
          ...scenario.bubbles.flatMap((b) => (b.actor.kind === "zoo" ? [b.actor.policy.locator] : [])),
        ].filter((l) => l.startsWith("file:"));
        // TensorFlow.js is loaded by then (the zoo loaded it for those policies): which backend it chose.
        if (trained.length > 0)
          print(`  trained policies (${trained.length}): TensorFlow.js, ${(await loadTf()).getBackend()} backend`);
        print(
          `  bubble transitions: ${
            Object.entries(run.bubbleTransitions)
              .map(([k, v]) => `${k} ${v}`)
              .join(", ") || "none"
          }`,
        );
        print(
          `  wrote ${relative(process.cwd(), jsonPath)} (compiled scenario), ${relative(process.cwd(), svgPath)} (map drawing) and ${relative(process.cwd(), replayPath)} (replay, ${run.replay!.frames} frames, ${run.replay!.bytes} bytes)`,
        );
        if (run.outputError !== undefined) throw new OutputWriteError(run.outputError, replayPath);
        writeFileSync(keyPath, JSON.stringify(key) + "\n");
      }
      if (!opts.serve) {
        print(`  watch it: roadgym view ${relative(process.cwd(), replayPath)}`);
        print(`  next: roadgym run <file.scn> --record run.replay · roadgym view <file.scn> · npm test`);
        return;
      }
      let server: ViewerServer;
      try {
        server = await ViewerServer.start({
          source: { kind: "replay", path: replayPath },
          port: opts.port,
          ...viewerServerOptions(opts),
        });
      } catch (e) {
        if (!/in use/.test((e as Error).message))
          throw new UserInputError(`cannot start the viewer: ${(e as Error).message}`);
        server = await ViewerServer.start({
          source: { kind: "replay", path: replayPath },
          port: 0,
          ...viewerServerOptions(opts),
        });
      }
      announceViewer(server, print);
      // Ctrl-C is handled before the line saying so is printed: a reader may interrupt at once.
      const served = serveUntilInterrupted(server);
      print(`  open it in a browser to watch the demo in 3D; Ctrl-C to stop`);
      await served;
    });
}
