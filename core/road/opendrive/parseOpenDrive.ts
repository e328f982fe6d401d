/**
 * Reads the text of an ASAM OpenDRIVE file (`.xodr`, versions 1.4–1.8) into an
 * {@link OpenDriveDocument}: roads (links, types and speeds, plan view, lane offsets, lane sections
 * with lanes, widths, borders, speeds and links, signals and signal references), junctions
 * (connections with lane links, priorities, controllers) and controllers. What is skipped — the
 * elevation and lateral profiles (the road model is 2-D), road marks, objects, surface, railroads,
 * user data — is listed in docs/opendrive.md.
 *
 * Errors are {@link MapFormatError}s at the element's `file:line:col`: malformed XML, a root other
 * than `<OpenDRIVE>`, a missing or unparsable attribute, a `<geometry>` without a shape or with an
 * unknown one, an unknown `pRange` or speed unit, a negative length, repeated lane ids in a section,
 * and a lane width that goes negative. References between roads and junctions are checked by
 * buildOpenDriveNetwork, which knows what exists.
 */
import { MapFormatError } from "../MapFormatError.js";
import { walkSumoXml, type XmlElement } from "../sumo/walkSumoXml.js";
import { cubicValue, type CubicRecord } from "./CubicProfile.js";
import type { GeometryRecord, GeometryShape } from "./GeometrySegment.js";
import type {
  ContactPoint,
  OdrConnection,
  OdrController,
  OdrJunction,
  OdrLane,
  OdrLaneSection,
  OdrRoad,
  OdrRoadLink,
  OdrSignal,
  OpenDriveDocument,
  TrafficRule,
} from "./OpenDriveDocument.js";

/** Lane widths down to this much below zero are rounding noise, taken as 0 (metres). */
export const NEGATIVE_WIDTH_TOLERANCE_M = 1e-4;

/** An element with its children: the file as a tree (OpenDRIVE puts no order on a road's children). */
interface Node {
  el: XmlElement;
  children: Node[];
}

const GEOMETRY_KINDS = ["line", "arc", "spiral", "poly3", "paramPoly3"];

/**
 * Parses an OpenDRIVE file's text.
 * @param xmlText the file's contents
 * @param file path used in error messages
 * @throws MapFormatError with file, line and column (see the file comment)
 */
export function parseOpenDrive(xmlText: string, file: string): OpenDriveDocument {
  const root = readTree(xmlText, file);
  if (root.el.name !== "OpenDRIVE") {
    root.el.failUnlabelled(`not an OpenDRIVE file: the root element is <${root.el.name}>, an .xodr has <OpenDRIVE>`);
  }
  const header = root.children.find((n) => n.el.name === "header");
  const doc: OpenDriveDocument = {
    file,
    rule: (header && readRule(header.el)) ?? "RHT",
    roads: [],
    junctions: [],
    controllers: [],
    el: root.el,
  };
  for (const node of root.children) {
    switch (node.el.name) {
      case "road":
        doc.roads.push(readRoad(node));
        break;
      case "junction":
        doc.junctions.push(readJunction(node));
        break;
      case "controller":
        doc.controllers.push(readController(node));
        break;
      default:
        break;
    }
  }
  return doc;
}

function readTree(xmlText: string, file: string): Node {
  const stack: Node[] = [];
  let root: Node | undefined;
  walkSumoXml(
    xmlText,
    file,
    {
      open(el) {
        const node: Node = { el, children: [] };
        if (stack.length === 0) root = node;
        else stack[stack.length - 1].children.push(node);
        stack.push(node);
      },
      close() {
        stack.pop();
      },
    },
    (f, m, l, c) => new MapFormatError(f, m, l, c),
  );
  if (!root) throw new MapFormatError(file, "not an OpenDRIVE file: no <OpenDRIVE> element");
  return root;
}

function readRule(el: XmlElement): TrafficRule | undefined {
  const rule = el.optStr("rule");
  if (rule === undefined) return undefined;
  if (rule !== "RHT" && rule !== "LHT") el.fail(`attribute rule="${rule}" must be RHT or LHT`);
  return rule;
}

