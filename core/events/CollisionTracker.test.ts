import { describe, expect, it } from "vitest";
import { VehicleBoxes } from "../vehicles/VehicleBoxes.js";
import { CollisionPairs } from "./CollisionPairs.js";
import { CollisionScratch, detectCollisions } from "./detectCollisions.js";
import { CollisionTracker } from "./CollisionTracker.js";

describe("CollisionTracker", () => {
  it("reports a contact lasting three steps as one collision, at the tick it began", () => {
    const tracker = new CollisionTracker();
    expect(tracker.update(1, [])).toEqual([]);
    expect(tracker.update(2, [[7, 3]])).toEqual([{ tick: 2, a: 3, b: 7 }]);
    expect(tracker.update(3, [[3, 7]])).toEqual([]);
    expect(tracker.update(4, [[7, 3]])).toEqual([]);
    expect(tracker.activeContacts()).toEqual([{ a: 3, b: 7, sinceTick: 2 }]);
    expect(tracker.update(5, [])).toEqual([]);
    expect(tracker.activeContacts()).toEqual([]);
  });

  it("reports a second collision after the pair separated and touched again", () => {
    const tracker = new CollisionTracker();
    const events = [
      tracker.update(10, [[1, 2]]),
      tracker.update(11, [[1, 2]]),
      tracker.update(12, []),
      tracker.update(13, [[2, 1]]),
    ].flat();
    expect(events).toEqual([
      { tick: 10, a: 1, b: 2 },
      { tick: 13, a: 1, b: 2 },
    ]);
  });

  it("tracks pairs independently, sorts events, ignores repeats within a step", () => {
    const tracker = new CollisionTracker<string>();
    expect(
      tracker.update(0, [
        ["car-b", "car-a"],
        ["ego", "car-a"],
        ["car-a", "car-b"],
      ]),
    ).toEqual([
      { tick: 0, a: "car-a", b: "car-b" },
      { tick: 0, a: "car-a", b: "ego" },
    ]);
    // car-a/car-b continue; car-a/ego ends; ego/truck begins.
    expect(
      tracker.update(1, [
        ["car-a", "car-b"],
        ["truck", "ego"],
      ]),
    ).toEqual([{ tick: 1, a: "ego", b: "truck" }]);
    expect(tracker.activeContacts()).toEqual([
      { a: "car-a", b: "car-b", sinceTick: 0 },
      { a: "ego", b: "truck", sinceTick: 1 },
    ]);
  });

  it("follows vehicle ids, not positions, as vehicles come, go and reorder", () => {
    const tracker = new CollisionTracker();
    const pairs = new CollisionPairs();
    const scratch = new CollisionScratch();
    const boxes = new VehicleBoxes();
    const step = (tick: number, vehicles: [id: number, x: number][]) => {
      boxes.clear();
      for (const [id, x] of vehicles) boxes.add(id, x, 0, 0, 4, 2);
      detectCollisions(boxes, pairs, scratch);
      return tracker.updateFromPairs(tick, pairs, boxes);
    };
    // 10 and 20 touch (4 m apart, 4 m long); 30 is far away.
    expect(
      step(1, [
        [10, 0],
        [20, 4],
        [30, 100],
      ]),
    ).toEqual([{ tick: 1, a: 10, b: 20 }]);
    // A new vehicle arrives first and the others shift positions: same contact, no new event.
    expect(
      step(2, [
        [40, 200],
        [30, 100],
        [20, 4],
        [10, 0],
      ]),
    ).toEqual([]);
    // 30 leaves; 40 drives into 20 while 10 and 20 still touch.
    expect(
      step(3, [
        [20, 4],
        [40, 7],
        [10, 0],
      ]),
    ).toEqual([{ tick: 3, a: 20, b: 40 }]);
    expect(tracker.activeContacts()).toEqual([
      { a: 10, b: 20, sinceTick: 1 },
      { a: 20, b: 40, sinceTick: 3 },
    ]);
  });

  it("round-trips its state through JSON and continues identically", () => {
    const original = new CollisionTracker();
    original.update(5, [
      [1, 2],
      [3, 4],
    ]);
    const copy = new CollisionTracker();
    copy.setState(JSON.parse(JSON.stringify(original.getState())));
    expect(copy.lastTick).toBe(5);
    for (const t of [original, copy]) {
      expect(
        t.update(6, [
          [1, 2],
          [4, 5],
        ]),
      ).toEqual([{ tick: 6, a: 4, b: 5 }]);
      expect(t.activeContacts()).toEqual([
        { a: 1, b: 2, sinceTick: 5 },
        { a: 4, b: 5, sinceTick: 6 },
      ]);
    }
  });

  it("rejects ticks that do not increase and self-contacts", () => {
    const tracker = new CollisionTracker();
    tracker.update(3, []);
    expect(() => tracker.update(3, [])).toThrow(/not after/);
    expect(() => tracker.update(4, [[9, 9]])).toThrow(/vehicle 9/);
    expect(() => tracker.update(5.5, [])).toThrow(/integer/);
  });
});
