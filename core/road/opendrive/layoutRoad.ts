/**
 * Cuts one OpenDRIVE road into the pieces the road model can hold. A road-model road has a fixed
 * set of lanes, all running its whole length in one direction, each with one speed limit; an
 * OpenDRIVE road has lanes in both directions, lane sections that add and drop lanes, and lanes that
 * taper in or out. So each direction of the road becomes one or more *parts*: maximal stretches
 * along s over which the drivable lanes stay the same lanes (linked one to one across lane-section
 * boundaries), keep their speed limits, and are at least {@link MIN_LANE_WIDTH_M} wide where their
 * width varies (netconvert's `--opendrive.min-width`: a tapering lane begins where it is wide enough
 * to drive in). Lanes run along s on their side's driving direction: with right-hand traffic the
 * right lanes (negative ids) forward and the left lanes backward, with left-hand traffic the other
 * way round; a lane's `direction="reversed"` swaps it.
 */
import type { OdrLane, OdrLaneSection, OdrRoad, TrafficRule } from "./OpenDriveDocument.js";
import type { RoadGeometry } from "./RoadGeometry.js";
import { isDrivableLaneType } from "./laneTypes.js";

/** A varying-width lane narrower than this is not (yet, or any more) a lane, metres (netconvert's default). */
export const MIN_LANE_WIDTH_M = 1.8;
/** A constant-width lane narrower than this is a placeholder, not a lane, metres. */
export const ZERO_WIDTH_M = 0.01;
/** Speed limit of a lane that states none, m/s (netconvert's typemap: 50 km/h). */
export const DEFAULT_SPEED_MPS = 13.89;
/** Lane sections shorter than this are skipped (their links are followed through), metres. */
const DEGENERATE_M = 1e-6;
/** Width is probed at this spacing to find where a tapering lane crosses the minimum width, metres. */
const WIDTH_PROBE_M = 0.5;

/** A stretch of one OpenDRIVE lane inside a part. */
export interface LanePiece {
  /** Lane section index. */
  k: number;
  laneId: number;
  s0: number;
  s1: number;
}

/** One lane of a part. */
export interface PartLane {
  part: RoadPart;
  /** Index in the part: 0 the rightmost in driving direction. */
  index: number;
  /** The OpenDRIVE lane stretches, ascending s. */
  pieces: LanePiece[];
  speedMps: number;
  /** OpenDRIVE lane type of its first piece. */
  type: string;
}

/** One part: a stretch of the road in one driving direction. */
export interface RoadPart {
  road: OdrRoad;
  /** Driving along s (true) or against it. */
  forward: boolean;
  s0: number;
  s1: number;
  lanes: PartLane[];
  /** Place among the parts of this road and direction, in driving order (0 first). */
  order: number;
}

/** A non-drivable lane over one lane section, for drawing and for the shoulder. */
export interface RoadsidePiece {
  k: number;
  lane: OdrLane;
}

/** The parts of one road and how its lanes continue between them. */
export interface RoadLayout {
  road: OdrRoad;
  parts: RoadPart[];
  /** Lane continuations inside the road (from a part's lane to the next part's lane, driving order). */
  innerLinks: [PartLane, PartLane][];
  /** First and last lane sections that are not degenerate (undefined: the road has none). */
  firstSection: number | undefined;
  lastSection: number | undefined;
  /** The part lane holding lane `laneId` of section `k` at the section's start (s) or end. */
  laneAt(k: number, laneId: number, where: "start" | "end"): PartLane | undefined;
  /** The drivable lanes of section `k` with their driving direction. */
  drivable(k: number): { lane: OdrLane; forward: boolean }[];
  roadside: RoadsidePiece[];
}

/** Whether a lane of the road drives along s. */
export function drivesForward(lane: OdrLane, rule: TrafficRule): boolean {
  const nominal = rule === "RHT" ? lane.id < 0 : lane.id > 0;
  return lane.direction === "reversed" ? !nominal : nominal;
}

/** The road type's speed limit at `s`, if the road states one. */
function roadTypeSpeed(road: OdrRoad, s: number): number | undefined {
  let speed: number | undefined;
  for (const t of road.types) if (t.s <= s + 1e-9) speed = t.speedMps;
  return speed;
}

/** Speed limit of `lane` (section starting at `sectionS`) at road position `s`. */
function laneSpeed(road: OdrRoad, lane: OdrLane, sectionS: number, s: number): number {
  let speed: number | undefined;
  for (const r of lane.speeds) if (sectionS + r.sOffset <= s + 1e-9) speed = r.mps;
  return speed ?? roadTypeSpeed(road, s) ?? DEFAULT_SPEED_MPS;
}

