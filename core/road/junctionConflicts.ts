/**
 * Right of way from geometry, for networks that carry no SUMO `<request>` table (the procedural
 * maps): which links of a junction conflict (`foes`) and which of them each link must yield to
 * (`response`), in the shape SUMO's importer writes (see {@link ConnectionSpec}).
 *
 * A junction's links are the connections entering it from a lane outside it (a normal road's lane).
 * Two links conflict when they merge into the same outgoing lane, or when their paths across the
 * junction (the centrelines of their `via` connector lanes, or the straight gap from the incoming
 * lane's end to the outgoing lane's start where there is no `via`) cross — ignoring contact within
 * {@link SHARED_POINT_TOLERANCE_M} of a point where both paths start or end (links that leave the
 * same lane touch there, and that is car following, not a conflict).
 *
 * Link `a` yields to a conflicting link `b` when `b` has the higher priority — major link states
 * (M, O, G) over minor ones (m, o, g, s, w, =, …) — and on equal priority by right before left,
 * judged from the two approach headings (the incoming lanes' end headings):
 * - `b` arrives from `a`'s right (heading difference 45°…135° counter-clockwise): `a` yields;
 * - `b` arrives from `a`'s left: `b` yields;
 * - oncoming (more than 135° apart): the link turning further left yields (left turn before
 *   oncoming straight or right); equal turns: neither;
 * - same direction (within 45°, e.g. two lanes merging): the link whose incoming lane ends further
 *   left yields to the one on its right.
 */
import type { ConnectionSpec, LaneSpec, Point2, RoadNetworkSpec } from "./RoadNetworkSpec.js";

/** Paths touching within this distance of a point where both start or both end do not conflict there, metres. */
export const SHARED_POINT_TOLERANCE_M = 0.1;

/** Link states that have priority over the others (SUMO: M major, O off-major, G green major). */
const MAJOR_STATES: ReadonlySet<string> = new Set(["M", "O", "G"]);
/** Two turns differing by less than this count as equal, radians. */
const TURN_EPS_RAD = 0.1;
/** Lateral offset below which two approaches side by side count as level, metres. */
const LATERAL_EPS_M = 0.1;

/** The right-of-way fields of one junction link (see {@link ConnectionSpec} for their meaning). */
export interface JunctionLinkConflicts {
  junction: string;
  junctionLinkIndex: number;
  /** Conflicting links' `junctionLinkIndex`es, ascending. */
  foes: number[];
  /** The `junctionLinkIndex`es among `foes` this link must yield to, ascending. */
  response: number[];
}

/** One link with what the rules need. */
interface Link {
  conn: ConnectionSpec;
  /** Position in `spec.connections`. */
  at: number;
  index: number;
  path: Point2[];
  box: [number, number, number, number];
  approachPoint: Point2;
  /** Heading at the end of the incoming lane, radians. */
  approachRad: number;
  /** Heading change across the junction, radians, left positive. */
  turnRad: number;
  major: boolean;
}

/**
 * Computes foes and responses for every junction link of `spec`. Links are numbered by their
 * `junctionLinkIndex` where every link of the junction has one, otherwise 0…n−1 in the order of
 * `spec.connections`.
 * @returns one entry per connection of `spec.connections` (same order): the link's right-of-way
 *   fields, or undefined for a connection that is not a junction link (one leaving an internal lane)
 * @throws Error naming the lane when a connection refers to a lane the spec does not have
 */
export function computeJunctionConflicts(spec: RoadNetworkSpec): (JunctionLinkConflicts | undefined)[] {
  const lanes = new Map<string, LaneSpec>();
  const kindOfRoad = new Map<string, string>();
  const junctionOfRoad = new Map<string, string | undefined>();
  for (const road of spec.roads) {
    kindOfRoad.set(road.id, road.kind);
    junctionOfRoad.set(road.id, road.toJunction);
    for (const lane of road.lanes) lanes.set(lane.id, lane);
  }
  const lane = (id: string): LaneSpec => {
    const l = lanes.get(id);
    if (!l) throw new Error(`computeJunctionConflicts: connection refers to unknown lane "${id}"`);
    return l;
  };
  const nextVia = new Map<string, string>();
  for (const c of spec.connections) if (c.via !== undefined) nextVia.set(c.fromLane, c.via);

  const byJunction = new Map<string, { conn: ConnectionSpec; at: number }[]>();
  spec.connections.forEach((conn, at) => {
    const from = lane(conn.fromLane);
    const kind = kindOfRoad.get(from.roadId);
    if (kind === "internal" || kind === "crossing" || kind === "walkingarea") return;
    const junction = conn.junction ?? junctionOfRoad.get(from.roadId);
    if (junction === undefined) return;
    const list = byJunction.get(junction) ?? [];
    list.push({ conn, at });
    byJunction.set(junction, list);
  });

  const out: (JunctionLinkConflicts | undefined)[] = spec.connections.map(() => undefined);
  for (const [junction, members] of byJunction) {
    const indexed = members.every((m) => m.conn.junctionLinkIndex !== undefined);
    const links = members.map((m, i): Link =>
      makeLink(m.conn, m.at, indexed ? m.conn.junctionLinkIndex! : i, lane, nextVia),
    );
    for (const a of links) {
      const foes: number[] = [];
      const response: number[] = [];
      for (const b of links) {
        if (a === b || !conflict(a, b)) continue;
        foes.push(b.index);
        if (mustYield(a, b)) response.push(b.index);
      }
      out[a.at] = {
        junction,
        junctionLinkIndex: a.index,
        foes: foes.sort(byNumber),
        response: response.sort(byNumber),
      };
    }
  }
  return out;
}

