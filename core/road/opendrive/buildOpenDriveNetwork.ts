/**
 * Turns a parsed OpenDRIVE file into the road model ({@link RoadNetworkSpec}):
 * - each road's direction becomes one road here, or several where its lanes change (layoutRoad);
 *   ids: the OpenDRIVE road id for the lanes driving along the reference line, `-<id>` for those
 *   driving against it, `<id>.<k>` / `-<id>.<k>` for the k-th further part in driving order;
 *   lanes `<road>_<index>`, index 0 the rightmost in driving direction;
 * - connecting roads of junctions become internal roads `:<junction>_<id>` (same suffixes), and
 *   every path from a lane entering a junction through connecting lanes to a lane leaving it becomes
 *   a connection `via` the first connecting lane, numbered per junction for the right-of-way table;
 * - lanes joined without a junction (lane sections, road-to-road links) become plain connections;
 * - every OpenDRIVE junction becomes a junction, outlined by the convex hull of its connecting
 *   lanes and the lane ends meeting there; right of way and signals: applyOpenDriveRightOfWay;
 * - shoulders, sidewalks and the other non-drivable lanes become `roadside` strips.
 * Lane centrelines are sampled within MAX_CHORD_ERROR_M (2 cm) of the exact curves; elevation,
 * superelevation and lane heights are ignored (the model is 2-D).
 */
import { convexHull } from "../generators/convexHull.js";
import { coordinateProblem } from "../../../spec/coordinateLimit.js";
import { laneEdges, polylineLength, segmentHeading, wrapAngle } from "../generators/polylineMath.js";
import type {
  ConnectionSpec,
  JunctionSpec,
  LaneSpec,
  Point2,
  RoadNetworkSpec,
  RoadSpec,
  RoadsideLaneSpec,
} from "../RoadNetworkSpec.js";
import { applyOpenDriveRightOfWay } from "./applyOpenDriveRightOfWay.js";
import { isShoulderLaneType, laneTypeAllows } from "./laneTypes.js";
import { layoutRoad, type PartLane, type RoadPart } from "./layoutRoad.js";
import { linkOpenDriveLanes, type LaneEdge, type LinkedRoad } from "./linkOpenDriveLanes.js";
import type { OdrJunction, OpenDriveDocument } from "./OpenDriveDocument.js";
import { RoadGeometry } from "./RoadGeometry.js";
import { sampleCurve } from "./sampleCurve.js";

/** Connector chains longer than this many connecting lanes are not followed (a guard against link cycles). */
const MAX_CHAIN = 16;
/** Roadside strips narrower than this on average are left out, metres. */
const MIN_ROADSIDE_WIDTH_M = 0.05;

/** A junction link before right of way is decided: the connection and the OpenDRIVE data behind it. */
export interface JunctionLinkDraft {
  conn: ConnectionSpec;
  junction: OdrJunction;
  /** The lane entering the junction and its part. */
  from: PartLane;
  /** The connecting lanes crossed, in order (empty in a direct junction). */
  path: PartLane[];
  to: PartLane;
}

/**
 * Builds the network of a parsed file.
 * @throws MapFormatError for inconsistencies the file's references reveal (see linkOpenDriveLanes)
 */