/** Whether the width of `lane` changes (several records, a non-constant polynomial, or borders). */
function hasVariableWidth(lane: OdrLane): boolean {
  if (lane.widths.length === 0) return lane.borders.length > 0;
  return lane.widths.some((w) => w.b !== 0 || w.c !== 0 || w.d !== 0 || w.a !== lane.widths[0].a);
}

/** Whether lane a (section k) continues into lane b (the next section), by the lanes' links or, without any, by equal ids. */
export function lanesLinked(a: OdrLane, b: OdrLane): boolean {
  if (a.successors.includes(b.id) || b.predecessors.includes(a.id)) return true;
  return a.successors.length === 0 && b.predecessors.length === 0 && a.id === b.id;
}

interface Piece {
  k: number;
  s0: number;
  s1: number;
  /** Drivable lanes present, with their direction and speed. */
  lanes: { lane: OdrLane; forward: boolean; speedMps: number }[];
}

/** Lays out one road (see the file comment). */
export function layoutRoad(road: OdrRoad, geometry: RoadGeometry, fileRule: TrafficRule): RoadLayout {
  const rule = road.rule ?? fileRule;
  const sections = road.sections;
  const live = sections.map((_, k) => geometry.sectionEnd(k) - geometry.sectionStart(k) > DEGENERATE_M);
  const liveIdx = sections.map((_, k) => k).filter((k) => live[k]);
  const drivableOf = (k: number) =>
    sections[k].lanes
      .filter((l) => isDrivableLaneType(l.type))
      .map((lane) => ({ lane, forward: drivesForward(lane, rule) }));

  const pieces: Piece[] = [];
  for (const k of liveIdx) pieces.push(...sectionPieces(road, geometry, k, drivableOf(k)));

  const layout: RoadLayout = {
    road,
    parts: [],
    innerLinks: [],
    firstSection: liveIdx[0],
    lastSection: liveIdx[liveIdx.length - 1],
    laneAt: () => undefined,
    drivable: drivableOf,
    roadside: [],
  };
  const startIndex = new Map<string, PartLane>();
  const endIndex = new Map<string, PartLane>();
  const key = (k: number, id: number) => `${k}\u0000${id}`;

  for (const forward of [true, false]) {
    const parts: RoadPart[] = [];
    let current: RoadPart | undefined;
    let prev: Piece | undefined;
    for (const piece of pieces) {
      const lanes = piece.lanes
        .filter((l) => l.forward === forward)
        .sort((a, b) => (forward ? a.lane.id - b.lane.id : b.lane.id - a.lane.id));
      const continues =
        current !== undefined &&
        prev !== undefined &&
        current.lanes.length === lanes.length &&
        lanes.every((l, i) => {
          const before = current!.lanes[i];
          const last = before.pieces[before.pieces.length - 1];
          return (
            before.speedMps === l.speedMps &&
            (prev!.k === piece.k
              ? last.laneId === l.lane.id
              : linkedAcross(sections, live, prev!.k, last.laneId, piece.k, l.lane.id))
          );
        });
      if (lanes.length === 0) {
        current = undefined;
      } else if (continues && current) {
        current.s1 = piece.s1;
        lanes.forEach((l, i) =>
          current!.lanes[i].pieces.push({ k: piece.k, laneId: l.lane.id, s0: piece.s0, s1: piece.s1 }),
        );
      } else {
        const part: RoadPart = { road, forward, s0: piece.s0, s1: piece.s1, lanes: [], order: 0 };
        part.lanes = lanes.map((l, index) => ({
          part,
          index,
          pieces: [{ k: piece.k, laneId: l.lane.id, s0: piece.s0, s1: piece.s1 }],
          speedMps: l.speedMps,
          type: l.lane.type,
        }));
        if (current && prev) linkParts(current, part, prev, piece, sections, live, layout.innerLinks, forward);
        parts.push(part);
        current = part;
      }
      prev = piece;
    }
    if (!forward) parts.reverse();
    parts.forEach((p, i) => (p.order = i));
    layout.parts.push(...parts);
  }
  for (const part of layout.parts) {
    for (const lane of part.lanes) {
      for (const pc of lane.pieces) {
        if (Math.abs(pc.s0 - geometry.sectionStart(pc.k)) < 1e-9) startIndex.set(key(pc.k, pc.laneId), lane);
        if (Math.abs(pc.s1 - geometry.sectionEnd(pc.k)) < 1e-9) endIndex.set(key(pc.k, pc.laneId), lane);
      }
    }
  }
  layout.laneAt = (k, id, where) => (where === "start" ? startIndex : endIndex).get(key(k, id));
  for (const k of liveIdx) {
    for (const lane of sections[k].lanes) if (!isDrivableLaneType(lane.type)) layout.roadside.push({ k, lane });
  }
  return layout;
}