function childrenNamed(node: Node, name: string): Node[] {
  return node.children.filter((n) => n.el.name === name);
}

function readRoad(node: Node): OdrRoad {
  const el: XmlElement = node.el;
  const id = el.str("id");
  el.label = `road "${id}"`;
  const length = el.coord("length");
  if (length < 0) el.fail(`length must not be negative, is ${length}`);
  const junction = el.optStr("junction");
  const road: OdrRoad = {
    id,
    length,
    types: [],
    geometries: [],
    laneOffsets: [],
    sections: [],
    signals: [],
    el,
  };
  const name = el.optStr("name");
  if (name !== undefined && name.length > 0) road.name = name;
  if (junction !== undefined && junction !== "-1" && junction !== "") road.junction = junction;
  const rule = readRule(el);
  if (rule) road.rule = rule;
  for (const child of node.children) {
    switch (child.el.name) {
      case "link":
        for (const l of child.children) {
          if (l.el.name === "predecessor") road.predecessor = readRoadLink(l.el, id);
          else if (l.el.name === "successor") road.successor = readRoadLink(l.el, id);
        }
        break;
      case "type":
        road.types.push(readRoadType(child, id));
        break;
      case "planView":
        for (const g of childrenNamed(child, "geometry"))
          road.geometries.push({ record: readGeometry(g, id), el: g.el });
        break;
      case "lanes":
        for (const l of child.children) {
          if (l.el.name === "laneOffset") road.laneOffsets.push(readCubic(l.el, "s"));
          else if (l.el.name === "laneSection") road.sections.push(readSection(l, id));
        }
        break;
      case "signals":
        for (const s of child.children) {
          if (s.el.name === "signal" || s.el.name === "signalReference") road.signals.push(readSignal(s, id));
        }
        break;
      default:
        break;
    }
  }
  road.geometries.sort((a, b) => a.record.s - b.record.s);
  road.types.sort((a, b) => a.s - b.s);
  road.sections.sort((a, b) => a.s - b.s);
  if (road.geometries.length === 0) el.fail("has no <geometry> in its <planView>");
  if (road.sections.length === 0) el.fail("has no <laneSection>");
  checkWidths(road);
  return road;
}

function readRoadLink(el: XmlElement, roadId: string): OdrRoadLink {
  el.label = `road "${roadId}" <${el.name}>`;
  const type = el.str("elementType");
  if (type !== "road" && type !== "junction") el.fail(`attribute elementType="${type}" must be road or junction`);
  const link: OdrRoadLink = { elementType: type, elementId: el.str("elementId"), el };
  const cp = readContactPoint(el);
  if (cp) link.contactPoint = cp;
  return link;
}

function readContactPoint(el: XmlElement): ContactPoint | undefined {
  const cp = el.optStr("contactPoint");
  if (cp === undefined || cp === "") return undefined;
  if (cp !== "start" && cp !== "end") el.fail(`attribute contactPoint="${cp}" must be start or end`);
  return cp;
}

function readRoadType(node: Node, roadId: string): OdrRoad["types"][number] {
  const el: XmlElement = node.el;
  el.label = `road "${roadId}" <type>`;
  const out: OdrRoad["types"][number] = { s: el.coord("s"), type: el.optStr("type") ?? "unknown" };
  const speed = node.children.find((c) => c.el.name === "speed");
  if (speed) {
    speed.el.label = `road "${roadId}" <type> <speed>`;
    const mps = readSpeed(speed.el);
    if (mps !== undefined) out.speedMps = mps;
  }
  return out;
}

