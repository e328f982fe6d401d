/**
 * Issue 19's traffic figures, roadgym's local provider (`runTraffic`, what `roadgym traffic` runs) and
 * SUMO side by side in one process, on networks generated with SUMO's tools (bench/trafficCases.ts,
 * kept on disk by bench/trafficCaseFiles.ts):
 *
 * - a random signalled network, a grid with turn lanes and signals, a spider network and SMARTS
 *   minicity, each with random trips, 900 s at 0.1 s steps: vehicle updates per second of each side
 *   and their ratio (target ≥ 10×); mean trip speed and duration (within ±15 % of SUMO's); trips
 *   arrived by the end (within ±10 %); collisions, vehicles stuck ≥ 300 s (0 each) and jam teleports
 *   (≤ 1 % of trips);
 * - the city: a 50 × 50 signalled grid with more than 20,000 vehicles on the road at once, 0.5 s
 *   steps: real-time factor (≥ 10×), vehicle updates per second (≥ 400k), the cost per vehicle update
 *   against a 10 × 10 grid's at the same step (within 1.3×), arrivals (within ±15 % of SUMO's), no
 *   gridlock; SUMO's figures beside them.
 *
 * Wall-clock figures vary from run to run on a shared machine, so each side runs several rounds,
 * alternating (ours, SUMO, ours, …), every run is printed as it finishes and the median is judged;
 * each round's ratio pairs runs made seconds apart. Both sides are deterministic, so their trip
 * statistics are the same every round. The case's figures are printed as soon as its rounds are done.
 *
 * SUMO takes over ten minutes on the city (half of it routing 24,000 trips), longer than the rest of
 * the benchmark together; its statistics there are measured once, when the city case is named
 * (`--case city50`), and kept with the city's files; other runs print the kept figures, dated.
 *
 * Without SUMO's programs the generated cases cannot be built: the local side then runs the shipped
 * 10 × 10 grid (`bench/fixtures/`, generated once by SUMO 1.15) alone and a line says what was skipped.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { buildRoadNetwork, type RoadNetwork } from "../core/road/RoadNetwork.js";
import { loadSumoNet } from "../core/road/sumo/loadSumoNet.js";
import { runTraffic, type TrafficStatistics } from "../providers/local/runTraffic.js";
import { parseSumoRoutes } from "../scenario-dsl/demand/parseSumoRoutes.js";
import type { Traffic } from "../spec/CompiledScenario.js";
import { median, result, type BenchOptions, type Benchmark, type BenchResult } from "./BenchResult.js";
import { findSumoTools, runSumo, sumoVersion, type SumoStatistics } from "./sumoTools.js";
import { caseFiles, readCachedJson, writeCachedJson, type CaseFiles } from "./trafficCaseFiles.js";
import { CITY_CASE, SMALL_CITY_CASE, chooseCases, type TrafficCase } from "./trafficCases.js";

/** Timed runs of each side per ratio case, unless `--rounds` says otherwise; the median is judged. */
export const ROUNDS = 3;
/** Timed runs of ours on the city (each takes minutes), unless `--rounds` says otherwise. */
export const CITY_ROUNDS = 1;

const FIXTURES = join(import.meta.dirname, "../../bench/fixtures");

/** Relative difference of ours from theirs. */
const off = (ours: number, theirs: number): number =>
  theirs === 0 ? (ours === 0 ? 0 : Infinity) : (ours - theirs) / theirs;
