import type { Rng } from "../random/Rng.js";
import { showValue, type Space } from "./Space.js";

/**
 * One of `n` choices (Gymnasium `Discrete`). With labels (e.g. the Lane action space's
 * `keep_lane`, …) a member is either a label or its index 0…n−1; `sample` returns the label.
 * Without labels members are the integers 0…n−1.
 */
export class Discrete<L extends string = string> implements Space<number | L> {
  readonly kind = "discrete";
  readonly n: number;
  readonly labels: readonly L[] | undefined;

  constructor(nOrLabels: number | readonly L[]) {
    if (typeof nOrLabels === "number") {
      if (!Number.isInteger(nOrLabels) || nOrLabels < 1)
        throw new Error(`Discrete: n must be a positive integer, got ${nOrLabels}`);
      this.n = nOrLabels;
    } else {
      if (nOrLabels.length === 0) throw new Error("Discrete: needs at least one label");
      this.n = nOrLabels.length;
      this.labels = [...nOrLabels];
    }
  }

  contains(value: unknown): value is number | L {
    return this.check(value) === undefined;
  }

  check(value: unknown, path = "value"): string | undefined {
    if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value < this.n) return undefined;
    if (typeof value === "string" && this.labels?.includes(value as L)) return undefined;
    const expected = this.labels
      ? `one of ${this.labels.map((l) => `"${l}"`).join(", ")} (or an index 0…${this.n - 1})`
      : `an integer 0…${this.n - 1}`;
    return `${path} must be ${expected}, got ${showValue(value)}`;
  }

  /** The index of a member. */
  indexOf(value: number | L): number {
    return typeof value === "number" ? value : this.labels!.indexOf(value);
  }

  sample(rng: Rng): number | L {
    const i = rng.int(this.n);
    return this.labels ? this.labels[i] : i;
  }

  describe(): unknown {
    return { kind: this.kind, n: this.n, ...(this.labels ? { labels: this.labels } : {}) };
  }
}
