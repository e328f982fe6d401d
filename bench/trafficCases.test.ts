import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { caseKey, readCachedJson, writeCachedJson } from "./trafficCaseFiles.js";
import { CITY_CASE, RATIO_CASES, TRAFFIC_CASES, chooseCases, describeCases } from "./trafficCases.js";

describe("traffic benchmark cases", () => {
  it("chooses the named cases in benchmark order, and all of them for none", () => {
    expect(chooseCases(["spider", "random"]).map((c) => c.name)).toEqual(["random", "spider"]);
    expect(chooseCases([]).map((c) => c.name)).toEqual(["random", "gridTurns", "spider", "minicity", "city50"]);
  });

  it("names an unknown case and lists the known ones", () => {
    expect(() => chooseCases(["random", "grdi"])).toThrow(
      "unknown traffic case(s): grdi; known: random, gridTurns, spider, minicity, city50",
    );
  });

  it("describes every case on a line of its own", () => {
    const lines = describeCases().split("\n");
    expect(lines).toHaveLength(TRAFFIC_CASES.length);
    expect(lines[4]).toMatch(/^ {2}city50 +50×50 signalled grid/);
  });

  it("keys the cached inputs by what generates them: the seed, the arguments and SUMO's version", () => {
    const [random, grid] = RATIO_CASES;
    const v = "Eclipse SUMO sumo Version 1.15.0";
    expect(caseKey(random, 1, v)).toBe(caseKey(random, 1, v));
    expect(caseKey(random, 1, v)).toMatch(/^random-[0-9a-f]{16}$/);
    expect(caseKey(random, 2, v)).not.toBe(caseKey(random, 1, v));
    expect(caseKey(random, 1, "Eclipse SUMO sumo Version 1.16.0")).not.toBe(caseKey(random, 1, v));
    // The grid's size follows the seed modulo 3, its trips the seed itself.
    expect(caseKey(grid, 4, v)).not.toBe(caseKey(grid, 1, v));
    // A shipped map is keyed by its content.
    expect(caseKey(RATIO_CASES[3], 1, v)).toMatch(/^minicity-[0-9a-f]{16}$/);
    expect(caseKey(CITY_CASE, 1, v)).not.toBe(caseKey(CITY_CASE, 2, v));
  });
});

describe("kept JSON beside a case's files", () => {
  let dir = "";
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("reads back what was kept, and nothing where nothing (or something unreadable) is", () => {
    dir = mkdtempSync(join(tmpdir(), "roadgym-cache-"));
    expect(readCachedJson(dir, "sumo.json")).toBeUndefined();
    writeCachedJson(dir, "sumo.json", { measuredAt: "2026-12-07T21:00:00.000Z", ups: 15_100 });
    expect(readCachedJson(dir, "sumo.json")).toEqual({ measuredAt: "2026-12-07T21:00:00.000Z", ups: 15_100 });
    writeFileSync(join(dir, "cut.json"), '{"measuredAt": "2026-');
    expect(readCachedJson(dir, "cut.json")).toBeUndefined();
  });
});
