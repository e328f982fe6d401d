/**
 * Imports a SUMO network (`.net.xml`, the format netconvert and netedit write) into a
 * {@link RoadNetworkSpec}. SUMO's coordinates are already the network's own metres (x east, y north),
 * so shapes are taken as they are, z dropped.
 *
 * What is read: `<location>`, `<edge>` with its `<lane>`s and their `<neigh>`, `<junction>` with its
 * `<request>`s, `<connection>`, `<tlLogic>` with its `<phase>`s. What is skipped: `<type>` (SUMO's
 * simulation does not apply type attributes to a net file's lanes either), `<roundabout>`, `<param>`,
 * `<stopOffset>`, and the requests of SUMO's `internal` junctions (the waiting points inside a
 * junction; they have none, their `intLanes` list foe lanes instead).
 * Lane width defaults to 3.2 m (SUMO_const_laneWidth) when the lane has no `width`, as in SUMO.
 *
 * Right of way: a junction's `<request index response foes cont>` rows become the `junction`,
 * `junctionLinkIndex`, `response`, `foes` and `cont` of its links. The bit strings are read as SUMO
 * reads them (`std::bitset<N>(string)`): the rightmost character is link 0. Links are numbered as
 * SUMO's `MSRightOfWayJunction::postloadInit` numbers them: incoming lane by incoming lane in
 * `incLanes` order, and within a lane in the order of its `<connection>` elements, leaving out
 * pedestrian links into walking areas and out of them except onto crossings. (`intLanes[i]` is then
 * the last internal lane of link i's `via` chain — the second one for a link with `cont="1"`.)
 */
import { MapFormatError } from "../MapFormatError.js";
import { coordinateProblem } from "../../../spec/coordinateLimit.js";
import type {
  ConnectionSpec,
  JunctionSpec,
  LaneSpec,
  RoadKind,
  RoadNetworkSpec,
  RoadSpec,
  SignalProgramSpec,
} from "../RoadNetworkSpec.js";
import { parseSumoShape } from "./parseSumoShape.js";
import { walkSumoXml, type XmlElement } from "./walkSumoXml.js";

/** SUMO's lane width when a lane states none (metres; `SUMO_const_laneWidth`). */
export const SUMO_DEFAULT_LANE_WIDTH_M = 3.2;

const KIND_BY_FUNCTION: Readonly<Record<string, RoadKind>> = {
  "": "normal",
  normal: "normal",
  internal: "internal",
  crossing: "crossing",
  walkingarea: "walkingarea",
  connector: "connector",
};

/** One `<request>` row of a junction. */
interface PendingRequest {
  el: XmlElement;
  index: number;
  response: number[];
  foes: number[];
  cont?: boolean;
}

/** A `<junction>`'s right-of-way data, kept until all connections are known. */
interface PendingJunction {
  el: XmlElement;
  id: string;
  incLanes: string[];
  requests: PendingRequest[];
}

/** A `<neigh>` kept until all lanes are known. */
interface PendingNeigh {
  el: XmlElement;
  lane: LaneSpec;
  neighLaneId: string;
}

/** A `<connection>` kept until all edges are known, with its element for error locations. */
interface PendingConnection {
  el: XmlElement;
  fromEdge: string;
  fromIndex: number;
  toEdge: string;
  toIndex: number;
}

/**
 * Parses the text of a SUMO `.net.xml` file.
 * @param xmlText the file's contents
 * @param file path recorded as the map's source and used in error messages
 * @throws MapFormatError with file, line and column: malformed XML, a root other than `<net>`, a
 *   missing or unparsable attribute, a lane shape of fewer than 2 points, lane indices that are not
 *   0..n-1, a connection to an unknown edge, lane or via lane, a traffic light without phases, a
 *   `<neigh>` naming an unknown lane, a `<request>` bit string of other characters than 0 and 1, a
 *   junction whose request indices are not 0..n-1 or whose links from `incLanes` do not number n
 */
