/**
 * The layout of the normalised observation vector: which element sits where, and how it was
 * scaled. Element `k` is `clip(raw_k / scale_k, −1, 1)`, where `raw_k` is the quantity in `unit`;
 * policy metadata and docs name elements from this list, and the builder fills the vector in this
 * order.
 *
 * Sections, in order: `ego` and `route` always; then `neighbours`, `waypoints`, `signals` and
 * `events` when that part of the config is enabled (the vector carries what the agent is
 * configured to see). The length therefore depends only on the config.
 */
import type { Observation } from "../../spec/CompiledScenario.js";
import { VECTOR_WAYPOINT_POINTS, WAYPOINT_PATHS } from "./observationFeatures.js";

/** One element of the vector. */
export interface VectorElement {
  /** Dotted name; slot indices in brackets (`neighbours[2].x`, `waypoints[1][4].y`). */
  name: string;
  /** Position in the vector. */
  offset: number;
  /** The raw value is divided by this before clipping to [−1, 1]. */
  scale: number;
  /** Unit of the raw value. */
  unit: string;
  /** Meaning of the raw value. */
  doc: string;
}

/** Speed scale of the vector (m/s): about 108 km/h. */
export const VECTOR_SPEED_SCALE_MPS = 30;
/** Distance scale of route and goal distances in the vector (m). */
export const VECTOR_ROUTE_SCALE_M = 1000;

/**
 * Scale of `goal.laneOffset` (m): ±0.4 per 3.2 m lane, so one and two lanes over stay apart. Unit
 * direction and distance alone leave a goal one lane over at −3.2 m / distance (−0.03 at 100 m),
 * too faint for a policy to tell which lane a mission ends on (paper Double Merge).
 */
export const VECTOR_GOAL_LANE_SCALE_M = 8;

/** Point indices (into a path of `lookahead` points) that the vector samples: evenly spread, first and last included. */
export function vectorWaypointSamples(lookahead: number): number[] {
  const k = Math.min(VECTOR_WAYPOINT_POINTS, lookahead);
  if (k === 1) return [0];
  return Array.from({ length: k }, (_, j) => Math.round((j * (lookahead - 1)) / (k - 1)));
}

/** The vector's elements for `config`, in order. */
export function vectorLayout(config: Observation): VectorElement[] {
  const out: VectorElement[] = [];
  const add = (name: string, scale: number, unit: string, doc: string) =>
    out.push({ name, offset: out.length, scale, unit, doc });
  const S = VECTOR_SPEED_SCALE_MPS;

  add("ego.speed", S, "m/s", "speed along the heading");
  add("ego.lateralSpeed", 5, "m/s", "velocity to the ego's left");
  add("ego.acceleration", 10, "m/s²", "longitudinal acceleration");
  add("ego.jerk", 50, "m/s³", "jerk");
  add("ego.yawRate", 1, "rad/s", "yaw rate, counter-clockwise positive");
  add("ego.steering", 0.5, "rad", "road-wheel steering angle, left positive");
  add("ego.onLane", 1, "0/1", "localised on a lane (the lane elements below are 0 otherwise)");
  add("ego.laneIndex", 4, "index", "lane index, 0 = rightmost");
  add("ego.laneCount", 5, "count", "lanes of the current road");
  add("ego.inJunction", 1, "0/1", "on a junction connector");
  add("ego.laneT", 2, "m", "offset from the lane centreline, left positive");
  add("ego.laneHeadingError", Math.PI, "rad", "heading minus lane direction");
  add("ego.speedLimit", S, "m/s", "lane speed limit");

  add("route.onRoute", 1, "0/1", "route position known");
  add("route.progress", 1, "fraction", "route position / route length (0 when unknown)");
  add("route.remaining", VECTOR_ROUTE_SCALE_M, "m", "route length − route position (0 when unknown)");
  add("goal.present", 1, "0/1", "the mission has a goal point");
  add("goal.dirX", 1, "unit", "unit vector to the goal, ego frame, forward (0 without a goal)");
  add("goal.dirY", 1, "unit", "unit vector to the goal, ego frame, left");
  add("goal.distance", VECTOR_ROUTE_SCALE_M, "m", "straight-line distance to the goal (0 without a goal)");
  add(
    "goal.laneOffset",
    VECTOR_GOAL_LANE_SCALE_M,
    "m",
    "goal's offset from the ego lane's centreline, left positive, when it lies beside that lane on its road (the goal's lane; 0 otherwise)",
  );
  add("steps.fraction", 1, "fraction", "steps taken / step limit (0 without a limit)");

  if (config.neighbours.enabled) {
    const r = config.neighbours.radiusM;
    for (let i = 0; i < config.neighbours.max; i++) {
      const n = `neighbours[${i}]`;
      add(`${n}.present`, 1, "0/1", "row holds a vehicle (nearest first; all elements 0 otherwise)");
      add(`${n}.x`, r, "m", "centre, ego frame, forward; scale = radiusM");
      add(`${n}.y`, r, "m", "centre, ego frame, left; scale = radiusM");
      add(`${n}.relVx`, S, "m/s", "relative velocity, ego frame, forward");
      add(`${n}.relVy`, S, "m/s", "relative velocity, ego frame, left");
      add(`${n}.sinRelHeading`, 1, "1", "sin(its heading − ego heading)");
      add(`${n}.cosRelHeading`, 1, "1", "cos(its heading − ego heading)");
      add(`${n}.length`, 10, "m", "box length");
      add(`${n}.width`, 5, "m", "box width");
    }
  }
  if (config.waypoints.enabled) {
    const { lookahead, spacingM } = config.waypoints;
    const horizon = Math.max(lookahead - 1, 1) * spacingM;
    const samples = vectorWaypointSamples(lookahead);
    for (let p = 0; p < WAYPOINT_PATHS; p++) {
      for (let j = 0; j < samples.length; j++) {
        const n = `waypoints[${p}][${j}]`;
        const which = `sample j of path i (i: 0 right lane, 1 ego lane, 2 left lane; j = 0…${samples.length - 1} is point ${samples.join(", ")} of the path)`;
        add(`${n}.present`, 1, "0/1", `${which} exists`);
        add(`${n}.x`, horizon, "m", "ego frame, forward; scale = (lookahead − 1) · spacingM");
        add(`${n}.y`, horizon, "m", "ego frame, left; same scale");
        add(`${n}.relHeading`, Math.PI, "rad", "lane direction minus ego heading");
      }
    }
  }
  if (config.signals.enabled) {
    const l = config.signals.lookaheadM;
    add("signal.present", 1, "0/1", "a signal controls the path within lookaheadM");
    add("signal.distance", l, "m", "distance to its stop line (1 when none); scale = lookaheadM");
    add("signal.go", 1, "0/1", "green with priority");
    add("signal.yield", 1, "0/1", "green without priority, flashing, stop sign");
    add("signal.stop", 1, "0/1", "red or yellow");
    add("signal.off", 1, "0/1", "off or unknown");
  }
  if (config.events.enabled) {
    add("events.collision", 1, "0/1", "collision this step");
    add("events.offRoad", 1, "0/1", "off road");
    add("events.onShoulder", 1, "0/1", "on the shoulder");
    add("events.offRoute", 1, "0/1", "off the route");
    add("events.wrongWay", 1, "0/1", "driving the wrong way");
    add("events.notMoving", 1, "0/1", "not moving");
    add("events.reachedGoal", 1, "0/1", "goal reached");
    add("events.reachedMaxSteps", 1, "0/1", "step limit reached");
    add("events.viaPointsHit", 1, "count", "via points hit this step (clipped to 1)");
  }
  return out;
}

