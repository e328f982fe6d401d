/**
 * A grouped bar chart as SVG text, written by hand (no chart library): one group of bars per
 * category (scenario), one bar per series (policy), a y axis from 0 to a rounded maximum with five
 * grid lines, value labels, and a legend. Missing values (null) leave a gap marked "n/a".
 */

/** A chart's data. */
export interface BarChartData {
  title: string;
  /** Y-axis label (with unit). */
  yLabel: string;
  categories: readonly string[];
  series: readonly { name: string; values: readonly (number | null)[] }[];
  /** Fixed maximum of the y axis (e.g. 1 for rates); default a rounded maximum of the data. */
  yMax?: number;
}

const PALETTE = ["#e8742c", "#1f3f8f", "#6fa8dc", "#3c9d5d", "#b04a8f", "#8a6d3b", "#555555", "#c9a227"];
const W = 760;
const H = 360;
const M = { left: 64, right: 16, top: 40, bottom: 84 };

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** A "nice" axis maximum ≥ v: 1, 2, 2.5 or 5 × a power of ten. */
export function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v - 1e-12) return m * p;
  return 10 * p;
}

function label(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/** The chart as a standalone SVG document. */
export function svgBarChart(d: BarChartData): string {
  const all = d.series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  const yMax = d.yMax ?? niceMax(Math.max(0, ...all));
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const y = (v: number) => M.top + plotH - (Math.max(0, Math.min(v, yMax)) / yMax) * plotH;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`,
  );
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(d.title)}</text>`);
  for (let k = 0; k <= 5; k++) {
    const v = (yMax * k) / 5;
    const yy = y(v).toFixed(1);
    out.push(`<line x1="${M.left}" y1="${yy}" x2="${W - M.right}" y2="${yy}" stroke="#dddddd"/>`);
    out.push(`<text x="${M.left - 6}" y="${yy}" text-anchor="end" dominant-baseline="middle">${label(v)}</text>`);
  }
  out.push(
    `<text transform="translate(16 ${M.top + plotH / 2}) rotate(-90)" text-anchor="middle">${esc(d.yLabel)}</text>`,
  );
  const groupW = plotW / Math.max(1, d.categories.length);
  const barW = Math.min(40, (groupW * 0.8) / Math.max(1, d.series.length));
  d.categories.forEach((c, i) => {
    const gx = M.left + i * groupW + (groupW - barW * d.series.length) / 2;
    d.series.forEach((s, j) => {
      const v = s.values[i];
      const x = (gx + j * barW).toFixed(1);
      if (v === null || !Number.isFinite(v)) {
        out.push(
          `<text x="${(gx + (j + 0.5) * barW).toFixed(1)}" y="${(M.top + plotH - 4).toFixed(1)}" text-anchor="middle" fill="#999999" font-size="9">n/a</text>`,
        );
        return;
      }
      const top = y(v);
      out.push(
        `<rect x="${x}" y="${top.toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${(M.top + plotH - top).toFixed(1)}" fill="${PALETTE[j % PALETTE.length]}"><title>${esc(`${s.name}, ${c}: ${v}`)}</title></rect>`,
      );
      out.push(
        `<text x="${(gx + (j + 0.5) * barW - 1).toFixed(1)}" y="${(top - 3).toFixed(1)}" text-anchor="middle" font-size="9">${label(v)}</text>`,
      );
    });
    out.push(
      `<text x="${(M.left + (i + 0.5) * groupW).toFixed(1)}" y="${M.top + plotH + 16}" text-anchor="middle">${esc(c)}</text>`,
    );
  });
  out.push(`<line x1="${M.left}" y1="${M.top + plotH}" x2="${W - M.right}" y2="${M.top + plotH}" stroke="#333333"/>`);
  d.series.forEach((s, j) => {
    const lx = M.left + (j % 4) * 170;
    const ly = H - 36 + Math.floor(j / 4) * 16;
    out.push(`<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${PALETTE[j % PALETTE.length]}"/>`);
    out.push(`<text x="${lx + 14}" y="${ly}">${esc(s.name)}</text>`);
  });
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}
