import { describe, expect, it } from "vitest";
import { Rng } from "./Rng.js";

const draw = (rng: Rng, n: number, f: (r: Rng) => number = (r) => r.uint32()) =>
  Array.from({ length: n }, () => f(rng));

describe("Rng", () => {
  it("implements xoshiro128** bit for bit (reference C output for state 1,2,3,4)", () => {
    const rng = Rng.fromState({ key: [0, 0, 0, 0], s: [1, 2, 3, 4], spareNormal: null });
    expect(draw(rng, 8)).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849]);
  });

  it("gives known first values for fixed seeds (golden)", () => {
    expect(draw(new Rng(42), 4)).toEqual([788385508, 634328782, 1484328566, 2046257477]);
    expect(draw(new Rng(42), 4, (r) => r.next())).toEqual([
      0.18356030544408541, 0.345597173843022, 0.83185122024698, 0.33631708970136176,
    ]);
    expect(new Rng("roadgym").getState()).toEqual({
      key: [1004109455, 3587173549, 2765004353, 2053100446],
      s: [2019702158, 906424601, 4076143581, 458325857],
      spareNormal: null,
    });
  });

  it("separates seeds: nearby integers, number vs string, negative and fractional seeds", () => {
    const firsts = [0, 1, 2, -1, 2 ** 32, 0.5, "0", "1", ""].map((s) => new Rng(s).uint32());
    expect(new Set(firsts).size).toBe(firsts.length);
    expect(() => new Rng(Number.NaN)).toThrow(/finite/);
  });

  it("forks depend on seed and label only, not on parent usage", () => {
    const fresh = new Rng(7);
    const used = new Rng(7);
    draw(used, 1000);
    used.normal();
    used.fork("other");
    expect(draw(used.fork("traffic"), 16)).toEqual(draw(fresh.fork("traffic"), 16));
    // A restored generator forks like the original.
    expect(draw(Rng.fromState(used.getState()).fork("traffic"), 4)).toEqual(draw(fresh.fork("traffic"), 4));
  });

  it("forks differ by label, by seed and by path, and from the parent", () => {
    const root = new Rng(7);
    const streams = [
      draw(root.fork("traffic"), 4),
      draw(root.fork("agents"), 4),
      draw(root.fork("traffic").fork("agents"), 4),
      draw(root.fork("agents").fork("traffic"), 4),
      draw(new Rng(8).fork("traffic"), 4),
      draw(new Rng(7), 4),
    ];
    expect(new Set(streams.map((s) => s.join(","))).size).toBe(streams.length);
  });

  it("fork streams are uncorrelated", () => {
    const root = new Rng(123);
    const a = root.fork("a"),
      b = root.fork("b");
    const n = 100_000;
    let sab = 0,
      sa = 0,
      sb = 0,
      saa = 0,
      sbb = 0;
    for (let i = 0; i < n; i++) {
      const x = a.next(),
        y = b.next();
      sa += x;
      sb += y;
      sab += x * y;
      saa += x * x;
      sbb += y * y;
    }
    const cov = sab / n - (sa / n) * (sb / n);
    const corr = cov / Math.sqrt((saa / n - (sa / n) ** 2) * (sbb / n - (sb / n) ** 2));
    expect(Math.abs(corr)).toBeLessThan(0.01);
  });

  it("continues identically after a JSON state round trip, including a cached normal", () => {
    const rng = new Rng("snapshot");
    draw(rng, 10);
    rng.normal(); // leaves the second variate cached
    const state = JSON.parse(JSON.stringify(rng.getState()));
    expect(state.spareNormal).not.toBeNull();
    const copy = Rng.fromState(state);
    const mix = (r: Rng) => [r.normal(), r.next(), r.int(1000), r.normal(), r.normal(), r.range(-3, 3)];
    expect(mix(copy)).toEqual(mix(rng));
    const other = new Rng(1);
    other.setState(rng.getState());
    expect(draw(other, 5)).toEqual(draw(rng, 5));
  });

  it("rejects invalid states", () => {
    const rng = new Rng(1);
    expect(() => rng.setState({ key: [0, 0, 0, 0], s: [0, 0, 0, 0], spareNormal: null })).toThrow(/all zero/);
    expect(() => rng.setState({ key: [0, 0, 0, -1], s: [1, 0, 0, 0], spareNormal: null })).toThrow(/unsigned/);
  });

  it("draws uniform floats in [0, 1) with even bucket counts (chi-square)", () => {
    const rng = new Rng(2024);
    const n = 100_000,
      k = 20;
    const counts = new Array<number>(k).fill(0);
    let min = 1,
      max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      min = Math.min(min, u);
      max = Math.max(max, u);
      counts[Math.floor(u * k)]++;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    const expected = n / k;
    const chi2 = counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(43.8); // 99.9th percentile of chi-square with 19 degrees of freedom
  });

  it("draws unbiased integers in [0, n) including awkward n", () => {
    const rng = new Rng(5);
    const counts = new Array<number>(3).fill(0);
    for (let i = 0; i < 90_000; i++) counts[rng.int(3)]++;
    for (const c of counts) expect(Math.abs(c - 30_000)).toBeLessThan(600);
    for (let i = 0; i < 1000; i++) {
      const v = rng.int(2 ** 32);
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
    }
    expect(rng.int(1)).toBe(0);
    expect(() => rng.int(0)).toThrow(RangeError);
    expect(() => rng.int(2.5)).toThrow(RangeError);
  });

  it("draws ranges within [a, b)", () => {
    const rng = new Rng(6);
    for (let i = 0; i < 10_000; i++) {
      const v = rng.range(-2, 5);
      expect(v >= -2 && v < 5).toBe(true);
    }
    expect(rng.range(3, 3)).toBe(3);
  });

  it("draws normals with the requested mean and standard deviation", () => {
    const rng = new Rng(99);
    const n = 100_000;
    let sum = 0,
      sum2 = 0,
      within1 = 0;
    for (let i = 0; i < n; i++) {
      const v = rng.normal(10, 2);
      sum += v;
      sum2 += v * v;
      if (Math.abs(v - 10) < 2) within1++;
    }
    const mean = sum / n;
    const sd = Math.sqrt(sum2 / n - mean * mean);
    expect(Math.abs(mean - 10)).toBeLessThan(0.03); // standard error 2/√n ≈ 0.0063
    expect(Math.abs(sd - 2)).toBeLessThan(0.03);
    expect(Math.abs(within1 / n - 0.6827)).toBeLessThan(0.01);
  });

  it("chooses indices in proportion to weights, never a zero weight", () => {
    const rng = new Rng(3);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[rng.choice([1, 0, 2, 3])]++;
    expect(counts[1]).toBe(0);
    expect(Math.abs(counts[0] / 60_000 - 1 / 6)).toBeLessThan(0.01);
    expect(Math.abs(counts[2] / 60_000 - 2 / 6)).toBeLessThan(0.01);
    expect(Math.abs(counts[3] / 60_000 - 3 / 6)).toBeLessThan(0.01);
    expect(() => rng.choice([])).toThrow(/positive/);
    expect(() => rng.choice([0, 0])).toThrow(/positive/);
    expect(() => rng.choice([1, -1])).toThrow(/weight 1/);
  });

  it("shuffles to a permutation, each position uniformly", () => {
    const rng = new Rng(11);
    const firstCounts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 50_000; i++) {
      const a = rng.shuffle([0, 1, 2, 3, 4]);
      firstCounts[a[0]]++;
    }
    for (const c of firstCounts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
    expect(rng.shuffle([5, 3, 1, 4]).sort()).toEqual([1, 3, 4, 5]);
    expect(["x", "y", "z"]).toContain(rng.pick(["x", "y", "z"]));
  });
});
