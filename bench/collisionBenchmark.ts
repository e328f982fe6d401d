/**
 * Collision detection for 2,000 vehicles in dense traffic: ≤ 1 ms per step (issue 3).
 *
 * The layout is a city grid: 5 east–west and 5 north–south roads of 4 lanes each, 50 vehicles per
 * lane (mixed types: mostly cars, some vans, buses, trailers, motorcycles), 1–10 m gaps with a few
 * negative ones (rear-end overlaps), vehicles on crossing roads overlapping at the junctions. Every
 * step each lane's vehicles move along it (wrapping round its end) and weave slightly; the median
 * time of the detection call alone is reported. A second figure runs the same traffic with all roads
 * east–west (the case a sort-and-sweep on x would also handle); the O(n²) reference is in `detail`.
 */
import { CollisionPairs } from "../core/events/CollisionPairs.js";
import { CollisionScratch, detectCollisions } from "../core/events/detectCollisions.js";
import { detectCollisionsBruteForce } from "../core/events/detectCollisionsBruteForce.js";
import { Rng } from "../core/random/Rng.js";
import { VehicleBoxes } from "../core/vehicles/VehicleBoxes.js";
import { vehicleTypes } from "../spec/vehicleTypes.js";
import { medianMs, result, type Benchmark } from "./BenchResult.js";

const ROADS_PER_AXIS = 5;
const LANES_PER_ROAD = 4;
const VEHICLES_PER_LANE = 50;
const LANE_WIDTH_M = 3.5;
const DT_S = 0.1;
const STEPS = 300;

/** Lanes and their vehicles; `boxes` is rewritten from them each step. */
interface Traffic {
  boxes: VehicleBoxes;
  /** Per vehicle: lane index, arc length along the lane (m), speed (m/s), weave phase (rad). */
  lane: Int32Array;
  s: Float64Array;
  speed: Float64Array;
  phase: Float64Array;
  length: Float64Array;
  width: Float64Array;
  /** Per lane: origin, direction (unit), length (m). */
  laneX: Float64Array;
  laneY: Float64Array;
  laneDx: Float64Array;
  laneDy: Float64Array;
  laneLength: Float64Array;
}

function buildTraffic(rng: Rng, bothAxes: boolean): Traffic {
  const mix = [
    vehicleTypes.passenger,
    vehicleTypes.truck,
    vehicleTypes.bus,
    vehicleTypes.trailer,
    vehicleTypes.motorcycle,
  ];
  const mixWeights = [80, 8, 4, 3, 5];
  const roads = 2 * ROADS_PER_AXIS;
  const lanes = roads * LANES_PER_ROAD;
  const n = lanes * VEHICLES_PER_LANE;
  const t: Traffic = {
    boxes: new VehicleBoxes({ initialCapacity: n }),
    lane: new Int32Array(n),
    s: new Float64Array(n),
    speed: new Float64Array(n),
    phase: new Float64Array(n),
    length: new Float64Array(n),
    width: new Float64Array(n),
    laneX: new Float64Array(lanes),
    laneY: new Float64Array(lanes),
    laneDx: new Float64Array(lanes),
    laneDy: new Float64Array(lanes),
    laneLength: new Float64Array(lanes),
  };
  let v = 0;
  for (let road = 0; road < roads; road++) {
    const northSouth = bothAxes && road >= ROADS_PER_AXIS;
    const offset = (road % ROADS_PER_AXIS) * 220 + (bothAxes ? 0 : Math.floor(road / ROADS_PER_AXIS) * 1100);
    for (let l = 0; l < LANES_PER_ROAD; l++) {
      const lane = road * LANES_PER_ROAD + l;
      const across = offset + l * LANE_WIDTH_M;
      // East–west lanes run along x at y = across; north–south lanes along y at x = across.
      t.laneX[lane] = northSouth ? across : -50;
      t.laneY[lane] = northSouth ? -50 : across;
      t.laneDx[lane] = northSouth ? 0 : 1;
      t.laneDy[lane] = northSouth ? 1 : 0;
      const speed = rng.range(5, 15);
      let s = 0;
      for (let k = 0; k < VEHICLES_PER_LANE; k++, v++) {
        const type = mix[rng.choice(mixWeights)];
        const gap = rng.chance(0.02) ? -rng.range(0.1, 1) : rng.range(1, 10);
        t.lane[v] = lane;
        t.s[v] = s + type.lengthM / 2;
        t.speed[v] = speed;
        t.phase[v] = rng.range(0, 2 * Math.PI);
        t.length[v] = type.lengthM;
        t.width[v] = type.widthM;
        s += type.lengthM + gap;
      }
      t.laneLength[lane] = s;
    }
  }
  return t;
}

/** Moves every vehicle `tick` steps along its lane (wrapping) and writes the boxes. */
function placeTraffic(t: Traffic, tick: number): void {
  const boxes = t.boxes;
  boxes.clear();
  const time = tick * DT_S;
  for (let v = 0; v < t.lane.length; v++) {
    const lane = t.lane[v];
    const s = (t.s[v] + t.speed[v] * time) % t.laneLength[lane];
    const weave = 0.3 * Math.sin(0.5 * time + t.phase[v]); // lateral offset (m)
    const dx = t.laneDx[lane],
      dy = t.laneDy[lane];
    const heading = Math.atan2(dy, dx) + 0.03 * Math.cos(0.5 * time + t.phase[v]);
    boxes.add(
      v,
      t.laneX[lane] + s * dx - weave * dy,
      t.laneY[lane] + s * dy + weave * dx,
      heading,
      t.length[v],
      t.width[v],
    );
  }
}

function measure(t: Traffic): { median: number; min: number; max: number; pairs: number } {
  const pairs = new CollisionPairs();
  const scratch = new CollisionScratch();
  const times: number[] = [];
  let totalPairs = 0;
  for (let tick = -20; tick < STEPS; tick++) {
    placeTraffic(t, tick + 20);
    const t0 = performance.now();
    detectCollisions(t.boxes, pairs, scratch);
    const dt = performance.now() - t0;
    if (tick >= 0) {
      times.push(dt);
      totalPairs += pairs.count;
    }
  }
  times.sort((a, b) => a - b);
  return { median: times[times.length >> 1], min: times[0], max: times[times.length - 1], pairs: totalPairs / STEPS };
}

/** The collision benchmark: median ms per detection step for 2,000 vehicles, against the ≤ 1 ms target. */
export const collisionBenchmark: Benchmark = {
  name: "collisions",
  run() {
    const grid = buildTraffic(new Rng("collision-bench"), true);
    const parallel = buildTraffic(new Rng("collision-bench"), false);
    const n = grid.lane.length;
    const g = measure(grid);
    const p = measure(parallel);
    placeTraffic(grid, 0);
    const out = new CollisionPairs();
    const brute = medianMs(() => detectCollisionsBruteForce(grid.boxes, out), 5, 1);
    return [
      result(
        "collisionStepMs",
        `collision detection, ${n} vehicles, city grid (median of ${STEPS} steps)`,
        g.median,
        "ms",
        { op: "<=", value: 1 },
        `min ${g.min.toFixed(3)} max ${g.max.toFixed(3)} ms, ${g.pairs.toFixed(0)} contacts/step; brute force O(n²) ${brute.median.toFixed(1)} ms`,
      ),
      result(
        "collisionStepParallelMs",
        `collision detection, ${n} vehicles, all lanes east–west`,
        p.median,
        "ms",
        undefined,
        `min ${p.min.toFixed(3)} max ${p.max.toFixed(3)} ms, ${p.pairs.toFixed(0)} contacts/step`,
      ),
    ];
  },
};
