/** `roundabout`: a one-way ring with N arms, traffic circulating counter-clockwise. */
import type { Point2 } from "../RoadNetworkSpec.js";
import type { GeneratorParams, MapGenerator } from "./MapGenerator.js";
import { bezierConnector } from "./bezierConnector.js";
import { endPose, laneEdges, startPose } from "./polylineMath.js";
import { NetworkBuilder } from "./NetworkBuilder.js";
import { ReferencePath } from "./ReferencePath.js";
import { lanesParam, laneWidthParam, lengthParam, speedLimitParam } from "./commonParams.js";
import { laneShapesAlong } from "./laneShapesAlong.js";

/** Gap between the ring's outer edge and the end of the arm roads, metres. */
const ARM_MARGIN_M = 4;
/** Extra ring arc (measured on the outer edge) on each side of an arm's lanes taken by its junction, metres. */
const ENTRY_MARGIN_M = 4;

/** Derived layout; radii metres, angles radians. */
function layout(p: GeneratorParams): {
  outerR: number;
  innerLaneR: number;
  armR: number;
  halfSpan: number;
  sector: number;
} {
  const w = p.laneWidthM as number;
  const ringLanes = p.ringLanes as number;
  const outerR = (p.radiusM as number) + (ringLanes * w) / 2;
  return {
    outerR,
    innerLaneR: (p.radiusM as number) - ((ringLanes - 1) * w) / 2,
    armR: outerR + ARM_MARGIN_M,
    // Each junction covers the ring from its arm's angle −halfSpan to +halfSpan.
    halfSpan: ((p.lanes as number) * w + ENTRY_MARGIN_M) / outerR,
    sector: (2 * Math.PI) / (p.arms as number),
  };
}

