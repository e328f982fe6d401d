/**
 * Right of way at OpenDRIVE junctions: the static state of each junction link, its foes and the
 * links it yields to, the junction's type, and fixed-time programs for its traffic lights.
 *
 * In order of precedence, per junction:
 * 1. Traffic lights: dynamic signals of the OpenDRIVE catalogue (`1000001` and the other `1000xxx`
 *    types, except pedestrian and bicycle lights; or any `dynamic="yes"` signal) on an incoming road
 *    control the links from that road's lanes that drive into the junction at the road's end nearer
 *    the signal (within `<validity>` where it names such lanes — CARLA/RoadRunner files give
 *    `0..0` and orientations that face the traffic rather than run with it, so orientation is not
 *    read); on a connecting road they control the links through it. Signals of one top-level
 *    `<controller>` form a group, otherwise the signals of one approach do; groups get green in the
 *    order of the junction's `<controller sequence>` (then the controllers' own `sequence`, then by
 *    approach heading). Each group: green 30 s (`G`; `g` for links that must yield to another link
 *    green at the same time, such as a left turn across oncoming traffic), yellow 3 s, all red 2 s
 *    — the project's generator defaults. Links without a light at such a junction yield (`m`).
 * 2. Signs: a stop sign (`206` in the German catalogue, `R1-1` in the US one) makes the approach's
 *    links stop (`s`), a yield sign (`205`, `R1-2`) minor (`m`), a priority sign (`301`, `306`) major;
 *    the approaches without a sign are major where others have stop or yield signs, minor where
 *    others have priority signs.
 * 3. `<priority high low>` (at junctions without lights): the link through connecting road `low`
 *    yields to the one through `high` where they conflict, whatever 2 or 4 say; other pairs follow them.
 * 4. Otherwise the project's geometric rules, as netconvert does without priorities: at a junction
 *    of three or more approaches, the pair of approaches that face each other most nearly (within
 *    45°), the one with most lanes first, is the main road (`M`), the others minor (`m`); then
 *    computeJunctionConflicts — conflicts from the link paths, and among links of equal rank, right
 *    before left.
 */
import { computeJunctionConflicts } from "../junctionConflicts.js";
import { segmentHeading, wrapAngle } from "../generators/polylineMath.js";
import type { ConnectionSpec, LaneSpec, RoadNetworkSpec, SignalProgramSpec } from "../RoadNetworkSpec.js";
import type { JunctionLinkDraft } from "./buildOpenDriveNetwork.js";
import type { PartLane, RoadPart } from "./layoutRoad.js";
import type { LinkedRoad } from "./linkOpenDriveLanes.js";
import type { OdrJunction, OdrSignal, OpenDriveDocument } from "./OpenDriveDocument.js";

/** Fixed-time program durations, seconds (the 4-way generator's defaults). */
export const GREEN_S = 30;
export const YELLOW_S = 3;
export const ALL_RED_S = 2;
/** Approaches facing each other within this angle make a main road, radians. */
const STRAIGHT_RAD = Math.PI / 4;

const PEDESTRIAN_OR_BICYCLE_LIGHTS = new Set(["1000002", "1000007", "1000013"]);
const STOP_SIGNS = new Set(["206", "R1-1"]);
const YIELD_SIGNS = new Set(["205", "R1-2"]);
const PRIORITY_SIGNS = new Set(["301", "306"]);

type End = "start" | "end";

/**
 * Whether a signal is a traffic light for vehicles: an OpenDRIVE-catalogue light (`1000xxx`, not a
 * pedestrian or bicycle one), or another dynamic signal unless its type is a road-sign number (a
 * variable speed-limit sign such as `274`) or a right-of-way sign.
 */
export function isTrafficLight(s: OdrSignal): boolean {
  const type = s.type ?? "";
  if (PEDESTRIAN_OR_BICYCLE_LIGHTS.has(type)) return false;
  if (/^1000\d{3}$/.test(type)) return true;
  return s.dynamic === true && !/^\d{3}(-\d+)?$/.test(type) && signRule(s) === undefined;
}

