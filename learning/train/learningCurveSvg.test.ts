import { describe, expect, it } from "vitest";
import { learningCurveSvg } from "./learningCurveSvg.js";

const curve = learningCurveSvg({
  title: "ppo on merge",
  left: {
    label: "mean episode return",
    series: [
      {
        name: "mean return",
        colour: "#1f77b4",
        points: [
          [0, -3],
          [5000, 12],
          [9000, 37],
        ],
      },
    ],
  },
  right: {
    label: "rate (share of episodes, 0–1)",
    series: [
      {
        name: "completion rate",
        colour: "#2ca02c",
        points: [
          [0, 0],
          [9000, 0.8],
        ],
      },
      {
        name: "collision rate",
        colour: "#d62728",
        points: [
          [0, 0.5],
          [9000, 0.1],
        ],
      },
    ],
  },
});

/** The `<text>` elements: their x, y and content. */
function texts(svg: string): { x: number; y: number; text: string }[] {
  return [...svg.matchAll(/<text x="([\d.-]+)" y="([\d.-]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    text: m[3],
  }));
}

describe("learningCurveSvg", () => {
  it("labels both y axes and the x axis, with units", () => {
    expect(curve).toContain(">mean episode return</text>");
    expect(curve).toContain(">rate (share of episodes, 0–1)</text>");
    expect(curve).toContain(">environment steps</text>");
  });

  it("puts the return on its own rounded range and the rates on 0–1", () => {
    const t = texts(curve);
    // Left ticks: -5 … 50 (rounded minimum and maximum of the return), right ticks 0 … 1, x ticks 0 … 10k.
    const left = t.filter((e) => e.x === 58).map((e) => e.text);
    expect(left).toEqual(["-5", "6", "17", "28", "39", "50"]);
    const right = t.filter((e) => e.x === 582).map((e) => e.text);
    expect(right).toEqual(["0", "0.2", "0.4", "0.6", "0.8", "1"]);
    expect(t.filter((e) => e.y === 306).map((e) => e.text)).toEqual(["0", "2k", "4k", "6k", "8k", "10k"]);
    // The return's last point (37 of -5…50) and the completion's (0.8 of 0…1) on their own scales.
    const [ret, completion] = [...curve.matchAll(/points="([^"]+)"/g)].map((m) =>
      m[1].split(" ").at(-1)!.split(",").map(Number),
    );
    expect(ret[1]).toBeCloseTo(36 + 254 - ((37 + 5) / 55) * 254, 1);
    expect(completion[1]).toBeCloseTo(36 + 254 - 0.8 * 254, 1);
  });

  it("lays the legend out below the plot without overlaps", () => {
    const legend = texts(curve).filter((e) => / \((left|right)\)$/.test(e.text));
    expect(legend.map((e) => e.text)).toEqual([
      "mean return (left)",
      "completion rate (right)",
      "collision rate (right)",
    ]);
    for (const e of legend) expect(e.y).toBeGreaterThan(36 + 254 + 32);
    for (let i = 1; i < legend.length; i++)
      expect(legend[i].x).toBeGreaterThan(legend[i - 1].x + legend[i - 1].text.length * 6.5);
    expect(legend.at(-1)!.x + legend.at(-1)!.text.length * 6.5).toBeLessThan(640);
  });
});