const mega = (ups: number): string => `${(ups / 1e6).toFixed(3)} M`;
const pct = (x: number): string => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)} %`;
const times = (xs: readonly number[]): string => xs.map((x) => `${x.toFixed(2)}×`).join(", ");

function describeOurs(s: TrafficStatistics): string {
  return `inserted ${s.inserted}, running ${s.running} (max ${s.maxRunning}), arrived ${s.arrived}, route ${s.meanRouteLengthM.toFixed(0)} m, speed ${s.meanSpeedMps.toFixed(2)} m/s, duration ${s.meanDurationS.toFixed(1)} s, waiting ${s.meanWaitingTimeS.toFixed(1)} s, collisions ${s.collisions}, teleports ${s.teleports}, stuck ${s.stuck}`;
}

function describeSumo(s: SumoStatistics): string {
  return `inserted ${s.inserted}, running ${s.running}, arrived ${s.arrived}, route ${s.meanRouteLengthM.toFixed(0)} m, speed ${s.meanSpeedMps.toFixed(2)} m/s, duration ${s.meanDurationS.toFixed(1)} s, waiting ${s.meanWaitingTimeS.toFixed(1)} s, teleports ${s.teleports} (collisions ${s.collisions})`;
}

/** One run of ours as printed while the benchmark goes: speed, wall time, the trips' figures. */
export function ourRunLine(tag: string, s: TrafficStatistics, setupS: number): string {
  return `${tag} roadgym ${mega(s.ups)} upd/s, wall ${s.wallSeconds.toFixed(2)} s (+${setupS.toFixed(2)} s setup), ${s.realTimeFactor.toFixed(1)}× real time, arrived ${s.arrived}, speed ${s.meanSpeedMps.toFixed(2)} m/s, duration ${s.meanDurationS.toFixed(1)} s, collisions ${s.collisions}, teleports ${s.teleports}, stuck ${s.stuck}, running ${s.running} (max ${s.maxRunning})`;
}

/** One run of SUMO as printed while the benchmark goes (SUMO teleports what stands 300 s: no stuck count). */
export function sumoRunLine(tag: string, s: SumoStatistics): string {
  return `${tag} SUMO    ${mega(s.ups)} upd/s, wall ${s.durationS.toFixed(2)} s, arrived ${s.arrived}, speed ${s.meanSpeedMps.toFixed(2)} m/s, duration ${s.meanDurationS.toFixed(1)} s, collisions ${s.collisions}, teleports ${s.teleports}, running ${s.running}`;
}

/** A case's files loaded for our side (untimed: SUMO's loading is not in its UPS either). */
interface Loaded {
  network: RoadNetwork;
  traffic: Partial<Traffic>;
  trips: number;
  seconds: number;
}

function load(files: { net: string; trips: string }): Loaded {
  const t0 = performance.now();
  const network = buildRoadNetwork(loadSumoNet(files.net));
  const text = readFileSync(files.trips, "utf8");
  const demand = parseSumoRoutes(text, files.trips);
  return {
    network,
    traffic: {
      sumoDemand: [{ path: files.trips, sha256: createHash("sha256").update(text).digest("hex"), demand }],
    },
    trips: demand.vehicles.length,
    seconds: (performance.now() - t0) / 1000,
  };
}

/** One run of ours, and the time it took outside its timed steps (the provider's setup: routes, tables). */
function runOurs(c: TrafficCase, l: Loaded, seed: number): { s: TrafficStatistics; setupS: number } {
  const t0 = performance.now();
  const s = runTraffic({ network: l.network, traffic: l.traffic, endS: c.endS, dtS: c.stepS, seed });
  return { s, setupS: Math.max(0, (performance.now() - t0) / 1000 - s.wallSeconds) };
}

async function files(
  c: TrafficCase,
  options: BenchOptions,
  version: string,
  log: (line: string) => void,
): Promise<CaseFiles> {
  const f = await caseFiles(c, options.seed, version, options.fresh ?? false);
  log(
    f.cached
      ? `${c.name}: ${c.label}; files cached in ${f.dir}`
      : `${c.name}: ${c.label}; files generated in ${f.seconds.toFixed(1)} s into ${f.dir}`,
  );
  return f;
}

/** One ratio case: both sides round by round, alternating, and every figure against its target. */
async function* ratioCase(
  c: TrafficCase,
  options: BenchOptions,
  version: string,
  log: (line: string) => void,
): AsyncGenerator<BenchResult> {
  const f = await files(c, options, version, log);
  const l = load(f);
  log(`${c.name}: ${l.trips} trips, loaded in ${l.seconds.toFixed(1)} s`);
  const rounds = options.rounds ?? ROUNDS;
  const ours: TrafficStatistics[] = [];
  const sumo: SumoStatistics[] = [];
  for (let round = 0; round < rounds; round++) {
    const tag = `  ${c.name} ${round + 1}/${rounds}`;
    const r = runOurs(c, l, options.seed);
    ours.push(r.s);
    log(ourRunLine(tag, r.s, r.setupS));
    const s = await runSumo(f.net, [f.trips], c.endS, c.stepS, options.seed);
    sumo.push(s);
    log(sumoRunLine(tag, s));
  }
  const o = ours[0];
  const s = sumo[0];
  const ourUps = ours.map((r) => r.ups);
  const sumoUps = sumo.map((r) => r.ups);
  const ratios = ourUps.map((u, k) => u / sumoUps[k]);
  const speed = off(o.meanSpeedMps, s.meanSpeedMps);
  const duration = off(o.meanDurationS, s.meanDurationS);
  const arrived = off(o.arrived, s.arrived);
  const n = c.name;
  const tag = `${n}:`;
  yield result(
    `${n}Ups`,
    `${tag} roadgym vehicle updates/s (median of ${rounds})`,
    median(ourUps),
    "veh/s",
    undefined,
    `${c.label}; ${l.trips} trips, ${c.endS} s; runs ${ourUps.map(mega).join(", ")}; ${describeOurs(o)}`,
  );
  yield result(
    `${n}SumoUps`,
    `${tag} SUMO 1.15 vehicle updates/s (median of ${rounds})`,
    median(sumoUps),
    "veh/s",
    undefined,
    `runs ${sumoUps.map(mega).join(", ")}; ${describeSumo(s)}`,
  );
  yield result(
    `${n}UpsRatio`,
    `${tag} roadgym ups ÷ SUMO ups (median round)`,
    median(ratios),
    "×",
    { op: ">=", value: 10 },
    `rounds ${times(ratios)}`,
  );
  yield result(
    `${n}SpeedOffPct`,
    `${tag} mean trip speed vs SUMO`,
    Math.abs(100 * speed),
    "% off",
    { op: "<=", value: 15 },
    `${o.meanSpeedMps.toFixed(2)} vs ${s.meanSpeedMps.toFixed(2)} m/s (${pct(speed)})`,
  );
  yield result(
    `${n}DurationOffPct`,
    `${tag} mean trip duration vs SUMO`,
    Math.abs(100 * duration),
    "% off",
    { op: "<=", value: 15 },
    `${o.meanDurationS.toFixed(1)} vs ${s.meanDurationS.toFixed(1)} s (${pct(duration)})`,
  );
  yield result(
    `${n}ArrivedOffPct`,
    `${tag} trips arrived by the end vs SUMO`,
    Math.abs(100 * arrived),
    "% off",
    { op: "<=", value: 10 },
    `${o.arrived} vs ${s.arrived} (${pct(arrived)})`,
  );
  yield result(
    `${n}Collisions`,
    `${tag} collisions between traffic vehicles`,
    o.collisions,
    "",
    { op: "<=", value: 0 },
    o.collisionPairs.join(", "),
  );
  yield result(
    `${n}Stuck`,
    `${tag} vehicles standing ≥ 300 s`,
    o.stuck,
    "",
    { op: "<=", value: 0 },
    o.stuckIds.join(", "),
  );
  yield result(
    `${n}TeleportPct`,
    `${tag} jam teleports, % of trips`,
    (100 * o.teleports) / Math.max(1, l.trips),
    "%",
    { op: "<=", value: 1 },
    `${o.teleports} of ${l.trips}${o.teleportList.length > 0 ? `: ${o.teleportList.join(", ")}` : ""}`,
  );
}

/** SUMO's city statistics as kept beside the city's files. */
interface KeptSumoRun {
  measuredAt: string;
  statistics: SumoStatistics;
}

/**
 * SUMO on the city: the kept run, or a new one when the city was named (`--case city50`) or `--fresh`
 * asks for it; undefined when neither (a line says how to get it).
 */
async function sumoOnCity(
  f: CaseFiles,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<{ s: SumoStatistics; note: string } | undefined> {
  const c = CITY_CASE;
  const name = `sumo-seed${options.seed}-${c.endS}s-${c.stepS}s.json`;
  const kept = options.fresh ? undefined : readCachedJson<KeptSumoRun>(f.dir, name);
  if (kept !== undefined) {
    log(sumoRunLine(`  ${c.name} kept run of ${kept.measuredAt}:`, kept.statistics));
    return { s: kept.statistics, note: `kept run of ${kept.measuredAt}` };
  }
  if (!(options.cases ?? []).includes(c.name) && !options.fresh) {
    log(
      `  ${c.name}: SUMO's run here takes over 10 min and none is kept yet: \`roadgym bench traffic --case ${c.name}\` measures and keeps it`,
    );
    return undefined;
  }
  log(`  ${c.name}: SUMO running (over 10 min on a quiet machine) …`);
  const s = await runSumo(f.net, [f.trips], c.endS, c.stepS, options.seed);
  const measuredAt = new Date().toISOString();
  writeCachedJson(f.dir, name, { measuredAt, statistics: s } satisfies KeptSumoRun);
  log(sumoRunLine(`  ${c.name} 1/1`, s));
  return { s, note: `run now` };
}

