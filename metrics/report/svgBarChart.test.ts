import { describe, expect, it } from "vitest";
import { svgBarChart, textWidth, wrapText } from "./svgBarChart.js";

/** The paper benchmark's layout: six scenario columns and many policies with long names. */
const categories = [
  "Two-Way",
  "Two-Way (SV)",
  "Double Merge",
  "Double Merge (SV)",
  "Intersection",
  "Intersection (SV) with a long label",
];
const policies = [
  "PPO",
  "MAPPO",
  "DQN",
  "idm-mobil@v2 normal",
  "idm-mobil@v2 aggressive",
  "idm-mobil@v2 cautious",
  "idm-mobil@v2 lane/normal",
  "keep-lane (a lower bound)",
];
const chart = svgBarChart({
  title: "Completion rate per scenario and policy",
  yLabel: "Completion rate",
  categories,
  series: policies.map((name, j) => ({
    name,
    values: categories.map((_, i) => (i === 2 && j === 0 ? null : (i + j) / 13)),
  })),
  yMax: 1,
});

interface Text {
  x: number;
  y: number;
  size: number;
  text: string;
  upright: boolean;
  /** Drawn from its point downward (inside a bar) rather than upward. */
  inside: boolean;
}

/** Every `<text>`: position, font size, content, and whether it is turned upright. */
function texts(svg: string): Text[] {
  return [...svg.matchAll(/<text ([^>]*)>([^<]*)<\/text>/g)].map((m) => {
    const attrs = m[1];
    const t = /translate\(([\d.]+) ([\d.]+)\) rotate\(-90\)/.exec(attrs);
    const num = (name: string) => Number(new RegExp(`${name}="([\\d.-]+)"`).exec(attrs)?.[1] ?? NaN);
    const size = /font-size="(\d+)"/.exec(attrs);
    return {
      x: t ? Number(t[1]) : num("x"),
      y: t ? Number(t[2]) : num("y"),
      size: size ? Number(size[1]) : 11,
      text: m[2],
      upright: t !== null,
      inside: attrs.includes('text-anchor="end"') && t !== null,
    };
  });
}

describe("svgBarChart", () => {
  const all = texts(chart);
  const plotBottom = 40 + 236;
  const groupW = (760 - 64 - 16) / categories.length;
  const barW = Math.min(40, (groupW * 0.8) / policies.length);

  it("wraps category labels to their group's width", () => {
    const below = all.filter((t) => t.y > plotBottom && t.y < plotBottom + 60 && !policies.includes(t.text));
    expect(below.map((t) => t.text).join(" ")).toBe(categories.join(" "));
    for (const t of below) expect(textWidth(t.text, 11)).toBeLessThanOrEqual(groupW - 6);
    expect(below.filter((t) => t.text.startsWith("Intersection (SV)")).length).toBe(0);
  });

  it("turns value labels wider than their bar upright, keeping them clear of the title", () => {
    const values = all.filter((t) => t.size === 9);
    expect(values.length).toBe(categories.length * policies.length);
    expect(values.filter((t) => t.text === "n/a")).toHaveLength(1);
    for (const t of values) {
      if (!t.upright) expect(textWidth(t.text, 9)).toBeLessThanOrEqual(barW);
      else if (t.inside) expect(t.y + textWidth(t.text, 9)).toBeLessThanOrEqual(plotBottom);
      else expect(t.y - textWidth(t.text, 9)).toBeGreaterThanOrEqual(32);
    }
    expect(values.some((t) => t.upright)).toBe(true);
  });

  it("flows the legend into rows without overlaps and grows the chart to hold them", () => {
    const legend = all.filter((t) => policies.includes(t.text));
    expect(legend.map((t) => t.text)).toEqual(policies);
    const rows = [...new Set(legend.map((t) => t.y))];
    expect(rows.length).toBeGreaterThan(1);
    for (const y of rows) {
      const row = legend.filter((t) => t.y === y);
      for (let i = 1; i < row.length; i++)
        expect(row[i].x - 14).toBeGreaterThan(row[i - 1].x + textWidth(row[i - 1].text, 11));
      const last = row.at(-1)!;
      expect(last.x + textWidth(last.text, 11)).toBeLessThanOrEqual(760 - 16);
    }
    const height = Number(/height="(\d+(?:\.\d+)?)"/.exec(chart)![1]);
    expect(height).toBeGreaterThan(Math.max(...rows));
  });

  it("wraps text at spaces and before brackets", () => {
    expect(wrapText("Intersection (SV) with a long label", 70, 11)).toEqual([
      "Intersection",
      "(SV) with",
      "a long",
      "label",
    ]);
    expect(wrapText("Two-Way", 200, 11)).toEqual(["Two-Way"]);
  });
});