export function buildOpenDriveNetwork(doc: OpenDriveDocument): RoadNetworkSpec {
  const junctions = new Map<string, OdrJunction>();
  for (const j of doc.junctions) {
    if (junctions.has(j.id)) j.el.fail("repeats the id of another junction");
    junctions.set(j.id, j);
  }
  const roads = new Map<string, LinkedRoad>();
  for (const road of doc.roads) {
    if (roads.has(road.id)) road.el.fail("repeats the id of another road");
    if (road.junction !== undefined && !junctions.has(road.junction)) {
      road.el.fail(`belongs to junction "${road.junction}", which does not exist`);
    }
    const geometry = new RoadGeometry(road);
    roads.set(road.id, { road, geometry, layout: layoutRoad(road, geometry, doc.rule) });
  }
  const edges = linkOpenDriveLanes(doc, roads);

  const ids = new Set<string>();
  const laneIds = new Map<PartLane, string>();
  const laneSpecs = new Map<PartLane, LaneSpec>();
  const specRoads: RoadSpec[] = [];
  const internalRoads: RoadSpec[] = [];
  for (const { road, geometry, layout } of roads.values()) {
    const counts = { forward: 0, backward: 0 };
    for (const p of layout.parts) counts[p.forward ? "forward" : "backward"]++;
    for (const part of layout.parts) {
      const base = part.forward ? road.id : `-${road.id}`;
      const name = part.order === 0 ? base : `${base}.${part.order}`;
      const id = unique(road.junction === undefined ? name : `:${road.junction}_${name}`, ids);
      const lanes = part.lanes.map((pl): LaneSpec => {
        const { shape, widthM } = sampleLane(pl, geometry);
        // Coefficients within bounds can still curve a lane out of every bound (d·s³ with a large d).
        for (const [x, y] of shape) {
          const problem = coordinateProblem(x) ?? coordinateProblem(y);
          if (problem)
            road.el.fail(
              `lane ${pl.pieces[0]?.laneId ?? "?"}: its geometry reaches (${x}, ${y}): ${problem}; check the plan view's and the lane widths' coefficients`,
            );
        }
        const lane: LaneSpec = {
          id: `${id}_${pl.index}`,
          roadId: id,
          index: pl.index,
          shape,
          widthM,
          speedLimitMps: pl.speedMps,
          lengthM: polylineLength(shape),
        };
        const allow = laneTypeAllows(pl.type);
        if (allow) lane.allow = [...allow];
        laneIds.set(pl, lane.id);
        laneSpecs.set(pl, lane);
        return lane;
      });
      const spec: RoadSpec = { id, kind: road.junction === undefined ? "normal" : "internal", lanes };
      if (road.name !== undefined) spec.name = road.name;
      if (road.junction !== undefined) {
        spec.fromJunction = road.junction;
        spec.toJunction = road.junction;
        internalRoads.push(spec);
      } else {
        const [from, to] = endJunctions(part, counts[part.forward ? "forward" : "backward"], junctions);
        if (from !== undefined) spec.fromJunction = from;
        if (to !== undefined) spec.toJunction = to;
        if (counts[part.forward ? "forward" : "backward"] > 1) spec.part = { of: base, index: part.order };
        specRoads.push(spec);
      }
    }
  }

  const { connections, links } = buildConnections(edges, laneIds, laneSpecs, junctions);
  const spec: RoadNetworkSpec = {
    source: { kind: "opendrive", path: doc.file },
    roads: [...specRoads, ...internalRoads],
    junctions: doc.junctions.map((j) => junctionSpec(j, links, internalRoads, laneSpecs)),
    connections,
    signals: [],
  };
  applyOpenDriveRightOfWay(spec, doc, links, roads);
  const roadside = buildRoadside(roads);
  if (roadside.length > 0) spec.roadside = roadside;
  return spec;
}

/** `id`, or `id#2`, `id#3`, … where it is taken; the result is added to `taken`. */
function unique(id: string, taken: Set<string>): string {
  let out = id;
  for (let n = 2; taken.has(out); n++) out = `${id}#${n}`;
  taken.add(out);
  return out;
}

/**
 * The junctions a normal road's part leaves and enters (only its road's first and last parts touch
 * junctions; links to junctions the file does not define are left out).
 */
function endJunctions(
  part: RoadPart,
  count: number,
  junctions: ReadonlyMap<string, OdrJunction>,
): [string | undefined, string | undefined] {
  const road = part.road;
  const at = (link: typeof road.predecessor) =>
    link?.elementType === "junction" && junctions.has(link.elementId) ? link.elementId : undefined;
  const startJ = at(part.forward ? road.predecessor : road.successor);
  const endJ = at(part.forward ? road.successor : road.predecessor);
  return [part.order === 0 ? startJ : undefined, part.order === count - 1 ? endJ : undefined];
}