/** `max` in `unit` (m/s, km/h, mph; default m/s) as m/s; undefined for "no limit" / "undefined". */
function readSpeed(el: XmlElement): number | undefined {
  const max = el.str("max");
  if (max === "no limit" || max === "undefined") return undefined;
  const value = el.num("max");
  const unit = el.optStr("unit") ?? "m/s";
  const factor = unit === "m/s" ? 1 : unit === "km/h" ? 1 / 3.6 : unit === "mph" ? 0.44704 : undefined;
  if (factor === undefined) el.fail(`attribute unit="${unit}" must be m/s, km/h or mph`);
  if (value <= 0) el.fail(`max must be positive, is ${value}`);
  return value * factor;
}

function readGeometry(node: Node, roadId: string): GeometryRecord {
  const el: XmlElement = node.el;
  el.label = `road "${roadId}" <geometry s="${el.attrs.s ?? "?"}">`;
  const length = el.coord("length");
  if (length < 0) el.fail(`length must not be negative, is ${length}`);
  const shapes = node.children.filter((c) => c.el.name !== "userData" && c.el.name !== "include");
  if (shapes.length === 0) el.fail(`has no shape element (one of ${GEOMETRY_KINDS.join(", ")})`);
  const sh = shapes[0].el;
  if (!GEOMETRY_KINDS.includes(sh.name)) {
    sh.failUnlabelled(
      `road "${roadId}" <geometry s="${el.attrs.s ?? "?"}">: unknown geometry element <${sh.name}> (expected one of ${GEOMETRY_KINDS.join(", ")})`,
    );
  }
  sh.label = `road "${roadId}" <${sh.name}> at s=${el.attrs.s ?? "?"}`;
  return { s: el.coord("s"), x: el.coord("x"), y: el.coord("y"), hdg: el.num("hdg"), length, shape: readShape(sh) };
}

function readShape(el: XmlElement): GeometryShape {
  switch (el.name) {
    case "line":
      return { kind: "line" };
    case "arc":
      return { kind: "arc", curvature: el.num("curvature") };
    case "spiral":
      return { kind: "spiral", curvStart: el.num("curvStart"), curvEnd: el.num("curvEnd") };
    case "poly3":
      return { kind: "poly3", a: el.num("a"), b: el.num("b"), c: el.num("c"), d: el.num("d") };
    default: {
      const pRange = el.optStr("pRange") ?? "normalized";
      if (pRange !== "normalized" && pRange !== "arcLength") {
        el.fail(`attribute pRange="${pRange}" must be normalized or arcLength`);
      }
      return {
        kind: "paramPoly3",
        aU: el.num("aU"),
        bU: el.num("bU"),
        cU: el.num("cU"),
        dU: el.num("dU"),
        aV: el.num("aV"),
        bV: el.num("bV"),
        cV: el.num("cV"),
        dV: el.num("dV"),
        pRange,
      };
    }
  }
}

/** A record with `s` read from attribute `sAttr` (`s` or `sOffset`). */
function readCubic(el: XmlElement, sAttr: string): CubicRecord {
  return { s: el.coord(sAttr), a: el.coord("a"), b: el.num("b"), c: el.num("c"), d: el.num("d") };
}

function readSection(node: Node, roadId: string): OdrLaneSection {
  const el: XmlElement = node.el;
  const s = el.coord("s");
  el.label = `road "${roadId}" <laneSection s="${el.attrs.s}">`;
  const section: OdrLaneSection = { s, lanes: [], el };
  const seen = new Set<number>();
  for (const side of node.children) {
    if (side.el.name !== "left" && side.el.name !== "right") continue;
    for (const laneNode of childrenNamed(side, "lane")) {
      const lane = readLane(laneNode, roadId, s);
      if (seen.has(lane.id)) lane.el.fail("repeats a lane id of its lane section");
      if ((side.el.name === "left") !== lane.id > 0) {
        lane.el.fail(
          `lane ${lane.id} is in <${side.el.name}>, where lane ids are ${side.el.name === "left" ? "positive" : "negative"}`,
        );
      }
      seen.add(lane.id);
      section.lanes.push(lane);
    }
  }
  section.lanes.sort((a, b) => a.id - b.id);
  return section;
}