/** Roundabout at the origin. */
export const roundabout: MapGenerator = {
  name: "roundabout",
  doc:
    "A roundabout centred on the origin, traffic circulating counter-clockwise. Arm k (0 … arms−1) points " +
    "at 360°·k/arms counter-clockwise from east (with 4 arms: 0 east, 1 north, 2 west, 3 south) and has " +
    "roads `arm<k>_in` (towards the ring, from dead end `arm<k>_end`) and `arm<k>_out` (away from it). " +
    "Each arm meets the ring at junction `rb<k>` (type priority: circulating traffic has priority, " +
    "entering traffic yields); ring road `ring<k>` runs from `rb<k>` to `rb<k+1>` (the last back to " +
    "`rb0`). Ring lane 0 is the outermost. Entries feed ring lane i from arm lane i (extra arm lanes " +
    "into the innermost ring lane); exits leave from ring lanes 0 … min(lanes, ring_lanes)−1.",
  params: [
    { name: "arms", key: "arms", unit: "count", default: 4, min: 3, max: 8, integer: true, doc: "Number of arms." },
    lengthParam(
      "radius",
      "radiusM",
      20,
      "Radius of the ring road's centre line (midway between its edges), metres.",
      5,
      1000,
    ),
    lanesParam(1, "Lanes per direction on every arm."),
    {
      name: "ring_lanes",
      key: "ringLanes",
      unit: "count",
      default: 1,
      min: 1,
      max: 4,
      integer: true,
      doc: "Lanes of the ring.",
    },
    lengthParam("arm_length", "armLengthM", 100, "Length of each arm's roads, metres."),
    laneWidthParam,
    speedLimitParam(undefined, "Speed limit on the arms, m/s."),
    {
      name: "ring_speed_limit",
      key: "ringSpeedLimitMps",
      unit: "speed",
      default: 30 / 3.6,
      min: 1,
      max: 100,
      doc: "Speed limit on the ring, m/s.",
    },
  ],
  check(p) {
    const errors: string[] = [];
    const { innerLaneR, armR, halfSpan, sector } = layout(p);
    const w = p.laneWidthM as number;
    if (innerLaneR - w / 2 < 2)
      errors.push(
        `radius: ${p.radiusM} m leaves no central island for ${p.ringLanes} ring lanes (ring_lanes) of ${w} m`,
      );
    else if (innerLaneR * (sector - 2 * halfSpan) < 2) {
      errors.push(
        `radius / arms / lanes: a ring of radius ${p.radiusM} m is too small for ${p.arms} arms of ${p.lanes} lanes per direction (increase radius)`,
      );
    } else if (armR * Math.sin(sector / 2) < (p.lanes as number) * w + 0.5) {
      errors.push(`radius / arms / lanes: neighbouring arms overlap (increase radius)`);
    }
    return errors;
  },
  generate(p) {
    const n = p.lanes as number;
    const m = p.ringLanes as number;
    const w = p.laneWidthM as number;
    const arms = p.arms as number;
    const rc = p.radiusM as number;
    const armLengthM = p.armLengthM as number;
    const ringSpeed = p.ringSpeedLimitMps as number;
    const { armR, halfSpan, sector } = layout(p);
    // Ring centre line, counter-clockwise from angle 0, twice round so that every arc is one slice.
    const circle = ReferencePath.from({ x: rc, y: 0, headingRad: Math.PI / 2 }).arc(4 * Math.PI * rc, 1 / rc);
    const ringLane0Offset = -((m - 1) * w) / 2; // left (inward) of the centre line
    const ringShapes = (a0: number, a1: number) =>
      laneShapesAlong(circle, m, w, ringLane0Offset, { s0: a0 * rc, s1: a1 * rc });

    const b = new NetworkBuilder();
    const armSpeed = p.speedLimitMps as number;
    const armShapes: { in: Point2[][]; out: Point2[][] }[] = [];
    for (let k = 0; k < arms; k++) {
      const phi = k * sector;
      const [ux, uy] = [Math.cos(phi), Math.sin(phi)];
      const far = armR + armLengthM;
      b.addJunction(`arm${k}_end`, "dead_end", [far * ux, far * uy]);
      const inPath = ReferencePath.from({ x: far * ux, y: far * uy, headingRad: phi + Math.PI }).line(armLengthM);
      const outPath = ReferencePath.from({ x: armR * ux, y: armR * uy, headingRad: phi }).line(armLengthM);
      const shapes = {
        in: laneShapesAlong(inPath, n, w, -(n - 0.5) * w),
        out: laneShapesAlong(outPath, n, w, -(n - 0.5) * w),
      };
      armShapes.push(shapes);
      const arm = { widthM: w, speedLimitMps: armSpeed, priority: 1 };
      b.addRoad({ ...arm, id: `arm${k}_in`, from: `arm${k}_end`, to: `rb${k}`, laneShapes: shapes.in });
      b.addRoad({ ...arm, id: `arm${k}_out`, from: `rb${k}`, to: `arm${k}_end`, laneShapes: shapes.out });
    }
    const ringRoadShapes: Point2[][][] = [];
    for (let k = 0; k < arms; k++) {
      const a0 = k * sector + halfSpan;
      ringRoadShapes.push(ringShapes(a0, a0 + sector - 2 * halfSpan));
      b.addRoad({
        id: `ring${k}`,
        from: `rb${k}`,
        to: `rb${(k + 1) % arms}`,
        widthM: w,
        speedLimitMps: ringSpeed,
        priority: 2,
        laneShapes: ringRoadShapes[k],
      });
    }
    for (let k = 0; k < arms; k++) {
      const junction = `rb${k}`;
      const before = `ring${(k + arms - 1) % arms}`;
      // Junction 0 is sampled on the circle's second turn so that its arc is one slice.
      const phi = k === 0 ? 2 * Math.PI : k * sector;
      const through = ringShapes(phi - halfSpan, phi + halfSpan);
      const { in: inShapes, out: outShapes } = armShapes[k];
      // Same end poses as NetworkBuilder's default connectors: lane ends with their end-segment headings.
      const ringIn = ringRoadShapes[(k + arms - 1) % arms];
      const exits = outShapes
        .slice(0, Math.min(m, n))
        .map((shape, j) => bezierConnector(endPose(ringIn[j]), startPose(shape)));
      const entries = inShapes.map((shape, i) =>
        bezierConnector(endPose(shape), startPose(ringRoadShapes[k][Math.min(i, m - 1)])),
      );
      b.addJunction(
        junction,
        "priority",
        [rc * Math.cos(phi), rc * Math.sin(phi)],
        roundaboutOutline(through, exits[0], entries[0], inShapes, outShapes, w),
      );
      exits.forEach((shape, j) =>
        b.link(junction, `${before}_${j}`, `arm${k}_out_${j}`, { dir: "r", state: "M", shape }),
      );
      for (let j = 0; j < m; j++)
        b.link(junction, `${before}_${j}`, `ring${k}_${j}`, {
          dir: "s",
          state: "M",
          shape: through[j],
          speedLimitMps: ringSpeed,
        });
      entries.forEach((shape, i) =>
        b.link(junction, `arm${k}_in_${i}`, `ring${k}_${Math.min(i, m - 1)}`, { dir: "r", state: "m", shape }),
      );
    }
    return b.build({ kind: "generator", generator: "roundabout", params: { ...p } });
  },
};

/**
 * Concave outline of a ring junction, counter-clockwise: the central island's edge (left edge of the
 * innermost through connector), the start of the next ring road, the entry connector's inner
 * (right) edge out to the arm, the arm's two carriageways, the exit connector's inner edge back to
 * the ring, and the end of the previous ring road.
 */
function roundaboutOutline(
  through: Point2[][],
  exit: Point2[],
  entry: Point2[],
  inShapes: Point2[][],
  outShapes: Point2[][],
  w: number,
): Point2[] {
  const island = laneEdges(through[through.length - 1], w).left; // in driving direction
  const entryEdge = laneEdges(entry, w).right.reverse(); // ring → arm
  const exitEdge = laneEdges(exit, w).right.reverse(); // arm → ring
  const inLeft = laneEdges(inShapes[inShapes.length - 1], w).left;
  const outLeft = laneEdges(outShapes[outShapes.length - 1], w).left;
  const clockwise = [...island, ...entryEdge, inLeft[inLeft.length - 1], outLeft[0], ...exitEdge];
  return clockwise.reverse();
}