/** A part lane's centreline in driving direction and its mean width. */
function sampleLane(pl: PartLane, g: RoadGeometry): { shape: Point2[]; widthM: number } {
  const shape: Point2[] = [];
  let widthSum = 0;
  let lengthSum = 0;
  for (const pc of pl.pieces) {
    const breaks = [
      ...new Set([
        pc.s0,
        ...g.geometryBreaksIn(pc.s0, pc.s1),
        ...g.offsetBreaksIn(pc.s0, pc.s1),
        ...g.laneBreaksIn(pc.k, pc.s0, pc.s1),
        pc.s1,
      ]),
    ].sort((a, b) => a - b);
    const points = sampleCurve((s) => g.point(s, g.laneAt(pc.k, pc.laneId, s)!.t), breaks);
    for (const p of points) {
      const last = shape[shape.length - 1];
      if (!last || Math.hypot(p[0] - last[0], p[1] - last[1]) > 1e-9) shape.push(p);
    }
    const n = 16;
    for (let i = 0; i < n; i++) {
      const s = pc.s0 + ((pc.s1 - pc.s0) * (i + 0.5)) / n;
      widthSum += (g.laneAt(pc.k, pc.laneId, s)!.widthM * (pc.s1 - pc.s0)) / n;
    }
    lengthSum += pc.s1 - pc.s0;
  }
  if (shape.length === 1) shape.push([shape[0][0] + 1e-6, shape[0][1]]);
  if (!pl.part.forward) shape.reverse();
  return { shape, widthM: Math.max(lengthSum > 0 ? widthSum / lengthSum : 0, 0.01) };
}

/**
 * Connections from the lane edges: plain ones between normal lanes, and for every path from a
 * normal lane through connecting lanes to a normal lane, a junction link `via` its first connecting
 * lane plus the connections along the chain.
 */
function buildConnections(
  edges: readonly LaneEdge[],
  laneIds: ReadonlyMap<PartLane, string>,
  laneSpecs: ReadonlyMap<PartLane, LaneSpec>,
  junctions: ReadonlyMap<string, OdrJunction>,
): { connections: ConnectionSpec[]; links: JunctionLinkDraft[] } {
  const out = new Map<PartLane, LaneEdge[]>();
  for (const e of edges) {
    const list = out.get(e.from) ?? [];
    list.push(e);
    out.set(e.from, list);
  }
  const isInternal = (l: PartLane) => l.part.road.junction !== undefined;
  const plain: ConnectionSpec[] = [];
  const links: JunctionLinkDraft[] = [];
  const chain: ConnectionSpec[] = [];
  const chainSeen = new Set<string>();
  const counters = new Map<string, number>();
  const junction = (id: string): OdrJunction => {
    const j = junctions.get(id);
    if (!j) throw new Error(`buildOpenDriveNetwork: junction "${id}" is not in the file's junctions`);
    return j;
  };
  const addLink = (from: PartLane, path: PartLane[], to: PartLane, j: OdrJunction) => {
    const index = counters.get(j.id) ?? 0;
    counters.set(j.id, index + 1);
    const conn: ConnectionSpec = {
      fromLane: laneIds.get(from)!,
      toLane: laneIds.get(to)!,
      dir: direction(laneSpecs.get(from)!.shape, laneSpecs.get(to)!.shape),
      state: "M",
      junction: j.id,
      junctionLinkIndex: index,
    };
    if (path.length > 0) conn.via = laneIds.get(path[0])!;
    links.push({ conn, junction: j, from, path, to });
    path.forEach((lane, i) => {
      const c: ConnectionSpec = { fromLane: laneIds.get(lane)!, toLane: conn.toLane };
      if (i + 1 < path.length) c.via = laneIds.get(path[i + 1])!;
      const key = `${c.fromLane}\u0000${c.toLane}\u0000${c.via ?? ""}`;
      if (chainSeen.has(key)) return;
      chainSeen.add(key);
      chain.push({ ...c, dir: conn.dir, state: "M" });
    });
  };
  const walk = (start: PartLane, path: PartLane[]) => {
    const last = path[path.length - 1];
    for (const e of out.get(last) ?? []) {
      if (!isInternal(e.to)) {
        addLink(start, path, e.to, junction(path[0].part.road.junction!));
      } else if (!path.includes(e.to) && path.length < MAX_CHAIN) {
        walk(start, [...path, e.to]);
      }
    }
  };
  for (const [from, list] of out) {
    if (isInternal(from)) continue;
    for (const e of list) {
      if (isInternal(e.to)) walk(from, [e.to]);
      else if (e.junction !== undefined) addLink(from, [], e.to, junction(e.junction));
      else plain.push({ fromLane: laneIds.get(from)!, toLane: laneIds.get(e.to)! });
    }
  }
  return { connections: [...plain, ...links.map((l) => l.conn), ...chain], links };
}

