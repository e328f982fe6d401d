/**
 * The networks and demands of the traffic benchmark, generated at bench time with SUMO's own tools
 * (`netgenerate`, `randomTrips.py`), so that the figures are measured on networks the engine was not
 * built around. `roadgym bench traffic --seed N` generates other networks of the same kinds (other
 * random networks, grid and spider sizes, trips): the targets must hold on those too.
 *
 * Sizes are chosen so that one case runs in seconds on each side, and the whole benchmark in minutes.
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { netgenerate, randomTrips } from "./sumoTools.js";

/** One benchmark case: a network and its demand, how long to run them and at which step. */
export interface TrafficCase {
  /** Short key, used in figure names. */
  name: string;
  /** The network and demand in words (printed with the figures). */
  label: string;
  /** Simulated time (s). */
  endS: number;
  /** Step length (s). */
  stepS: number;
  /**
   * Writes the network and the trips into `dir`, returning their paths.
   * @param seed the benchmark's seed
   */
  generate(dir: string, seed: number): Promise<{ net: string; trips: string }>;
}

/** Where the shipped SMARTS maps are, from the sources (`bench/`) or the build (`dist/bench/`). */
const MAPS = join(import.meta.dirname, import.meta.dirname.includes("/dist/") ? "../../maps" : "../maps");

/** Generates a network with `netgenerate` and random trips for it (`randomTrips.py`, validated by routing). */
function generated(
  name: string,
  netArgs: (seed: number) => string[],
  tripArgs: (seed: number) => string[],
): TrafficCase["generate"] {
  return async (dir, seed) => {
    const net = join(dir, `${name}.net.xml`);
    const trips = join(dir, `${name}.trips.xml`);
    await netgenerate(netArgs(seed), net);
    await randomTrips(net, trips, tripArgs(seed), dir);
    return { net, trips };
  };
}

/** randomTrips arguments: a trip every `periodS` seconds over `[0, endS)`, routable ones only. */
const trips = (endS: number, periodS: number, seed: number, validate = true): string[] => [
  "-b",
  "0",
  "-e",
  String(endS),
  "-p",
  String(periodS),
  "--seed",
  String(seed),
  ...(validate ? ["--validate"] : []),
];

/** The four networks whose vehicle updates per second are compared with SUMO's (0.1 s steps, 900 s). */
export const RATIO_CASES: readonly TrafficCase[] = [
  {
    name: "random",
    label: "random network with signals (netgenerate --rand --tls.guess), random trips every 0.5 s",
    endS: 900,
    stepS: 0.1,
    generate: generated(
      "random",
      (seed) => ["--rand", "--rand.iterations", "200", "--tls.guess", "true", "--seed", String(seed)],
      (seed) => trips(900, 0.5, seed),
    ),
  },
  {
    name: "gridTurns",
    label: "grid with 3 lanes, turn lanes and signals, random trips every 0.5 s",
    endS: 900,
    stepS: 0.1,
    generate: generated(
      "grid-turns",
      (seed) => [
        "--grid",
        "--grid.number",
        String(5 + (seed % 3)),
        "--grid.length",
        "200",
        "--default.lanenumber",
        "3",
        "--turn-lanes",
        "1",
        "--tls.guess",
        "true",
      ],
      (seed) => trips(900, 0.5, seed),
    ),
  },
  {
    name: "spider",
    label: "spider network (netgenerate --spider), random trips every 0.5 s",
    endS: 900,
    stepS: 0.1,
    generate: generated(
      "spider",
      (seed) => [
        "--spider",
        "--spider.arm-number",
        String(5 + (seed % 4)),
        "--spider.circle-number",
        "6",
        "--spider.space-radius",
        "100",
      ],
      (seed) => trips(900, 0.5, seed),
    ),
  },
  {
    name: "minicity",
    label: "SMARTS minicity (maps/smarts), random trips every 1 s",
    endS: 900,
    stepS: 0.1,
    generate: async (dir, seed) => {
      const net = join(dir, "minicity.net.xml");
      const tripsFile = join(dir, "minicity.trips.xml");
      copyFileSync(join(MAPS, "smarts/minicity/map.net.xml"), net);
      await randomTrips(net, tripsFile, trips(900, 1, seed), dir);
      return { net, trips: tripsFile };
    },
  },
];

/** A signalled grid of `n` × `n` junctions 150 m apart, two lanes each way. */
const cityGrid = (n: number): string[] => [
  "--grid",
  "--grid.number",
  String(n),
  "--grid.length",
  "150",
  "--default.lanenumber",
  "2",
  "--tls.guess",
  "true",
];

/**
 * The city-scale case: a 50 × 50 signalled grid (2,500 junctions) with 24,000 random trips over
 * 600 s at 0.5 s steps — enough that more than 20,000 vehicles are on the road at once by the end
 * (trips across the city take longer than the demand lasts). Every pair of grid roads is connected,
 * so the trips are not validated (routing 24,000 trips in advance would take minutes).
 */
export const CITY_CASE: TrafficCase = {
  name: "city50",
  label: "50×50 signalled grid, 24,000 random trips over 600 s, 0.5 s steps",
  endS: 600,
  stepS: 0.5,
  generate: generated(
    "city50",
    () => cityGrid(50),
    (seed) => trips(600, 0.025, seed, false),
  ),
};

/** The city case's peer for the cost per vehicle update: a 10 × 10 grid like it, the same density of trips. */
export const SMALL_CITY_CASE: TrafficCase = {
  name: "city10",
  label: "10×10 signalled grid, 960 random trips over 600 s, 0.5 s steps",
  endS: 600,
  stepS: 0.5,
  generate: generated(
    "city10",
    () => cityGrid(10),
    (seed) => trips(600, 0.625, seed, false),
  ),
};