/** The city: ours on the 50 × 50 grid and the 10 × 10 grid, round by round, and SUMO's run beside it. */
async function* cityCase(
  options: BenchOptions,
  version: string,
  log: (line: string) => void,
): AsyncGenerator<BenchResult> {
  const big = await files(CITY_CASE, options, version, log);
  const small = await files(SMALL_CITY_CASE, options, version, log);
  const lb = load(big);
  const ls = load(small);
  log(`${CITY_CASE.name}: ${lb.trips} trips, loaded in ${lb.seconds.toFixed(1)} s (10×10 peer: ${ls.trips} trips)`);
  const rounds = options.rounds ?? CITY_ROUNDS;
  const ours: TrafficStatistics[] = [];
  const peer: TrafficStatistics[] = [];
  for (let round = 0; round < rounds; round++) {
    const p = runOurs(SMALL_CITY_CASE, ls, options.seed);
    peer.push(p.s);
    log(ourRunLine(`  ${SMALL_CITY_CASE.name} ${round + 1}/${rounds}`, p.s, p.setupS));
    const r = runOurs(CITY_CASE, lb, options.seed);
    ours.push(r.s);
    log(ourRunLine(`  ${CITY_CASE.name} ${round + 1}/${rounds}`, r.s, r.setupS));
  }
  const o = ours[0];
  const factors = ours.map((r) => r.realTimeFactor);
  const ups = ours.map((r) => r.ups);
  // Cost per vehicle update on the big grid ÷ on the small one, each round's pair made back to back.
  const costRatios = ours.map((r, k) => peer[k].ups / r.ups);
  yield result(
    "city50RealTimeFactor",
    `city50: simulated s per wall s (median of ${rounds})`,
    median(factors),
    "×",
    { op: ">=", value: 10 },
    `${CITY_CASE.label}; ${lb.trips} trips; runs ${times(factors)}; ${describeOurs(o)}`,
  );
  yield result(
    "city50Ups",
    `city50: roadgym vehicle updates/s (median of ${rounds})`,
    median(ups),
    "veh/s",
    { op: ">=", value: 400_000 },
    `runs ${ups.map(mega).join(", ")}`,
  );
  yield result("city50MaxVehicles", "city50: most vehicles on the road at once", o.maxRunning, "veh", {
    op: ">=",
    value: 20_000,
  });
  yield result(
    "city50CostRatio",
    "city50: µs per vehicle update ÷ the 10×10 grid's, same step",
    median(costRatios),
    "×",
    { op: "<=", value: 1.3 },
    `rounds ${times(costRatios)}; 10×10: ${ls.trips} trips, ${median(peer.map((r) => r.ups)).toFixed(0)} veh/s (${(1e6 / median(peer.map((r) => r.ups))).toFixed(2)} µs), 50×50: ${(1e6 / median(ups)).toFixed(2)} µs`,
  );
  yield result(
    "city50Stuck",
    "city50: vehicles standing ≥ 300 s (gridlock)",
    o.stuck,
    "",
    { op: "<=", value: 0 },
    o.stuckIds.join(", "),
  );
  yield result(
    "city50Collisions",
    "city50: collisions between traffic vehicles",
    o.collisions,
    "",
    { op: "<=", value: 0 },
    o.collisionPairs.join(", "),
  );
  const sumo = await sumoOnCity(big, options, log);
  if (sumo === undefined) return;
  const arrived = off(o.arrived, sumo.s.arrived);
  yield result(
    "city50ArrivedOffPct",
    "city50: trips arrived by the end vs SUMO",
    Math.abs(100 * arrived),
    "% off",
    { op: "<=", value: 15 },
    `${o.arrived} vs ${sumo.s.arrived} (${pct(arrived)})`,
  );
  yield result(
    "city50Sumo",
    "city50: SUMO 1.15 vehicle updates/s (one run)",
    sumo.s.ups,
    "veh/s",
    undefined,
    `${sumo.note}; ${(CITY_CASE.endS / sumo.s.durationS).toFixed(2)}× real time, ${sumo.s.durationS.toFixed(0)} s wall; ${describeSumo(sumo.s)}`,
  );
}

