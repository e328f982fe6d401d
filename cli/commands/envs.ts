/**
 * `roadgym envs [--json]`: the named environments — every example scenario, registered as
 * `roadgym/<file name>` for `makeEnv("roadgym/…")` (and every command that takes a scenario) — with
 * what each holds: learning agents, social agents, bubbles, traffic, map and duration.
 */
import type { Command } from "commander";
import { hasTraffic } from "../../compose/buildProviders.js";
import { namedScenarios } from "../../compose/namedScenarios.js";
import { compileScenarioFile, type MapCache } from "../../scenario-dsl/index.js";
import type { CompiledScenario } from "../../spec/CompiledScenario.js";
import { UserInputError } from "../UserInputError.js";

/** One named environment as `roadgym envs` lists it. */
export interface EnvListing {
  name: string;
  title: string;
  file: string;
  agents: number;
  socialAgents: number;
  bubbles: number;
  /** Whether it has traffic (flows, trips, route files or a recording, in any variation). */
  traffic: boolean;
  variations: number;
  /** `sumo <file>`, `opendrive <file>` or `generator <name>`. */
  map: string;
  /** Episode length (s); null: until every agent is done. */
  durationS: number | null;
}

function listing(name: string, title: string, file: string, s: CompiledScenario): EnvListing {
  return {
    name,
    title,
    file,
    agents: s.agents.length,
    socialAgents: s.socialAgents.length,
    bubbles: s.bubbles.length,
    traffic: hasTraffic(s),
    variations: s.variations.length,
    map: s.map.kind === "generator" ? `generator ${s.map.generator}` : `${s.map.kind} ${s.map.path}`,
    durationS: s.durationS,
  };
}

/** Registers `roadgym envs`. */
export function addEnvsCommand(program: Command): void {
  program
    .command("envs")
    .description('list the named environments (makeEnv("roadgym/<name>"), or the name wherever a .scn file is taken)')
    .option("--json", "print the list as one JSON array")
    .action((flags: { json?: boolean }) => {
      const cache: MapCache = new Map();
      const envs = namedScenarios().map((n) => {
        const r = compileScenarioFile(n.file, { mapCache: cache });
        if (!r.ok) throw new UserInputError(`${n.name}: the example scenario does not compile (${n.file})`);
        return listing(n.name, n.title, n.file, r.scenario);
      });
      if (flags.json) {
        process.stdout.write(JSON.stringify(envs) + "\n");
        return;
      }
      const print = (l: string) => process.stdout.write(l + "\n");
      for (const e of envs) {
        const parts = [
          `${e.agents} agent${e.agents === 1 ? "" : "s"}`,
          e.socialAgents ? `${e.socialAgents} social` : "",
          e.bubbles ? `${e.bubbles} bubble${e.bubbles === 1 ? "" : "s"}` : "",
          e.traffic ? "traffic" : "no traffic",
          e.variations ? `${e.variations} variations` : "",
          e.map,
          e.durationS === null ? "" : `${e.durationS} s`,
        ].filter(Boolean);
        print(`${e.name.padEnd(32)} ${e.title}`);
        print(`${"".padEnd(32)} ${parts.join(", ")}`);
      }
    });
}
