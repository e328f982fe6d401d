import { describe, expect, it } from "vitest";
import { CollisionPairs } from "./CollisionPairs.js";
import { mergeContactPairs } from "./mergeContactPairs.js";

describe("mergeContactPairs", () => {
  it("adds contacts to the overlap pairs, sorted, each pair once, in either order", () => {
    const pairs = new CollisionPairs({ initialCapacity: 1 });
    pairs.push(0, 3);
    pairs.push(2, 5);
    mergeContactPairs(pairs, [
      [5, 2], // already an overlap
      [4, 1],
      [1, 4],
      [0, 1],
    ]);
    expect(pairs.toArray()).toEqual([
      [0, 1],
      [0, 3],
      [1, 4],
      [2, 5],
    ]);
  });

  it("leaves the pairs as they are without contacts, and refuses a box in contact with itself", () => {
    const pairs = new CollisionPairs();
    pairs.push(1, 2);
    mergeContactPairs(pairs, []);
    expect(pairs.toArray()).toEqual([[1, 2]]);
    expect(() => mergeContactPairs(pairs, [[3, 3]])).toThrow(/box 3 is in contact with itself/);
  });
});
