/**
 * The traffic benchmark's generated inputs, kept on disk: generating a case's network and trips takes
 * seconds to a minute (the city's 38 MB network and 24,000 trips), so each is made once per set of
 * arguments, seed and SUMO version and reused by later runs. The cache is a folder per key under
 * {@link benchCacheDir}; a folder appears complete or not at all (written aside, then renamed), so
 * a run stopped half-way leaves nothing half-written behind. Measured SUMO statistics of long runs
 * (the city) can be kept beside the files the same way ({@link readCachedJson}).
 */
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { netgenerate, randomTrips } from "./sumoTools.js";
import type { TrafficCase } from "./trafficCases.js";

/** A case's files on disk. */
export interface CaseFiles {
  /** The case's cache folder. */
  dir: string;
  net: string;
  trips: string;
  /** Whether they were there already. */
  cached: boolean;
  /** Time spent generating them (s; 0 when cached). */
  seconds: number;
}

/**
 * Where the benchmark keeps generated inputs: `$ROADGYM_CACHE_DIR`, else `$XDG_CACHE_HOME/roadgym`,
 * else `~/.cache/roadgym`, then `bench-traffic`.
 */
export function benchCacheDir(): string {
  const root =
    process.env.ROADGYM_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "roadgym");
  return join(root, "bench-traffic");
}

const sha256 = (text: string | Buffer): string => createHash("sha256").update(text).digest("hex");

/** The cache key of a case's inputs: what generates them, and with which SUMO. */
export function caseKey(c: TrafficCase, seed: number, sumoVersion: string): string {
  const net = c.network(seed);
  const source = "file" in net ? { fileSha256: sha256(readFileSync(net.file)) } : net;
  return `${c.name}-${sha256(JSON.stringify({ version: 1, sumoVersion, net: source, trips: c.trips(seed) })).slice(0, 16)}`;
}

/**
 * The case's network and trips for `seed`, from the cache or generated into it.
 * @param fresh generate even when cached (replacing the cached files)
 */
export async function caseFiles(
  c: TrafficCase,
  seed: number,
  sumoVersion: string,
  fresh = false,
  cacheDir = benchCacheDir(),
): Promise<CaseFiles> {
  const dir = join(cacheDir, caseKey(c, seed, sumoVersion));
  const net = join(dir, `${c.name}.net.xml`);
  const trips = join(dir, `${c.name}.trips.xml`);
  if (!fresh && existsSync(net) && existsSync(trips)) return { dir, net, trips, cached: true, seconds: 0 };
  const t0 = performance.now();
  mkdirSync(cacheDir, { recursive: true });
  const scratch = mkdtempSync(join(cacheDir, `.${c.name}-`));
  try {
    const scratchNet = join(scratch, `${c.name}.net.xml`);
    const network = c.network(seed);
    if ("file" in network) copyFileSync(network.file, scratchNet);
    else await netgenerate(network.netgenerate, scratchNet);
    // randomTrips' --validate leaves its scratch files where it runs: a folder of their own, not kept.
    const work = join(scratch, "work");
    mkdirSync(work);
    await randomTrips(scratchNet, join(scratch, `${c.name}.trips.xml`), c.trips(seed), work);
    rmSync(work, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(scratch, dir);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return { dir, net, trips, cached: false, seconds: (performance.now() - t0) / 1000 };
}

/** A JSON value kept in a case's folder, or undefined when there is none (or it cannot be read). */
export function readCachedJson<T>(dir: string, name: string): T | undefined {
  const file = join(dir, name);
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

/** Keeps a JSON value in a case's folder (written aside, then renamed). */
export function writeCachedJson(dir: string, name: string, value: unknown): void {
  const aside = join(dir, `.${name}.${process.pid}`);
  writeFileSync(aside, JSON.stringify(value, null, 2) + "\n");
  renameSync(aside, join(dir, name));
}
