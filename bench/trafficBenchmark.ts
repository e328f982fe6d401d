/**
 * Issue 19's traffic figures, roadgym's local provider (`runTraffic`, what `roadgym traffic` runs) and
 * SUMO side by side in one run, on networks generated at bench time (bench/trafficCases.ts):
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
 * Wall-clock figures vary from run to run on a shared machine, so each side runs {@link ROUNDS} times,
 * alternating (ours, SUMO, ours, …), and the median is judged with every run printed; each round's
 * ratio pairs runs made seconds apart. Both sides are deterministic, so their trip statistics are the
 * same every round. SUMO runs the city once (it takes minutes there).
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
import { findSumoTools, runSumo, type SumoStatistics } from "./sumoTools.js";
import { CITY_CASE, RATIO_CASES, SMALL_CITY_CASE, type TrafficCase } from "./trafficCases.js";

/** Timed runs of each side; the median is judged. */
export const ROUNDS = 3;

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

/** A case's files loaded for our side (untimed: SUMO's loading is not in its UPS either). */
interface Loaded {
  network: RoadNetwork;
  traffic: Partial<Traffic>;
  trips: number;
}

function load(net: string, tripsFile: string): Loaded {
  const network = buildRoadNetwork(loadSumoNet(net));
  const text = readFileSync(tripsFile, "utf8");
  const demand = parseSumoRoutes(text, tripsFile);
  return {
    network,
    traffic: { sumoDemand: [{ path: tripsFile, sha256: createHash("sha256").update(text).digest("hex"), demand }] },
    trips: demand.vehicles.length,
  };
}

function runOurs(c: TrafficCase, l: Loaded, seed: number): TrafficStatistics {
  return runTraffic({ network: l.network, traffic: l.traffic, endS: c.endS, dtS: c.stepS, seed });
}

