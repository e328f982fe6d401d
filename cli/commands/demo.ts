/**
 * `roadgym demo` (what `npm start` runs): the main job on a built-in scenario — compile the SMARTS
 * paper's Double Merge scenario with social vehicles on its real SUMO map, run one episode (local
 * traffic, the four learning agents driven by the keep-lane policy), and write the compiled
 * scenario and a drawing of the map. Replays and the viewer join when they exist.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { mapStats } from "../../core/road/mapStats.js";
import { mapToSvg } from "../../core/road/mapToSvg.js";
import { compileScenarioFile, formatDiagnostics } from "../../scenario-dsl/index.js";
import { packageRoot } from "../packageRoot.js";
import { runScenario } from "../runScenario.js";
import { UserInputError } from "../UserInputError.js";

/** The built-in scenario the demo runs, relative to the package root. */
export const DEMO_SCENARIO = "scenarios/paper-double_merge-sv.scn";

export function addDemoCommand(program: Command): void {
  program
    .command("demo")
    .description("run the built-in demo (what `npm start` runs): compile a paper scenario, build its map, write outputs")
    .option("--scenario <file.scn>", "scenario to use instead of the built-in one")
    .option("--out <dir>", "output folder", "out")
    .action(async (opts: { scenario?: string; out: string }) => {
      const file = opts.scenario ?? join(packageRoot(), DEMO_SCENARIO);
      const t0 = performance.now();
      const result = compileScenarioFile(file);
      if (!result.ok) throw new UserInputError(formatDiagnostics(result.diagnostics));
      const t1 = performance.now();
      const { scenario, network } = result;
      mkdirSync(opts.out, { recursive: true });
      const svgPath = resolve(opts.out, "demo-map.svg");
      const jsonPath = resolve(opts.out, "demo-scenario.json");
      writeFileSync(svgPath, mapToSvg(network));
      writeFileSync(jsonPath, JSON.stringify(scenario, null, 2) + "\n");
      const print = (line: string) => process.stdout.write(line + "\n");
      print(`roadgym demo — ${relative(process.cwd(), file)}`);
      print(`  compiled in ${(t1 - t0).toFixed(1)} ms, content hash ${scenario.contentHash.slice(0, 16)}…`);
      print(`  map: ${JSON.stringify(mapStats(network.spec))}`);
      print(`  learning agents: ${scenario.agents.length}, social agents: ${scenario.socialAgents.length}, bubbles: ${scenario.bubbles.length}`);
      const run = await runScenario(scenario, network, {});
      print(`  simulated ${run.steps} steps (${run.simSeconds} s) in ${run.wallSeconds} s: ${run.stepsPerSecond} steps/s`);
      print(`  vehicles: ${run.vehicles.max} at most, ${run.vehicles.total} in all; collisions: ${run.collisions}`);
      print(`  agents done: ${Object.entries(run.agentsDone).map(([k, v]) => `${k} ${v}`).join(", ") || "none"}; still driving: ${run.agentsRunning}`);
      print(`  wrote ${relative(process.cwd(), jsonPath)} (compiled scenario) and ${relative(process.cwd(), svgPath)} (map drawing)`);
      print(`  next: roadgym run <file.scn> --profile · roadgym map svg <file> -o map.svg · npm test`);
    });
}
