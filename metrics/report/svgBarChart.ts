/**
 * A grouped bar chart as SVG text, written by hand (no chart library): one group of bars per
 * category (scenario), one bar per series (policy), a y axis from 0 to a rounded maximum with five
 * grid lines, value labels, and a legend. Missing values (null) leave a gap marked "n/a".
 *
 * Nothing overlaps: text widths are estimated from the font size ({@link textWidth}); a category
 * label wider than its group wraps onto more lines, a value label wider than its bar is turned
 * upright, and legend entries flow left to right into as many rows as they need — the chart grows
 * taller to hold them.
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
/** Height of the plot area (px). */
const PLOT_H = 236;
const M = { left: 64, right: 16, top: 40 };
/** Line heights (px) of category labels and legend rows. */
const CATEGORY_LINE = 13;
const LEGEND_ROW = 16;

/** Estimated width (px) of `text` in a sans-serif font of `size` px (0.6 em a character, generous for digits). */
export function textWidth(text: string, size: number): number {
  return text.length * size * 0.6;
}

/** `text` broken at spaces (and after `/`, `-`, `(`) into lines of at most `width` px at `size` px. */
export function wrapText(text: string, width: number, size: number): string[] {
  const words = text.split(/(?<=[ /-])|(?=\()/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = "";
  for (const w of words) {
    if (line && textWidth((line + w).trimEnd(), size) > width) {
      lines.push(line.trimEnd());
      line = w.trimStart();
    } else line += w;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

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
  const plotH = PLOT_H;
  const groupW = plotW / Math.max(1, d.categories.length);
  const barW = Math.min(40, (groupW * 0.8) / Math.max(1, d.series.length));
  const categoryLines = d.categories.map((c) => wrapText(c, groupW - 6, 11));
  const categoryH = Math.max(1, ...categoryLines.map((l) => l.length)) * CATEGORY_LINE;
  // Legend entries flow into rows below the category labels.
  const legend: { name: string; x: number; row: number }[] = [];
  let lx = M.left;
  let row = 0;
  for (const s of d.series) {
    const w = 14 + textWidth(s.name, 11) + 18;
    if (lx > M.left && lx + w > W - M.right) {
      row++;
      lx = M.left;
    }
    legend.push({ name: s.name, x: lx, row });
    lx += w;
  }
  const legendTop = M.top + plotH + 8 + categoryH + 14;
  const H = legendTop + (row + 1) * LEGEND_ROW + 6;
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
  d.categories.forEach((c, i) => {
    const gx = M.left + i * groupW + (groupW - barW * d.series.length) / 2;
    d.series.forEach((s, j) => {
      const v = s.values[i];
      const x = (gx + j * barW).toFixed(1);
      const cx = (gx + (j + 0.5) * barW - 1).toFixed(1);
      if (v === null || !Number.isFinite(v)) {
        const base = (M.top + plotH - 4).toFixed(1);
        out.push(
          textWidth("n/a", 9) <= barW - 2
            ? `<text x="${cx}" y="${base}" text-anchor="middle" fill="#999999" font-size="9">n/a</text>`
            : `<text transform="translate(${cx} ${base}) rotate(-90)" dominant-baseline="middle" fill="#999999" font-size="9">n/a</text>`,
        );
        return;
      }
      const top = y(v);
      out.push(
        `<rect x="${x}" y="${top.toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${(M.top + plotH - top).toFixed(1)}" fill="${PALETTE[j % PALETTE.length]}"><title>${esc(`${s.name}, ${c}: ${v}`)}</title></rect>`,
      );
      const text = label(v);
      const w = textWidth(text, 9);
      if (w <= barW - 1)
        out.push(`<text x="${cx}" y="${(top - 3).toFixed(1)}" text-anchor="middle" font-size="9">${text}</text>`);
      else if (top - 3 - w >= M.top - 8)
        out.push(
          `<text transform="translate(${cx} ${(top - 3).toFixed(1)}) rotate(-90)" dominant-baseline="middle" font-size="9">${text}</text>`,
        );
      // Upright above a tall bar would reach the title: inside the bar's top instead.
      else
        out.push(
          `<text transform="translate(${cx} ${(top + 3).toFixed(1)}) rotate(-90)" text-anchor="end" dominant-baseline="middle" font-size="9" fill="#ffffff">${text}</text>`,
        );
    });
    categoryLines[i].forEach((line, k) => {
      out.push(
        `<text x="${(M.left + (i + 0.5) * groupW).toFixed(1)}" y="${M.top + plotH + 16 + k * CATEGORY_LINE}" text-anchor="middle">${esc(line)}</text>`,
      );
    });
  });
  out.push(`<line x1="${M.left}" y1="${M.top + plotH}" x2="${W - M.right}" y2="${M.top + plotH}" stroke="#333333"/>`);
  legend.forEach((e, j) => {
    const ly = legendTop + e.row * LEGEND_ROW;
    out.push(`<rect x="${e.x}" y="${ly - 9}" width="10" height="10" fill="${PALETTE[j % PALETTE.length]}"/>`);
    out.push(`<text x="${e.x + 14}" y="${ly}">${esc(e.name)}</text>`);
  });
  out.push(`</svg>`);
  return out.join("\n") + "\n";
}
