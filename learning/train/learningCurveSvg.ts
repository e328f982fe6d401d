/** A learning curve as a small standalone SVG: one polyline per series against environment steps. */

/** One series of points `[envSteps, value]`. */
export interface CurveSeries {
  name: string;
  colour: string;
  points: [number, number][];
}

/** Renders the series into a `width × height` SVG with axes ranges printed in the corners. */
export function learningCurveSvg(title: string, series: readonly CurveSeries[], width = 640, height = 360): string {
  const pad = 40;
  const all = series.flatMap((s) => s.points);
  const xMax = Math.max(1, ...all.map((p) => p[0]));
  const yMin = Math.min(0, ...all.map((p) => p[1]));
  const yMax = Math.max(1, ...all.map((p) => p[1]));
  const px = (x: number) => pad + (x / xMax) * (width - 2 * pad);
  const py = (y: number) => height - pad - ((y - yMin) / (yMax - yMin || 1)) * (height - 2 * pad);
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const lines = series.map(
    (s) =>
      `<polyline fill="none" stroke="${s.colour}" stroke-width="1.5" points="${s.points.map((p) => `${px(p[0]).toFixed(1)},${py(p[1]).toFixed(1)}`).join(" ")}"/>`,
  );
  const legend = series.map(
    (s, i) =>
      `<text x="${width - pad - 150}" y="${pad + 14 * i}" fill="${s.colour}" font-size="12">${esc(s.name)}</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${pad}" y="20" font-size="14">${esc(title)}</text>`,
    `<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="black"/>`,
    `<line x1="${pad}" y1="${pad}" x2="${pad}" y2="${height - pad}" stroke="black"/>`,
    `<text x="${width - pad}" y="${height - pad + 16}" font-size="11" text-anchor="end">${xMax} env steps</text>`,
    `<text x="4" y="${pad}" font-size="11">${yMax.toPrecision(3)}</text>`,
    `<text x="4" y="${height - pad}" font-size="11">${yMin.toPrecision(3)}</text>`,
    ...lines,
    ...legend,
    `</svg>`,
  ].join("\n");
}