/** A sign's meaning at a junction, if it is a right-of-way sign. */
function signRule(s: OdrSignal): "stop" | "yield" | "priority" | undefined {
  const type = s.type ?? "";
  if (STOP_SIGNS.has(type)) return "stop";
  if (YIELD_SIGNS.has(type)) return "yield";
  if (PRIORITY_SIGNS.has(type)) return "priority";
  return undefined;
}

/** A group of links that get green together, with the key that orders it. */
interface Group {
  key: string;
  order: [number, number, string];
  links: JunctionLinkDraft[];
}

/** Sets the right-of-way fields of `links` (connections of `spec`), junction types and signal programs; see the file comment. */
export function applyOpenDriveRightOfWay(
  spec: RoadNetworkSpec,
  doc: OpenDriveDocument,
  links: readonly JunctionLinkDraft[],
  roads: ReadonlyMap<string, LinkedRoad>,
): void {
  const byJunction = new Map<string, JunctionLinkDraft[]>();
  for (const l of links) {
    const list = byJunction.get(l.junction.id) ?? [];
    list.push(l);
    byJunction.set(l.junction.id, list);
  }
  const shapes = new Map<string, LaneSpec>();
  for (const r of spec.roads) for (const lane of r.lanes) shapes.set(lane.id, lane);

  const lights = placeSignals(doc, links, roads, isTrafficLight);
  const signs = placeSignals(doc, links, roads, (s) => signRule(s) !== undefined);
  const groups = new Map<string, Group[]>();
  const permissive = new Set<JunctionLinkDraft>();

  for (const j of doc.junctions) {
    const js = byJunction.get(j.id) ?? [];
    if (js.some((l) => lights.has(l))) {
      groups.set(j.id, lightGroups(j, js, lights, doc, shapes));
      for (const l of js) l.conn.state = lights.has(l) ? "O" : "m";
    } else if (js.some((l) => signs.has(l))) {
      applySigns(js, signs);
    } else {
      mainRoad(js, shapes);
    }
  }
  applyConflicts(spec);
  // Links that must yield to another link of their own green group: permissive green, minor static state.
  for (const [, gs] of groups) {
    for (const g of gs) {
      const indices = new Set(g.links.map((l) => l.conn.junctionLinkIndex));
      for (const l of g.links) {
        if ((l.conn.response ?? []).some((i) => indices.has(i))) {
          permissive.add(l);
          l.conn.state = "o";
        }
      }
    }
  }
  if (permissive.size > 0) applyConflicts(spec);
  for (const j of doc.junctions)
    if (j.priorities.length > 0 && !groups.has(j.id)) applyPriorities(j, byJunction.get(j.id) ?? []);

  for (const junction of spec.junctions) {
    const gs = groups.get(junction.id);
    if (gs) {
      junction.type = "traffic_light";
      spec.signals.push(program(junction.id, gs, byJunction.get(junction.id) ?? [], permissive));
    } else {
      const js = byJunction.get(junction.id) ?? [];
      junction.type = js.length > 0 && js.every((l) => l.conn.state === "s") ? "allway_stop" : "priority";
    }
  }
}

/** Recomputes foes and responses of every junction link from the current states. */
function applyConflicts(spec: RoadNetworkSpec): void {
  computeJunctionConflicts(spec).forEach((c, i) => {
    if (!c) return;
    const conn: ConnectionSpec = spec.connections[i];
    conn.foes = c.foes;
    conn.response = c.response;
  });
}

/** Where a signal stands: the junction end of its road it belongs to. */
interface Placement {
  signal: OdrSignal;
  /** The signal itself (references resolved). */
  target: OdrSignal;
}

/**
 * The junction links each matching signal (or reference to one) controls, with the signal: on a
 * connecting road, the links through its lanes; on another road, the links from its lanes that
 * enter the junction at the road's end nearer the signal.
 */
