/**
 * IDM on a ring road against theory (DESIGN.md §8): N identical cars spread evenly over a closed
 * one-lane loop settle at the equilibrium speed of their spacing, s_e(v) = (s0 + vT) / √(1 − (v/v0)⁴).
 */
import { describe, expect, it } from "vitest";
import { generateMap } from "../../core/road/generators/mapGenerators.js";
import { buildRoadNetwork, type RoadNetwork } from "../../core/road/RoadNetwork.js";
import type { Lane } from "../../core/road/Lane.js";
import { SCENARIO_DEFAULTS } from "../../spec/CompiledScenario.js";
import { idmEquilibriumSpeed } from "./IdmModel.js";
import { driver, makeSetup, Runner, vehicleAt } from "./testing.js";

const RING_M = 230;
const CAR_M = 3.68; // the built-in passenger car

/** The ring's lanes in driving order from ring0_0, with their start offsets along the loop. */
function loopLanes(net: RoadNetwork): { lane: Lane; from: number }[] {
  const out: { lane: Lane; from: number }[] = [];
  let lane = net.lane("ring0_0")!;
  let at = 0;
  do {
    out.push({ lane, from: at });
    at += lane.centreline.length;
    lane = lane.successors[0];
  } while (lane.id !== "ring0_0");
  return out;
}

/** Runs N cars placed evenly (standing) for `seconds`; returns mean, lowest and highest speed over the last 30 s. */
function settle(
  n: number,
  seconds: number,
  fields: Parameters<typeof driver>[1] = {},
): { meanSpeed: number; minSpeed: number; maxSpeed: number } {
  const net = buildRoadNetwork(generateMap("ring", { length: RING_M, lanes: 1, roads: 4 }));
  // Handed-over cars get the scenario's first driver: make it the one under test.
  const r = new Runner({ ...makeSetup(net), drivers: [driver("default", fields)] });
  const lanes = loopLanes(net);
  // Spaced by the loop's exact length (229.997 m as drawn): an uneven gap would itself be a perturbation.
  const loopM = lanes[lanes.length - 1].from + lanes[lanes.length - 1].lane.centreline.length;
  for (let k = 0; k < n; k++) {
    const at = (k * loopM) / n + 1;
    const seg = [...lanes].reverse().find((l) => l.from <= at)!;
    r.provider.add(vehicleAt(net, seg.lane.id, at - seg.from, { id: `car${k}` }));
  }
  let sum = 0;
  let samples = 0;
  let minSpeed = Infinity;
  let maxSpeed = 0;
  const steps = Math.round(seconds / 0.1);
  r.run(steps, () => {
    expect(r.vehicles).toHaveLength(n);
    if (r.tick > steps - 300) {
      for (const v of r.vehicles) {
        sum += v.speedMps;
        minSpeed = Math.min(minSpeed, v.speedMps);
        maxSpeed = Math.max(maxSpeed, v.speedMps);
      }
      samples += n;
    }
  });
  expect(r.overlaps()).toEqual([]);
  return { meanSpeed: sum / samples, minSpeed, maxSpeed };
}

describe("IDM on a ring", () => {
  const p = { headwayS: 1, minGapM: 2.5, accelMps2: 2.6, decelMps2: 4.5 }; // SCENARIO_DEFAULTS.driver
  const v0 = 13.89; // the generator's default speed limit (50 km/h), speed factor 1

  it.each([20, 16, 12])("%i cars on 230 m reach the equilibrium speed of their spacing", (n) => {
    expect(SCENARIO_DEFAULTS.driver.headwayS).toEqual({ kind: "const", value: 1 });
    const theory = idmEquilibriumSpeed(RING_M / n - CAR_M, (50 / 3.6) * 1, p);
    const { meanSpeed } = settle(n, 200);
    expect(meanSpeed).toBeGreaterThan(0.98 * theory);
    expect(meanSpeed).toBeLessThan(1.02 * theory);
    expect(theory).toBeLessThan(v0);
  });

  it("Sugiyama's 22 cars on 230 m with sluggish drivers form stop-and-go waves", () => {
    // a = 0.5 m/s², b = 3 m/s², T = 1.5 s, s0 = 2 m is string-unstable at this density; a little driver
    // noise starts the waves, which grow until cars stop and go (Sugiyama et al. 2008).
    const params = { accelMps2: 0.5, decelMps2: 3, headwayS: 1.5, minGapM: 2 };
    const theory = idmEquilibriumSpeed(RING_M / 22 - CAR_M, 50 / 3.6, params);
    const { meanSpeed, minSpeed, maxSpeed } = settle(22, 300, { ...params, imperfection: 0.1 });
    expect(minSpeed).toBeLessThan(0.1); // cars come to a stop in the jam…
    expect(maxSpeed).toBeGreaterThan(theory + 1); // …and drive faster than the homogeneous flow after it
    expect(meanSpeed).toBeLessThan(theory); // the waves cost throughput
  });

  it("the same 22 cars without driver noise stay a homogeneous flow: no waves", () => {
    const params = { accelMps2: 0.5, decelMps2: 3, headwayS: 1.5, minGapM: 2 };
    const theory = idmEquilibriumSpeed(RING_M / 22 - CAR_M, 50 / 3.6, params);
    const { meanSpeed, minSpeed, maxSpeed } = settle(22, 300, { ...params, imperfection: 0, speedFactor: 1 });
    expect(maxSpeed - minSpeed).toBeLessThan(0.2);
    expect(minSpeed).toBeGreaterThan(theory - 0.2);
    expect(Math.abs(meanSpeed - theory) / theory).toBeLessThan(0.02);
  });
});
