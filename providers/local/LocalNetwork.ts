/**
 * The road network as the local traffic provider drives it: a side table per lane ({@link LaneData}:
 * length, neighbours, the junction links leaving it, lanes starting alongside it, folds) and the
 * junction links ({@link JunctionLink}: the connections entering a junction from a normal lane, with
 * their connector lanes, signal, right-of-way relations, conflict zones and near lanes). Built once
 * per network (each worker thread builds its own, identical), read-only afterwards: what changes
 * every step lives in the engine's columns and lane lists.
 *
 * Right of way comes from the network's `<request>` table (`junction`, `junctionLinkIndex`, `foes`,
 * `response` on each connection); a network without it (hand-built specs) gets the geometric table
 * of `computeJunctionConflicts`.
 */
import type { Lane } from "../../core/road/Lane.js";
import type { Road } from "../../core/road/Road.js";
import type { RoadNetwork } from "../../core/road/RoadNetwork.js";
import type { ConnectionSpec } from "../../core/road/RoadNetworkSpec.js";
import { computeJunctionConflicts } from "../../core/road/junctionConflicts.js";
import { FOLD_CHORD_M } from "./engine/poses.js";

/** Centrelines closer than this (m) where two lanes start together still share the road space. */
const SIBLING_SEPARATION_M = 2.6;

/** A lane starting where another one starts (two connectors leaving one lane), overlapping it for a while. */
export interface Sibling {
  lane: LaneData;
  /** Distance from the start within which vehicles on the two lanes can touch (m). */
  overlapM: number;
}

/** Per-lane runtime data. */
export class LaneData {
  readonly lane: Lane;
  readonly id: string;
  readonly ordinal: number;
  readonly road: Road;
  /** Geometric length of the centreline (m): what `s` runs over. */
  readonly lengthM: number;
  readonly internal: boolean;
  readonly speedLimitMps: number;
  /** Lane to the left / right on the same road. */
  left: LaneData | null = null;
  right: LaneData | null = null;
  /** Lanes that continue this one (connectors or next-road lanes). */
  readonly successors: LaneData[] = [];
  readonly predecessors: LaneData[] = [];
  /** Junction links leaving this lane (normal lanes only), in connection order. */
  readonly outLinks: JunctionLink[] = [];
  /** For a connector lane: the link it belongs to. */
  link: JunctionLink | null = null;
  /** Lanes starting at this lane's start and overlapping it near there. */
  readonly siblings: Sibling[] = [];
  /** Heading of each centreline segment (rad). */
  readonly segHeading: Float64Array;
  /** The centreline's vertices and cumulative arc lengths (the polyline's own arrays, one step nearer). */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly cum: Float64Array;
  /**
   * Length of this lane where it folds the path back on itself (m; 0 elsewhere): a short lane that
   * points against the lane before it — SUMO junction shapes where a road's end overshoots the
   * junction (pedestrian crossings, split junctions). Driving along it moves a vehicle backwards, so
   * distances along a path across it are that much longer twice over than on the ground.
   */
  foldM = 0;
  /** The links this lane is a near lane of ({@link JunctionLink.nearLanes}), by ordinal of their first lane. */
  nearOf: JunctionLink[] = [];

  constructor(lane: Lane) {
    this.lane = lane;
    this.id = lane.id;
    this.ordinal = lane.ordinal;
    this.road = lane.road;
    this.lengthM = lane.centreline.length;
    this.internal = lane.isInternal;
    this.speedLimitMps = lane.speedLimitMps;
    const c = lane.centreline;
    this.xs = c.xs;
    this.ys = c.ys;
    this.cum = c.cum;
    this.segHeading = new Float64Array(c.size - 1);
    for (let i = 0; i < c.size - 1; i++) this.segHeading[i] = c.segmentHeading(i);
  }
}