function placeSignals(
  doc: OpenDriveDocument,
  links: readonly JunctionLinkDraft[],
  roads: ReadonlyMap<string, LinkedRoad>,
  matches: (s: OdrSignal) => boolean,
): Map<JunctionLinkDraft, OdrSignal> {
  const byId = new Map<string, OdrSignal>();
  for (const r of doc.roads) for (const s of r.signals) if (!s.isReference && !byId.has(s.id)) byId.set(s.id, s);
  const placements: Placement[] = [];
  for (const r of doc.roads) {
    for (const s of r.signals) {
      const target = s.isReference ? byId.get(s.id) : s;
      if (target && matches(target)) placements.push({ signal: s, target });
    }
  }
  const out = new Map<JunctionLinkDraft, OdrSignal>();
  for (const { signal, target } of placements) {
    const road = roads.get(signal.roadId)!.road;
    const inValidity = (laneId: number) =>
      signal.validity.some((v) => laneId >= Math.min(v.fromLane, v.toLane) && laneId <= Math.max(v.fromLane, v.toLane));
    let candidates: { link: JunctionLinkDraft; laneId: number }[];
    if (road.junction !== undefined) {
      candidates = [];
      for (const l of links) {
        const on = l.path.find((p) => p.part.road === road);
        if (on) candidates.push({ link: l, laneId: on.pieces[0].laneId });
      }
    } else {
      const end: End = signal.s > road.length / 2 ? "end" : "start";
      const link = end === "end" ? road.successor : road.predecessor;
      if (link?.elementType !== "junction") continue;
      candidates = links
        .filter((l) => l.junction.id === link.elementId && l.from.part.road === road && endsAt(l.from.part, end))
        .map((l) => ({ link: l, laneId: laneIdAt(l.from, end) }));
    }
    const named = candidates.filter((c) => inValidity(c.laneId));
    for (const c of named.length > 0 ? named : candidates) if (!out.has(c.link)) out.set(c.link, target);
  }
  return out;
}

/** Whether a part's lanes end (in driving direction) at the road's reference end `end`. */
function endsAt(part: RoadPart, end: End): boolean {
  return part.forward === (end === "end");
}

/** The OpenDRIVE lane id of a part lane at its road's reference end `end`. */
function laneIdAt(lane: PartLane, end: End): number {
  return end === "end" ? lane.pieces[lane.pieces.length - 1].laneId : lane.pieces[0].laneId;
}

/** Heading at the end of the lane a link comes from (radians). */
function approachHeading(l: JunctionLinkDraft, shapes: ReadonlyMap<string, LaneSpec>): number {
  const shape = shapes.get(l.conn.fromLane)!.shape;
  return segmentHeading(shape[shape.length - 2], shape[shape.length - 1]);
}

/** The light groups of a junction in the order they get green. */
function lightGroups(
  j: OdrJunction,
  js: readonly JunctionLinkDraft[],
  lights: ReadonlyMap<JunctionLinkDraft, OdrSignal>,
  doc: OpenDriveDocument,
  shapes: ReadonlyMap<string, LaneSpec>,
): Group[] {
  const controllerOf = new Map<string, { id: string; sequence?: number }>();
  for (const c of doc.controllers) for (const s of c.signalIds) if (!controllerOf.has(s)) controllerOf.set(s, c);
  const listed = new Map<string, number>();
  [...j.controllers]
    .map((c, i) => ({ c, i }))
    .sort((a, b) => (a.c.sequence ?? a.i) - (b.c.sequence ?? b.i) || a.i - b.i)
    .forEach(({ c }, rank) => listed.set(c.id, rank));
  const groups = new Map<string, Group>();
  for (const l of js) {
    const signal = lights.get(l);
    if (!signal) continue;
    const ctrl = controllerOf.get(signal.id);
    let key: string;
    let order: Group["order"];
    if (ctrl) {
      key = `controller ${ctrl.id}`;
      const rank = listed.get(ctrl.id);
      order = rank !== undefined ? [0, rank, ctrl.id] : [1, ctrl.sequence ?? 0, ctrl.id];
    } else {
      key = `approach ${l.conn.fromLane.replace(/_\d+$/, "")}`;
      const deg = ((approachHeading(l, shapes) * 180) / Math.PI + 360) % 360;
      order = [2, deg, key];
    }
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { key, order, links: [] }));
    g.links.push(l);
  }
  return [...groups.values()].sort(
    (a, b) =>
      a.order[0] - b.order[0] ||
      a.order[1] - b.order[1] ||
      (a.order[2] < b.order[2] ? -1 : a.order[2] > b.order[2] ? 1 : 0),
  );
}