/** Without SUMO: the shipped 10 × 10 grid on our side alone. */
function* shippedGrid(
  missing: readonly string[],
  options: BenchOptions,
  log: (line: string) => void,
): Generator<BenchResult> {
  yield result(
    "trafficSumoSkipped",
    `traffic: ${missing.join(", ")} missing: generated networks and SUMO skipped`,
    0,
    "",
  );
  const dir = mkdtempSync(join(tmpdir(), "roadgym-traffic-"));
  try {
    const net = join(dir, "grid.net.xml");
    const tripsFile = join(dir, "grid.trips.xml");
    writeFileSync(net, gunzipSync(readFileSync(join(FIXTURES, "grid10.net.xml.gz"))));
    writeFileSync(tripsFile, gunzipSync(readFileSync(join(FIXTURES, "grid10.trips.xml.gz"))));
    const l = load({ net, trips: tripsFile });
    const c: TrafficCase = {
      name: "grid10",
      label: "",
      endS: 1200,
      stepS: 0.1,
      network: () => ({ file: net }),
      trips: () => [],
    };
    const rounds = options.rounds ?? ROUNDS;
    const runs: TrafficStatistics[] = [];
    for (let round = 0; round < rounds; round++) {
      const r = runOurs(c, l, 1);
      runs.push(r.s);
      log(ourRunLine(`  grid10 ${round + 1}/${rounds}`, r.s, r.setupS));
    }
    const ups = runs.map((r) => r.ups);
    yield result(
      "grid10Ups",
      `shipped 10×10 grid, 1,200 s: roadgym vehicle updates/s (median of ${rounds})`,
      median(ups),
      "veh/s",
      undefined,
      `runs ${ups.map(mega).join(", ")}; ${describeOurs(runs[0])}`,
    );
    yield result(
      "grid10Collisions",
      "shipped 10×10 grid: collisions between traffic vehicles",
      runs[0].collisions,
      "",
      {
        op: "<=",
        value: 0,
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function* trafficFigures(options: BenchOptions): AsyncGenerator<BenchResult> {
  const log = options.progress ?? ((): void => undefined);
  const chosen = chooseCases(options.cases ?? []);
  const missing = await findSumoTools();
  if (missing.length > 0) {
    yield* shippedGrid(missing, options, log);
    return;
  }
  const version = await sumoVersion();
  log(`traffic: ${version}; cases ${chosen.map((c) => c.name).join(", ")}; seed ${options.seed}`);
  for (const c of chosen) {
    if (c === CITY_CASE) yield* cityCase(options, version, log);
    else yield* ratioCase(c, options, version, log);
  }
}

/** `traffic`: the local provider against SUMO on generated networks, and the city. */
export const trafficBenchmark: Benchmark = {
  name: "traffic",
  stream: (options) => trafficFigures(options),
  async run(options) {
    const out: BenchResult[] = [];
    for await (const r of trafficFigures(options)) out.push(r);
    return out;
  },
};