export function parseSumoNet(xmlText: string, file: string): RoadNetworkSpec {
  const spec: RoadNetworkSpec = {
    source: { kind: "sumo", path: file },
    roads: [],
    junctions: [],
    connections: [],
    signals: [],
  };
  const laneIdsByEdge = new Map<string, string[]>();
  const pending: PendingConnection[] = [];
  const pendingJunctions: PendingJunction[] = [];
  const neighs: PendingNeigh[] = [];
  let junction: PendingJunction | undefined;
  let road: RoadSpec | undefined;
  let roadEl: XmlElement | undefined;
  let program: SignalProgramSpec | undefined;
  let programEl: XmlElement | undefined;
  let sawRoot = false;

  walkSumoXml(
    xmlText,
    file,
    {
      open(el) {
        if (el.depth === 0) {
          if (el.name !== "net") {
            el.failUnlabelled(`not a SUMO network: the root element is <${el.name}>, a .net.xml has <net>`);
          }
          sawRoot = true;
          return;
        }
        if (el.depth === 1) {
          switch (el.name) {
            case "location":
              spec.location = readLocation(el);
              return;
            case "edge":
              roadEl = el;
              road = startRoad(el);
              return;
            case "junction": {
              const j = readJunction(el);
              spec.junctions.push(j);
              junction = { el, id: j.id, incLanes: el.optList("incLanes") ?? [], requests: [] };
              if (j.type !== "internal") pendingJunctions.push(junction);
              return;
            }
            case "connection":
              pending.push(readConnection(el));
              return;
            case "tlLogic":
              programEl = el;
              program = {
                id: el.str("id"),
                programId: el.str("programID"),
                offsetS: el.optNum("offset") ?? 0,
                type: el.optStr("type") ?? "static",
                phases: [],
              };
              return;
            default:
              return;
          }
        }
        if (el.depth === 2) {
          if (el.name === "lane" && road) road.lanes.push(readLane(el, road.id));
          else if (el.name === "phase" && program)
            program.phases.push(readPhase(el, program.id, program.phases.length));
          else if (el.name === "request" && junction) junction.requests.push(readRequest(el, junction.id));
          return;
        }
        if (el.depth === 3 && el.name === "neigh" && road && road.lanes.length > 0) {
          neighs.push({ el, lane: road.lanes[road.lanes.length - 1], neighLaneId: el.str("lane") });
        }
      },
      close(name) {
        if (name === "junction") {
          junction = undefined;
        } else if (name === "edge" && road && roadEl) {
          spec.roads.push(finishRoad(road, roadEl));
          laneIdsByEdge.set(
            road.id,
            road.lanes.map((l) => l.id),
          );
          road = undefined;
          roadEl = undefined;
        } else if (name === "tlLogic" && program && programEl) {
          if (program.phases.length === 0) programEl.fail("has no <phase>");
          spec.signals.push(program);
          program = undefined;
          programEl = undefined;
        }
      },
    },
    (f, m, l, c) => new MapFormatError(f, m, l, c),
  );
  if (!sawRoot) throw new MapFormatError(file, "not a SUMO network: no <net> element");

  const laneIds = new Set<string>();
  for (const ids of laneIdsByEdge.values()) for (const id of ids) laneIds.add(id);
  for (const p of pending) spec.connections.push(resolveConnection(p, laneIdsByEdge, laneIds));
  for (const n of neighs) {
    if (!laneIds.has(n.neighLaneId)) n.el.fail(`unknown lane "${n.neighLaneId}"`);
    n.lane.neighLaneId = n.neighLaneId;
  }
  const kindOfLane = new Map<string, RoadKind>();
  for (const r of spec.roads) for (const l of r.lanes) kindOfLane.set(l.id, r.kind);
  const connectionsFrom = new Map<string, ConnectionSpec[]>();
  for (const c of spec.connections) {
    const list = connectionsFrom.get(c.fromLane) ?? [];
    list.push(c);
    connectionsFrom.set(c.fromLane, list);
  }
  for (const j of pendingJunctions) if (j.requests.length > 0) applyRequests(j, connectionsFrom, kindOfLane);
  return spec;
}

function readLocation(el: XmlElement): NonNullable<RoadNetworkSpec["location"]> {
  const [ox, oy] = readNumbers(el, "netOffset", 2, true);
  const conv = readNumbers(el, "convBoundary", 4, true);
  const orig = el.optStr("origBoundary") === undefined ? undefined : readNumbers(el, "origBoundary", 4);
  const location: NonNullable<RoadNetworkSpec["location"]> = {
    netOffset: [ox, oy],
    convBoundary: [conv[0], conv[1], conv[2], conv[3]],
  };
  if (orig) location.origBoundary = [orig[0], orig[1], orig[2], orig[3]];
  const proj = el.optStr("projParameter");
  if (proj !== undefined) location.projParameter = proj;
  return location;
}

