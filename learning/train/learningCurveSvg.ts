/**
 * A learning curve as a small standalone SVG against environment steps, with two y axes: the left
 * one for the return (its own range, ticks and label), the right one for rates (0 to 1). Each axis
 * is labelled with what it measures and its unit; the x axis is labelled "environment steps" with
 * ticks, and the legend sits below the plot, where it covers no line.
 */
import { niceMax } from "../../metrics/report/svgBarChart.js";

/** One series of points `[envSteps, value]`. */
export interface CurveSeries {
  name: string;
  colour: string;
  points: [number, number][];
}

/** One y axis: its label (with unit) and the series drawn against it. */
export interface CurveAxis {
  label: string;
  series: readonly CurveSeries[];
}

/** What {@link learningCurveSvg} draws: the return axis (left) and the rate axis (right, 0–1). */
export interface LearningCurve {
  title: string;
  left: CurveAxis;
  right: CurveAxis;
}

const M = { left: 64, right: 64, top: 36, bottom: 70 };
const TICKS = 5;

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A tick label: short, without trailing zeros (12000 → 12k). */
function tickText(v: number): string {
  if (Math.abs(v) >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (Math.abs(v) >= 1e3) return `${+(v / 1e3).toPrecision(3)}k`;
  return String(+v.toPrecision(3));
}

/** The left axis range: from 0 (or a rounded minimum below it) to a rounded maximum. */
function returnRange(points: readonly [number, number][]): [number, number] {
  const ys = points.map((p) => p[1]).filter(Number.isFinite);
  const lo = Math.min(0, ...ys);
  const hi = Math.max(0, ...ys);
  const min = lo < 0 ? -niceMax(-lo) : 0;
  const max = hi > 0 ? niceMax(hi) : min === 0 ? 1 : 0;
  return [min, max];
}

/** Renders the curve into a `width × height` SVG. */
export function learningCurveSvg(curve: LearningCurve, width = 640, height = 360): string {
  const plotW = width - M.left - M.right;
  const plotH = height - M.top - M.bottom;
  const all = [...curve.left.series, ...curve.right.series].flatMap((s) => s.points);
  const xMax = niceMax(Math.max(1, ...all.map((p) => p[0])));
  const [lMin, lMax] = returnRange(curve.left.series.flatMap((s) => s.points));
  const px = (x: number) => M.left + (x / xMax) * plotW;
  const py = (y: number, min: number, max: number) =>
    M.top + plotH - ((Math.max(min, Math.min(max, y)) - min) / (max - min)) * plotH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${width / 2}" y="20" font-size="14" font-weight="bold" text-anchor="middle">${esc(curve.title)}</text>`,
  ];
  for (let k = 0; k <= TICKS; k++) {
    const yy = (M.top + plotH - (k / TICKS) * plotH).toFixed(1);
    out.push(`<line x1="${M.left}" y1="${yy}" x2="${M.left + plotW}" y2="${yy}" stroke="#e4e4e4"/>`);
    const lv = lMin + ((lMax - lMin) * k) / TICKS;
    out.push(`<text x="${M.left - 6}" y="${yy}" text-anchor="end" dominant-baseline="middle">${tickText(lv)}</text>`);
    out.push(`<text x="${M.left + plotW + 6}" y="${yy}" dominant-baseline="middle">${tickText(k / TICKS)}</text>`);
    const xv = (xMax * k) / TICKS;
    out.push(`<text x="${px(xv).toFixed(1)}" y="${M.top + plotH + 16}" text-anchor="middle">${tickText(xv)}</text>`);
  }
  out.push(
    `<line x1="${M.left}" y1="${M.top + plotH}" x2="${M.left + plotW}" y2="${M.top + plotH}" stroke="black"/>`,
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${M.top + plotH}" stroke="black"/>`,
    `<line x1="${M.left + plotW}" y1="${M.top}" x2="${M.left + plotW}" y2="${M.top + plotH}" stroke="black"/>`,
    `<text x="${M.left + plotW / 2}" y="${M.top + plotH + 32}" text-anchor="middle">environment steps</text>`,
    `<text transform="translate(16 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle">${esc(curve.left.label)}</text>`,
    `<text transform="translate(${width - 12} ${M.top + plotH / 2}) rotate(90)" text-anchor="middle">${esc(curve.right.label)}</text>`,
  );
  const draw = (s: CurveSeries, min: number, max: number, dash: string) =>
    `<polyline fill="none" stroke="${s.colour}" stroke-width="1.5"${dash} points="${s.points
      .map((p) => `${px(p[0]).toFixed(1)},${py(p[1], min, max).toFixed(1)}`)
      .join(" ")}"/>`;
  for (const s of curve.left.series) out.push(draw(s, lMin, lMax, ""));
  for (const s of curve.right.series) out.push(draw(s, 0, 1, ` stroke-dasharray="5 3"`));
  // Legend under the x-axis label, one entry after another; the axis each series belongs to in brackets.
  let lx = M.left;
  const ly = height - 14;
  const entries = [
    ...curve.left.series.map((s) => ({ s, text: `${s.name} (left)`, dash: "" })),
    ...curve.right.series.map((s) => ({ s, text: `${s.name} (right)`, dash: ` stroke-dasharray="5 3"` })),
  ];
  for (const { s, text, dash } of entries) {
    out.push(
      `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 18}" y2="${ly - 4}" stroke="${s.colour}" stroke-width="2"${dash}/>`,
      `<text x="${lx + 22}" y="${ly}">${esc(text)}</text>`,
    );
    lx += 22 + text.length * 6.5 + 16;
  }
  out.push(`</svg>`);
  return out.join("\n");
}
