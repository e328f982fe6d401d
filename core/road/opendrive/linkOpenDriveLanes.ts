/**
 * Which drivable lane continues into which: the lane graph of an OpenDRIVE file, between the parts
 * that layoutRoad cut its roads into. Three sources, all read as "these two lane ends touch":
 * - inside a road, lanes that go on from one part to the next (layoutRoad's `innerLinks`);
 * - a road's `<predecessor>`/`<successor>` of type road, with its lanes' `<link>`s (or, where
 *   neither lane states a link there, the lane of the same id — of the opposite id where the two
 *   roads meet head to head or tail to tail);
 * - a junction's `<connection>`s with their `<laneLink>`s, from the incoming road to the connecting
 *   road (or, in a direct junction, the linked road) — without laneLinks, lanes paired as above.
 * A touch becomes a directed edge from the lane that ends there (in its driving direction) to the
 * one that starts there; two lanes that both end (or both start) there run against each other and
 * are not joined. A `contactPoint` left out is taken as the end of the linked road nearer to the
 * link.
 *
 * Errors (MapFormatError at the element): a link or connection naming a road that does not exist, a lane link naming a lane the road does not have there (where the lane at the other
 * end is drivable), a connecting road that does not lie in the junction.
 */
import type { XmlElement } from "../sumo/walkSumoXml.js";
import type {
  ContactPoint,
  OdrConnection,
  OdrJunction,
  OdrLane,
  OdrRoad,
  OpenDriveDocument,
} from "./OpenDriveDocument.js";
import { isDrivableLaneType } from "./laneTypes.js";
import type { PartLane, RoadLayout } from "./layoutRoad.js";
import type { RoadGeometry } from "./RoadGeometry.js";

/** Lane `from` continues into lane `to` (both in driving direction), through junction `junction` where the link is a junction's. */
export interface LaneEdge {
  from: PartLane;
  to: PartLane;
  /** The OpenDRIVE junction whose connection made the edge (only for direct junctions, where no connecting road says so). */
  junction?: string;
}

/** A road as the linker needs it. */
export interface LinkedRoad {
  road: OdrRoad;
  geometry: RoadGeometry;
  layout: RoadLayout;
}

type End = "start" | "end";

/**
 * All lane edges of the file (see the file comment), without duplicates, in a deterministic order.
 * @throws MapFormatError for dangling references
 */
export function linkOpenDriveLanes(doc: OpenDriveDocument, roads: ReadonlyMap<string, LinkedRoad>): LaneEdge[] {
  const edges: LaneEdge[] = [];
  const seen = new Set<string>();
  const add = (from: PartLane, to: PartLane, junction?: string): void => {
    const key = `${id(from)}\u0000${id(to)}`;
    if (seen.has(key)) return;
    seen.add(key);
    const e: LaneEdge = { from, to };
    if (junction !== undefined) e.junction = junction;
    edges.push(e);
  };
  for (const { layout } of roads.values()) for (const [a, b] of layout.innerLinks) add(a, b);

  for (const r of doc.roads) {
    const me = roads.get(r.id)!;
    for (const end of ["start", "end"] as const) {
      const link = end === "start" ? r.predecessor : r.successor;
      if (!link) continue;
      if (link.elementType === "road") {
        const other = roads.get(link.elementId);
        if (!other) throw link.el.error(`links to road "${link.elementId}", which does not exist`);
        const cp = link.contactPoint ?? nearerEnd(other, endPoint(me, end));
        joinRoadEnds(me, end, other, cp, link.el, add);
      }
      // A link to a junction the file does not define is left alone: netconvert writes such links
      // for the dead ends and plain nodes of the networks it exports.
    }
  }
  for (const junction of doc.junctions) {
    for (const c of junction.connections) joinConnection(junction, c, roads, add);
  }
  return edges;
}

/** A stable identity for a part lane while ids are not yet assigned. */
function id(lane: PartLane): string {
  const p = lane.part;
  return `${p.road.id}\u0000${p.forward ? "+" : "-"}${p.order}\u0000${lane.index}`;
}

/** World point of the centre lane at one end of a road. */
function endPoint(r: LinkedRoad, end: End): [number, number] {
  const s = end === "start" ? 0 : r.geometry.length;
  return r.geometry.point(s, r.geometry.offset(s));
}

/** The end of `r` nearer to `p`. */
function nearerEnd(r: LinkedRoad, p: [number, number]): ContactPoint {
  const a = endPoint(r, "start");
  const b = endPoint(r, "end");
  return Math.hypot(a[0] - p[0], a[1] - p[1]) <= Math.hypot(b[0] - p[0], b[1] - p[1]) ? "start" : "end";
}

/** The lane section at a road's end (skipping degenerate ones), or undefined for a road without any. */
function sectionAt(r: LinkedRoad, end: End): number | undefined {
  return end === "start" ? r.layout.firstSection : r.layout.lastSection;
}

/** Whether lane `lane` (part lane) ends (in driving direction) at reference end `end` of its road. */
function endsAt(lane: PartLane, end: End): boolean {
  return lane.part.forward === (end === "end");
}

/**
 * Joins lane `a` at end `ea` of road `ra` and lane `b` at end `eb` of road `rb` when both are
 * drivable parts and one ends where the other starts.
 */
function touch(
  ra: LinkedRoad,
  ka: number,
  a: number,
  ea: End,
  rb: LinkedRoad,
  kb: number,
  b: number,
  eb: End,
  add: (from: PartLane, to: PartLane, junction?: string) => void,
  junction?: string,
): void {
  const pa = ra.layout.laneAt(ka, a, ea);
  const pb = rb.layout.laneAt(kb, b, eb);
  if (!pa || !pb) return;
  const aEnds = endsAt(pa, ea);
  const bEnds = endsAt(pb, eb);
  if (aEnds === bEnds) return;
  if (aEnds) add(pa, pb, junction);
  else add(pb, pa, junction);
}

