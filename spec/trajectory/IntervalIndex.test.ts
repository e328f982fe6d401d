import { describe, expect, it } from "vitest";
import { Rng } from "../../core/random/Rng.js";
import { IntervalIndex } from "./IntervalIndex.js";

describe("IntervalIndex", () => {
  it("finds closed intervals, endpoints included", () => {
    const index = new IntervalIndex([0, 1, 2, 5], [1, 3, 2, 5]);
    const at = (t: number): number[] => index.stab(t, []).sort((a, b) => a - b);
    expect(at(-0.1)).toEqual([]);
    expect(at(0)).toEqual([0]);
    expect(at(1)).toEqual([0, 1]);
    expect(at(2)).toEqual([1, 2]);
    expect(at(3)).toEqual([1]);
    expect(at(4)).toEqual([]);
    expect(at(5)).toEqual([3]);
    expect(new IntervalIndex([], []).stab(0, [])).toEqual([]);
  });

  it("agrees with a linear scan on random intervals", () => {
    const rng = new Rng(11);
    const n = 500;
    const starts: number[] = [];
    const ends: number[] = [];
    for (let i = 0; i < n; i++) {
      // Integer endpoints make coinciding endpoints and queries exactly on them common.
      const a = rng.int(200);
      starts.push(a);
      ends.push(a + (rng.chance(0.1) ? 0 : rng.int(40)));
    }
    const index = new IntervalIndex(starts, ends);
    for (let q = 0; q < 400; q++) {
      const t = q % 2 === 0 ? rng.int(250) - 5 : rng.range(-5, 245);
      const expected = starts.flatMap((s, i) => (s <= t && t <= ends[i] ? [i] : []));
      expect(index.stab(t, []).sort((a, b) => a - b)).toEqual(expected);
    }
  });

  it("rejects an interval that ends before it starts", () => {
    expect(() => new IntervalIndex([0, 2], [1, 1])).toThrow("IntervalIndex: interval 1 is [2, 1]");
  });
});
