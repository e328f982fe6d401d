/**
 * The parts of an ASAM OpenDRIVE file the importer reads, as typed data (parseOpenDrive makes it,
 * buildOpenDriveNetwork turns it into a RoadNetworkSpec). Every record keeps its XML element, so a
 * later inconsistency (a link to a road that does not exist) is reported at `file:line:col`.
 * Lengths are metres, angles radians, speeds m/s; ids are the file's strings (lane ids integers).
 */
import type { XmlElement } from "../sumo/walkSumoXml.js";
import type { CubicRecord } from "./CubicProfile.js";
import type { GeometryRecord } from "./GeometrySegment.js";

/** Traffic rule: which side traffic keeps to. */
export type TrafficRule = "RHT" | "LHT";

/** Where a road link attaches: the linked road's start or end. */
export type ContactPoint = "start" | "end";

/** A road's `<predecessor>` or `<successor>`. */
export interface OdrRoadLink {
  elementType: "road" | "junction";
  elementId: string;
  /** For links to roads: which end of the linked road. */
  contactPoint?: ContactPoint;
  el: XmlElement;
}

/** One `<lane>` of a lane section (the centre lane 0 is not kept). */
export interface OdrLane {
  id: number;
  /** OpenDRIVE lane type: driving, shoulder, sidewalk, … (as written). */
  type: string;
  /** OpenDRIVE 1.7 `direction`: "reversed" lanes run against their side's usual direction. */
  direction: "standard" | "reversed" | "both";
  /** `<width>` records, `s` relative to the lane section's start. */
  widths: (CubicRecord & { el: XmlElement })[];
  /** `<border>` records (outer border t, from the reference line), `s` relative to the section's start. */
  borders: CubicRecord[];
  /** `<speed>` records: from `sOffset` (relative to the section's start) the limit in m/s. */
  speeds: { sOffset: number; mps: number }[];
  /** Lane ids in the previous section (or the linked road) this lane continues from. */
  predecessors: number[];
  /** Lane ids in the next section (or the linked road) this lane continues into. */
  successors: number[];
  /** Whether the lane has a `<link>` element at all (without one, a same-id lane is assumed across sections). */
  hasLink: boolean;
  el: XmlElement;
}

/** A `<laneSection>`: lanes in force from `s` to the next section's start. */
export interface OdrLaneSection {
  s: number;
  /** Left (id > 0) and right (id < 0) lanes. */
  lanes: OdrLane[];
  el: XmlElement;
}

/** A `<signal>` (or a `<signalReference>`, which places a signal of another road on this one). */
export interface OdrSignal {
  /** The signal's id (for a reference: the referenced signal's). */
  id: string;
  /** Road the signal (or reference) stands on. */
  roadId: string;
  s: number;
  t: number;
  /** "+": valid for traffic along s, "-": against s, "none": both. */
  orientation: string;
  /** Whether it changes state (traffic lights are `dynamic="yes"`). Undefined for references. */
  dynamic?: boolean;
  /** Catalogue type and subtype (`1000001` a traffic light, `206` a stop sign, …); undefined for references. */
  type?: string;
  subtype?: string;
  country?: string;
  name?: string;
  /** `<validity fromLane toLane>` ranges; empty: all lanes. */
  validity: { fromLane: number; toLane: number }[];
  /** True for a `<signalReference>`. */
  isReference: boolean;
  el: XmlElement;
}

/** A `<road>`. */
export interface OdrRoad {
  id: string;
  name?: string;
  /** Length of the reference line, metres. */
  length: number;
  /** Junction the road is a connecting road of; undefined for ordinary roads (`junction="-1"`). */
  junction?: string;
  /** The road's `rule`, if given (else the file's). */
  rule?: TrafficRule;
  predecessor?: OdrRoadLink;
  successor?: OdrRoadLink;
  /** `<type>` records: from `s` the road type and, where given, its speed limit (m/s). */
  types: { s: number; type: string; speedMps?: number }[];
  geometries: { record: GeometryRecord; el: XmlElement }[];
  laneOffsets: CubicRecord[];
  sections: OdrLaneSection[];
  signals: OdrSignal[];
  el: XmlElement;
}

/** A junction `<connection>`: lanes of `incomingRoad` continue on `connectingRoad` (or, in a direct junction, `linkedRoad`). */
export interface OdrConnection {
  id: string;
  incomingRoad: string;
  /** The connecting road inside the junction (default junctions). */
  connectingRoad?: string;
  /** The road linked without a connecting road (direct junctions). */
  linkedRoad?: string;
  /** End of the connecting (or linked) road the incoming road meets. */
  contactPoint?: ContactPoint;
  laneLinks: { from: number; to: number; el: XmlElement }[];
  el: XmlElement;
}

/** A `<junction>`. */
export interface OdrJunction {
  id: string;
  name?: string;
  /** default, direct or virtual. */
  type: string;
  connections: OdrConnection[];
  /** `<priority high low>`: connecting road `low` yields to connecting road `high`. */
  priorities: { high: string; low: string; el: XmlElement }[];
  /** `<controller id sequence>`: the controllers of the junction's signals, in the order they get green. */
  controllers: { id: string; sequence?: number; el: XmlElement }[];
  el: XmlElement;
}

/** A top-level `<controller>`: signals that always show the same state. */
export interface OdrController {
  id: string;
  name?: string;
  /** Non-standard but common (RoadRunner): the controller's place in its junction's cycle. */
  sequence?: number;
  signalIds: string[];
  el: XmlElement;
}

/** A parsed file. */
export interface OpenDriveDocument {
  file: string;
  /** The header's `rule` (non-standard; roads' own `rule` overrides it), default RHT. */
  rule: TrafficRule;
  roads: OdrRoad[];
  junctions: OdrJunction[];
  controllers: OdrController[];
  /** The root element, for errors about the file as a whole. */
  el: XmlElement;
}