/** A connection entering a junction from a normal lane, with what right of way needs. */
export class JunctionLink {
  /** Position in {@link LocalNetwork.links}. */
  readonly index: number;
  readonly conn: ConnectionSpec;
  readonly from: LaneData;
  /** Connector lanes in driving order (empty when the lanes meet directly). */
  readonly vias: LaneData[];
  readonly to: LaneData;
  /** The first lane after `from`: `vias[0]` or `to`. */
  readonly first: LaneData;
  /** Length of the connector lanes (m). */
  readonly viaLengthM: number;
  /** Junction whose table numbers the link, or '' when it has none. */
  readonly junction: string;
  readonly tlId: string | undefined;
  readonly linkIndex: number;
  /** Static link state letter (SUMO): M, m, =, s, w, o, O … */
  readonly state: string;
  /** Links whose paths cross or merge with this one. */
  foes: JunctionLink[] = [];
  /** Links this one must yield to. */
  response: JunctionLink[] = [];
  /**
   * Conflict zones, four numbers per entry of `foes`: where along this link (m from its stop line) a
   * vehicle can touch one on that foe (`in`, `out`), then the same stretch along the foe (its `in`,
   * `out`). A vehicle occupies a zone while its front is past `in` and its rear not yet past `out`.
   */
  foeZones: Float64Array = new Float64Array(0);
  /** Indices of `foes`, of `response`, and of both (for the hot loops). */
  foeIndex: Int32Array = new Int32Array(0);
  responseIndex: Int32Array = new Int32Array(0);
  conflictIndex: Int32Array = new Int32Array(0);
  /** The same for the entries of `response`. */
  responseZones: Float64Array = new Float64Array(0);
  /**
   * Lanes ending at *another* junction whose stop line a bus swung through this link's connector
   * reaches over (a tight turn just past a pedestrian crossing's line): a long body here can touch a
   * vehicle waiting there. See LocalNetwork.buildNearLanes, engine/junctions.ts.
   */
  nearLanes: LaneData[] = [];
  /** Whether the static state requires a full stop first (stop sign, all-way stop). */
  readonly mustStop: boolean;
  /** Whether vehicles here need right-of-way decisions: it has foes (or is one), a signal or a stop rule. */
  contested = false;

  constructor(index: number, conn: ConnectionSpec, from: LaneData, vias: LaneData[], to: LaneData, junction: string) {
    this.index = index;
    this.conn = conn;
    this.from = from;
    this.vias = vias;
    this.to = to;
    this.first = vias.length > 0 ? vias[0] : to;
    let len = 0;
    for (const v of vias) len += v.lengthM;
    this.viaLengthM = len;
    this.junction = junction;
    this.tlId = conn.tlId;
    this.linkIndex = conn.linkIndex ?? 0;
    this.state = conn.state ?? "M";
    this.mustStop = this.state === "s" || this.state === "w";
  }
}

/** The runtime tables for one network. */
export class LocalNetwork {
  readonly net: RoadNetwork;
  /** By lane ordinal. */
  readonly lanes: LaneData[];
  readonly links: JunctionLink[] = [];

  constructor(net: RoadNetwork) {
    this.net = net;
    this.lanes = net.laneList.map((l) => new LaneData(l));
    for (const d of this.lanes) {
      const left = d.lane.left;
      const right = d.lane.right;
      d.left = left ? this.lanes[left.ordinal] : null;
      d.right = right ? this.lanes[right.ordinal] : null;
      for (const s of d.lane.successors) d.successors.push(this.lanes[s.ordinal]);
      for (const p of d.lane.predecessors) d.predecessors.push(this.lanes[p.ordinal]);
    }
    for (const d of this.lanes) d.foldM = foldOf(d);
    this.buildLinks();
    this.buildSiblings();
  }

  /** Runtime data of `lane`. */
  of(lane: Lane): LaneData {
    return this.lanes[lane.ordinal];
  }

  /** Runtime data of lane `id`, or undefined. */
  byId(id: string): LaneData | undefined {
    const lane = this.net.lane(id);
    return lane ? this.lanes[lane.ordinal] : undefined;
  }

  /** The link leaving normal lane `from` whose first lane is `next`, or null. */
  linkBetween(from: LaneData, next: LaneData): JunctionLink | null {
    for (const l of from.outLinks) if (l.first === next) return l;
    return null;
  }