/** Length of the vector for `config`. */
export function vectorLength(config: Observation): number {
  return vectorLayout(config).length;
}

/**
 * The layout as a Markdown table, one row per element kind: repeated slots collapse into one row
 * whose offset is a formula in the slot indices (`21 + 9·i (i < 8)`). `docs/observations.md`
 * embeds this for the standard config; a test keeps the two equal.
 */
export function vectorLayoutMarkdown(config: Observation): string {
  const layout = vectorLayout(config);
  interface Group {
    template: string;
    first: VectorElement;
    members: { indices: number[]; offset: number }[];
  }
  const groups = new Map<string, Group>();
  for (const e of layout) {
    const indices: number[] = [];
    let k = 0;
    const template = e.name.replace(/\[(\d+)\]/g, (_, d: string) => {
      indices.push(Number(d));
      return `[${"ijk"[k++]}]`;
    });
    const g = groups.get(template);
    if (g) g.members.push({ indices, offset: e.offset });
    else groups.set(template, { template, first: e, members: [{ indices, offset: e.offset }] });
  }
  const rows = ["| offset | element | scale | unit | meaning |", "|---|---|---|---|---|"];
  for (const g of groups.values()) {
    rows.push(
      `| ${offsetFormula(g.members)} | \`${g.template}\` | ${formatScale(g.first.scale)} | ${g.first.unit} | ${g.first.doc} |`,
    );
  }
  rows.push(`| **${layout.length}** | *length* | | | |`);
  return rows.join("\n");
}

/** `base + a·i + b·j (i < n, j < m)` for members whose offsets are linear in their indices; throws otherwise. */
function offsetFormula(members: { indices: number[]; offset: number }[]): string {
  const dims = members[0].indices.length;
  if (dims === 0) return String(members[0].offset);
  const names = "ijk";
  const base = members[0].offset;
  const strides: number[] = [];
  const extents: number[] = [];
  for (let d = 0; d < dims; d++) {
    extents.push(Math.max(...members.map((m) => m.indices[d])) + 1);
    const unit = members.find((m) => m.indices.every((v, q) => (q === d ? v === 1 : v === 0)));
    strides.push(unit ? unit.offset - base : 0);
  }
  for (const m of members) {
    const expected = base + m.indices.reduce((sum, v, d) => sum + v * strides[d], 0);
    if (expected !== m.offset)
      throw new Error(
        `vector layout: offsets of a repeated element are not linear in its indices (offset ${m.offset})`,
      );
  }
  const terms = strides.map((s, d) => `${s}·${names[d]}`).join(" + ");
  const ranges = extents.map((n, d) => `${names[d]} < ${n}`).join(", ");
  return `${base} + ${terms} (${ranges})`;
}

function formatScale(v: number): string {
  return v === Math.PI ? "π" : String(Number(v.toPrecision(6)));
}
