import { describe, expect, it } from "vitest";
import { mobilIncentive, mobilSafe } from "./MobilModel.js";

describe("MOBIL", () => {
  it("weighs the changer's gain against the followers' by the politeness", () => {
    // ã_c − a_c + p·(Δa_n + Δa_o) = 0.8 − (−0.4) + 0.5·(−1.0 + 0.2)
    expect(mobilIncentive(0.8, -0.4, -1.0, 0.2, 0.5)).toBeCloseTo(0.8, 12);
    // A selfish driver ignores the followers; an altruistic one counts them fully.
    expect(mobilIncentive(0.8, -0.4, -3, -3, 0)).toBeCloseTo(1.2, 12);
    expect(mobilIncentive(0.8, -0.4, -3, 0, 1)).toBeCloseTo(-1.8, 12);
  });

  it("is safe only when neither the changer nor its new follower brakes harder than b_safe", () => {
    expect(mobilSafe(-1.9, -2, 2)).toBe(true);
    expect(mobilSafe(-2.1, 0, 2)).toBe(false);
    expect(mobilSafe(0.5, -2.5, 2)).toBe(false);
    expect(mobilSafe(0.5, Infinity, 2)).toBe(true);
  });
});