  private buildLinks(): void {
    const spec = this.net.spec;
    const needsTable = spec.connections.some(
      (c) => this.isEntry(c) && (c.junction === undefined || c.foes === undefined),
    );
    const computed = needsTable ? computeJunctionConflicts(spec) : undefined;
    const byKey = new Map<string, JunctionLink>();
    const relations: { link: JunctionLink; foes: number[]; response: number[] }[] = [];
    spec.connections.forEach((conn, at) => {
      if (!this.isEntry(conn)) return;
      const from = this.byId(conn.fromLane);
      const to = this.byId(conn.toLane);
      if (!from || !to) return;
      const vias: LaneData[] = [];
      if (conn.via !== undefined) {
        const first = this.byId(conn.via);
        if (!first) return;
        const rest = this.net.connectorPath(first.lane, to.lane);
        if (!rest) return;
        vias.push(first, ...rest.map((l) => this.of(l)));
      }
      const table = conn.junction !== undefined && conn.foes !== undefined ? conn : computed?.[at];
      const junction = table?.junction ?? from.road.toJunction ?? "";
      const link = new JunctionLink(this.links.length, conn, from, vias, to, junction);
      this.links.push(link);
      from.outLinks.push(link);
      for (const v of vias) if (!v.link) v.link = link;
      if (table?.junctionLinkIndex !== undefined) {
        byKey.set(`${junction}\u0000${table.junctionLinkIndex}`, link);
        relations.push({ link, foes: table.foes ?? [], response: table.response ?? [] });
      }
    });
    // SUMO's unregulated junctions have no right of way: nobody yields, first come first served (SUMO
    // drives through them regardless, colliding; here the claims on foe links still keep bodies apart).
    const unregulated = new Set(spec.junctions.filter((j) => j.type === "unregulated").map((j) => j.id));
    for (const { link, foes, response } of relations) {
      const resolve = (i: number) => byKey.get(`${link.junction}\u0000${i}`);
      link.foes = foes.map(resolve).filter((l): l is JunctionLink => l !== undefined && l !== link);
      if (unregulated.has(link.junction)) continue;
      link.response = response.map(resolve).filter((l): l is JunctionLink => l !== undefined && l !== link);
    }
    this.addSweptFoes();
    this.buildConflictZones();
    this.buildNearLanes();
    for (const link of this.links) {
      link.foeIndex = Int32Array.from(link.foes, (f) => f.index);
      link.responseIndex = Int32Array.from(link.response, (f) => f.index);
      link.conflictIndex = Int32Array.from([...link.foes, ...link.response], (f) => f.index);
    }
    for (const link of this.links) {
      if (link.foes.length > 0 || link.tlId !== undefined || link.mustStop) link.contested = true;
      for (const f of link.foes) f.contested = true;
      for (const f of link.response) f.contested = true;
    }
  }

  /**
   * Makes foes of links whose connectors pass so close that vehicles on them touch, though no
   * right-of-way table lists them (concentric U-turns, tight turns side by side, the connectors of
   * neighbouring junctions of a cluster, a turn and the straight link from the same lane once they
   * have parted): closer than the width of two vehicles plus how far a long vehicle's corners swing
   * out on each connector's tightest bend — for links leaving the same lane, beyond their first
   * {@link SHARED_START_M}, where car following keeps them apart. Candidates are found by a sweep over
   * the connectors' bounding boxes.
   */
  private addSweptFoes(): void {
    const links = this.links.filter((l) => l.vias.length > 0);
    const shapes = links.map((l) => connectorShape(l));
    const swing = shapes.map((sh) => cornerSwing(sh));
    const maxSwing = swing.reduce((a, b) => Math.max(a, b), 0);
    const boxes = shapes.map((sh) => bounds(sh));
    const order = links.map((_, i) => i).sort((a, b) => boxes[a][0] - boxes[b][0] || a - b);
    const reach = SWEPT_WIDTH_M + 2 * maxSwing;
    for (let oi = 0; oi < order.length; oi++) {
      const i = order[oi];
      for (let oj = oi + 1; oj < order.length; oj++) {
        const j = order[oj];
        if (boxes[j][0] > boxes[i][2] + reach) break;
        if (boxes[j][1] > boxes[i][3] + reach || boxes[i][1] > boxes[j][3] + reach) continue;
        const a = links[i];
        const b = links[j];
        if (a.foes.includes(b) || b.foes.includes(a)) continue;
        // One link leading into the other: the same stream, kept apart by car following.
        if (leadsInto(a, b) || leadsInto(b, a)) continue;
        const clearance = SWEPT_WIDTH_M + swing[i] + swing[j];
        // Links leaving one lane share their start (car following handles it there): compare beyond it.
        const sa = a.from === b.from ? trimStart(shapes[i], SHARED_START_M) : shapes[i];
        const sb = a.from === b.from ? trimStart(shapes[j], SHARED_START_M) : shapes[j];
        if (sa.length >= 4 && sb.length >= 4 && polylineDistance(sa, sb, clearance) < clearance) {
          a.foes.push(b);
          b.foes.push(a);
        }
      }
    }
  }

