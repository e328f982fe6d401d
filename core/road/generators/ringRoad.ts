/** `ring`: a closed one-way loop (circle or stadium), e.g. for Sugiyama's ring experiment. */
import type { Point2 } from "../RoadNetworkSpec.js";
import type { GeneratorParams, MapGenerator } from "./MapGenerator.js";
import { NetworkBuilder } from "./NetworkBuilder.js";
import { ReferencePath } from "./ReferencePath.js";
import { PASS_THROUGH_JUNCTION_M } from "./buildRampCorridor.js";
import { lanesParam, laneWidthParam, lengthParam, speedLimitParam } from "./commonParams.js";

/** Radius of the loop's curved parts measured on lane 0, metres. */
function ringRadius(p: GeneratorParams): number {
  return ((p.lengthM as number) - 2 * (p.straightM as number)) / (2 * Math.PI);
}

/** A closed loop split into `roads` roads joined by pass-through junctions. */
export const ringRoad: MapGenerator = {
  name: "ring",
  doc:
    "A closed one-way loop driven counter-clockwise, centred on the origin: a circle, or with " +
    "`straight_length` > 0 a stadium (two straights along x joined by half circles). It is split into " +
    "`roads` equal roads `ring0` … `ring<roads-1>`; road `ring<k>` runs from junction `j<k>` to " +
    "`j<k+1>` (the last one back to `j0`), and `j0` sits at the bottom of the loop (0, −radius). Each " +
    "junction is a 2 m pass-through holding connectors that continue every lane. `length` is the " +
    "closed length of lane 0's centreline (the outermost lane; the only one when lanes = 1), roads and " +
    "junction connectors together — 230 m with 1 lane reproduces Sugiyama et al.'s circuit.",
  params: [
    lengthParam("length", "lengthM", 230, "Closed length of lane 0's centreline, metres.", 20),
    lanesParam(1, "Number of lanes."),
    laneWidthParam,
    speedLimitParam(),
    {
      name: "roads",
      key: "roads",
      unit: "count",
      default: 4,
      min: 2,
      max: 64,
      integer: true,
      doc: "Number of roads (and junctions) the loop is split into.",
    },
    lengthParam(
      "straight_length",
      "straightM",
      0,
      "Length of each of the stadium's two straights, metres (0: circle).",
      0,
    ),
  ],
  check(p) {
    const errors: string[] = [];
    const r = ringRadius(p);
    const w = p.laneWidthM as number;
    const innerEdge = r - ((p.lanes as number) - 0.5) * w;
    if (innerEdge < 1) {
      errors.push(
        `length / straight_length / lanes: the loop's curve radius ${r.toFixed(1)} m leaves no room for ${p.lanes} lanes of ${w} m (increase length, or reduce straight_length or lanes)`,
      );
    }
    const perRoad = (p.lengthM as number) / (p.roads as number);
    if (perRoad < PASS_THROUGH_JUNCTION_M + 1)
      errors.push(`roads: ${p.roads} roads over ${p.lengthM} m are shorter than ${PASS_THROUGH_JUNCTION_M + 1} m each`);
    return errors;
  },
  generate(p) {
    const lanes = p.lanes as number;
    const w = p.laneWidthM as number;
    const total = p.lengthM as number;
    const straight = p.straightM as number;
    const n = p.roads as number;
    const r = ringRadius(p);
    const gap = PASS_THROUGH_JUNCTION_M;
    // Reference line = lane 0's centreline, so the loop's length is exactly `length` on lane 0. It
    // runs round twice, so that the junction at s = 0 can be sampled from s = total − gap/2 onwards.
    const lap = (path: ReferencePath): ReferencePath =>
      path
        .line(straight / 2)
        .arc(Math.PI * r, 1 / r)
        .line(straight)
        .arc(Math.PI * r, 1 / r)
        .line(straight / 2);
    const loop = lap(lap(ReferencePath.from({ x: 0, y: -r, headingRad: 0 })));
    const span = total / n;
    const laneShape = (i: number, s0: number, s1: number): Point2[] => loop.sample(i * w, s0, s1);

    const b = new NetworkBuilder();
    const speedLimitMps = p.speedLimitMps as number;
    for (let k = 0; k < n; k++) b.addJunction(`j${k}`, "priority", loop.pointAt(k * span, ((lanes - 1) * w) / 2));
    for (let k = 0; k < n; k++) {
      const shapes = Array.from({ length: lanes }, (_, i) =>
        laneShape(i, k * span + gap / 2, (k + 1) * span - gap / 2),
      );
      b.addRoad({ id: `ring${k}`, from: `j${k}`, to: `j${(k + 1) % n}`, widthM: w, speedLimitMps, laneShapes: shapes });
    }
    for (let k = 0; k < n; k++) {
      const before = `ring${(k + n - 1) % n}`;
      for (let i = 0; i < lanes; i++) {
        const s = k === 0 ? total : k * span;
        const shape = laneShape(i, s - gap / 2, s + gap / 2);
        b.link(`j${k}`, `${before}_${i}`, `ring${k}_${i}`, { dir: "s", state: "M", shape, speedLimitMps });
      }
    }
    return b.build({ kind: "generator", generator: "ring", params: { ...p } });
  },
};
