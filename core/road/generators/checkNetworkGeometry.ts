/**
 * Geometric and structural sanity checks of a {@link RoadNetworkSpec}, returning human-readable
 * problems (empty when sound). Written for generated networks, usable on imported ones with looser
 * tolerances: unique ids, lane indices and lengths, junction references and outlines, no gaps and
 * no kinks where connections join lanes, no kinks inside lanes, and adjacent lanes one width apart.
 */
import type { LaneSpec, Point2, RoadNetworkSpec, RoadSpec } from "../RoadNetworkSpec.js";
import { polygonArea } from "./convexHull.js";
import {
  distance,
  endPose,
  nearestOnPolyline,
  polylineLength,
  startPose,
  vertexTurns,
  wrapAngle,
} from "./polylineMath.js";

/** Tolerances of {@link checkNetworkGeometry}; lengths metres, angles radians. */
export interface GeometryCheckOptions {
  /** Largest distance between a lane's end and the next lane's start. @default 0.01 */
  gapToleranceM?: number;
  /** Largest heading change where a connection joins two lanes. @default 2° */
  maxJointTurnRad?: number;
  /** Largest heading change between successive segments inside a lane. @default 2° */
  maxVertexTurnRad?: number;
  /** Largest difference between a lane's `lengthM` and its polyline length. @default 1e-6 */
  lengthToleranceM?: number;
  /** Largest error of the centre-to-centre distance of adjacent lanes of a normal road. @default 0.01 */
  laneSpacingToleranceM?: number;
  /** Require outlines: ≥ 3 points and non-zero area, or ≥ 2 points for dead ends. @default true */
  requireJunctionShapes?: boolean;
}

const DEG = Math.PI / 180;

/** Problems found in `spec`, each naming the road, lane, junction or connection involved. */
export function checkNetworkGeometry(spec: RoadNetworkSpec, options: GeometryCheckOptions = {}): string[] {
  const gapTol = options.gapToleranceM ?? 0.01;
  const maxJoint = options.maxJointTurnRad ?? 2 * DEG;
  const maxVertex = options.maxVertexTurnRad ?? 2 * DEG;
  const lengthTol = options.lengthToleranceM ?? 1e-6;
  const spacingTol = options.laneSpacingToleranceM ?? 0.01;
  const requireShapes = options.requireJunctionShapes ?? true;
  const problems: string[] = [];

  const junctions = new Map<string, RoadNetworkSpec["junctions"][number]>();
  for (const j of spec.junctions) {
    if (junctions.has(j.id)) problems.push(`junction ${j.id}: duplicate id`);
    junctions.set(j.id, j);
    if (!requireShapes) continue;
    const deadEnd = j.type === "dead_end";
    if (deadEnd ? j.shape.length < 2 : j.shape.length < 3 || Math.abs(polygonArea(j.shape)) < 1e-6) {
      problems.push(
        `junction ${j.id}: outline has ${j.shape.length} points and area ${Math.abs(polygonArea(j.shape)).toFixed(3)} m²`,
      );
    }
  }

  const roads = new Map<string, RoadSpec>();
  const lanes = new Map<string, LaneSpec>();
  for (const road of spec.roads) {
    if (roads.has(road.id)) problems.push(`road ${road.id}: duplicate id`);
    roads.set(road.id, road);
    for (const end of ["fromJunction", "toJunction"] as const) {
      const id = road[end];
      if (id === undefined) {
        if (road.kind === "normal" || road.kind === "internal") problems.push(`road ${road.id}: no ${end}`);
      } else if (!junctions.has(id)) problems.push(`road ${road.id}: ${end} "${id}" does not exist`);
    }
    road.lanes.forEach((lane, i) => {
      if (lanes.has(lane.id)) problems.push(`lane ${lane.id}: duplicate id`);
      lanes.set(lane.id, lane);
      if (lane.roadId !== road.id)
        problems.push(`lane ${lane.id}: roadId "${lane.roadId}" but listed in road ${road.id}`);
      if (lane.index !== i) problems.push(`lane ${lane.id}: index ${lane.index} at position ${i} of road ${road.id}`);
      problems.push(...checkLaneShape(lane, lengthTol, maxVertex));
    });
    if (road.kind === "normal") {
      for (let i = 0; i + 1 < road.lanes.length; i++)
        problems.push(...checkLaneSpacing(road.lanes[i], road.lanes[i + 1], spacingTol));
    }
  }

  for (const c of spec.connections) {
    const name = `connection ${c.fromLane} -> ${c.toLane}${c.via ? ` via ${c.via}` : ""}`;
    const from = lanes.get(c.fromLane);
    const to = lanes.get(c.toLane);
    const via = c.via === undefined ? undefined : lanes.get(c.via);
    if (!from || !to || (c.via !== undefined && !via)) {
      problems.push(`${name}: refers to a missing lane`);
      continue;
    }
    const chain = via ? [from, via, to] : [from, to];
    for (let i = 0; i + 1 < chain.length; i++)
      problems.push(...checkJoint(name, chain[i], chain[i + 1], gapTol, maxJoint));
    if (via) {
      const viaRoad = roads.get(via.roadId);
      const junction = roads.get(from.roadId)?.toJunction;
      if (viaRoad?.kind !== "internal") problems.push(`${name}: via lane is not on an internal road`);
      if (viaRoad?.fromJunction !== junction || roads.get(to.roadId)?.fromJunction !== junction) {
        problems.push(
          `${name}: from road ends at ${junction}, via lies in ${viaRoad?.fromJunction}, to road starts at ${roads.get(to.roadId)?.fromJunction}`,
        );
      }
    }
  }
  return problems;
}