/** Lane ids a lane at end `end` of its road links to beyond that end. */
function linksBeyond(lane: OdrLane, end: End): number[] {
  return end === "start" ? lane.predecessors : lane.successors;
}

/** Where two road ends meet, the id a lane keeps (same orientation) or flips (head to head, tail to tail). */
function pairedId(laneId: number, ea: End, eb: End): number {
  return ea !== eb ? laneId : -laneId;
}

function joinRoadEnds(
  me: LinkedRoad,
  end: End,
  other: LinkedRoad,
  cp: ContactPoint,
  at: XmlElement,
  add: (from: PartLane, to: PartLane) => void,
): void {
  const ka = sectionAt(me, end);
  const kb = sectionAt(other, cp);
  if (ka === undefined || kb === undefined) return;
  const theirs = other.road.sections[kb].lanes;
  for (const lane of me.road.sections[ka].lanes) {
    let partners = linksBeyond(lane, end);
    if (partners.length === 0) {
      const guess = theirs.find((l) => l.id === pairedId(lane.id, end, cp));
      if (guess && linksBeyond(guess, cp).length === 0) partners = [guess.id];
    }
    for (const p of partners) {
      const target = theirs.find((l) => l.id === p);
      if (!target) {
        if (!isDrivableLaneType(lane.type)) continue;
        lane.el.fail(
          `its ${end === "start" ? "predecessor" : "successor"} lane ${p} is not a lane of road "${other.road.id}" ` +
            `at its ${cp} (lanes there: ${theirs.map((l) => l.id).join(", ") || "none"}; linked at ${at.label})`,
        );
      }
      touch(me, ka, lane.id, end, other, kb, p, cp, add);
    }
  }
}

function joinConnection(
  junction: OdrJunction,
  c: OdrConnection,
  roads: ReadonlyMap<string, LinkedRoad>,
  add: (from: PartLane, to: PartLane, junction?: string) => void,
): void {
  const me = roads.get(c.incomingRoad);
  if (!me) throw c.el.error(`incoming road "${c.incomingRoad}" does not exist`);
  const targetId = c.connectingRoad ?? c.linkedRoad!;
  const target = roads.get(targetId);
  if (!target) throw c.el.error(`${c.connectingRoad ? "connecting" : "linked"} road "${targetId}" does not exist`);
  if (c.connectingRoad !== undefined && target.road.junction !== junction.id) {
    c.el.fail(
      `connecting road "${targetId}" is not a road of junction "${junction.id}" (its junction attribute is "${target.road.junction ?? "-1"}")`,
    );
  }
  const linksHere = (e: End) => {
    const l = e === "start" ? me.road.predecessor : me.road.successor;
    return l?.elementType === "junction" && l.elementId === junction.id;
  };
  // The incoming road's end at the junction: the one its links name, else (both or neither) the one nearer the connecting road.
  let end: End;
  if (linksHere("start") !== linksHere("end")) end = linksHere("start") ? "start" : "end";
  else {
    const a = endPoint(target, "start");
    const b = endPoint(target, "end");
    const d = (e: End) => {
      const p = endPoint(me, e);
      return Math.min(Math.hypot(p[0] - a[0], p[1] - a[1]), Math.hypot(p[0] - b[0], p[1] - b[1]));
    };
    end = d("start") <= d("end") ? "start" : "end";
  }
  const cp = c.contactPoint ?? nearerEnd(target, endPoint(me, end));
  const ka = sectionAt(me, end);
  if (ka === undefined) return;
  const kb = sectionAt(target, cp);
  if (kb === undefined) return;
  const mine = me.road.sections[ka].lanes;
  const theirs = target.road.sections[kb].lanes;
  const direct = c.connectingRoad === undefined ? junction.id : undefined;
  if (c.laneLinks.length === 0) {
    for (const lane of mine) {
      if (theirs.some((l) => l.id === pairedId(lane.id, end, cp))) {
        touch(me, ka, lane.id, end, target, kb, pairedId(lane.id, end, cp), cp, add, direct);
      }
    }
    return;
  }
  // A laneLink naming a missing lane is an error only where the lane it does name would use the link:
  // the incoming lane ends at the junction, or the connecting lane starts at the contact point.
  const uses = (lane: OdrLane | undefined, r: LinkedRoad, k: number, e: End, ends: boolean): boolean => {
    if (!lane || !isDrivableLaneType(lane.type)) return false;
    const pl = r.layout.laneAt(k, lane.id, e);
    return pl !== undefined && endsAt(pl, e) === ends;
  };
  for (const ll of c.laneLinks) {
    const from = mine.find((l) => l.id === ll.from);
    const to = theirs.find((l) => l.id === ll.to);
    if (!from && uses(to, target, kb, cp, false)) {
      ll.el.fail(
        `lane ${ll.from} is not a lane of incoming road "${me.road.id}" at its ${end} (lanes there: ${mine.map((l) => l.id).join(", ") || "none"})`,
      );
    }
    if (!to && uses(from, me, ka, end, true)) {
      ll.el.fail(
        `lane ${ll.to} is not a lane of road "${targetId}" at its ${cp} (lanes there: ${theirs.map((l) => l.id).join(", ") || "none"})`,
      );
    }
    if (from && to) touch(me, ka, from.id, end, target, kb, to.id, cp, add, direct);
  }
}
