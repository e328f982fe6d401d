/**
 * Small OpenDRIVE documents for tests, written as text so that tests can also break them: a road is
 * a straight line (or given geometry) with lanes of constant width unless stated otherwise.
 */

/** One lane: id, type, width (metres) or explicit `<width>`/`<border>` records, links. */
export interface LaneText {
  id: number;
  type?: string;
  width?: number;
  /** Raw child elements replacing the constant width (e.g. several `<width>` or `<border>` records). */
  records?: string;
  pred?: number;
  succ?: number;
  speed?: string;
}

/** A lane section at `s`. */
export interface SectionText {
  s?: number;
  lanes: LaneText[];
}

/** A road. */
export interface RoadText {
  id: string;
  length: number;
  junction?: string;
  x?: number;
  y?: number;
  hdg?: number;
  /** Shape element of the single geometry record; default `<line/>`. */
  shape?: string;
  /** Raw `<geometry>` records replacing the single one. */
  geometries?: string;
  pred?: string;
  succ?: string;
  rule?: string;
  laneOffset?: string;
  sections: SectionText[];
  signals?: string;
  type?: string;
}

function lane(l: LaneText): string {
  const link =
    l.pred === undefined && l.succ === undefined
      ? ""
      : `<link>${l.pred !== undefined ? `<predecessor id="${l.pred}"/>` : ""}${l.succ !== undefined ? `<successor id="${l.succ}"/>` : ""}</link>`;
  const width = l.records ?? `<width sOffset="0" a="${l.width ?? 3.5}" b="0" c="0" d="0"/>`;
  return `<lane id="${l.id}" type="${l.type ?? "driving"}" level="false">${link}\n${width}${l.speed ?? ""}</lane>`;
}

function section(sec: SectionText): string {
  const left = sec.lanes.filter((l) => l.id > 0).sort((a, b) => b.id - a.id);
  const right = sec.lanes.filter((l) => l.id < 0).sort((a, b) => b.id - a.id);
  return [
    `<laneSection s="${sec.s ?? 0}">`,
    left.length ? `<left>\n${left.map(lane).join("\n")}\n</left>` : "",
    `<center><lane id="0" type="none" level="false"/></center>`,
    right.length ? `<right>\n${right.map(lane).join("\n")}\n</right>` : "",
    `</laneSection>`,
  ].join("\n");
}

/** A `<road>` element. */
export function roadText(r: RoadText): string {
  const geometry =
    r.geometries ??
    `<geometry s="0" x="${r.x ?? 0}" y="${r.y ?? 0}" hdg="${r.hdg ?? 0}" length="${r.length}">${r.shape ?? "<line/>"}</geometry>`;
  return [
    `<road name="" length="${r.length}" id="${r.id}" junction="${r.junction ?? "-1"}"${r.rule ? ` rule="${r.rule}"` : ""}>`,
    `<link>${r.pred ?? ""}${r.succ ?? ""}</link>`,
    r.type ?? "",
    `<planView>\n${geometry}\n</planView>`,
    `<lanes>\n${r.laneOffset ?? ""}\n${r.sections.map(section).join("\n")}\n</lanes>`,
    r.signals ? `<signals>${r.signals}</signals>` : "",
    `</road>`,
  ].join("\n");
}

/** A whole file: header, roads, then any further top-level elements (junctions, controllers). */
export function opendriveText(roads: RoadText[], extra = "", header = ""): string {
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<OpenDRIVE>`,
    `<header revMajor="1" revMinor="6" name="test"${header}/>`,
    ...roads.map(roadText),
    extra,
    `</OpenDRIVE>`,
    ``,
  ].join("\n");
}

/** A two-way road with one driving lane (3.5 m) each way. */
export function twoWay(id: string, length: number, more: Partial<RoadText> = {}): RoadText {
  return { id, length, sections: [{ lanes: [{ id: 1 }, { id: -1 }] }], ...more };
}
