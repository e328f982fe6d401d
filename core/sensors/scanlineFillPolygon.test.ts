import { describe, expect, it } from "vitest";
import { ScanlineScratch, scanlineFillPolygon, type ScanlineGrid } from "./scanlineFillPolygon.js";

const grid: ScanlineGrid = { originX: 0, originY: 0, resolutionM: 1, cols: 10, rows: 10 };

function fill(xs: number[], ys: number[]): Set<string> {
  const cells = new Set<string>();
  scanlineFillPolygon(
    xs,
    ys,
    xs.length,
    grid,
    (row, c0, c1) => {
      for (let c = c0; c <= c1; c++) cells.add(`${row},${c}`);
    },
    new ScanlineScratch(),
  );
  return cells;
}

describe("scanlineFillPolygon", () => {
  it("fills the cells whose centres are inside a square", () => {
    const cells = fill([1.2, 4.8, 4.8, 1.2], [2.2, 2.2, 3.9, 3.9]);
    // Centres x ∈ {1.5 … 4.5}, y ∈ {2.5, 3.5}.
    expect([...cells].sort()).toEqual(["2,1", "2,2", "2,3", "2,4", "3,1", "3,2", "3,3", "3,4"]);
  });

  it("fills a triangle the same in either orientation", () => {
    const a = fill([0, 8, 0], [0, 0, 8]);
    const b = fill([0, 0, 8], [0, 8, 0]);
    expect([...a].sort()).toEqual([...b].sort());
    // Centre (c + 0.5, r + 0.5) inside x + y < 8: c + r ≤ 6.
    expect(a.size).toBe(28);
  });

  it("fills a self-overlapping outline without holes (non-zero rule)", () => {
    // The square 1..5 traced twice: even–odd would leave it empty.
    const xs = [1, 5, 5, 1, 1, 5, 5, 1],
      ys = [1, 1, 5, 5, 1, 1, 5, 5];
    expect(fill(xs, ys).size).toBe(16);
  });

  it("clips to the grid", () => {
    expect(fill([-5, 20, 20, -5], [-5, -5, 20, 20]).size).toBe(100);
  });
});
