/**
 * The simulation's seeded pseudo-random number generator.
 *
 * Generator: xoshiro128** (Blackman & Vigna, 2018) — 128 bits of state, period 2^128 − 1, 32-bit
 * integer arithmetic only (`Math.imul`, shifts), so every platform produces the same bits.
 *
 * Seeding and forking: a seed (number or string) is hashed into a 128-bit *key*; the generator state
 * starts from the key. `fork(label)` hashes the parent's key with the label into the child's key, so a
 * fork depends only on the seed path and the label — never on how many numbers the parent (or a
 * sibling) has drawn. Adding a consumer therefore never perturbs another consumer's stream
 * (DESIGN.md §3: one RNG per simulation, forked per consumer, `rng.fork("traffic")`).
 *
 * Floats: `next()` uses 53 random bits (two draws), `normal()` uses Box–Muller with the second
 * variate cached (the cache is part of the snapshot state). `Math.log`/`Math.cos`/`Math.sin` are
 * V8's fdlibm ports, identical across platforms for one Node version.
 */

/** A seed: any finite number (integers are the usual case) or a string. */
export type RngSeed = number | string;

/** The full generator state as plain JSON data, for snapshot/restore. */
export interface RngState {
  /** The 128-bit key forks derive from, as four unsigned 32-bit words. */
  key: [number, number, number, number];
  /** The xoshiro128** state, as four unsigned 32-bit words (never all zero). */
  s: [number, number, number, number];
  /** The cached second Box–Muller variate (standard normal), or null when none is cached. */
  spareNormal: number | null;
}

// Tags keep different kinds of key material apart (an integer seed never hashes like a string seed).
const TAG_INTEGER = 0x1;
const TAG_FLOAT = 0x2;
const TAG_STRING = 0x3;
const TAG_FORK = 0x4;

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;
const TWO_PI = 2 * Math.PI;

/** A seeded, forkable, snapshot-able PRNG (xoshiro128**). */
export class Rng {
  private readonly _key = new Uint32Array(4);
  private readonly _s = new Uint32Array(4);
  private _spare = 0;
  private _hasSpare = false;

  /** Creates a generator from a seed; equal seeds give equal streams. */
  constructor(seed: RngSeed) {
    keyFromSeed(seed, this._key);
    this.resetFromKey();
  }

  /** Restores a generator from {@link getState}'s output. */
  static fromState(state: RngState): Rng {
    const rng = new Rng(0);
    rng.setState(state);
    return rng;
  }

  /** Next raw output: an unsigned 32-bit integer, uniform over [0, 2^32). */
  uint32(): number {
    const s = this._s;
    const s0 = s[0],
      s1 = s[1],
      s2 = s[2],
      s3 = s[3];
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    s[1] = s1 ^ n2;
    s[0] = s0 ^ n3;
    s[2] = n2 ^ t;
    s[3] = (n3 << 11) | (n3 >>> 21);
    return result;
  }

  /** Uniform float in [0, 1) with 53 random bits (two raw draws). */
  next(): number {
    const a = this.uint32() >>> 5; // 27 bits
    const b = this.uint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / TWO_POW_53;
  }

