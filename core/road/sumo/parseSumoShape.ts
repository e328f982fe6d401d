import type { Point2 } from "../RoadNetworkSpec.js";
import type { XmlElement } from "./walkSumoXml.js";
import { coordinateProblem } from "../../../spec/coordinateLimit.js";

/**
 * Reads a SUMO position list (`shape="x,y x,y"`, world metres) from attribute `attr` of `el`.
 * Points may carry a third coordinate (`x,y,z`); z is dropped (the road model is planar).
 * An absent or empty attribute gives `[]`; the caller decides how many points it needs.
 * @throws FileFormatError naming the element when a point is not two or three numbers
 */
export function parseSumoShape(el: XmlElement, attr: string): Point2[] {
  const text = el.optStr(attr);
  if (text === undefined) return [];
  const points: Point2[] = [];
  for (const token of text.split(" ")) {
    if (token.length === 0) continue; // tolerate doubled or trailing spaces
    const c1 = token.indexOf(",");
    const c2 = c1 < 0 ? -1 : token.indexOf(",", c1 + 1);
    const yEnd = c2 < 0 ? token.length : c2;
    const x = c1 <= 0 ? Number.NaN : Number(token.slice(0, c1));
    const y = c1 < 0 || yEnd === c1 + 1 ? Number.NaN : Number(token.slice(c1 + 1, yEnd));
    const extra = c2 < 0 ? "" : token.slice(c2 + 1);
    const zBad = c2 >= 0 && (extra.length === 0 || extra.includes(",") || !Number.isFinite(Number(extra)));
    if (!Number.isFinite(x) || !Number.isFinite(y) || zBad) {
      el.fail(`${attr}: "${token}" is not a point "x,y" or "x,y,z"`);
    }
    const problem = coordinateProblem(x) ?? coordinateProblem(y);
    if (problem) el.fail(`${attr}: point "${token}": ${problem}`);
    points.push([x, y]);
  }
  return points;
}
