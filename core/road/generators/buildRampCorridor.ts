/**
 * Geometry shared by `merge` and `double_merge`: a main road along +x with a ramp joining from the
 * right into extra (acceleration / weaving) lanes of a shared section, and optionally a ramp
 * leaving to the right from those lanes after it.
 *
 * Layout (y up, traffic east): main lanes j at y = (j + ½)·w; the shared section adds `rampLanes`
 * lanes below y = 0 (shared lane k at y = (k − rampLanes + ½)·w), so main lane j continues as
 * shared lane j + rampLanes and ramp lane k as shared lane k. Ramps are straight at `rampAngleRad`
 * to the main road and meet it through a {@link RAMP_JUNCTION_M}-long junction whose connectors are
 * tangent Bézier curves.
 */
import type { GeneratorParams } from "./MapGenerator.js";
import type { RoadNetworkSpec } from "../RoadNetworkSpec.js";
import { NetworkBuilder } from "./NetworkBuilder.js";
import { ReferencePath } from "./ReferencePath.js";
import { laneShapesAlong } from "./laneShapesAlong.js";

/** Length (along x) of a junction where a ramp joins or leaves, metres. */
export const RAMP_JUNCTION_M = 20;
/** Length of a junction where lanes just continue, metres. */
export const PASS_THROUGH_JUNCTION_M = 2;

/** Road and junction ids of a ramp corridor; `rampOut` / `rampEnd` only with an off-ramp. */
export interface RampCorridorIds {
  mainIn: string;
  rampIn: string;
  shared: string;
  mainOut: string;
  rampOut?: string;
  mainStart: string;
  rampStart: string;
  entry: string;
  exit: string;
  mainEnd: string;
  rampEnd?: string;
}

/** Everything {@link buildRampCorridor} needs; lengths metres, speeds m/s, angle radians. */
export interface RampCorridorOptions {
  generator: string;
  params: GeneratorParams;
  ids: RampCorridorIds;
  lanes: number;
  rampLanes: number;
  widthM: number;
  speedLimitMps: number;
  rampSpeedLimitMps: number;
  upstreamM: number;
  sharedM: number;
  downstreamM: number;
  rampInM: number;
  /** Off-ramp length; no off-ramp when absent (the shared section's ramp lanes then end). */
  rampOutM?: number;
  rampAngleRad: number;
}

/** Builds the corridor; see the file comment for the layout. */
export function buildRampCorridor(o: RampCorridorOptions): RoadNetworkSpec {
  const { ids, lanes, rampLanes: r, widthM: w } = o;
  const hasOffRamp = o.rampOutM !== undefined;
  const xEntry = o.upstreamM;
  const xShared = xEntry + RAMP_JUNCTION_M;
  const xExit = xShared + o.sharedM;
  const xOut = xExit + (hasOffRamp ? RAMP_JUNCTION_M : PASS_THROUGH_JUNCTION_M);
  const xEnd = xOut + o.downstreamM;
  // Lateral drop of a circular arc turning by the ramp angle over one ramp junction: placing the
  // ramp's left edge there makes its connectors close to circular arcs.
  const rampDrop = RAMP_JUNCTION_M * Math.tan(o.rampAngleRad / 2);
  const axis = (x: number): ReferencePath => ReferencePath.from({ x, y: 0, headingRad: 0 });

  const b = new NetworkBuilder();
  const onRampEnd = { x: xEntry, y: -rampDrop };
  const onRampStart = {
    x: onRampEnd.x - o.rampInM * Math.cos(o.rampAngleRad),
    y: onRampEnd.y - o.rampInM * Math.sin(o.rampAngleRad),
  };
  b.addJunction(ids.mainStart, "dead_end", [0, 0]);
  b.addJunction(ids.rampStart, "dead_end", [onRampStart.x, onRampStart.y]);
  b.addJunction(ids.entry, "priority", [(xEntry + xShared) / 2, 0]);
  b.addJunction(ids.exit, "priority", [(xExit + xOut) / 2, 0]);
  b.addJunction(ids.mainEnd, "dead_end", [xEnd, 0]);

  const main = { widthM: w, speedLimitMps: o.speedLimitMps, priority: 2 };
  b.addRoad({
    ...main,
    id: ids.mainIn,
    from: ids.mainStart,
    to: ids.entry,
    laneShapes: laneShapesAlong(axis(0).line(o.upstreamM), lanes, w, w / 2),
  });
  b.addRoad({
    ...main,
    id: ids.shared,
    from: ids.entry,
    to: ids.exit,
    laneShapes: laneShapesAlong(axis(xShared).line(o.sharedM), lanes + r, w, (0.5 - r) * w),
  });
  b.addRoad({
    ...main,
    id: ids.mainOut,
    from: ids.exit,
    to: ids.mainEnd,
    laneShapes: laneShapesAlong(axis(xOut).line(o.downstreamM), lanes, w, w / 2),
  });
  // Ramp reference line = its left edge, so its lanes lie to the right, away from the main road.
  const onRamp = ReferencePath.from({ ...onRampStart, headingRad: o.rampAngleRad }).line(o.rampInM);
  const ramp = { widthM: w, speedLimitMps: o.rampSpeedLimitMps, priority: 1 };
  b.addRoad({
    ...ramp,
    id: ids.rampIn,
    from: ids.rampStart,
    to: ids.entry,
    laneShapes: laneShapesAlong(onRamp, r, w, -(r - 0.5) * w),
  });

  for (let j = 0; j < lanes; j++)
    b.link(ids.entry, `${ids.mainIn}_${j}`, `${ids.shared}_${j + r}`, { dir: "s", state: "M" });
  for (let k = 0; k < r; k++) b.link(ids.entry, `${ids.rampIn}_${k}`, `${ids.shared}_${k}`, { dir: "s", state: "M" });
  for (let j = 0; j < lanes; j++)
    b.link(ids.exit, `${ids.shared}_${j + r}`, `${ids.mainOut}_${j}`, { dir: "s", state: "M" });

  if (hasOffRamp && ids.rampOut && ids.rampEnd) {
    const offStart = { x: xOut, y: -rampDrop, headingRad: -o.rampAngleRad };
    const offRamp = ReferencePath.from(offStart).line(o.rampOutM!);
    b.addJunction(ids.rampEnd, "dead_end", [offRamp.end.x, offRamp.end.y]);
    b.addRoad({
      ...ramp,
      id: ids.rampOut,
      from: ids.exit,
      to: ids.rampEnd,
      laneShapes: laneShapesAlong(offRamp, r, w, -(r - 0.5) * w),
    });
    for (let k = 0; k < r; k++) b.link(ids.exit, `${ids.shared}_${k}`, `${ids.rampOut}_${k}`, { dir: "R", state: "M" });
  }
  return b.build({ kind: "generator", generator: o.generator, params: { ...o.params } });
}
