/**
 * SUMO's programs as the traffic benchmark uses them: `netgenerate` builds a network, `randomTrips.py`
 * its demand, and `sumo` runs both with `--duration-log.statistics`, whose end-of-run report
 * {@link parseSumoStatistics} reads. Each program is looked up on the PATH (`randomTrips.py` under
 * `$SUMO_HOME/tools`, default `/usr/share/sumo`); {@link findSumoTools} says which is missing, so the
 * benchmark can print a skip line instead of failing.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** SUMO's installation folder (for `tools/randomTrips.py`). */
export const SUMO_HOME = process.env.SUMO_HOME ?? "/usr/share/sumo";

/** SUMO's end-of-run report, as printed with `--duration-log.statistics`. */
export interface SumoStatistics {
  /** Wall-clock time of the run (s). */
  durationS: number;
  /** Vehicle updates per wall-clock second. */
  ups: number;
  inserted: number;
  running: number;
  waiting: number;
  arrived: number;
  meanRouteLengthM: number;
  meanSpeedMps: number;
  meanDurationS: number;
  meanWaitingTimeS: number;
  /** Vehicles teleported (jams, yields, wrong lanes, collisions); 0 when the report has none. */
  teleports: number;
  /** Collisions SUMO detected; 0 when the report has none. */
  collisions: number;
}

/** Reads SUMO's performance and trip statistics out of its log text. */
export function parseSumoStatistics(log: string): SumoStatistics {
  const num = (re: RegExp, what: string): number => {
    const m = re.exec(log);
    if (!m) throw new Error(`sumo's report has no ${what}:\n${log.slice(-2000)}`);
    return Number(m[1]);
  };
  const opt = (re: RegExp): number => {
    const m = re.exec(log);
    return m ? Number(m[1]) : 0;
  };
  return {
    durationS: num(/Duration:\s*([\d.]+)\s*s/, "Duration"),
    ups: num(/UPS:\s*([\d.]+)/, "UPS"),
    inserted: num(/Inserted:\s*(\d+)/, "Inserted"),
    running: num(/Running:\s*(\d+)/, "Running"),
    waiting: num(/Waiting:\s*(\d+)/, "Waiting"),
    arrived: num(/Statistics \(avg of (\d+)\)/, "trip statistics"),
    meanRouteLengthM: num(/RouteLength:\s*([\d.]+)/, "RouteLength"),
    meanSpeedMps: num(/Speed:\s*([\d.]+)/, "Speed"),
    meanDurationS: num(/Statistics[\s\S]*?Duration:\s*([\d.]+)/, "trip Duration"),
    meanWaitingTimeS: num(/WaitingTime:\s*([\d.]+)/, "WaitingTime"),
    teleports: opt(/Teleports:\s*(\d+)/),
    collisions: opt(/Collisions:\s*(\d+)/),
  };
}

/** Which of SUMO's programs are missing (empty: all there). */
export async function findSumoTools(): Promise<string[]> {
  const missing: string[] = [];
  for (const program of ["sumo", "netgenerate"]) {
    const r = await run(program, ["--version"]);
    if (r.error !== null) missing.push(program);
  }
  if (!existsSync(randomTripsPath())) missing.push(randomTripsPath());
  return missing;
}

/** SUMO's version line (`Eclipse SUMO sumo Version 1.15.0`); throws when `sumo` cannot run. */
export async function sumoVersion(): Promise<string> {
  const r = await run("sumo", ["--version"]);
  if (r.error !== null) throw new Error(`sumo --version failed: ${r.error}`);
  return r.output.split("\n")[0].trim();
}

/** Where `randomTrips.py` is. */
export function randomTripsPath(): string {
  return join(SUMO_HOME, "tools", "randomTrips.py");
}

/** Runs `netgenerate` with `args` writing `outFile`; throws with its output on failure. */
export async function netgenerate(args: readonly string[], outFile: string): Promise<void> {
  const r = await run("netgenerate", [...args, "--output-file", outFile, "--no-warnings"]);
  if (r.error !== null) throw new Error(`netgenerate ${args.join(" ")} failed: ${r.error}\n${r.output.slice(-2000)}`);
}

/**
 * Runs `randomTrips.py` on `netFile`, writing trips to `tripsFile` (in `cwd`, where `--validate`
 * leaves its scratch files); throws with its output on failure.
 */
export async function randomTrips(
  netFile: string,
  tripsFile: string,
  args: readonly string[],
  cwd: string,
): Promise<void> {
  const r = await run("python3", [randomTripsPath(), "-n", netFile, "-o", tripsFile, ...args], cwd);
  if (r.error !== null)
    throw new Error(`randomTrips.py ${args.join(" ")} failed: ${r.error}\n${r.output.slice(-2000)}`);
}

/** Runs `sumo` on a network and route files until `endS` at `stepS` steps, and reads its report. */
export async function runSumo(
  netFile: string,
  routeFiles: readonly string[],
  endS: number,
  stepS: number,
  seed: number,
): Promise<SumoStatistics> {
  const args = [
    "-n",
    netFile,
    "-r",
    routeFiles.join(","),
    "--end",
    String(endS),
    "--step-length",
    String(stepS),
    "--seed",
    String(seed),
    "--duration-log.statistics",
    "--no-step-log",
    "--no-warnings",
  ];
  const r = await run("sumo", args);
  if (r.error !== null) throw new Error(`sumo failed: ${r.error}\n${r.output.slice(-2000)}`);
  return parseSumoStatistics(r.output);
}

/** Runs a program; `error` is null on success, else why it failed. */
function run(
  program: string,
  args: readonly string[],
  cwd?: string,
): Promise<{ error: string | null; output: string }> {
  return new Promise((resolve) => {
    execFile(program, args, { cwd, env: { ...process.env, SUMO_HOME }, maxBuffer: 1 << 26 }, (err, stdout, stderr) => {
      const output = stdout + stderr;
      if (err === null) return resolve({ error: null, output });
      const code = (err as NodeJS.ErrnoException).code;
      resolve({ error: code === "ENOENT" ? `${program} is not installed` : err.message, output });
    });
  });
}