  /**
   * Fills each link's conflict zones ({@link JunctionLink.foeZones}, `responseZones`): the stretch of
   * its connectors that comes within {@link ZONE_CLEARANCE_M} plus both corner swings of the other
   * link's connectors — two of the widest vehicles side by side, their corners swinging out on the
   * tightest bends. Outside that stretch two bodies cannot touch, so the junction can serve both at
   * once. Both connectors are extended straight by half the longest vehicle at their ends, where
   * bodies still reach beyond them; zones are clamped to the connectors themselves (a vehicle leaves a
   * zone reaching a connector's end once its rear is past that end, as it leaves the junction). A link
   * without connectors, or a pair that never comes that close (a right-of-way entry without a
   * geometric reason), gets its whole junction as the zone.
   */
  private buildConflictZones(): void {
    const shapes = new Map<JunctionLink, { pts: number[]; cum: number[]; swing: number }>();
    const shapeOf = (l: JunctionLink) => {
      let sh = shapes.get(l);
      if (sh === undefined) {
        const pts = extendEnds(connectorShape(l), ZONE_HALF_LENGTH_M);
        const cum = [-ZONE_HALF_LENGTH_M];
        for (let k = 2; k + 1 < pts.length; k += 2)
          cum.push(cum[cum.length - 1] + Math.hypot(pts[k] - pts[k - 2], pts[k + 1] - pts[k - 1]));
        shapes.set(l, (sh = { pts, cum, swing: cornerSwing(pts, ZONE_HALF_LENGTH_M, ZONE_MAX_SWING_M) }));
      }
      return sh;
    };
    const zone = (a: JunctionLink, b: JunctionLink, out: Float64Array, at: number) => {
      let lo = 0;
      let hi = a.viaLengthM;
      if (a.vias.length > 0 && b.vias.length > 0) {
        const sa = shapeOf(a);
        const sb = shapeOf(b);
        const r = stretchNear(sa.pts, sa.cum, sb.pts, ZONE_CLEARANCE_M + sa.swing + sb.swing);
        if (r !== null) {
          lo = Math.min(a.viaLengthM, Math.max(0, r[0] - ZONE_SAMPLE_M));
          hi = Math.max(lo, Math.min(a.viaLengthM, r[1] + ZONE_SAMPLE_M));
        }
      }
      out[at] = lo;
      out[at + 1] = hi;
    };
    for (const link of this.links) {
      link.foeZones = new Float64Array(4 * link.foes.length);
      link.foes.forEach((f, k) => {
        zone(link, f, link.foeZones, 4 * k);
        zone(f, link, link.foeZones, 4 * k + 2);
      });
      link.responseZones = new Float64Array(4 * link.response.length);
      link.response.forEach((f, k) => {
        zone(link, f, link.responseZones, 4 * k);
        zone(f, link, link.responseZones, 4 * k + 2);
      });
    }
  }

