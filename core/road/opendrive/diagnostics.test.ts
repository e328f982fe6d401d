/** Every bad-input diagnostic of the OpenDRIVE importer: message and exact `file:line:col`. */
import { describe, expect, it } from "vitest";
import { opendriveText, twoWay } from "../../../test/opendriveText.js";
import { FileFormatError } from "../../../spec/FileFormatError.js";
import { importOpenDrive } from "./loadOpenDrive.js";

/** `line:col` (1-based) of the first occurrence of `needle` at or after the `nth` occurrence of `after`. */
function where(text: string, needle: string, after?: string): string {
  const from = after === undefined ? 0 : text.indexOf(after);
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`test: "${needle}" not in the text`);
  const before = text.slice(0, at);
  const line = before.split("\n").length;
  const col = at - before.lastIndexOf("\n");
  return `${line}:${col}`;
}

/** The formatted error importing `text` throws. */
function errorOf(text: string): string {
  try {
    importOpenDrive(text, "map.xodr");
  } catch (e) {
    if (e instanceof FileFormatError) return e.format();
    throw e;
  }
  throw new Error("test: the import succeeded");
}

const junction = (body: string, id = "9") => `<junction id="${id}" name="j">\n${body}\n</junction>`;

describe("OpenDRIVE diagnostics", () => {
  it("malformed XML, at the parser's position", () => {
    const text = opendriveText([twoWay("1", 100)]).replace("</planView>", "</planVeiw>");
    expect(errorOf(text)).toMatch(/^map\.xodr:\d+:\d+: error: malformed XML: /);
    expect(errorOf(text)).toContain(`map.xodr:${where(text, "</planVeiw>").split(":")[0]}:`);
  });

  it("a file that is not OpenDRIVE", () => {
    const text = `<?xml version="1.0"?>\n<net version="1.9">\n</net>\n`;
    expect(errorOf(text)).toBe(
      `map.xodr:2:1: error: not an OpenDRIVE file: the root element is <net>, an .xodr has <OpenDRIVE>`,
    );
  });

  it("an unknown geometry element, named", () => {
    const text = opendriveText([twoWay("1", 100, { shape: `<clothoid curvStart="0" curvEnd="0.01"/>` })]);
    expect(errorOf(text)).toBe(
      `map.xodr:${where(text, "<clothoid")}: error: road "1" <geometry s="0">: unknown geometry element <clothoid> ` +
        `(expected one of line, arc, spiral, poly3, paramPoly3)`,
    );
  });

  it("a geometry without a shape", () => {
    const text = opendriveText([twoWay("1", 100, { shape: "" })]);
    expect(errorOf(text)).toBe(
      `map.xodr:${where(text, "<geometry")}: error: road "1" <geometry s="0">: has no shape element (one of line, arc, spiral, poly3, paramPoly3)`,
    );
  });

  it("a missing or unparsable attribute", () => {
    const missing = opendriveText([twoWay("1", 100, { shape: `<arc/>` })]);
    expect(errorOf(missing)).toBe(
      `map.xodr:${where(missing, "<arc")}: error: road "1" <arc> at s=0: missing attribute "curvature"`,
    );
    const nan = opendriveText([twoWay("1", 100, { shape: `<arc curvature="tight"/>` })]);
    expect(errorOf(nan)).toBe(
      `map.xodr:${where(nan, "<arc")}: error: road "1" <arc> at s=0: attribute curvature="tight" is not a number`,
    );
  });

  it("an unknown pRange", () => {
    const shape = `<paramPoly3 aU="0" bU="1" cU="0" dU="0" aV="0" bV="0" cV="0" dV="0" pRange="percent"/>`;
    const text = opendriveText([twoWay("1", 100, { shape })]);
    expect(errorOf(text)).toBe(
      `map.xodr:${where(text, "<paramPoly3")}: error: road "1" <paramPoly3> at s=0: attribute pRange="percent" must be normalized or arcLength`,
    );
  });

  it("a lane width that goes negative, at the width record, with where", () => {
    const records = `<width sOffset="0" a="3" b="-0.05" c="0" d="0"/>`;
    const text = opendriveText([{ id: "7", length: 100, sections: [{ lanes: [{ id: -1, records }] }] }]);
    expect(errorOf(text)).toBe(
      `map.xodr:${where(text, "<width")}: error: road "7" lane -1 <width sOffset="0">: the width goes negative: -2 m at s=100 (100 m into the lane section)`,
    );
  });

  it("a cubic width that dips below zero between its ends", () => {
    // 2 − 0.4·ds + 0.01·ds²: 2 at 0, 2 at 40, −2 at its minimum (ds = 20).
    const records = `<width sOffset="0" a="2" b="-0.4" c="0.01" d="0"/>`;
    const text = opendriveText([{ id: "7", length: 40, sections: [{ lanes: [{ id: -1, records }] }] }]);
    expect(errorOf(text)).toContain("the width goes negative: -2 m at s=20");
  });

  it("repeated lane ids and lanes on the wrong side", () => {
    const dup = opendriveText([
      { id: "1", length: 50, sections: [{ lanes: [{ id: -1 }, { id: -1, type: "shoulder" }] }] },
    ]);
    expect(errorOf(dup)).toMatch(
      /^map\.xodr:\d+:\d+: error: road "1" lane -1 \(lane section at s=0\): repeats a lane id of its lane section$/,
    );
    const side = opendriveText([twoWay("1", 50)]).replace(
      `<lane id="1" type="driving"`,
      `<lane id="-2" type="driving"`,
    );
    expect(errorOf(side)).toContain(
      `road "1" lane -2 (lane section at s=0): lane -2 is in <left>, where lane ids are positive`,
    );
  });

  it("a link to a road that does not exist", () => {
    const text = opendriveText([
      twoWay("1", 100, { succ: `<successor elementType="road" elementId="99" contactPoint="start"/>` }),
    ]);
    expect(errorOf(text)).toBe(
      `map.xodr:${where(text, "<successor")}: error: road "1" <successor>: links to road "99", which does not exist`,
    );
  });

  it("a connecting road of a junction that does not exist", () => {
    const text = opendriveText([twoWay("1", 100, { junction: "5" })]);
    expect(errorOf(text)).toBe(
      `map.xodr:${where(text, "<road")}: error: road "1": belongs to junction "5", which does not exist`,
    );
  });

  it("junction connections naming missing roads, or roads outside the junction", () => {
    const roads = [twoWay("1", 100, { succ: `<successor elementType="junction" elementId="9"/>` })];
    const noConnecting = opendriveText(
      roads,
      junction(
        `<connection id="0" incomingRoad="1" connectingRoad="77" contactPoint="start"><laneLink from="-1" to="-1"/></connection>`,
      ),
    );
    expect(errorOf(noConnecting)).toBe(
      `map.xodr:${where(noConnecting, "<connection")}: error: junction "9" connection "0": connecting road "77" does not exist`,
    );
    const noIncoming = opendriveText(
      [...roads, twoWay("2", 10, { junction: "9" })],
      junction(`<connection id="3" incomingRoad="55" connectingRoad="2" contactPoint="start"/>`),
    );
    expect(errorOf(noIncoming)).toBe(
      `map.xodr:${where(noIncoming, "<connection")}: error: junction "9" connection "3": incoming road "55" does not exist`,
    );
    const outside = opendriveText(
      [...roads, twoWay("2", 10)],
      junction(`<connection id="0" incomingRoad="1" connectingRoad="2" contactPoint="start"/>`),
    );
    expect(errorOf(outside)).toBe(
      `map.xodr:${where(outside, "<connection")}: error: junction "9" connection "0": connecting road "2" is not a road of junction "9" (its junction attribute is "-1")`,
    );
  });

  it("a lane link to a lane the linked road does not have", () => {
    const text = opendriveText([
      twoWay("1", 100, { succ: `<successor elementType="road" elementId="2" contactPoint="start"/>` }),
      { id: "2", length: 50, x: 100, sections: [{ lanes: [{ id: -1 }] }] },
    ]).replace(
      `<lane id="-1" type="driving" level="false">`,
      `<lane id="-1" type="driving" level="false"><link><successor id="-3"/></link>`,
    );
    expect(errorOf(text)).toBe(
      `map.xodr:${where(text, '<lane id="-1"')}: error: road "1" lane -1 (lane section at s=0): its successor lane -3 is not a lane of road "2" at its start (lanes there: -1; linked at road "1" <successor>)`,
    );
  });

  it("a junction laneLink to a lane the connecting road does not have", () => {
    const text = opendriveText(
      [
        twoWay("1", 100, { succ: `<successor elementType="junction" elementId="9"/>` }),
        {
          id: "2",
          length: 10,
          x: 100,
          junction: "9",
          pred: `<predecessor elementType="road" elementId="1" contactPoint="end"/>`,
          sections: [{ lanes: [{ id: -1 }] }],
        },
      ],
      junction(
        `<connection id="0" incomingRoad="1" connectingRoad="2" contactPoint="start"><laneLink from="-1" to="-4"/></connection>`,
      ),
    );
    expect(errorOf(text)).toBe(
      `map.xodr:${where(text, "<laneLink")}: error: junction "9" connection "0" <laneLink>: lane -4 is not a lane of road "2" at its start (lanes there: -1)`,
    );
  });

  it("a speed in an unknown unit and an unknown traffic rule", () => {
    const unit = opendriveText([
      twoWay("1", 50, { type: `<type s="0" type="town"><speed max="30" unit="knots"/></type>` }),
    ]);
    expect(errorOf(unit)).toBe(
      `map.xodr:${where(unit, "<speed")}: error: road "1" <type> <speed>: attribute unit="knots" must be m/s, km/h or mph`,
    );
    const rule = opendriveText([twoWay("1", 50, { rule: "left" })]);
    expect(errorOf(rule)).toBe(
      `map.xodr:${where(rule, "<road")}: error: road "1": attribute rule="left" must be RHT or LHT`,
    );
  });

  it("netconvert's links to junctions it does not write are not errors", () => {
    const text = opendriveText([twoWay("1", 100, { succ: `<successor elementType="junction" elementId="404"/>` })]);
    expect(() => importOpenDrive(text, "map.xodr")).not.toThrow();
  });
});
