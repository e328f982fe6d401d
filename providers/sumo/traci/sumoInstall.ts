/**
 * Finding the SUMO installation: which binary to start and which SUMO_HOME to give it.
 *
 * SUMO reads SUMO_HOME to find its XML schemas (`$SUMO_HOME/data/xsd`); without it, it prints a
 * warning and may validate files through "slow website lookups". Distribution packages install the
 * binary as `/usr/bin/sumo` and the data under `/usr/share/sumo` without setting SUMO_HOME, so when it
 * is unset we infer it from where the binary lives.
 */
import { existsSync, realpathSync } from "node:fs";
import { delimiter, dirname, isAbsolute, join } from "node:path";

/** `$SUMO_HOME/bin/sumo` when SUMO_HOME is set and holds that file, else "sumo" (looked up on PATH). */
export function defaultSumoBinary(env: NodeJS.ProcessEnv): string {
  const home = env.SUMO_HOME;
  if (home) {
    const candidate = join(home, "bin", "sumo");
    if (existsSync(candidate)) return candidate;
  }
  return "sumo";
}

/**
 * SUMO_HOME for a binary: `env.SUMO_HOME` when set; else the SUMO data folder next to the binary
 * (`<prefix>/share/sumo` for `<prefix>/bin/sumo`, or `<root>` for a source build's `<root>/bin/sumo`);
 * else undefined.
 */
export function inferSumoHome(binary: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.SUMO_HOME) return env.SUMO_HOME;
  const path = locateExecutable(binary, env);
  if (!path) return undefined;
  const binDir = dirname(path);
  for (const candidate of [join(dirname(binDir), "share", "sumo"), dirname(binDir)]) {
    if (existsSync(join(candidate, "data", "xsd"))) return candidate;
  }
  return undefined;
}

/** The real path of `binary` (a path, or a name looked up on PATH), or undefined when not found. */
function locateExecutable(binary: string, env: NodeJS.ProcessEnv): string | undefined {
  const candidates = binary.includes("/")
    ? [isAbsolute(binary) ? binary : join(process.cwd(), binary)]
    : (env.PATH ?? "")
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, binary));
  for (const candidate of candidates) {
    if (existsSync(candidate)) {
      try {
        return realpathSync(candidate);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