/** `spec` with the right-of-way fields of {@link computeJunctionConflicts} set on its junction links (a copy; `spec` is not changed). */
export function withJunctionConflicts(spec: RoadNetworkSpec): RoadNetworkSpec {
  const conflicts = computeJunctionConflicts(spec);
  return { ...spec, connections: spec.connections.map((c, i) => (conflicts[i] ? { ...c, ...conflicts[i] } : c)) };
}

function byNumber(a: number, b: number): number {
  return a - b;
}

function makeLink(
  conn: ConnectionSpec,
  at: number,
  index: number,
  lane: (id: string) => LaneSpec,
  nextVia: ReadonlyMap<string, string>,
): Link {
  const from = lane(conn.fromLane).shape;
  const to = lane(conn.toLane).shape;
  const path: Point2[] = [];
  const seen = new Set<string>();
  for (let via = conn.via; via !== undefined && !seen.has(via); via = nextVia.get(via)) {
    seen.add(via);
    path.push(...lane(via).shape);
  }
  if (path.length === 0) path.push(from[from.length - 1], to[0]);
  const box: Link["box"] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of path) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  const approachRad = heading(from[from.length - 2], from[from.length - 1]);
  return {
    conn,
    at,
    index,
    path,
    box,
    approachPoint: from[from.length - 1],
    approachRad,
    turnRad: wrap(heading(to[0], to[1]) - approachRad),
    major: conn.state !== undefined && MAJOR_STATES.has(conn.state),
  };
}

/** Same outgoing lane, or paths that cross away from the points where both start or both end. */
function conflict(a: Link, b: Link): boolean {
  if (a.conn.toLane === b.conn.toLane) return true;
  const tol = SHARED_POINT_TOLERANCE_M;
  if (a.box[0] > b.box[2] + tol || b.box[0] > a.box[2] + tol || a.box[1] > b.box[3] + tol || b.box[1] > a.box[3] + tol)
    return false;
  const shared: Point2[] = [];
  for (const p of [a.path[0], a.path[a.path.length - 1]]) {
    if (dist(p, b.path[0]) <= tol || dist(p, b.path[b.path.length - 1]) <= tol) shared.push(p);
  }
  for (let i = 0; i + 1 < a.path.length; i++) {
    for (let j = 0; j + 1 < b.path.length; j++) {
      const p = segmentIntersection(a.path[i], a.path[i + 1], b.path[j], b.path[j + 1]);
      if (p && !shared.some((s) => dist(s, p) <= tol)) return true;
    }
  }
  return false;
}

/** Whether `a` must yield to its foe `b` (see the file comment). */
function mustYield(a: Link, b: Link): boolean {
  if (a.major !== b.major) return b.major;
  const d = wrap(b.approachRad - a.approachRad);
  if (Math.abs(d) > (3 * Math.PI) / 4) return a.turnRad > b.turnRad + TURN_EPS_RAD;
  if (d > Math.PI / 4) return true;
  if (d < -Math.PI / 4) return false;
  // Side by side: is b's approach to a's right (negative cross product)?
  const [dx, dy] = [b.approachPoint[0] - a.approachPoint[0], b.approachPoint[1] - a.approachPoint[1]];
  return Math.cos(a.approachRad) * dy - Math.sin(a.approachRad) * dx < -LATERAL_EPS_M;
}

/**
 * The point where segments pq and rs meet, or undefined (parallel segments count as not meeting:
 * collinear overlap only happens between paths that share a start or an end).
 */
function segmentIntersection(p: Point2, q: Point2, r: Point2, s: Point2): Point2 | undefined {
  const [ux, uy] = [q[0] - p[0], q[1] - p[1]];
  const [vx, vy] = [s[0] - r[0], s[1] - r[1]];
  const denom = ux * vy - uy * vx;
  if (Math.abs(denom) < 1e-12) return undefined;
  const [wx, wy] = [r[0] - p[0], r[1] - p[1]];
  const t = (wx * vy - wy * vx) / denom;
  const u = (wx * uy - wy * ux) / denom;
  const eps = 1e-9;
  if (t < -eps || t > 1 + eps || u < -eps || u > 1 + eps) return undefined;
  return [p[0] + t * ux, p[1] + t * uy];
}

function heading(a: Point2, b: Point2): number {
  return Math.atan2(b[1] - a[1], b[0] - a[0]);
}

/** Angle wrapped into (−π, π]. */
function wrap(a: number): number {
  const w = a - 2 * Math.PI * Math.floor((a + Math.PI) / (2 * Math.PI));
  return w === -Math.PI ? Math.PI : w;
}

function dist(a: Point2, b: Point2): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