  /**
   * Uniform integer in [0, n), unbiased (rejection sampling).
   * @param n a positive integer ≤ 2^32
   */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32)
      throw new RangeError(`Rng.int: n must be an integer in [1, 2^32], got ${n}`);
    // Largest multiple of n that fits in 2^32: draws at or above it are rejected.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    let u = this.uint32();
    while (u >= limit) u = this.uint32();
    return u % n;
  }

  /** Uniform float in [a, b) (returns `a` when a = b). */
  range(a: number, b: number): number {
    const r = a + (b - a) * this.next();
    // (b − a)·u can round up to b − a for u just below 1; keep the interval half-open.
    return r < b || a === b ? r : a;
  }

  /** Normally distributed float (Box–Muller; every second call returns the cached variate). */
  normal(mean = 0, sd = 1): number {
    if (this._hasSpare) {
      this._hasSpare = false;
      return mean + sd * this._spare;
    }
    const u1 = 1 - this.next(); // (0, 1]: log never sees 0
    const u2 = this.next();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = TWO_PI * u2;
    this._spare = r * Math.sin(theta);
    this._hasSpare = true;
    return mean + sd * r * Math.cos(theta);
  }

  /** `true` with probability `p` (clamped to [0, 1]). */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /**
   * Index drawn with probability proportional to its weight.
   * @param weights non-negative finite weights, at least one positive
   */
  choice(weights: ArrayLike<number>): number {
    let total = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i];
      if (!(w >= 0) || !Number.isFinite(w))
        throw new RangeError(`Rng.choice: weight ${i} is ${w}; weights must be finite and ≥ 0`);
      total += w;
    }
    if (!(total > 0)) throw new RangeError("Rng.choice: needs at least one positive weight");
    const target = this.next() * total;
    let acc = 0;
    let last = -1;
    for (let i = 0; i < weights.length; i++) {
      if (weights[i] <= 0) continue;
      acc += weights[i];
      last = i;
      if (target < acc) return i;
    }
    return last; // rounding left target ≥ the running sum: the last positive weight
  }

  /** A uniformly chosen element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("Rng.pick: empty array");
    return items[this.int(items.length)];
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i];
      items[i] = items[j];
      items[j] = tmp;
    }
    return items;
  }

  /**
   * An independent generator for one consumer, derived from this generator's key and `label` only:
   * the same seed path and label always give the same stream, whatever this generator has drawn.
   * Forking twice with one label gives two identical streams — use distinct labels per consumer.
   */
  fork(label: string): Rng {
    const child = new Rng(0);
    const words: number[] = [TAG_FORK, this._key[0], this._key[1], this._key[2], this._key[3]];
    pushString(words, label);
    hashWords(words, child._key);
    child.resetFromKey();
    return child;
  }

  /** The full state as plain JSON data (key, generator words, cached normal). */
  getState(): RngState {
    const k = this._key,
      s = this._s;
    return {
      key: [k[0], k[1], k[2], k[3]],
      s: [s[0], s[1], s[2], s[3]],
      spareNormal: this._hasSpare ? this._spare : null,
    };
  }

  /** Restores a state produced by {@link getState}; the stream continues exactly where it was. */
  setState(state: RngState): void {
    const words = [...state.key, ...state.s];
    if (words.length !== 8 || words.some((w) => !Number.isInteger(w) || w < 0 || w >= TWO_POW_32)) {
      throw new RangeError("Rng.setState: key and s must be four unsigned 32-bit integers each");
    }
    if (state.s.every((w) => w === 0)) throw new RangeError("Rng.setState: the xoshiro state must not be all zero");
    this._key.set(state.key);
    this._s.set(state.s);
    this._hasSpare = state.spareNormal !== null;
    this._spare = state.spareNormal ?? 0;
  }

  private resetFromKey(): void {
    // One more mixing pass so the first outputs are not a simple function of the key words.
    let z = this._key[0] ^ 0x6a09e667;
    for (let i = 0; i < 4; i++) {
      z = fmix32((z + this._key[i] + Math.imul(i + 1, 0x9e3779b9)) >>> 0);
      this._s[i] = z;
    }
    if ((this._s[0] | this._s[1] | this._s[2] | this._s[3]) === 0) this._s[0] = 1;
    this._hasSpare = false;
    this._spare = 0;
  }
}

/** MurmurHash3's 32-bit finaliser: a bijection on uint32 with full avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Appends a string's length and UTF-16 code units to a list of key words. */
function pushString(words: number[], text: string): void {
  words.push(text.length);
  for (let i = 0; i < text.length; i++) words.push(text.charCodeAt(i));
}

/** Turns a seed into key material and hashes it into `out` (four words). */
function keyFromSeed(seed: RngSeed, out: Uint32Array): void {
  const words: number[] = [];
  if (typeof seed === "string") {
    words.push(TAG_STRING);
    pushString(words, seed);
  } else if (Number.isSafeInteger(seed)) {
    // Low and high 32-bit halves of the integer (two's complement for negatives).
    const lo = seed % TWO_POW_32;
    words.push(TAG_INTEGER, lo >>> 0, Math.floor(seed / TWO_POW_32) >>> 0);
  } else if (Number.isFinite(seed)) {
    const bits = new Uint32Array(new Float64Array([seed]).buffer);
    words.push(TAG_FLOAT, bits[0], bits[1]);
  } else {
    throw new RangeError(`Rng: seed must be a finite number or a string, got ${seed}`);
  }
  hashWords(words, out);
}

/**
 * Hashes 32-bit words into 128 bits: four lanes absorb every word (Murmur3-style rounds with a
 * per-lane salt), then the lanes are cross-mixed so each output word depends on all input.
 */
function hashWords(words: readonly number[], out: Uint32Array): void {
  let h0 = 0x243f6a88,
    h1 = 0x85a308d3,
    h2 = 0x13198a2e,
    h3 = 0x03707344; // digits of π
  for (const word of words) {
    const w = fmix32(word >>> 0);
    h0 = (Math.imul(rotl(h0 ^ w, 13), 5) + 0xe6546b64) | 0;
    h1 = (Math.imul(rotl(h1 ^ Math.imul(w, 0x9e3779b1), 15), 5) + 0x7f4a7c15) | 0;
    h2 = (Math.imul(rotl(h2 ^ Math.imul(w ^ 0x5bd1e995, 0x85ebca6b), 17), 5) + 0x165667b1) | 0;
    h3 = (Math.imul(rotl(h3 ^ Math.imul(w, 0xc2b2ae35), 19), 5) + 0x27d4eb2f) | 0;
  }
  const n = words.length;
  h0 ^= n;
  h1 ^= n;
  h2 ^= n;
  h3 ^= n;
  for (let round = 0; round < 2; round++) {
    h0 = fmix32((h0 + h1) | 0);
    h1 = fmix32((h1 + h2) ^ h0);
    h2 = fmix32((h2 + h3) ^ h1);
    h3 = fmix32((h3 + h0) ^ h2);
  }
  out[0] = h0;
  out[1] = h1;
  out[2] = h2;
  out[3] = h3;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
