import { describe, expect, it } from "vitest";
import { isNumericArray } from "./NumericArray.js";

describe("isNumericArray", () => {
  it("admits the typed arrays of numbers and nothing else", () => {
    expect(isNumericArray(new Float32Array([1, 2]))).toBe(true);
    expect(isNumericArray(new Uint8Array(3))).toBe(true);
    expect(isNumericArray(new Int32Array(0))).toBe(true);
    expect(isNumericArray(new DataView(new ArrayBuffer(4)))).toBe(false);
    expect(isNumericArray(new BigInt64Array(1))).toBe(false);
    expect(isNumericArray([1, 2])).toBe(false);
    expect(isNumericArray(new ArrayBuffer(4))).toBe(false);
    expect(isNumericArray(null)).toBe(false);
  });
});
