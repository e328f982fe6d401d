import { describe, expect, it } from "vitest";
import { Rng } from "../random/Rng.js";
import { Box, Dict, Discrete, Sequence } from "./index.js";

describe("spaces", () => {
  it("Box checks shape, finiteness and bounds, and samples inside them", () => {
    const b = new Box([0, -1], [1, 1], [2], { names: ["throttle", "steering"] });
    expect(b.contains([0.5, -1])).toBe(true);
    expect(b.check([0.5])).toBe("value must have 2 elements, got 1");
    expect(b.check([0.5, Infinity], "a")).toBe("a.steering must be a finite number, got Infinity");
    expect(b.check([1.01, 0], "a")).toBe("a.throttle = 1.01 is outside [0, 1]");
    expect(b.check("x")).toBe('value must be an array of 2 numbers, got "x"');
    expect(Array.from(b.clip([3, Number.NaN]))).toEqual([1, -1]);
    const rng = new Rng(1);
    for (let i = 0; i < 200; i++) expect(b.contains(b.sample(rng))).toBe(true);
    const unbounded = new Box(-Infinity, Infinity, [3]);
    expect(unbounded.contains(unbounded.sample(rng))).toBe(true);
    expect(() => new Box([1], [0], [1])).toThrow(/low\[0\] = 1 exceeds high\[0\] = 0/);
    expect(b.describe()).toEqual({
      kind: "box",
      shape: [2],
      dtype: "float32",
      low: [0, -1],
      high: 1,
      names: ["throttle", "steering"],
    });
  });

  it("Discrete takes labels or indices", () => {
    const d = new Discrete(["a", "b", "c"]);
    expect(d.contains("b")).toBe(true);
    expect(d.contains(2)).toBe(true);
    expect(d.contains(3)).toBe(false);
    expect(d.contains(1.5)).toBe(false);
    expect(d.indexOf("c")).toBe(2);
    const rng = new Rng(2);
    const seen = new Set<unknown>();
    for (let i = 0; i < 100; i++) seen.add(d.sample(rng));
    expect([...seen].sort()).toEqual(["a", "b", "c"]);
    expect(new Discrete(4).check(-1)).toBe("value must be an integer 0…3, got -1");
  });

  it("Dict requires exactly its fields", () => {
    const d = new Dict({ pos: new Box(-10, 10, [2]), mode: new Discrete(2) });
    expect(d.contains({ pos: [0, 1], mode: 1 })).toBe(true);
    expect(d.check({ pos: [0, 1] })).toBe("value.mode is missing");
    expect(d.check({ pos: [0, 11], mode: 0 })).toBe("value.pos[1] = 11 is outside [-10, 10]");
    expect(d.check({ pos: [0, 1], mode: 0, extra: 1 })).toBe("value.extra is not a field (fields: pos, mode)");
    const rng = new Rng(3);
    expect(d.contains(d.sample(rng))).toBe(true);
  });

  it("Sequence bounds its length and checks every item", () => {
    const s = new Sequence(new Box(0, 1, [2]), 1, 3);
    expect(s.contains([[0, 1]])).toBe(true);
    expect(s.check([])).toBe("value must have 1…3 items, got 0");
    expect(
      s.check([
        [0, 1],
        [0, 2],
      ]),
    ).toBe("value[1][1] = 2 is outside [0, 1]");
    const rng = new Rng(4);
    for (let i = 0; i < 50; i++) expect(s.contains(s.sample(rng))).toBe(true);
  });
});
