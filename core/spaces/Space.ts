/**
 * Observation and action spaces (Gymnasium's `spaces`): what values an agent may send or receive.
 * Every space can say whether a value belongs to it (`contains`), explain why not (`check`, used
 * for bad-action errors that name the field), draw a random member from a seeded RNG (`sample`),
 * and describe itself as JSON (for `--help` output, policy metadata and docs).
 */
import type { Rng } from "../random/Rng.js";

/** A set of values. */
export interface Space<T = unknown> {
  /** Kind name: `box`, `discrete`, `dict`, `sequence`. */
  readonly kind: string;
  /** Whether `value` is a member. */
  contains(value: unknown): value is T;
  /** Why `value` is not a member (`path` names the field, e.g. `action.steering`), or undefined. */
  check(value: unknown, path?: string): string | undefined;
  /** A random member, drawn from `rng` only. */
  sample(rng: Rng): T;
  /** A JSON description (kind, shape, bounds, labels). */
  describe(): unknown;
}

/** `what` for error messages: a short rendering of a value. */
export function showValue(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value) || ArrayBuffer.isView(value))
    return `an array of length ${(value as ArrayLike<unknown>).length}`;
  return typeof value;
}
