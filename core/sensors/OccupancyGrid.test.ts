import { describe, expect, it } from "vitest";
import { OccupancyGrid } from "./OccupancyGrid.js";
import type { VehicleBoxView } from "./VehicleBoxView.js";

/** Boxes `[x, y, headingRad, halfLength, halfWidth]`. */
function boxes(list: readonly (readonly number[])[]): VehicleBoxView {
  const col = (k: number) => Float64Array.from(list, (b) => b[k]);
  return { count: list.length, x: col(0), y: col(1), headingRad: col(2), halfLength: col(3), halfWidth: col(4) };
}

const W = 64,
  H = 64;

function occupied(out: Uint8Array): string[] {
  const cells: string[] = [];
  out.forEach((v, i) => v && cells.push(`${Math.floor(i / W)},${i % W}`));
  return cells;
}

function block(rows: [number, number], cols: [number, number]): string[] {
  const cells: string[] = [];
  for (let r = rows[0]; r <= rows[1]; r++) for (let c = cols[0]; c <= cols[1]; c++) cells.push(`${r},${c}`);
  return cells;
}

describe("OccupancyGrid", () => {
  const grid = new OccupancyGrid({ width: W, height: H, cellM: 0.5 });

  it("shows a vehicle 10 m ahead at the rows ahead of the centre, centred across", () => {
    // Ego at index 0 (skipped); a 4 × 2 m box 10 m ahead covers forward 8..12 m, left −1..1 m:
    // rows v = 32 − f / 0.5 ∈ [8, 16] → 8..15, columns u = 32 − l / 0.5 ∈ [30, 34] → 30..33.
    const v = boxes([
      [0, 0, 0, 2, 1],
      [10, 0, 0, 2, 1],
    ]);
    const out = grid.render({ x: 0, y: 0, headingRad: 0 }, v, 0, new Uint8Array(W * H));
    expect(occupied(out)).toEqual(block([8, 15], [30, 33]));
  });

  it("gives the same cells when the whole scene is rotated", () => {
    const h = Math.PI / 2;
    const v = boxes([
      [5, 5, h, 2, 1],
      [5, 15, h, 2, 1],
    ]);
    const out = grid.render({ x: 5, y: 5, headingRad: h }, v, 0, new Uint8Array(W * H));
    expect(occupied(out)).toEqual(block([8, 15], [30, 33]));
  });

  it("puts a vehicle on the ego's left in the left columns", () => {
    // 5 m left, 2 m ahead, crosswise (heading π/2): forward 1..3 m, left 3..7 m.
    const v = boxes([[2, 5, Math.PI / 2, 2, 1]]);
    const out = grid.render({ x: 0, y: 0, headingRad: 0 }, v, -1, new Uint8Array(W * H));
    // rows v ∈ [26, 30] → 26..29; columns u ∈ [18, 26] → 18..25.
    expect(occupied(out)).toEqual(block([26, 29], [18, 25]));
  });

  it("clips boxes at the grid's border and ignores far ones", () => {
    const v = boxes([
      [17, 0, 0, 2, 1],
      [500, 0, 0, 2, 1],
    ]);
    const out = grid.render({ x: 0, y: 0, headingRad: 0 }, v, -1, new Uint8Array(W * H));
    // forward 15..19 m → v ∈ [−6, 2] → rows 0..1.
    expect(occupied(out)).toEqual(block([0, 1], [30, 33]));
  });

  it("matches a per-cell point-in-box test for boxes at any heading", () => {
    let seed = 3;
    const rand = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296;
    const list: number[][] = [];
    for (let i = 0; i < 40; i++)
      list.push([(rand() - 0.5) * 40, (rand() - 0.5) * 40, rand() * 7 - 3.5, 0.5 + rand() * 4, 0.3 + rand() * 1.5]);
    const v = boxes(list);
    const pose = { x: 1.3, y: -0.7, headingRad: 2.2 };
    const out = grid.render(pose, v, -1, new Uint8Array(W * H));
    const ch = Math.cos(pose.headingRad),
      sh = Math.sin(pose.headingRad);
    let diff = 0;
    for (let r = 0; r < H; r++) {
      for (let c = 0; c < W; c++) {
        const f = (H / 2 - r - 0.5) * 0.5,
          l = (W / 2 - c - 0.5) * 0.5;
        const x = pose.x + f * ch - l * sh,
          y = pose.y + f * sh + l * ch;
        let inside = 0;
        for (const [bx, by, bh, hl, hw] of list) {
          const a = (x - bx) * Math.cos(bh) + (y - by) * Math.sin(bh);
          const b = -(x - bx) * Math.sin(bh) + (y - by) * Math.cos(bh);
          if (Math.abs(a) <= hl && Math.abs(b) <= hw) inside = 1;
        }
        if (out[r * W + c] !== inside) diff++;
      }
    }
    expect(diff).toBe(0);
    expect(occupied(out).length).toBeGreaterThan(100);
  });

  it("clears the caller's buffer and is deterministic", () => {
    const v = boxes([[10, 0, 0.3, 2, 1]]);
    const pose = { x: 0, y: 0, headingRad: 0.1 };
    const a = grid.render(pose, v, -1, new Uint8Array(W * H).fill(9));
    const b = grid.render(pose, v, -1, new Uint8Array(W * H));
    expect(a).toEqual(b);
    expect(a.every((x) => x <= 1)).toBe(true);
  });
});