/**
 * Links the lanes of the part that ends at piece `prev` to those of the part that begins at piece
 * `next` (adjacent pieces, so the lanes meet): same lane id within a section, linked lanes across.
 */
function linkParts(
  before: RoadPart,
  after: RoadPart,
  prev: Piece,
  next: Piece,
  sections: readonly OdrLaneSection[],
  live: readonly boolean[],
  out: [PartLane, PartLane][],
  forward: boolean,
): void {
  for (const a of before.lanes) {
    const aId = a.pieces[a.pieces.length - 1].laneId;
    for (const b of after.lanes) {
      const bId = b.pieces[0].laneId;
      const joined = prev.k === next.k ? aId === bId : linkedAcross(sections, live, prev.k, aId, next.k, bId);
      if (joined) out.push(forward ? [a, b] : [b, a]);
    }
  }
}

/**
 * Whether lane `a` of section `ka` continues into lane `b` of a later section `kb`, following links
 * through the degenerate (zero-length) sections between them.
 */
export function linkedAcross(
  sections: readonly OdrLaneSection[],
  live: readonly boolean[],
  ka: number,
  a: number,
  kb: number,
  b: number,
): boolean {
  let ids = new Set([a]);
  for (let k = ka; k < kb; k++) {
    const next = new Set<number>();
    for (const id of ids) {
      const from = sections[k].lanes.find((l) => l.id === id);
      if (!from) continue;
      for (const to of sections[k + 1].lanes) if (lanesLinked(from, to)) next.add(to.id);
    }
    ids = next;
    if (k + 1 < kb && live[k + 1]) return false;
  }
  return ids.has(b);
}

/**
 * Splits section `k` where its drivable lanes appear, disappear or change speed: at width record
 * starts, speed record starts and road type changes, and where a tapering lane's width crosses
 * {@link MIN_LANE_WIDTH_M} (found by probing and bisection).
 */
function sectionPieces(
  road: OdrRoad,
  geometry: RoadGeometry,
  k: number,
  drivable: { lane: OdrLane; forward: boolean }[],
): Piece[] {
  const s0 = geometry.sectionStart(k);
  const s1 = geometry.sectionEnd(k);
  const cuts = new Set<number>([s0, s1]);
  for (const s of geometry.laneBreaksIn(k, s0, s1)) cuts.add(s);
  for (const t of road.types) if (t.s > s0 && t.s < s1) cuts.add(t.s);
  for (const { lane } of drivable) {
    for (const r of lane.speeds) if (s0 + r.sOffset > s0 && s0 + r.sOffset < s1) cuts.add(s0 + r.sOffset);
    if (!hasVariableWidth(lane)) continue;
    const excess = (s: number) => (geometry.laneAt(k, lane.id, s)?.widthM ?? 0) - MIN_LANE_WIDTH_M;
    const n = Math.max(2, Math.ceil((s1 - s0) / WIDTH_PROBE_M));
    let a = s0;
    let fa = excess(a);
    for (let i = 1; i <= n; i++) {
      const b = i === n ? s1 : s0 + ((s1 - s0) * i) / n;
      const fb = excess(b);
      if (fa < 0 !== fb < 0) {
        let lo = a;
        let hi = b;
        for (let it = 0; it < 60 && hi - lo > 1e-9; it++) {
          const m = (lo + hi) / 2;
          if (excess(m) < 0 === fa < 0) lo = m;
          else hi = m;
        }
        cuts.add((lo + hi) / 2);
      }
      a = b;
      fa = fb;
    }
  }
  const sorted = [...cuts].sort((p, q) => p - q).filter((s, i, all) => i === 0 || s - all[i - 1] > DEGENERATE_M);
  if (sorted[sorted.length - 1] < s1) sorted[sorted.length - 1] = s1;
  const out: Piece[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i];
    const b = sorted[i + 1];
    const mid = (a + b) / 2;
    const lanes = drivable
      .filter(({ lane }) => {
        const w = geometry.laneAt(k, lane.id, mid)?.widthM ?? 0;
        return hasVariableWidth(lane) ? w >= MIN_LANE_WIDTH_M : w > ZERO_WIDTH_M;
      })
      .map(({ lane, forward }) => ({ lane, forward, speedMps: laneSpeed(road, lane, s0, a) }));
    out.push({ k, s0: a, s1: b, lanes });
  }
  return out;
}