  /**
   * Fills {@link JunctionLink.nearLanes} (and {@link LaneData.nearOf}). Long bodies (truck, bus,
   * trailer) are swept along every connector — boxes every {@link NEAR_SAMPLE_M}, posed as reported
   * ones are — and a normal lane ending at another junction nearby is a near lane of the link when
   * those boxes reach into the strip a vehicle waiting at its stop line occupies. Within one junction
   * the right-of-way tables and conflict zones keep bodies apart; between neighbouring junctions
   * nothing else would.
   */
  private buildNearLanes(): void {
    const grid = new Map<string, LaneData[]>();
    const cells = (x0: number, y0: number, x1: number, y1: number, visit: (key: string) => void) => {
      for (let cx = Math.floor(x0 / NEAR_CELL_M); cx <= Math.floor(x1 / NEAR_CELL_M); cx++)
        for (let cy = Math.floor(y0 / NEAR_CELL_M); cy <= Math.floor(y1 / NEAR_CELL_M); cy++) visit(`${cx},${cy}`);
    };
    for (const lane of this.lanes) {
      if (lane.internal || lane.outLinks.length === 0 || lane.lengthM < NEAR_MIN_LANE_M) continue;
      const c = lane.lane.centreline;
      const x = c.xs[c.size - 1],
        y = c.ys[c.size - 1];
      cells(x, y, x, y, (key) => {
        const list = grid.get(key);
        if (list === undefined) grid.set(key, [lane]);
        else list.push(lane);
      });
    }
    for (const link of this.links) {
      if (link.vias.length === 0) continue;
      const pts = extendEnds(connectorShape(link), NEAR_MAX_HALF_LENGTH_M);
      const cum = [0];
      for (let k = 2; k + 1 < pts.length; k += 2)
        cum.push(cum[cum.length - 1] + Math.hypot(pts[k] - pts[k - 2], pts[k + 1] - pts[k - 1]));
      const total = cum[cum.length - 1];
      const [x0, y0, x1, y1] = bounds(pts);
      const reach = NEAR_MAX_HALF_LENGTH_M + NEAR_DEPTH_M;
      const candidates: LaneData[] = [];
      cells(x0 - reach, y0 - reach, x1 + reach, y1 + reach, (key) => {
        for (const lane of grid.get(key) ?? []) {
          if (lane === link.from || lane === link.to || candidates.includes(lane)) continue;
          if (lane.road.toJunction === link.from.road.toJunction) continue;
          // The link's own stream, just behind it or just after it: car following keeps those apart.
          if (
            reaches(lane, link.from, lane.lengthM + NEAR_STREAM_M) ||
            reaches(link.to, lane, link.to.lengthM + NEAR_STREAM_M)
          )
            continue;
          candidates.push(lane);
        }
      });
      if (candidates.length === 0) continue;
      const hit = new Array<boolean>(candidates.length).fill(false);
      // The bus's centre along the connector itself (the extension is only for the chord).
      // Each long body's centre along the connector itself (the extension is only for its ends), posed
      // as reported bodies are (engine/poses.ts bodyPose): bumpers on the path — a shorter body cuts a
      // bend less, so each length sweeps its own boxes — and, as near a fold, centre on the path with
      // the heading of a short chord (where the connector runs on over a fold its reported bodies do).
      const start = NEAR_MAX_HALF_LENGTH_M,
        end = total - NEAR_MAX_HALF_LENGTH_M + 1e-9;
      for (let m = 0; m <= NEAR_HALF_LENGTHS_M.length; m++) {
        const folds = m === NEAR_HALF_LENGTHS_M.length;
        const hl = folds ? NEAR_MAX_HALF_LENGTH_M : NEAR_HALF_LENGTHS_M[m];
        const hc = folds ? FOLD_CHORD_M : hl;
        for (let sc = start; sc <= end; sc += NEAR_SAMPLE_M) {
          const [fx, fy] = pointAlong(pts, cum, sc + hc);
          const [rx, ry] = pointAlong(pts, cum, sc - hc);
          const len = Math.hypot(fx - rx, fy - ry) || 1;
          const ux = (fx - rx) / len,
            uy = (fy - ry) / len;
          let cx = 0.5 * (fx + rx),
            cy = 0.5 * (fy + ry);
          if (folds || len < hc) [cx, cy] = pointAlong(pts, cum, sc);
          candidates.forEach((lane, i) => {
            if (!hit[i] && reachesWaiting(lane, cx, cy, ux, uy, hl)) hit[i] = true;
          });
        }
      }
      candidates.forEach((lane, i) => {
        if (hit[i]) link.nearLanes.push(lane);
      });
      link.nearLanes.sort((a, b) => a.ordinal - b.ordinal);
      for (const lane of link.nearLanes) lane.nearOf.push(link);
    }
  }

  /** A connection that enters a junction from a normal lane. */
  private isEntry(conn: ConnectionSpec): boolean {
    const from = this.net.lane(conn.fromLane);
    return from !== undefined && !from.isInternal;
  }

  /** Lanes that start together (other successors of a lane's predecessors), with how far they overlap. */
  private buildSiblings(): void {
    for (const d of this.lanes) {
      const seen = new Set<LaneData>([d]);
      for (const p of d.predecessors) {
        for (const other of p.successors) {
          if (seen.has(other)) continue;
          seen.add(other);
          const overlap = overlapFromStart(d, other);
          if (overlap > 0) d.siblings.push({ lane: other, overlapM: overlap });
        }
      }
    }
  }
}

/** Longest lane that can be a fold (m). */
const FOLD_MAX_M = 3;

/**
 * {@link LaneData.foldM} of `d`: its length when it is short and points back (more than 150°) against
 * every lane before it and every lane after it.
 */
function foldOf(d: LaneData): number {
  if (d.lengthM > FOLD_MAX_M || d.segHeading.length === 0 || d.predecessors.length === 0 || d.successors.length === 0)
    return 0;
  const first = d.segHeading[0];
  const last = d.segHeading[d.segHeading.length - 1];
  for (const p of d.predecessors)
    if (p.segHeading.length === 0 || !opposed(last, p.segHeading[p.segHeading.length - 1])) return 0;
  for (const n of d.successors) if (n.segHeading.length === 0 || !opposed(first, n.segHeading[0])) return 0;
  return d.lengthM;
}

/** Whether two headings differ by more than 150°. */
function opposed(a: number, b: number): boolean {
  let turn = Math.abs(a - b) % (2 * Math.PI);
  if (turn > Math.PI) turn = 2 * Math.PI - turn;
  return turn > (5 * Math.PI) / 6;
}

/** How far beyond a link's end another link counts as leading on from it, for swept foes (m). */
const STREAM_M = 30;

/**
 * Whether link `b` starts on the road `a` leads to, within {@link STREAM_M} of `a`'s end (across
 * short lanes and the junctions between them): vehicles on the two are one stream, car following
 * keeps them apart.
 */
