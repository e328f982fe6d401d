import { describe, expect, it } from "vitest";
import { MIN_SCALE, ResolutionScaler } from "./ResolutionScaler.js";

/** Feeds `seconds` of frames at `fps`; returns how often the share changed. */
function run(s: ResolutionScaler, startMs: number, seconds: number, fps: number): number {
  let changes = 0;
  for (let k = 0; k <= seconds * fps; k++) if (s.frame(startMs + (k * 1000) / fps)) changes++;
  return changes;
}

describe("ResolutionScaler", () => {
  it("lowers the resolution while the frame rate is under 30 frames/s, down to the minimum", () => {
    const s = new ResolutionScaler(true);
    expect(run(s, 0, 2.5, 20)).toBe(2);
    expect(s.scale).toBe(0.75);
    run(s, 3000, 10, 20);
    expect(s.scale).toBe(MIN_SCALE);
  });

  it("raises it again over 50 frames/s, never above 1, and holds in between", () => {
    const s = new ResolutionScaler(true, 0.5);
    run(s, 0, 2.5, 40);
    expect(s.scale).toBe(0.5);
    run(s, 3000, 10, 60);
    expect(s.scale).toBe(1);
  });

  it("keeps a fixed share when not adaptive", () => {
    const s = new ResolutionScaler(false, 0.8);
    expect(run(s, 0, 5, 5)).toBe(0);
    expect(s.scale).toBe(0.8);
  });
});
