import { describe, expect, it } from "vitest";
import { vectorLayout, vectorLayoutMarkdown, vectorWaypointSamples } from "./vectorLayout.js";
import { fullObservation, standardObservation } from "./standardObservation.js";

describe("vectorLayout", () => {
  it("numbers elements contiguously with unique names and positive scales", () => {
    for (const cfg of [standardObservation(), fullObservation()]) {
      const layout = vectorLayout(cfg);
      layout.forEach((e, i) => expect(e.offset).toBe(i));
      expect(new Set(layout.map((e) => e.name)).size).toBe(layout.length);
      expect(layout.every((e) => e.scale > 0 && Number.isFinite(e.scale))).toBe(true);
    }
  });

  it("depends only on the config: sections follow the enabled parts and their sizes", () => {
    const std = standardObservation();
    expect(vectorLayout(std)).toHaveLength(22 + 8 * 9 + 3 * 10 * 4 + 9);
    const small = standardObservation();
    small.neighbours.max = 2;
    small.waypoints.lookahead = 4;
    small.events.enabled = false;
    expect(vectorLayout(small)).toHaveLength(22 + 2 * 9 + 3 * 4 * 4);
    expect(vectorLayout(fullObservation())).toHaveLength(vectorLayout(std).length + 6);
  });

  it("renders repeated slots as one row with an offset formula", () => {
    const cfg = standardObservation();
    cfg.neighbours.max = 2;
    const md = vectorLayoutMarkdown(cfg);
    expect(md).toContain("| 22 + 9·i (i < 2) | `neighbours[i].present` | 1 | 0/1 |");
    expect(md).toContain("| 41 + 40·i + 4·j (i < 3, j < 10) | `waypoints[i][j].x` | 49 | m |");
    expect(md).toContain(`| **${vectorLayout(cfg).length}** | *length* |`);
  });

  it("samples waypoints evenly over the lookahead, first and last included", () => {
    expect(vectorWaypointSamples(50)).toEqual([0, 5, 11, 16, 22, 27, 33, 38, 44, 49]);
    expect(vectorWaypointSamples(4)).toEqual([0, 1, 2, 3]);
    expect(vectorWaypointSamples(1)).toEqual([0]);
  });
});