function leadsInto(a: JunctionLink, b: JunctionLink): boolean {
  return reaches(a.to, b.from, STREAM_M);
}

/**
 * Whether lane `to` is `from` or follows it along successors, starting within `maxM` of `from`'s
 * start (breadth first, each lane once).
 */
function reaches(from: LaneData, to: LaneData, maxM: number): boolean {
  let frontier: { lane: LaneData; at: number }[] = [{ lane: from, at: 0 }];
  const seen = new Set<LaneData>([from]);
  while (frontier.length > 0) {
    const next: { lane: LaneData; at: number }[] = [];
    for (const { lane, at } of frontier) {
      if (lane === to) return true;
      const end = at + lane.lengthM;
      if (end > maxM) continue;
      for (const s of lane.successors) {
        if (seen.has(s)) continue;
        seen.add(s);
        next.push({ lane: s, at: end });
      }
    }
    frontier = next;
  }
  return false;
}

/** Links leaving one lane are compared for swept conflicts only beyond this distance from their start (m). */
const SHARED_START_M = 6;
/** Two vehicles side by side need their centres this far apart (m): two wide cars and a margin. */
const SWEPT_WIDTH_M = 2.4;
/** Half the length of the longest common vehicle (a bus), for the corner swing on bends (m). */
const SWING_HALF_LENGTH_M = 3.5;

/** Centrelines closer than this plus the corner swings on both bends make a conflict zone (m): two of the widest vehicles (2.5 m) and a margin. */
const ZONE_CLEARANCE_M = 3.2;
/** Half the length of the longest vehicle type (a trailer), for the corner swing in conflict zones (m). */
const ZONE_HALF_LENGTH_M = 5;
/** Largest corner swing counted for conflict zones (m). */
const ZONE_MAX_SWING_M = 2.5;
/** Lanes shorter than this are not near lanes: a vehicle waiting at their end stands mostly behind them (m). */
const NEAR_MIN_LANE_M = 5;
/**
 * Half lengths of the bodies swept along connectors for near lanes — the built-in truck, bus and
 * trailer (longer than the near-lane rule's 4.4 m) — and the widest vehicle's half width (m).
 */
const NEAR_HALF_LENGTHS_M = [2.5, 3.5, 5];
const NEAR_MAX_HALF_LENGTH_M = Math.max(...NEAR_HALF_LENGTHS_M);
const NEAR_HALF_WIDTH_M = 1.25;
/** Half width of the strip a vehicle waiting at its stop line occupies: a truck's (m). */
const WAITING_HALF_WIDTH_M = 1;
/** How far back from its stop line a waiting vehicle is looked for (m): one vehicle and its gap. */
const NEAR_DEPTH_M = 6;
/** Sampling step of the swept body along a connector (m). */
const NEAR_SAMPLE_M = 0.25;
/** Grid cell size for finding lanes near a connector (m). */
const NEAR_CELL_M = 25;

/** Lanes leading into a link's own lane (or on from its target) within this are its stream, not near lanes (m). */
const NEAR_STREAM_M = 15;

/** Point at arc length `s` along polyline `pts` (flat x, y) with cumulative lengths `cum` (clamped to its ends). */
function pointAlong(pts: number[], cum: number[], s: number): [number, number] {
  let k = 0;
  while (k + 2 < cum.length && cum[k + 1] < s) k++;
  const len = cum[k + 1] - cum[k];
  const u = len > 0 ? Math.min(1, Math.max(0, (s - cum[k]) / len)) : 0;
  return [pts[2 * k] + u * (pts[2 * k + 2] - pts[2 * k]), pts[2 * k + 1] + u * (pts[2 * k + 3] - pts[2 * k + 1])];
}

/**
 * Whether a box centred at (cx, cy) heading (ux, uy) reaches into the strip a vehicle waiting at the
 * end of `lane` occupies: {@link WAITING_HALF_WIDTH_M} either side of the lane's last segment, from
 * its end up to {@link NEAR_DEPTH_M} back (a separating-axis test of the two rectangles).
 */
