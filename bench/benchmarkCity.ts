/**
 * A synthetic city for throughput benchmarks: an n × n grid of priority junctions `block` metres
 * apart, joined by two-way roads with `lanes` lanes per direction. East–west is the major axis
 * (straight on and right turns have priority, `M`), everything else yields (`m`); right of way comes
 * from the geometry (`NetworkBuilder`'s conflict table). Every junction has at least two arms and no
 * road ends, so random traffic circulates for ever — the load a city map with thousands of vehicles
 * puts on a traffic provider. Roads: `e_i_j` / `w_i_j` (east- / westbound between junctions (i, j) and
 * (i + 1, j)), `n_i_j` / `s_i_j` (north- / southbound between (i, j) and (i, j + 1)).
 */
import type { RoadNetworkSpec } from "../core/road/RoadNetworkSpec.js";
import { NetworkBuilder } from "../core/road/generators/NetworkBuilder.js";

/** Grid parameters. */
export interface BenchmarkCityOptions {
  /**
   * Junctions per side.
   * @default 8
   */
  junctions?: number;
  /**
   * Distance between neighbouring junction centres (m).
   * @default 200
   */
  blockM?: number;
  /**
   * Lanes per direction.
   * @default 2
   */
  lanes?: number;
  /** @default 3.2 */
  laneWidthM?: number;
  /** @default 13.89 (50 km/h) */
  speedLimitMps?: number;
}

type Heading = "E" | "W" | "N" | "S";
const RIGHT: Record<Heading, Heading> = { E: "S", S: "W", W: "N", N: "E" };
const LEFT: Record<Heading, Heading> = { E: "N", N: "W", W: "S", S: "E" };

/** The grid city's network spec. */
export function benchmarkCity(options: BenchmarkCityOptions = {}): RoadNetworkSpec {
  const n = options.junctions ?? 8;
  const B = options.blockM ?? 200;
  const lanes = options.lanes ?? 2;
  const w = options.laneWidthM ?? 3.2;
  const speed = options.speedLimitMps ?? 50 / 3.6;
  const h = lanes * w + 4; // junction half size: the crossing road's width plus a margin
  const b = new NetworkBuilder();
  const jid = (i: number, j: number) => `j${i}_${j}`;
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) b.addJunction(jid(i, j), "priority", [i * B, j * B]);
  const right = (k: number) => (lanes - k - 0.5) * w; // lane k's distance right of the road's axis
  const road = (id: string, from: string, to: string, shape: (k: number) => [number, number][]) =>
    b.addRoad({
      id,
      from,
      to,
      widthM: w,
      speedLimitMps: speed,
      laneShapes: Array.from({ length: lanes }, (_, k) => shape(k)),
    });
  /** Roads entering and leaving each junction, by heading. */
  const incoming = new Map<string, Map<Heading, string>>();
  const outgoing = new Map<string, Map<Heading, string>>();
  const note = (m: Map<string, Map<Heading, string>>, j: string, hd: Heading, id: string) => {
    if (!m.has(j)) m.set(j, new Map());
    m.get(j)!.set(hd, id);
  };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const x = i * B,
        y = j * B;
      if (i + 1 < n) {
        road(`e_${i}_${j}`, jid(i, j), jid(i + 1, j), (k) => [
          [x + h, y - right(k)],
          [x + B - h, y - right(k)],
        ]);
        road(`w_${i}_${j}`, jid(i + 1, j), jid(i, j), (k) => [
          [x + B - h, y + right(k)],
          [x + h, y + right(k)],
        ]);
        note(outgoing, jid(i, j), "E", `e_${i}_${j}`);
        note(incoming, jid(i + 1, j), "E", `e_${i}_${j}`);
        note(outgoing, jid(i + 1, j), "W", `w_${i}_${j}`);
        note(incoming, jid(i, j), "W", `w_${i}_${j}`);
      }
      if (j + 1 < n) {
        road(`n_${i}_${j}`, jid(i, j), jid(i, j + 1), (k) => [
          [x + right(k), y + h],
          [x + right(k), y + B - h],
        ]);
        road(`s_${i}_${j}`, jid(i, j + 1), jid(i, j), (k) => [
          [x - right(k), y + B - h],
          [x - right(k), y + h],
        ]);
        note(outgoing, jid(i, j), "N", `n_${i}_${j}`);
        note(incoming, jid(i, j + 1), "N", `n_${i}_${j}`);
        note(outgoing, jid(i, j + 1), "S", `s_${i}_${j}`);
        note(incoming, jid(i, j), "S", `s_${i}_${j}`);
      }
    }
  }
  for (const [j, ins] of incoming) {
    const outs = outgoing.get(j)!;
    for (const [hd, from] of ins) {
      const major = hd === "E" || hd === "W";
      const straight = outs.get(hd);
      if (straight)
        for (let k = 0; k < lanes; k++)
          b.link(j, `${from}_${k}`, `${straight}_${k}`, { dir: "s", state: major ? "M" : "m" });
      const r = outs.get(RIGHT[hd]);
      if (r) b.link(j, `${from}_0`, `${r}_0`, { dir: "r", state: major ? "M" : "m" });
      const l = outs.get(LEFT[hd]);
      if (l) b.link(j, `${from}_${lanes - 1}`, `${l}_${lanes - 1}`, { dir: "l", state: "m" });
    }
  }
  return b.build({
    kind: "generator",
    generator: "benchmark_city",
    params: { junctions: n, blockM: B, lanes, laneWidthM: w, speedLimitMps: speed },
  });
}
