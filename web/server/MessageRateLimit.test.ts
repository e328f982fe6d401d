import { describe, expect, it } from "vitest";
import { MessageRateLimit, type RateVerdict } from "./MessageRateLimit.js";

describe("MessageRateLimit", () => {
  it("lets a burst through, then the rate; drops the rest and warns once a second", () => {
    let now = 0;
    const limit = new MessageRateLimit({ perSecond: 10, burst: 5 }, () => now);
    const burst: RateVerdict[] = [];
    for (let i = 0; i < 7; i++) burst.push(limit.take());
    expect(burst).toEqual(["accept", "accept", "accept", "accept", "accept", "drop-and-warn", "drop"]);
    now = 100; // one message's worth refilled (10 a second)
    expect(limit.take()).toBe("accept");
    expect(limit.take()).toBe("drop");
    now = 1200;
    for (let i = 0; i < 5; i++) expect(limit.take()).toBe("accept"); // refilled to the burst, not beyond
    expect(limit.take()).toBe("drop-and-warn"); // a new second: warned again
  });

  it("a client steady at the rate is never dropped", () => {
    let now = 0;
    const limit = new MessageRateLimit({ perSecond: 50, burst: 100 }, () => now);
    for (let i = 0; i < 5000; i++) {
      now += 20;
      expect(limit.take()).toBe("accept");
    }
  });

  it("disconnects a client with more than a burst dropped within a second", () => {
    const now = 0;
    const limit = new MessageRateLimit({ perSecond: 10, burst: 5 }, () => now);
    const verdicts: RateVerdict[] = [];
    for (let i = 0; i < 11; i++) verdicts.push(limit.take());
    expect(verdicts.slice(5)).toEqual(["drop-and-warn", "drop", "drop", "drop", "drop", "disconnect"]);
  });

  it("refuses settings that would block everything", () => {
    expect(() => new MessageRateLimit({ perSecond: 0, burst: 5 })).toThrow(/perSecond > 0/);
    expect(() => new MessageRateLimit({ perSecond: 5, burst: 0 })).toThrow(/burst ≥ 1/);
  });
});