/** The fixed-time program of one junction; numbers its controlled links (`tlId`, `linkIndex`). */
function program(
  tlId: string,
  groups: readonly Group[],
  js: readonly JunctionLinkDraft[],
  permissive: ReadonlySet<JunctionLinkDraft>,
): SignalProgramSpec {
  const controlled = js.filter((l) => groups.some((g) => g.links.includes(l)));
  controlled.forEach((l, i) => {
    l.conn.tlId = tlId;
    l.conn.linkIndex = i;
  });
  const phases: SignalProgramSpec["phases"] = [];
  for (const g of groups) {
    const inGroup = (l: JunctionLinkDraft) => g.links.includes(l);
    phases.push({
      durationS: GREEN_S,
      state: controlled.map((l) => (inGroup(l) ? (permissive.has(l) ? "g" : "G") : "r")).join(""),
    });
    phases.push({ durationS: YELLOW_S, state: controlled.map((l) => (inGroup(l) ? "y" : "r")).join("") });
    phases.push({ durationS: ALL_RED_S, state: "r".repeat(controlled.length) });
  }
  return { id: tlId, programId: "0", offsetS: 0, type: "static", phases };
}

/** States from right-of-way signs on the approaches (see the file comment, 2). */
function applySigns(js: readonly JunctionLinkDraft[], signs: ReadonlyMap<JunctionLinkDraft, OdrSignal>): void {
  const rules = js.map((l) => {
    const s = signs.get(l);
    return s ? signRule(s) : undefined;
  });
  const anyStopOrYield = rules.some((r) => r === "stop" || r === "yield");
  js.forEach((l, i) => {
    const r = rules[i];
    l.conn.state = r === "stop" ? "s" : r === "yield" ? "m" : r === "priority" ? "M" : anyStopOrYield ? "M" : "m";
  });
}

/** `<priority high low>`: the low road's links yield to the high road's where they conflict, and not the other way. */
function applyPriorities(j: OdrJunction, js: readonly JunctionLinkDraft[]): void {
  const through = (l: JunctionLinkDraft) => new Set(l.path.map((p) => p.part.road.id));
  for (const a of js) {
    for (const b of js) {
      if (a === b || !(a.conn.foes ?? []).includes(b.conn.junctionLinkIndex!)) continue;
      const ra = through(a);
      const rb = through(b);
      const aLow = j.priorities.some((p) => ra.has(p.low) && rb.has(p.high));
      if (!aLow) continue;
      const ia = a.conn.junctionLinkIndex!;
      const ib = b.conn.junctionLinkIndex!;
      a.conn.response = [...new Set([...(a.conn.response ?? []), ib])].sort((x, y) => x - y);
      b.conn.response = (b.conn.response ?? []).filter((x) => x !== ia);
    }
  }
}

/** The geometric main road (see the file comment, 4). */
function mainRoad(js: readonly JunctionLinkDraft[], shapes: ReadonlyMap<string, LaneSpec>): void {
  const approaches = new Map<RoadPart, { heading: number; lanes: number }>();
  for (const l of js) {
    if (!approaches.has(l.from.part)) {
      approaches.set(l.from.part, { heading: approachHeading(l, shapes), lanes: l.from.part.lanes.length });
    }
  }
  const list = [...approaches.entries()];
  let best: [RoadPart, RoadPart] | undefined;
  let bestScore = -Infinity;
  if (list.length >= 3) {
    for (let i = 0; i < list.length; i++) {
      for (let k = i + 1; k < list.length; k++) {
        const off = Math.abs(wrapAngle(list[i][1].heading - list[k][1].heading - Math.PI));
        if (off > STRAIGHT_RAD) continue;
        // Lanes first, then straightness (a lane is worth more than any alignment difference).
        const score = 10 * (list[i][1].lanes + list[k][1].lanes) - off;
        if (score > bestScore) {
          bestScore = score;
          best = [list[i][0], list[k][0]];
        }
      }
    }
  }
  for (const l of js) l.conn.state = !best || best.includes(l.from.part) ? "M" : "m";
}
