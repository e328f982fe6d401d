/**
 * The observation space of an agent: a `Dict` with one entry per enabled part of its observation
 * config, each a `Box` (or a `Dict` of them) of exactly the shape, dtype and bounds the
 * {@link ObservationBuilder} writes. Float32 bounds are rounded to float32 (`Math.fround`), so a
 * value the builder clamped to a bound and stored in a Float32Array still lies within it.
 */
import type { Observation } from "../../spec/CompiledScenario.js";
import { Box } from "../spaces/Box.js";
import { Dict } from "../spaces/Dict.js";
import type { Space } from "../spaces/Space.js";
import { LidarHit } from "../sensors/Lidar.js";
import {
  EGO_FEATURES,
  EVENT_FEATURES,
  NEIGHBOUR_FEATURES,
  ROAD_WAYPOINT_LANES,
  WAYPOINT_FEATURES,
  WAYPOINT_PATHS,
  JUNCTION_FOE_FEATURES,
  featureNames,
  junctionFeatures,
  signalFeatures,
  type FeatureSpec,
} from "./observationFeatures.js";
import { vectorLayout } from "./vectorLayout.js";

/** The space of `config`'s observations (enabled parts only, in config order). */
export function observationSpace(config: Observation): Dict {
  const parts: Record<string, Space> = {};
  if (config.ego.enabled) parts.ego = featureBox(EGO_FEATURES, [EGO_FEATURES.length], true);
  if (config.neighbours.enabled) {
    const rows = config.neighbours.max;
    parts.neighbours = new Dict({
      features: featureBox(NEIGHBOUR_FEATURES, [rows, NEIGHBOUR_FEATURES.length]),
      mask: mask([rows]),
    });
  }
  if (config.waypoints.enabled) parts.waypoints = pathsSpace(WAYPOINT_PATHS, config.waypoints.lookahead);
  if (config.roadWaypoints.enabled) parts.roadWaypoints = pathsSpace(ROAD_WAYPOINT_LANES, config.roadWaypoints.horizon);
  if (config.signals.enabled) {
    const features = signalFeatures(config.signals.lookaheadM);
    parts.signals = featureBox(features, [features.length], true);
  }
  if (config.junction.enabled) {
    const features = junctionFeatures(config.junction.lookaheadM);
    const rows = config.junction.maxFoes;
    parts.junction = new Dict({
      link: featureBox(features, [features.length], true),
      foes: new Dict({
        features: featureBox(JUNCTION_FOE_FEATURES, [rows, JUNCTION_FOE_FEATURES.length]),
        mask: mask([rows]),
      }),
    });
  }
  if (config.events.enabled) {
    parts.events = new Box(
      EVENT_FEATURES.map((f) => f.low),
      EVENT_FEATURES.map((f) => f.high),
      [EVENT_FEATURES.length],
      { names: featureNames(EVENT_FEATURES), dtype: "uint8" },
    );
  }
  const grid = (g: Observation["drivableArea"], channels: number) =>
    new Box(0, channels === 1 ? 1 : 255, channels === 1 ? [g.height, g.width] : [g.height, g.width, channels], {
      dtype: "uint8",
    });
  if (config.drivableArea.enabled) parts.drivableArea = grid(config.drivableArea, 1);
  if (config.occupancy.enabled) parts.occupancy = grid(config.occupancy, 1);
  if (config.rgb.enabled) parts.rgb = grid(config.rgb, 3);
  if (config.lidar.enabled) {
    const { rays, rangeM } = config.lidar;
    parts.lidar = new Dict({
      distances: new Box(0, Math.fround(rangeM), [rays]),
      kinds: new Box(0, Math.max(...Object.values(LidarHit)), [rays], { dtype: "uint8" }),
    });
  }
  if (config.vector.enabled) {
    const layout = vectorLayout(config);
    parts.vector = new Box(-1, 1, [layout.length], { names: layout.map((e) => e.name) });
  }
  return new Dict(parts);
}

/** A Float32 box whose last axis runs over `features` (bounds repeated per row). */
function featureBox(features: readonly FeatureSpec[], shape: number[], named = false): Box {
  const size = shape.reduce((a, b) => a * b, 1);
  const low: number[] = [];
  const high: number[] = [];
  for (let i = 0; i < size; i++) {
    const f = features[i % features.length];
    low.push(Math.fround(f.low));
    high.push(Math.fround(f.high));
  }
  return new Box(low, high, shape, named ? { names: featureNames(features) } : {});
}

function mask(shape: number[]): Box {
  return new Box(0, 1, shape, { dtype: "uint8" });
}

function pathsSpace(paths: number, points: number): Dict {
  return new Dict({
    points: featureBox(WAYPOINT_FEATURES, [paths, points, WAYPOINT_FEATURES.length]),
    mask: mask([paths, points]),
  });
}