/** `count` comma-separated numbers (`convBoundary="0,0,100,50"`); coordinates are checked against MAX_COORDINATE_M. */
function readNumbers(el: XmlElement, attr: string, count: number, coordinates = false): number[] {
  const text = el.str(attr);
  const values = text.split(",").map((p) => (p.trim().length === 0 ? Number.NaN : Number(p)));
  if (values.length !== count || !values.every(Number.isFinite)) {
    el.fail(`attribute ${attr}="${text}" must be ${count} comma-separated numbers`);
  }
  if (coordinates)
    for (const v of values) {
      const problem = coordinateProblem(v);
      if (problem) el.fail(`attribute ${attr}: ${problem}`);
    }
  return values;
}

function startRoad(el: XmlElement): RoadSpec {
  const id = el.str("id");
  const fn = el.optStr("function");
  const kind = fn === undefined ? "normal" : KIND_BY_FUNCTION[fn];
  if (kind === undefined) el.fail(`unknown function "${fn}"`);
  const road: RoadSpec = { id, kind, lanes: [] };
  if (kind === "internal" || kind === "crossing" || kind === "walkingarea") {
    // SUMO names these `:<junction>_<n>`; they carry no from/to (sumolib derives the node the same way).
    const junction = id.startsWith(":") && id.lastIndexOf("_") > 1 ? id.slice(1, id.lastIndexOf("_")) : undefined;
    if (junction !== undefined) {
      road.fromJunction = junction;
      road.toJunction = junction;
    }
  } else {
    road.fromJunction = el.str("from");
    road.toJunction = el.str("to");
  }
  const priority = el.optInt("priority");
  if (priority !== undefined) road.priority = priority;
  const name = el.optStr("name");
  if (name !== undefined) road.name = name;
  const type = el.optStr("type");
  if (type !== undefined && type.length > 0) road.type = type;
  return road;
}

function readLane(el: XmlElement, roadId: string): LaneSpec {
  const index = el.int("index");
  el.label = `edge "${roadId}" lane ${index}`;
  if (index < 0) el.fail("index must not be negative");
  const shape = parseSumoShape(el, "shape");
  if (shape.length < 2) el.fail(`shape needs at least 2 points, has ${shape.length}`);
  const speed = el.num("speed");
  if (speed <= 0) el.fail(`speed must be positive, is ${speed}`);
  const width = el.optNum("width") ?? SUMO_DEFAULT_LANE_WIDTH_M;
  if (width <= 0) el.fail(`width must be positive, is ${width}`);
  const length = el.coord("length");
  if (length < 0) el.fail(`length must not be negative, is ${length}`);
  const lane: LaneSpec = {
    id: el.str("id"),
    roadId,
    index,
    shape,
    widthM: width,
    speedLimitMps: speed,
    lengthM: length,
  };
  const allow = el.optList("allow");
  if (allow !== undefined) lane.allow = allow;
  const disallow = el.optList("disallow");
  if (disallow !== undefined) lane.disallow = disallow;
  return lane;
}

/** Orders lanes by index and checks they are exactly 0..n-1. */
function finishRoad(road: RoadSpec, el: XmlElement): RoadSpec {
  if (road.lanes.length === 0) el.fail("has no <lane>");
  road.lanes.sort((a, b) => a.index - b.index);
  road.lanes.forEach((lane, i) => {
    if (lane.index !== i) {
      el.fail(`lane indices must be 0..${road.lanes.length - 1}, found ${road.lanes.map((l) => l.index).join(",")}`);
    }
  });
  return road;
}

function readJunction(el: XmlElement): JunctionSpec {
  return {
    id: el.str("id"),
    type: el.optStr("type") ?? "unknown",
    x: el.coord("x"),
    y: el.coord("y"),
    shape: parseSumoShape(el, "shape"),
  };
}