function readLane(node: Node, roadId: string, sectionS: number): OdrLane {
  const el: XmlElement = node.el;
  const id = el.int("id");
  el.label = `road "${roadId}" lane ${id} (lane section at s=${sectionS})`;
  const dirText = el.optStr("direction") ?? "standard";
  if (dirText !== "standard" && dirText !== "reversed" && dirText !== "both") {
    el.fail(`attribute direction="${dirText}" must be standard, reversed or both`);
  }
  const direction: OdrLane["direction"] = dirText;
  const lane: OdrLane = {
    id,
    type: el.optStr("type") ?? "none",
    direction,
    widths: [],
    borders: [],
    speeds: [],
    predecessors: [],
    successors: [],
    hasLink: false,
    el,
  };
  for (const child of node.children) {
    const c = child.el;
    switch (c.name) {
      case "link":
        lane.hasLink = true;
        for (const l of child.children) {
          l.el.label = `road "${roadId}" lane ${id} <${l.el.name}>`;
          if (l.el.name === "predecessor") lane.predecessors.push(l.el.int("id"));
          else if (l.el.name === "successor") lane.successors.push(l.el.int("id"));
        }
        break;
      case "width":
        c.label = `road "${roadId}" lane ${id} <width sOffset="${c.attrs.sOffset ?? "?"}">`;
        lane.widths.push({ ...readCubic(c, "sOffset"), el: c });
        break;
      case "border":
        c.label = `road "${roadId}" lane ${id} <border sOffset="${c.attrs.sOffset ?? "?"}">`;
        lane.borders.push(readCubic(c, "sOffset"));
        break;
      case "speed": {
        c.label = `road "${roadId}" lane ${id} <speed>`;
        const mps = readSpeed(c);
        if (mps !== undefined) lane.speeds.push({ sOffset: c.optNum("sOffset") ?? 0, mps });
        break;
      }
      default:
        break;
    }
  }
  lane.widths.sort((a, b) => a.s - b.s);
  lane.borders.sort((a, b) => a.s - b.s);
  lane.speeds.sort((a, b) => a.sOffset - b.sOffset);
  return lane;
}

/**
 * Fails at the first `<width>` record whose polynomial goes below zero (by more than
 * {@link NEGATIVE_WIDTH_TOLERANCE_M}) over the stretch where it is in force, and clamps the rest of
 * the noise: checks both ends and the turning point inside.
 */
function checkWidths(road: OdrRoad): void {
  road.sections.forEach((section, k) => {
    const sectionLength = (k + 1 < road.sections.length ? road.sections[k + 1].s : road.length) - section.s;
    for (const lane of section.lanes) {
      lane.widths.forEach((w, i) => {
        const end = i + 1 < lane.widths.length ? lane.widths[i + 1].s : sectionLength;
        if (!(end > w.s)) return;
        const candidates = [w.s, end];
        // Turning points of a + b·x + c·x² + d·x³ (x = ds): 3d·x² + 2c·x + b = 0.
        const qa = 3 * w.d;
        const qb = 2 * w.c;
        if (Math.abs(qa) > 1e-15) {
          const disc = qb * qb - 4 * qa * w.b;
          if (disc >= 0) {
            const sq = Math.sqrt(disc);
            candidates.push(w.s + (-qb - sq) / (2 * qa), w.s + (-qb + sq) / (2 * qa));
          }
        } else if (Math.abs(qb) > 1e-15) candidates.push(w.s - w.b / qb);
        for (const at of candidates) {
          if (at < w.s || at > end) continue;
          const value = cubicValue(w, at);
          if (value < -NEGATIVE_WIDTH_TOLERANCE_M) {
            w.el.fail(
              `the width goes negative: ${Number(value.toFixed(4))} m at s=${Number((section.s + at).toFixed(3))} ` +
                `(${Number(at.toFixed(3))} m into the lane section)`,
            );
          }
        }
      });
    }
  });
}

