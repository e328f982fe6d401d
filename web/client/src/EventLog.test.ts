import { describe, expect, it } from "vitest";
import { EventLog } from "./EventLog.js";

describe("EventLog", () => {
  it("lists each tick's events once when a frame comes again", () => {
    const log = new EventLog(5);
    log.add(3, ["a appeared"]);
    log.add(3, ["a appeared"]);
    log.add(3, []);
    expect(log.lines()).toEqual(["a appeared"]);
  });

  it("after a seek back, replaying the same stretch lists its events once", () => {
    const log = new EventLog(10);
    for (let t = 0; t <= 20; t++) log.add(t, t % 5 === 0 ? [`event ${t}`] : []);
    expect(log.lines()).toEqual(["event 0", "event 5", "event 10", "event 15", "event 20"]);
    log.add(7, []);
    expect(log.lines()).toEqual(["event 0", "event 5"]);
    for (let t = 8; t <= 20; t++) log.add(t, t % 5 === 0 ? [`event ${t}`] : []);
    expect(log.lines()).toEqual(["event 0", "event 5", "event 10", "event 15", "event 20"]);
  });

  it("a seek forward keeps the earlier lines and keeps only the newest `capacity`", () => {
    const log = new EventLog(3);
    log.add(1, ["x", "y"]);
    log.add(50, ["z", "w"]);
    expect(log.lines()).toEqual(["y", "z", "w"]);
    log.clear();
    log.add(1, ["x"]);
    expect(log.lines()).toEqual(["x"]);
  });
});
