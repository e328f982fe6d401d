/**
 * Named environments (the `gym.make` habit): every example scenario shipped in the package's
 * `scenarios/` folder is registered as `roadgym/<file name without .scn>`, e.g.
 * `roadgym/paper-intersection-sv` for `scenarios/paper-intersection-sv.scn`. The table is read from
 * the folder, so a new example scenario is a new name.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./packageRoot.js";

/** The prefix of every registered name. */
export const SCENARIO_NAME_PREFIX = "roadgym/";

/** Whether `s` is written as a registered name (`roadgym/<name>`) rather than a path. */
export function isScenarioName(s: string): boolean {
  return /^roadgym\/[A-Za-z0-9_-]+$/.test(s);
}

/** The scenarios folder of the package. */
export function scenariosDir(): string {
  return join(packageRoot(), "scenarios");
}

/** Every registered name, sorted. */
export function scenarioNames(): string[] {
  return readdirSync(scenariosDir())
    .filter((f) => f.endsWith(".scn"))
    .map((f) => SCENARIO_NAME_PREFIX + f.slice(0, -".scn".length))
    .sort();
}

/**
 * The `.scn` file of a registered name.
 * @throws Error listing the registered names when `name` is not one of them
 */
export function namedScenarioPath(name: string): string {
  const path = join(scenariosDir(), `${name.slice(SCENARIO_NAME_PREFIX.length)}.scn`);
  if (isScenarioName(name) && existsSync(path)) return path;
  throw new Error(`no environment named "${name}"; registered: ${scenarioNames().join(", ")}`);
}

/** A registered scenario: its name, file and title. */
export interface NamedScenario {
  /** `roadgym/<name>`. */
  readonly name: string;
  /** Its `.scn` file. */
  readonly file: string;
  /** What it is: the leading comment's first clause (up to its first colon or full stop). */
  readonly title: string;
}

/** Every registered scenario, sorted by name. */
export function namedScenarios(): NamedScenario[] {
  return scenarioNames().map((name) => {
    const file = namedScenarioPath(name);
    return { name, file, title: scenarioTitle(readFileSync(file, "utf8")) };
  });
}

/** The first clause of a scenario file's leading `//` comment ('' without one). */
export function scenarioTitle(text: string): string {
  const comment: string[] = [];
  for (const line of text.split("\n")) {
    const m = /^\s*\/\/\s?(.*)$/.exec(line);
    if (!m) break;
    comment.push(m[1].trim());
  }
  const joined = comment.join(" ");
  const end = joined.search(/[:.](\s|$)/);
  return (end < 0 ? joined : joined.slice(0, end)).trim();
}