/** SUMO direction letter from the heading change between the end of `from` and the start of `to`. */
function direction(from: readonly Point2[], to: readonly Point2[]): string {
  const turn = wrapAngle(segmentHeading(to[0], to[1]) - segmentHeading(from[from.length - 2], from[from.length - 1]));
  const deg = (turn * 180) / Math.PI;
  if (Math.abs(deg) < 30) return "s";
  if (Math.abs(deg) > 150) return "t";
  return deg > 0 ? "l" : "r";
}

/** The junction's spec: centre and outline (convex hull of its connecting lanes and the lane ends meeting there). */
function junctionSpec(
  j: OdrJunction,
  links: readonly JunctionLinkDraft[],
  internalRoads: readonly RoadSpec[],
  laneSpecs: ReadonlyMap<PartLane, LaneSpec>,
): JunctionSpec {
  const pts: Point2[] = [];
  for (const road of internalRoads) {
    if (road.fromJunction !== j.id) continue;
    for (const lane of road.lanes) {
      const { left, right } = laneEdges(lane.shape, lane.widthM);
      pts.push(...left, ...right);
    }
  }
  for (const l of links) {
    if (l.junction !== j) continue;
    const from = laneEdges(laneSpecs.get(l.from)!.shape, laneSpecs.get(l.from)!.widthM);
    const to = laneEdges(laneSpecs.get(l.to)!.shape, laneSpecs.get(l.to)!.widthM);
    pts.push(from.left[from.left.length - 1], from.right[from.right.length - 1], to.left[0], to.right[0]);
  }
  const shape = pts.length >= 3 ? convexHull(pts) : [];
  const centreOf = shape.length > 0 ? shape : pts;
  let x = 0;
  let y = 0;
  for (const p of centreOf) {
    x += p[0];
    y += p[1];
  }
  const n = Math.max(1, centreOf.length);
  return { id: j.id, type: "priority", x: x / n, y: y / n, shape };
}

/** Non-drivable lanes as roadside strips, one per lane and lane section. */
function buildRoadside(roads: ReadonlyMap<string, LinkedRoad>): RoadsideLaneSpec[] {
  const out: RoadsideLaneSpec[] = [];
  for (const { road, geometry: g, layout } of roads.values()) {
    for (const { k, lane } of layout.roadside) {
      const s0 = g.sectionStart(k);
      const s1 = g.sectionEnd(k);
      let widthSum = 0;
      const n = 16;
      for (let i = 0; i < n; i++) widthSum += g.laneAt(k, lane.id, s0 + ((s1 - s0) * (i + 0.5)) / n)!.widthM;
      const widthM = widthSum / n;
      if (widthM < MIN_ROADSIDE_WIDTH_M) continue;
      const breaks = [
        ...new Set([s0, ...g.geometryBreaksIn(s0, s1), ...g.offsetBreaksIn(s0, s1), ...g.laneBreaksIn(k, s0, s1), s1]),
      ].sort((a, b) => a - b);
      const shape = sampleCurve((s) => g.point(s, g.laneAt(k, lane.id, s)!.t), breaks);
      if (shape.length < 2) continue;
      out.push({
        id: `${road.id}_${k}_${lane.id}`,
        roadId: road.id,
        type: lane.type,
        shoulder: isShoulderLaneType(lane.type),
        shape,
        widthM,
      });
    }
  }
  return out;
}
