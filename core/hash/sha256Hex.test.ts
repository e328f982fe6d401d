import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Sha256, sha256Hex } from "./sha256Hex.js";

describe("sha256Hex", () => {
  it("gives Node's digests for text (UTF-8), bytes and incremental updates", () => {
    const node = (...parts: (string | Uint8Array)[]) => {
      const h = createHash("sha256");
      for (const p of parts) h.update(p);
      return h.digest("hex");
    };
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("héllo → ∑")).toBe(node("héllo → ∑"));
    const bytes = new Uint8Array(new Float64Array([1.5, -2, Math.PI]).buffer);
    expect(sha256Hex(bytes)).toBe(node(bytes));
    expect(new Sha256().update("a|b").update(bytes).hex()).toBe(node("a|b", bytes));
    const running = new Sha256().update("a");
    expect(running.peekHex()).toBe(node("a"));
    expect(running.update("b").hex()).toBe(node("a", "b"));
  });
});