/** One ratio case: both sides {@link ROUNDS} times, alternating, and every figure against its target. */
async function ratioCase(c: TrafficCase, dir: string, seed: number): Promise<BenchResult[]> {
  const files = await c.generate(dir, seed);
  const l = load(files.net, files.trips);
  const ours: TrafficStatistics[] = [];
  const sumo: SumoStatistics[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    ours.push(runOurs(c, l, seed));
    sumo.push(await runSumo(files.net, [files.trips], c.endS, c.stepS, seed));
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
  return [
    result(
      `${n}Ups`,
      `${tag} roadgym vehicle updates/s (median of ${ROUNDS})`,
      median(ourUps),
      "veh/s",
      undefined,
      `${c.label}; ${l.trips} trips, ${c.endS} s; runs ${ourUps.map(mega).join(", ")}; ${describeOurs(o)}`,
    ),
    result(
      `${n}SumoUps`,
      `${tag} SUMO 1.15 vehicle updates/s (median of ${ROUNDS})`,
      median(sumoUps),
      "veh/s",
      undefined,
      `runs ${sumoUps.map(mega).join(", ")}; ${describeSumo(s)}`,
    ),
    result(
      `${n}UpsRatio`,
      `${tag} roadgym ups ÷ SUMO ups (median round)`,
      median(ratios),
      "×",
      { op: ">=", value: 10 },
      `rounds ${times(ratios)}`,
    ),
    result(
      `${n}SpeedOffPct`,
      `${tag} mean trip speed vs SUMO`,
      Math.abs(100 * speed),
      "% off",
      { op: "<=", value: 15 },
      `${o.meanSpeedMps.toFixed(2)} vs ${s.meanSpeedMps.toFixed(2)} m/s (${pct(speed)})`,
    ),
    result(
      `${n}DurationOffPct`,
      `${tag} mean trip duration vs SUMO`,
      Math.abs(100 * duration),
      "% off",
      { op: "<=", value: 15 },
      `${o.meanDurationS.toFixed(1)} vs ${s.meanDurationS.toFixed(1)} s (${pct(duration)})`,
    ),
    result(
      `${n}ArrivedOffPct`,
      `${tag} trips arrived by the end vs SUMO`,
      Math.abs(100 * arrived),
      "% off",
      { op: "<=", value: 10 },
      `${o.arrived} vs ${s.arrived} (${pct(arrived)})`,
    ),
    result(
      `${n}Collisions`,
      `${tag} collisions between traffic vehicles`,
      o.collisions,
      "",
      { op: "<=", value: 0 },
      o.collisionPairs.join(", "),
    ),
    result(`${n}Stuck`, `${tag} vehicles standing ≥ 300 s`, o.stuck, "", { op: "<=", value: 0 }, o.stuckIds.join(", ")),
    result(
      `${n}TeleportPct`,
      `${tag} jam teleports, % of trips`,
      (100 * o.teleports) / Math.max(1, l.trips),
      "%",
      { op: "<=", value: 1 },
      `${o.teleports} of ${l.trips}${o.teleportList.length > 0 ? `: ${o.teleportList.join(", ")}` : ""}`,
    ),
  ];
}

/** The city: ours {@link ROUNDS} times on the 50 × 50 grid and the 10 × 10 grid, SUMO once on the big one. */
async function cityCase(dir: string, seed: number): Promise<BenchResult[]> {
  const big = await CITY_CASE.generate(dir, seed);
  const small = await SMALL_CITY_CASE.generate(dir, seed);
  const lb = load(big.net, big.trips);
  const ls = load(small.net, small.trips);
  const ours: TrafficStatistics[] = [];
  const peer: TrafficStatistics[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    peer.push(runOurs(SMALL_CITY_CASE, ls, seed));
    ours.push(runOurs(CITY_CASE, lb, seed));
  }
  const sumo = await runSumo(big.net, [big.trips], CITY_CASE.endS, CITY_CASE.stepS, seed);
  const o = ours[0];
  const factors = ours.map((r) => r.realTimeFactor);
  const ups = ours.map((r) => r.ups);
  // Cost per vehicle update on the big grid ÷ on the small one, each round's pair made back to back.
  const costRatios = ours.map((r, k) => peer[k].ups / r.ups);
  const arrived = off(o.arrived, sumo.arrived);
  return [
    result(
      "city50RealTimeFactor",
      `city50: simulated s per wall s (median of ${ROUNDS})`,
      median(factors),
      "×",
      { op: ">=", value: 10 },
      `${CITY_CASE.label}; ${lb.trips} trips; runs ${times(factors)}; ${describeOurs(o)}`,
    ),
    result(
      "city50Ups",
      `city50: roadgym vehicle updates/s (median of ${ROUNDS})`,
      median(ups),
      "veh/s",
      { op: ">=", value: 400_000 },
      `runs ${ups.map(mega).join(", ")}`,
    ),
    result("city50MaxVehicles", "city50: most vehicles on the road at once", o.maxRunning, "veh", {
      op: ">=",
      value: 20_000,
    }),
    result(
      "city50CostRatio",
      "city50: µs per vehicle update ÷ the 10×10 grid's, same step",
      median(costRatios),
      "×",
      { op: "<=", value: 1.3 },
      `rounds ${times(costRatios)}; 10×10: ${ls.trips} trips, ${median(peer.map((r) => r.ups)).toFixed(0)} veh/s (${(1e6 / median(peer.map((r) => r.ups))).toFixed(2)} µs), 50×50: ${(1e6 / median(ups)).toFixed(2)} µs`,
    ),
    result(
      "city50ArrivedOffPct",
      "city50: trips arrived by the end vs SUMO",
      Math.abs(100 * arrived),
      "% off",
      { op: "<=", value: 15 },
      `${o.arrived} vs ${sumo.arrived} (${pct(arrived)})`,
    ),
    result(
      "city50Stuck",
      "city50: vehicles standing ≥ 300 s (gridlock)",
      o.stuck,
      "",
      { op: "<=", value: 0 },
      o.stuckIds.join(", "),
    ),
    result(
      "city50Collisions",
      "city50: collisions between traffic vehicles",
      o.collisions,
      "",
      { op: "<=", value: 0 },
      o.collisionPairs.join(", "),
    ),
    result(
      "city50Sumo",
      "city50: SUMO 1.15 vehicle updates/s (one run)",
      sumo.ups,
      "veh/s",
      undefined,
      `${(CITY_CASE.endS / sumo.durationS).toFixed(2)}× real time, ${sumo.durationS.toFixed(0)} s wall; ${describeSumo(sumo)}`,
    ),
  ];
}

/** Without SUMO: the shipped 10 × 10 grid on our side alone. */
function shippedGrid(dir: string, missing: readonly string[]): BenchResult[] {
  const net = join(dir, "grid.net.xml");
  const tripsFile = join(dir, "grid.trips.xml");
  writeFileSync(net, gunzipSync(readFileSync(join(FIXTURES, "grid10.net.xml.gz"))));
  writeFileSync(tripsFile, gunzipSync(readFileSync(join(FIXTURES, "grid10.trips.xml.gz"))));
  const l = load(net, tripsFile);
  const c: TrafficCase = {
    name: "grid10",
    label: "",
    endS: 1200,
    stepS: 0.1,
    generate: async () => ({ net, trips: tripsFile }),
  };
  const runs = Array.from({ length: ROUNDS }, () => runOurs(c, l, 1));
  const ups = runs.map((r) => r.ups);
  return [
    result("trafficSumoSkipped", `traffic: ${missing.join(", ")} missing: generated networks and SUMO skipped`, 0, ""),
    result(
      "grid10Ups",
      `shipped 10×10 grid, 1,200 s: roadgym vehicle updates/s (median of ${ROUNDS})`,
      median(ups),
      "veh/s",
      undefined,
      `runs ${ups.map(mega).join(", ")}; ${describeOurs(runs[0])}`,
    ),
    result("grid10Collisions", "shipped 10×10 grid: collisions between traffic vehicles", runs[0].collisions, "", {
      op: "<=",
      value: 0,
    }),
  ];
}

/** `traffic`: the local provider against SUMO on generated networks, and the city. */
export const trafficBenchmark: Benchmark = {
  name: "traffic",
  async run(options: BenchOptions) {
    const dir = mkdtempSync(join(tmpdir(), "roadgym-traffic-"));
    try {
      const missing = await findSumoTools();
      if (missing.length > 0) return shippedGrid(dir, missing);
      const out: BenchResult[] = [];
      for (const c of RATIO_CASES) out.push(...(await ratioCase(c, dir, options.seed)));
      out.push(...(await cityCase(dir, options.seed)));
      return out;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
