/**
 * The compiled scenario's content hash: sha256 over canonical JSON (object keys sorted, no
 * whitespace) of everything except the machine-specific `source` and the hash itself. Two compiles
 * of the same content give the same hash on any machine; any change of content changes it.
 */
import { sha256Hex } from "../core/hash/sha256Hex.js";

/** JSON with object keys sorted recursively (arrays keep their order); `undefined` members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`canonicalJson: ${value} is not JSON`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const keys = Object.keys(value).sort();
  const parts: string[] = [];
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k];
    if (v !== undefined) parts.push(`${JSON.stringify(k)}:${canonicalJson(v)}`);
  }
  return `{${parts.join(",")}}`;
}

/** sha256 (hex) of the scenario's canonical JSON, without `source` and `contentHash`. */
export function contentHash(scenario: { source?: unknown; contentHash?: unknown }): string {
  const { source: _source, contentHash: _hash, ...content } = scenario;
  return sha256Hex(canonicalJson(content));
}
