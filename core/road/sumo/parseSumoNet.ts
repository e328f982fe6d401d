/**
 * Imports a SUMO network (`.net.xml`, the format netconvert and netedit write) into a
 * {@link RoadNetworkSpec}. SUMO's coordinates are already the network's own metres (x east, y north),
 * so shapes are taken as they are, z dropped.
 *
 * What is read: `<location>`, `<edge>` with its `<lane>`s, `<junction>`, `<connection>`, `<tlLogic>`
 * with its `<phase>`s. What is skipped: `<type>` (SUMO's simulation does not apply type attributes to
 * a net file's lanes either), `<request>`, `<roundabout>`, `<neigh>`, `<param>`, `<stopOffset>`.
 * Lane width defaults to 3.2 m (SUMO_const_laneWidth) when the lane has no `width`, as in SUMO.
 */
import { MapFormatError } from "../MapFormatError.js";
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
 *   0..n-1, a connection to an unknown edge, lane or via lane, a traffic light without phases
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
            case "junction":
              spec.junctions.push(readJunction(el));
              return;
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
          else if (el.name === "phase" && program) program.phases.push(readPhase(el, program.id, program.phases.length));
        }
      },
      close(name) {
        if (name === "edge" && road && roadEl) {
          spec.roads.push(finishRoad(road, roadEl));
          laneIdsByEdge.set(road.id, road.lanes.map((l) => l.id));
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
  return spec;
}

function readLocation(el: XmlElement): NonNullable<RoadNetworkSpec["location"]> {
  const [ox, oy] = readNumbers(el, "netOffset", 2);
  const conv = readNumbers(el, "convBoundary", 4);
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

/** `count` comma-separated numbers (`convBoundary="0,0,100,50"`). */
function readNumbers(el: XmlElement, attr: string, count: number): number[] {
  const text = el.str(attr);
  const values = text.split(",").map((p) => (p.trim().length === 0 ? Number.NaN : Number(p)));
  if (values.length !== count || !values.every(Number.isFinite)) {
    el.fail(`attribute ${attr}="${text}" must be ${count} comma-separated numbers`);
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
  const length = el.num("length");
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
    x: el.num("x"),
    y: el.num("y"),
    shape: parseSumoShape(el, "shape"),
  };
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
