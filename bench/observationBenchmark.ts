/**
 * Cost of one standard observation (ego, 8 neighbours within 50 m, 3 waypoint paths × 50 points,
 * events, the vector; `standardObservation()`) with 50 other vehicles, on the generated 3-lane
 * signalised `intersection` map. The environment target of ≥ 5,000 steps/s with one agent leaves
 * ~200 µs per step, so an observation should cost well under ~60 µs.
 *
 * Scenes: an ego on a random normal lane at a random position, routed onto a successor road, and
 * 50 vehicles on random lanes (junction connectors included) within 60 m of it, aligned with their
 * lane; drawn from the project RNG with a fixed seed.
 */
import type { Observation } from "../spec/CompiledScenario.js";
import { emptyEvents } from "../core/events/road/Events.js";
import { createVehicleState } from "../core/physics/VehicleState.js";
import { Rng } from "../core/random/Rng.js";
import { generateMap } from "../core/road/generators/mapGenerators.js";
import { buildRoadNetwork, type RoadNetwork } from "../core/road/RoadNetwork.js";
import { SignalSchedule } from "../core/road/SignalSchedule.js";
import { SimFrame } from "../core/simulation/SimFrame.js";
import { ObservationBuilder } from "../core/observations/ObservationBuilder.js";
import type { ObservationInput } from "../core/observations/ObservationInput.js";
import { standardObservation } from "../core/observations/standardObservation.js";

/** Options for {@link measureObservation}. */
export interface ObservationBenchmarkOptions {
  /**
   * Vehicles besides the ego.
   * @default 50
   */
  vehicles?: number;
  /**
   * Distinct scenes cycled through.
   * @default 32
   */
  scenes?: number;
  /**
   * The observation config.
   * @default standardObservation()
   */
  config?: Observation;
  /**
   * Let the builder reuse its output arrays (no allocation per observation).
   * @default false
   */
  reuseBuffers?: boolean;
  /**
   * Timed runs; the median is reported.
   * @default 9
   */
  runs?: number;
}

/** Median microseconds per observation for the options' config and traffic. */
export function measureObservation(options: ObservationBenchmarkOptions = {}): number {
  const scenes = benchmarkScenes(options.vehicles ?? 50, options.scenes ?? 32);
  const builder = new ObservationBuilder(options.config ?? standardObservation(), {
    reuseBuffers: options.reuseBuffers ?? false,
  });
  const reps = 200;
  let sink = 0;
  const run = () => {
    for (let r = 0; r < reps; r++) for (const input of scenes) sink += builder.build(input).info.neighbourIds.length;
  };
  for (let w = 0; w < 3; w++) run();
  const times: number[] = [];
  for (let i = 0; i < (options.runs ?? 9); i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  if (sink < 0) throw new Error("unreachable");
  return (times[times.length >> 1] * 1000) / (reps * scenes.length);
}

/** Observation inputs of `count` random scenes with `vehicles` others each (fixed seed), on one shared network. */
export function benchmarkScenes(
  vehicles: number,
  count: number,
  net: RoadNetwork = buildRoadNetwork(generateMap("intersection", { lanes: 3, signals: true })),
): ObservationInput[] {
  const rng = new Rng("observation-benchmark");
  const normal = net.laneList.filter((l) => !l.isInternal);
  const all = net.laneList;
  const schedule = SignalSchedule.of(net);
  const inputs: ObservationInput[] = [];
  for (let sc = 0; sc < count; sc++) {
    const lane = normal[rng.int(normal.length)];
    const s = rng.range(0, lane.centreline.length);
    const pose = lane.toWorld(s);
    const n = vehicles + 1;
    const col = () => new Float64Array(n);
    const x = col(),
      y = col(),
      headingRad = col(),
      speedMps = col(),
      accelerationMps2 = col(),
      halfLength = col(),
      halfWidth = col(),
      heightM = col();
    const ids: string[] = ["ego"];
    x[0] = pose.x;
    y[0] = pose.y;
    headingRad[0] = pose.headingRad;
    speedMps[0] = 10;
    for (let i = 1; i < n;) {
      const other = all[rng.int(all.length)];
      const p = other.toWorld(rng.range(0, other.centreline.length));
      if (Math.hypot(p.x - pose.x, p.y - pose.y) > 60) continue;
      x[i] = p.x;
      y[i] = p.y;
      headingRad[i] = p.headingRad;
      speedMps[i] = rng.range(0, 14);
      ids.push(`v${i}`);
      i++;
    }
    halfLength.fill(1.84);
    halfWidth.fill(0.735);
    heightM.fill(1.4);
    const timeS = sc * 7.3;
    const frame = new SimFrame({
      tick: sc,
      timeS,
      ids,
      typeIds: ids.map(() => "passenger"),
      owners: ids.map((id) => (id === "ego" ? "agent:ego" : "local")),
      roles: Uint8Array.from(ids, (id) => (id === "ego" ? 2 : 0)),
      x,
      y,
      headingRad,
      speedMps,
      accelerationMps2,
      halfLength,
      halfWidth,
      heightM,
      laneIds: ids.map(() => ""),
      signals: new Map(schedule.update(timeS)),
      collisions: [],
      events: [],
    });
    const next = lane.road.successors[0];
    const routeRoads = next ? [lane.road, next] : [lane.road];
    const goalLane = routeRoads[routeRoads.length - 1].lanes[0];
    const goal = goalLane.toWorld(goalLane.centreline.length);
    const state = {
      ...createVehicleState(),
      x: pose.x,
      y: pose.y,
      headingRad: pose.headingRad,
      speedMps: 10,
      vxMps: 10 * Math.cos(pose.headingRad),
      vyMps: 10 * Math.sin(pose.headingRad),
    };
    inputs.push({
      net,
      frame,
      egoIndex: 0,
      ego: { state, jerkMps3: 0 },
      lane,
      laneS: s,
      laneT: 0,
      routeRoads,
      routePositionM: s,
      routeLengthM: 250,
      goal: { x: goal.x, y: goal.y },
      events: emptyEvents(),
      stepsTaken: sc,
      maxSteps: 1000,
    });
  }
  return inputs;
}