function checkLaneShape(lane: LaneSpec, lengthTol: number, maxVertex: number): string[] {
  const problems: string[] = [];
  const shape = lane.shape;
  for (let i = 1; i < shape.length; i++) {
    if (distance(shape[i - 1], shape[i]) < 1e-9) problems.push(`lane ${lane.id}: repeated point ${i}`);
  }
  const length = polylineLength(shape);
  if (Math.abs(length - lane.lengthM) > lengthTol)
    problems.push(`lane ${lane.id}: lengthM ${lane.lengthM} but polyline length ${length}`);
  const turns = vertexTurns(shape);
  const worst = turns.reduce((m, t, i) => (Math.abs(t) > Math.abs(turns[m]) ? i : m), 0);
  if (turns.length && Math.abs(turns[worst]) > maxVertex) {
    problems.push(`lane ${lane.id}: kink of ${(Math.abs(turns[worst]) / DEG).toFixed(2)}° at point ${worst + 1}`);
  }
  return problems;
}

function checkJoint(name: string, a: LaneSpec, b: LaneSpec, gapTol: number, maxJoint: number): string[] {
  const problems: string[] = [];
  const end = endPose(a.shape);
  const start = startPose(b.shape);
  const gap = Math.hypot(start.x - end.x, start.y - end.y);
  if (gap > gapTol) problems.push(`${name}: gap of ${gap.toFixed(3)} m between ${a.id} and ${b.id}`);
  const turn = Math.abs(wrapAngle(start.headingRad - end.headingRad));
  if (turn > maxJoint) problems.push(`${name}: heading jumps ${(turn / DEG).toFixed(2)}° from ${a.id} to ${b.id}`);
  return problems;
}

/** Every vertex of each lane lies at the mean lane width from the other, lane `right` on the right. */
function checkLaneSpacing(right: LaneSpec, left: LaneSpec, tol: number): string[] {
  const expected = (right.widthM + left.widthM) / 2;
  const check = (from: LaneSpec, to: LaneSpec, side: 1 | -1): string | undefined => {
    for (const p of from.shape) {
      const q = nearestOnPolyline(p, to.shape);
      if (Math.abs(q.distanceM - expected) > tol) {
        return `lanes ${right.id}/${left.id}: centrelines ${q.distanceM.toFixed(3)} m apart at ${fmt(p)}, expected ${expected} m`;
      }
      // Sign of the cross product of `to`'s direction with the vector to p: p must lie on `side`.
      const cross = Math.cos(q.headingRad) * (p[1] - q.point[1]) - Math.sin(q.headingRad) * (p[0] - q.point[0]);
      if (Math.sign(cross) !== side)
        return `lanes ${right.id}/${left.id}: lane ${right.id} is not to the right of ${left.id} at ${fmt(p)}`;
    }
    return undefined;
  };
  return [check(right, left, -1), check(left, right, 1)].filter((p): p is string => p !== undefined);
}

function fmt(p: Point2): string {
  return `(${p[0].toFixed(2)}, ${p[1].toFixed(2)})`;
}
