import type { Rng } from "../random/Rng.js";
import { showValue, type Space } from "./Space.js";

type Members<S extends Record<string, Space>> = { [K in keyof S]: S[K] extends Space<infer T> ? T : never };

/**
 * A record of named sub-spaces (Gymnasium `Dict`): a member is a plain object with exactly these
 * keys (extra keys are an error, so a misspelt field is reported rather than ignored).
 */
export class Dict<S extends Record<string, Space> = Record<string, Space>> implements Space<Members<S>> {
  readonly kind = "dict";
  readonly spaces: S;
  private readonly keys: string[];

  constructor(spaces: S) {
    this.spaces = spaces;
    this.keys = Object.keys(spaces);
  }

  contains(value: unknown): value is Members<S> {
    return this.check(value) === undefined;
  }

  check(value: unknown, path = "value"): string | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) {
      return `${path} must be an object with fields ${this.keys.join(", ")}, got ${showValue(value)}`;
    }
    const obj = value as Record<string, unknown>;
    for (const k of this.keys) {
      if (!(k in obj)) return `${path}.${k} is missing`;
      const why = this.spaces[k].check(obj[k], `${path}.${k}`);
      if (why) return why;
    }
    for (const k of Object.keys(obj))
      if (!(k in this.spaces)) return `${path}.${k} is not a field (fields: ${this.keys.join(", ")})`;
    return undefined;
  }

  sample(rng: Rng): Members<S> {
    const out: Record<string, unknown> = {};
    for (const k of this.keys) out[k] = this.spaces[k].sample(rng);
    return out as Members<S>;
  }

  describe(): unknown {
    const fields: Record<string, unknown> = {};
    for (const k of this.keys) fields[k] = this.spaces[k].describe();
    return { kind: this.kind, fields };
  }
}
