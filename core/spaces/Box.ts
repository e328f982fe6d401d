import type { Rng } from "../random/Rng.js";
import { showValue, type Space } from "./Space.js";

/** Options of a {@link Box}. */
export interface BoxOptions {
  /** Element names (for error messages and docs), one per element. */
  names?: readonly string[];
  /** Storage: `float32` (default) or `uint8` (images, grids). */
  dtype?: "float32" | "uint8";
  /** Indices of elements that must be whole numbers (e.g. a lane change −1 / 0 / +1). */
  integers?: readonly number[];
}

/**
 * A fixed-size array of bounded numbers (Gymnasium `Box`), flattened in row-major order; `shape`
 * describes it (e.g. `[64, 64, 3]` for an RGB raster: rows, columns, channels). Members are
 * `Float32Array`, `Uint8Array` or plain number arrays of the right length with every element finite
 * and within its bounds. Infinite bounds are allowed; `sample` then draws from a unit normal around
 * the finite bound (or 0).
 */
export class Box implements Space<Float32Array | Uint8Array | number[]> {
  readonly kind = "box";
  readonly shape: readonly number[];
  readonly size: number;
  readonly low: Float64Array;
  readonly high: Float64Array;
  readonly names: readonly string[] | undefined;
  readonly dtype: "float32" | "uint8";
  /** Elements that must be whole numbers. */
  readonly integers: readonly number[];

  constructor(
    low: number | readonly number[],
    high: number | readonly number[],
    shape: readonly number[],
    options: BoxOptions = {},
  ) {
    this.shape = [...shape];
    this.size = shape.reduce((a, b) => a * b, 1);
    this.low = expand(low, this.size, "low");
    this.high = expand(high, this.size, "high");
    for (let i = 0; i < this.size; i++)
      if (!(this.low[i] <= this.high[i]))
        throw new Error(`Box: low[${i}] = ${this.low[i]} exceeds high[${i}] = ${this.high[i]}`);
    if (options.names && options.names.length !== this.size)
      throw new Error(`Box: ${options.names.length} names for ${this.size} elements`);
    this.names = options.names;
    this.dtype = options.dtype ?? "float32";
    this.integers = options.integers ?? [];
  }

  contains(value: unknown): value is Float32Array | Uint8Array | number[] {
    return this.check(value) === undefined;
  }

  check(value: unknown, path = "value"): string | undefined {
    if (!(
      Array.isArray(value) ||
      value instanceof Float32Array ||
      value instanceof Float64Array ||
      value instanceof Uint8Array
    )) {
      return `${path} must be an array of ${this.size} numbers, got ${showValue(value)}`;
    }
    const arr = value as ArrayLike<unknown>;
    if (arr.length !== this.size) return `${path} must have ${this.size} elements, got ${arr.length}`;
    for (let i = 0; i < this.size; i++) {
      const v = arr[i];
      const field = this.names ? `${path}.${this.names[i]}` : `${path}[${i}]`;
      if (typeof v !== "number" || !Number.isFinite(v)) return `${field} must be a finite number, got ${showValue(v)}`;
      if (v < this.low[i] || v > this.high[i]) return `${field} = ${v} is outside [${this.low[i]}, ${this.high[i]}]`;
    }
    for (const i of this.integers) {
      const v = arr[i] as number;
      if (!Number.isInteger(v))
        return `${this.names ? `${path}.${this.names[i]}` : `${path}[${i}]`} must be a whole number, got ${v}`;
    }
    return undefined;
  }

  /** Clamps every element into its bounds (NaN becomes the low bound; whole-number elements are rounded); returns a new array (double precision). */
  clip(value: ArrayLike<number>): number[] {
    const out: number[] = new Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const v = value[i];
      out[i] = Number.isNaN(v) ? this.low[i] : Math.min(this.high[i], Math.max(this.low[i], v));
    }
    for (const i of this.integers) out[i] = Math.min(this.high[i], Math.max(this.low[i], Math.round(out[i])));
    return out;
  }

  sample(rng: Rng): Float32Array | Uint8Array {
    const out = this.dtype === "uint8" ? new Uint8Array(this.size) : new Float32Array(this.size);
    for (let i = 0; i < this.size; i++) {
      const lo = this.low[i];
      const hi = this.high[i];
      let v: number;
      if (Number.isFinite(lo) && Number.isFinite(hi))
        v = this.dtype === "uint8" ? lo + rng.int(hi - lo + 1) : rng.range(lo, hi);
      else if (Number.isFinite(lo)) v = lo + Math.abs(rng.normal());
      else if (Number.isFinite(hi)) v = hi - Math.abs(rng.normal());
      else v = rng.normal();
      if (this.integers.includes(i)) v = Math.min(hi, Math.max(lo, Math.round(v)));
      // float32 rounding may step just outside a finite bound: clamp after storing.
      out[i] = v;
      if (out[i] < lo) out[i] = lo;
      if (out[i] > hi) out[i] = hi;
    }
    return out;
  }

  describe(): unknown {
    const uniform = (a: Float64Array) => (a.every((v) => v === a[0]) ? jsonNumber(a[0]) : [...a].map(jsonNumber));
    return {
      kind: this.kind,
      shape: this.shape,
      dtype: this.dtype,
      low: uniform(this.low),
      high: uniform(this.high),
      ...(this.names ? { names: this.names } : {}),
    };
  }
}

function expand(v: number | readonly number[], n: number, what: string): Float64Array {
  if (typeof v === "number") return new Float64Array(n).fill(v);
  if (v.length !== n) throw new Error(`Box: ${what} has ${v.length} elements, shape needs ${n}`);
  return Float64Array.from(v);
}

/** JSON has no infinities: write them as strings. */
function jsonNumber(v: number): number | string {
  return Number.isFinite(v) ? v : v > 0 ? "inf" : "-inf";
}