/** A `<request>`: its bit strings as ascending link indices (rightmost character = link 0). */
function readRequest(el: XmlElement, junctionId: string): PendingRequest {
  const index = el.int("index");
  el.label = `junction "${junctionId}" request ${index}`;
  const bits = (attr: string): number[] => {
    const text = el.str(attr);
    if (!/^[01]*$/.test(text)) el.fail(`attribute ${attr}="${text}" must be a string of 0 and 1`);
    const set: number[] = [];
    for (let k = 0; k < text.length; k++) if (text[text.length - 1 - k] === "1") set.push(k);
    return set;
  };
  const request: PendingRequest = { el, index, response: bits("response"), foes: bits("foes") };
  const cont = el.optStr("cont");
  if (cont !== undefined) {
    if (cont !== "0" && cont !== "1") el.fail(`attribute cont="${cont}" must be 0 or 1`);
    request.cont = cont === "1";
  }
  return request;
}

/**
 * Numbers the junction's links as SUMO does (see the file comment) and gives each its request row.
 * Mutates the connections in place.
 * @param connectionsFrom connections by `fromLane`, each list in file order
 */
function applyRequests(
  j: PendingJunction,
  connectionsFrom: ReadonlyMap<string, ConnectionSpec[]>,
  kindOfLane: ReadonlyMap<string, RoadKind>,
): void {
  const byIndex = new Map<number, PendingRequest>();
  for (const r of j.requests) {
    if (byIndex.has(r.index)) r.el.fail("repeats an index");
    byIndex.set(r.index, r);
  }
  const links: ConnectionSpec[] = [];
  for (const lane of j.incLanes) {
    for (const c of connectionsFrom.get(lane) ?? []) {
      const to = kindOfLane.get(c.toLane);
      if (to === "walkingarea" || (kindOfLane.get(lane) === "walkingarea" && to !== "crossing")) continue;
      links.push(c);
    }
  }
  if (links.length !== j.requests.length) {
    j.el.fail(`has ${j.requests.length} <request>s but ${links.length} links from its incLanes`);
  }
  links.forEach((c, i) => {
    const r = byIndex.get(i);
    if (r === undefined) j.el.fail(`request indices must be 0..${links.length - 1}, ${i} is missing`);
    c.junction = j.id;
    c.junctionLinkIndex = i;
    c.foes = r.foes;
    c.response = r.response;
    if (r.cont !== undefined) c.cont = r.cont;
  });
}

function readConnection(el: XmlElement): PendingConnection {
  const fromEdge = el.str("from");
  const toEdge = el.str("to");
  el.label = `connection from "${fromEdge}" to "${toEdge}"`;
  return { el, fromEdge, fromIndex: el.int("fromLane"), toEdge, toIndex: el.int("toLane") };
}

function resolveConnection(
  p: PendingConnection,
  laneIdsByEdge: ReadonlyMap<string, string[]>,
  laneIds: ReadonlySet<string>,
): ConnectionSpec {
  const el: XmlElement = p.el;
  const laneOf = (edge: string, index: number): string => {
    const lanes = laneIdsByEdge.get(edge);
    if (lanes === undefined) el.fail(`unknown edge "${edge}"`);
    const id = lanes[index];
    if (id === undefined) el.fail(`edge "${edge}" has no lane ${index} (it has ${lanes.length})`);
    return id;
  };
  const conn: ConnectionSpec = { fromLane: laneOf(p.fromEdge, p.fromIndex), toLane: laneOf(p.toEdge, p.toIndex) };
  const via = el.optStr("via");
  if (via !== undefined && via.length > 0) {
    if (!laneIds.has(via)) el.fail(`unknown via lane "${via}"`);
    conn.via = via;
  }
  const tl = el.optStr("tl");
  if (tl !== undefined && tl.length > 0) {
    conn.tlId = tl;
    const linkIndex = el.optInt("linkIndex");
    if (linkIndex !== undefined && linkIndex >= 0) conn.linkIndex = linkIndex;
  }
  const dir = el.optStr("dir");
  if (dir !== undefined) conn.dir = dir;
  const state = el.optStr("state");
  if (state !== undefined) conn.state = state;
  return conn;
}

function readPhase(el: XmlElement, tlId: string, n: number): SignalProgramSpec["phases"][number] {
  el.label = `tlLogic "${tlId}" phase ${n}`;
  const durationS = el.num("duration");
  if (durationS <= 0) el.fail(`duration must be positive, is ${durationS}`);
  const state = el.str("state");
  if (state.length === 0) el.fail("state is empty");
  return { durationS, state };
}