function readSignal(node: Node, roadId: string): OdrSignal {
  const el: XmlElement = node.el;
  const isReference = el.name === "signalReference";
  const id = el.str("id");
  el.label = `road "${roadId}" ${el.name} "${id}"`;
  const signal: OdrSignal = {
    id,
    roadId,
    s: el.coord("s"),
    t: el.optNum("t") ?? 0,
    orientation: el.optStr("orientation") ?? "none",
    validity: [],
    isReference,
    el,
  };
  if (!isReference) {
    signal.dynamic = el.optStr("dynamic") === "yes";
    signal.type = el.optStr("type") ?? "-1";
    const subtype = el.optStr("subtype");
    if (subtype !== undefined) signal.subtype = subtype;
    const country = el.optStr("country");
    if (country !== undefined) signal.country = country;
    const name = el.optStr("name");
    if (name !== undefined) signal.name = name;
  }
  for (const v of childrenNamed(node, "validity")) {
    v.el.label = `road "${roadId}" ${el.name} "${id}" <validity>`;
    signal.validity.push({ fromLane: v.el.int("fromLane"), toLane: v.el.int("toLane") });
  }
  return signal;
}

function readJunction(node: Node): OdrJunction {
  const el: XmlElement = node.el;
  const id = el.str("id");
  el.label = `junction "${id}"`;
  const junction: OdrJunction = {
    id,
    type: el.optStr("type") ?? "default",
    connections: [],
    priorities: [],
    controllers: [],
    el,
  };
  const name = el.optStr("name");
  if (name !== undefined && name.length > 0) junction.name = name;
  for (const child of node.children) {
    const c = child.el;
    switch (c.name) {
      case "connection":
        junction.connections.push(readConnection(child, id));
        break;
      case "priority":
        c.label = `junction "${id}" <priority>`;
        junction.priorities.push({ high: c.str("high"), low: c.str("low"), el: c });
        break;
      case "controller": {
        c.label = `junction "${id}" <controller>`;
        const ctrl: OdrJunction["controllers"][number] = { id: c.str("id"), el: c };
        const seq = c.optInt("sequence");
        if (seq !== undefined) ctrl.sequence = seq;
        junction.controllers.push(ctrl);
        break;
      }
      default:
        break;
    }
  }
  return junction;
}

function readConnection(node: Node, junctionId: string): OdrConnection {
  const el: XmlElement = node.el;
  const id = el.optStr("id") ?? "?";
  el.label = `junction "${junctionId}" connection "${id}"`;
  const conn: OdrConnection = { id, incomingRoad: el.str("incomingRoad"), laneLinks: [], el };
  const connecting = el.optStr("connectingRoad");
  const linked = el.optStr("linkedRoad");
  if (connecting !== undefined && connecting !== "") conn.connectingRoad = connecting;
  if (linked !== undefined && linked !== "") conn.linkedRoad = linked;
  if (conn.connectingRoad === undefined && conn.linkedRoad === undefined) {
    el.fail("has neither a connectingRoad nor a linkedRoad attribute");
  }
  const cp = readContactPoint(el);
  if (cp) conn.contactPoint = cp;
  for (const l of childrenNamed(node, "laneLink")) {
    l.el.label = `junction "${junctionId}" connection "${id}" <laneLink>`;
    conn.laneLinks.push({ from: l.el.int("from"), to: l.el.int("to"), el: l.el });
  }
  return conn;
}

function readController(node: Node): OdrController {
  const el: XmlElement = node.el;
  const id = el.str("id");
  el.label = `controller "${id}"`;
  const ctrl: OdrController = { id, signalIds: [], el };
  const name = el.optStr("name");
  if (name !== undefined) ctrl.name = name;
  const seq = el.optInt("sequence");
  if (seq !== undefined) ctrl.sequence = seq;
  for (const c of childrenNamed(node, "control")) {
    c.el.label = `controller "${id}" <control>`;
    const signalId = c.el.str("signalId");
    if (!ctrl.signalIds.includes(signalId)) ctrl.signalIds.push(signalId);
  }
  return ctrl;
}
