import type { Rng } from "../random/Rng.js";
import { showValue, type Space } from "./Space.js";

/**
 * A list of members of one space, of length `minLength`…`maxLength` (Gymnasium `Sequence`, bounded):
 * the Trajectory action space's points.
 */
export class Sequence<T> implements Space<T[]> {
  readonly kind = "sequence";

  constructor(
    readonly item: Space<T>,
    readonly minLength: number,
    readonly maxLength: number,
  ) {
    if (!(Number.isInteger(minLength) && Number.isInteger(maxLength) && 0 <= minLength && minLength <= maxLength)) {
      throw new Error(`Sequence: need integer 0 ≤ minLength ≤ maxLength, got ${minLength}, ${maxLength}`);
    }
  }

  contains(value: unknown): value is T[] {
    return this.check(value) === undefined;
  }

  check(value: unknown, path = "value"): string | undefined {
    if (!Array.isArray(value)) return `${path} must be an array, got ${showValue(value)}`;
    if (value.length < this.minLength || value.length > this.maxLength)
      return `${path} must have ${this.minLength}…${this.maxLength} items, got ${value.length}`;
    for (let i = 0; i < value.length; i++) {
      const why = this.item.check(value[i], `${path}[${i}]`);
      if (why) return why;
    }
    return undefined;
  }

  sample(rng: Rng): T[] {
    const n = this.minLength + rng.int(this.maxLength - this.minLength + 1);
    const out: T[] = [];
    for (let i = 0; i < n; i++) out.push(this.item.sample(rng));
    return out;
  }

  describe(): unknown {
    return { kind: this.kind, item: this.item.describe(), minLength: this.minLength, maxLength: this.maxLength };
  }
}