function reachesWaiting(lane: LaneData, cx: number, cy: number, ux: number, uy: number, halfLength: number): boolean {
  const c = lane.lane.centreline;
  const n = c.size;
  const seg = c.cum[n - 1] - c.cum[n - 2] || 1;
  const vx = (c.xs[n - 1] - c.xs[n - 2]) / seg,
    vy = (c.ys[n - 1] - c.ys[n - 2]) / seg;
  const hd = NEAR_DEPTH_M / 2;
  const dx = c.xs[n - 1] - vx * hd - cx,
    dy = c.ys[n - 1] - vy * hd - cy;
  const cuu = Math.abs(ux * vx + uy * vy); // |u·v| = |n_u·n_v|
  const cun = Math.abs(-ux * vy + uy * vx); // |u·n_v| = |n_u·v|
  const ahl = halfLength,
    ahw = NEAR_HALF_WIDTH_M,
    bhl = hd,
    bhw = WAITING_HALF_WIDTH_M;
  if (Math.abs(dx * ux + dy * uy) > ahl + bhl * cuu + bhw * cun) return false;
  if (Math.abs(-dx * uy + dy * ux) > ahw + bhl * cun + bhw * cuu) return false;
  if (Math.abs(dx * vx + dy * vy) > bhl + ahl * cuu + ahw * cun) return false;
  if (Math.abs(-dx * vy + dy * vx) > bhw + ahl * cun + ahw * cuu) return false;
  return true;
}

/** Bounding box [x0, y0, x1, y1] of a polyline (flat x, y array). */
function bounds(pts: number[]): [number, number, number, number] {
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (let k = 0; k + 1 < pts.length; k += 2) {
    x0 = Math.min(x0, pts[k]);
    x1 = Math.max(x1, pts[k]);
    y0 = Math.min(y0, pts[k + 1]);
    y1 = Math.max(y1, pts[k + 1]);
  }
  return [x0, y0, x1, y1];
}

/** Sampling step along a connector when finding its conflict zone; the zone is widened by it (m). */
const ZONE_SAMPLE_M = 0.5;

/**
 * The arc-length range of polyline `a` (flat x, y; cumulative lengths `cum`) whose points lie within
 * `reach` of polyline `b`, sampled every {@link ZONE_SAMPLE_M} and at the vertices; null when none does.
 */
function stretchNear(a: number[], cum: number[], b: number[], reach: number): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  const total = cum[cum.length - 1];
  const test = (s: number, x: number, y: number) => {
    for (let j = 0; j + 3 < b.length; j += 2) {
      if (pointSegment(x, y, b[j], b[j + 1], b[j + 2], b[j + 3]) < reach) {
        if (s < lo) lo = s;
        if (s > hi) hi = s;
        return;
      }
    }
  };
  for (let k = 0; k + 3 < a.length; k += 2) {
    const s0 = cum[k >> 1];
    const len = cum[(k >> 1) + 1] - s0;
    const n = Math.max(1, Math.ceil(len / ZONE_SAMPLE_M));
    for (let i = 0; i < n; i++) {
      const u = i / n;
      test(s0 + u * len, a[k] + u * (a[k + 2] - a[k]), a[k + 1] + u * (a[k + 3] - a[k + 1]));
    }
  }
  test(total, a[a.length - 2], a[a.length - 1]);
  return lo <= hi ? [lo, hi] : null;
}

/**
 * The polyline (flat x, y) extended straight by `m` at both ends along its end segments: where the
 * bodies of vehicles entering or leaving a connector reach beyond it.
 */
function extendEnds(pts: number[], m: number): number[] {
  const n = pts.length;
  if (n < 4) return pts;
  const l0 = Math.hypot(pts[2] - pts[0], pts[3] - pts[1]) || 1;
  const l1 = Math.hypot(pts[n - 2] - pts[n - 4], pts[n - 1] - pts[n - 3]) || 1;
  return [
    pts[0] - (m * (pts[2] - pts[0])) / l0,
    pts[1] - (m * (pts[3] - pts[1])) / l0,
    ...pts,
    pts[n - 2] + (m * (pts[n - 2] - pts[n - 4])) / l1,
    pts[n - 1] + (m * (pts[n - 1] - pts[n - 3])) / l1,
  ];
}

/** A link's connector centreline: its via lanes' points, in order. */
function connectorShape(link: JunctionLink): number[] {
  const pts: number[] = [];
  for (const via of link.vias) {
    const c = via.lane.centreline;
    for (let i = 0; i < c.size; i++) pts.push(c.xs[i], c.ys[i]);
  }
  return pts;
}

/**
 * How far the corners of a long vehicle swing out from the centreline on the tightest bend of a
 * polyline (m): (L/2)² / (2R), R estimated per vertex as half the adjacent segments' length over the turn.
 */
