/**
 * Named environments (the `gym.make` habit): every example scenario shipped in the package's
 * `scenarios/` folder is registered as `roadgym/<file name without .scn>`, e.g.
 * `roadgym/paper-intersection-sv` for `scenarios/paper-intersection-sv.scn`. The table is read from
 * the folder, so a new example scenario is a new name.
 */
import { existsSync, readdirSync } from "node:fs";
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