function cornerSwing(pts: number[], halfLengthM = SWING_HALF_LENGTH_M, maxM = 2): number {
  let minR = Infinity;
  for (let k = 2; k + 3 < pts.length; k += 2) {
    const ax = pts[k] - pts[k - 2];
    const ay = pts[k + 1] - pts[k - 1];
    const bx = pts[k + 2] - pts[k];
    const by = pts[k + 3] - pts[k + 1];
    const la = Math.hypot(ax, ay);
    const lb = Math.hypot(bx, by);
    if (la < 1e-6 || lb < 1e-6) continue;
    const turn = Math.abs(Math.atan2(ax * by - ay * bx, ax * bx + ay * by));
    if (turn < 1e-6) continue;
    const r = (la + lb) / 2 / turn;
    if (r < minR) minR = r;
  }
  return minR === Infinity ? 0 : Math.min(maxM, (halfLengthM * halfLengthM) / (2 * minR));
}

/** The part of a polyline (flat x, y array) beyond arc length `m`. */
function trimStart(pts: number[], m: number): number[] {
  let acc = 0;
  for (let k = 0; k + 3 < pts.length; k += 2) {
    const len = Math.hypot(pts[k + 2] - pts[k], pts[k + 3] - pts[k + 1]);
    if (acc + len > m) {
      const u = (m - acc) / len;
      return [pts[k] + u * (pts[k + 2] - pts[k]), pts[k + 1] + u * (pts[k + 3] - pts[k + 1]), ...pts.slice(k + 2)];
    }
    acc += len;
  }
  return [];
}

/** Smallest distance between two polylines (flat x, y arrays), exact below `stop` (farther: some value ≥ stop). */
function polylineDistance(a: number[], b: number[], stop: number): number {
  let best = Infinity;
  for (let i = 0; i + 3 < a.length; i += 2) {
    const ax0 = Math.min(a[i], a[i + 2]) - stop,
      ax1 = Math.max(a[i], a[i + 2]) + stop;
    const ay0 = Math.min(a[i + 1], a[i + 3]) - stop,
      ay1 = Math.max(a[i + 1], a[i + 3]) + stop;
    for (let j = 0; j + 3 < b.length; j += 2) {
      // Segments whose boxes are farther apart than `stop` cannot come closer than it.
      if (
        Math.max(b[j], b[j + 2]) < ax0 ||
        Math.min(b[j], b[j + 2]) > ax1 ||
        Math.max(b[j + 1], b[j + 3]) < ay0 ||
        Math.min(b[j + 1], b[j + 3]) > ay1
      )
        continue;
      const d = segmentDistance(a[i], a[i + 1], a[i + 2], a[i + 3], b[j], b[j + 1], b[j + 2], b[j + 3]);
      if (d < best) {
        best = d;
        if (best < stop) return best;
      }
    }
  }
  return best === Infinity ? stop : best;
}

/** Distance between segments p0p1 and q0q1. */
function segmentDistance(
  p0x: number,
  p0y: number,
  p1x: number,
  p1y: number,
  q0x: number,
  q0y: number,
  q1x: number,
  q1y: number,
): number {
  const d1x = p1x - p0x,
    d1y = p1y - p0y,
    d2x = q1x - q0x,
    d2y = q1y - q0y;
  const den = d1x * d2y - d1y * d2x;
  if (den !== 0) {
    const t = ((q0x - p0x) * d2y - (q0y - p0y) * d2x) / den;
    const u = ((q0x - p0x) * d1y - (q0y - p0y) * d1x) / den;
    if (t >= 0 && t <= 1 && u >= 0 && u <= 1) return 0;
  }
  return Math.min(
    pointSegment(p0x, p0y, q0x, q0y, q1x, q1y),
    pointSegment(p1x, p1y, q0x, q0y, q1x, q1y),
    pointSegment(q0x, q0y, p0x, p0y, p1x, p1y),
    pointSegment(q1x, q1y, p0x, p0y, p1x, p1y),
  );
}

function pointSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax,
    dy = by - ay;
  const l2 = dx * dx + dy * dy;
  let u = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0;
  if (u < 0) u = 0;
  else if (u > 1) u = 1;
  return Math.hypot(ax + u * dx - px, ay + u * dy - py);
}

/** Distance from the start over which two lanes' centrelines stay closer than the separation (m). */
function overlapFromStart(a: LaneData, b: LaneData): number {
  const len = Math.min(a.lengthM, b.lengthM);
  const step = 0.5;
  for (let s = 0; s <= len + 1e-9; s += step) {
    const pa = a.lane.centreline.poseAt(s);
    const pb = b.lane.centreline.poseAt(s);
    if (Math.hypot(pa.x - pb.x, pa.y - pb.y) >= SIBLING_SEPARATION_M) return s;
  }
  return len + a.lane.widthM; // never apart within the shorter lane: overlapping throughout
}
