import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkSuite, loadSuite, SuiteError } from "./BenchmarkSuite.js";

const root = join(import.meta.dirname, "../..");
const base = {
  name: "t",
  scenarios: [{ id: "two_way", file: "scenarios/paper-two_way.scn" }],
  policies: [{ name: "keep-lane", locator: "keep-lane@v0" }],
  seeds: [0],
};

function problems(data: unknown): string[] {
  try {
    checkSuite(data, join(root, "suite.json"));
  } catch (e) {
    expect(e).toBeInstanceOf(SuiteError);
    return (e as Error).message.split("\n");
  }
  throw new Error("expected a SuiteError");
}

describe("benchmark suites", () => {
  it("a valid suite: defaults, seed ranges, absolute scenario paths", () => {
    const s = checkSuite({ ...base, seeds: { from: 3, count: 4 } }, join(root, "suite.json"));
    expect(s.seeds).toEqual([3, 4, 5, 6]);
    expect(s.episodes).toBe(1);
    expect(s.scenarios[0]).toEqual({
      id: "two_way",
      label: "two_way",
      file: join(root, "scenarios/paper-two_way.scn"),
      source: "scenarios/paper-two_way.scn",
      traffic: "auto",
    });
    expect(s.metricParams.conflictHorizonM).toBe(30);
  });

  it("errors name the file and the field", () => {
    expect(problems({ ...base, policies: [base.policies[0], { name: "x", locator: 7 }] })).toEqual([
      "suite.json: policies[1].locator: expected string, received number",
    ]);
    expect(problems({ ...base, seeds: [] })).toEqual([expect.stringMatching(/^suite\.json: seeds: /)]);
    expect(problems({ ...base, episodes: 0 })).toEqual([expect.stringMatching(/^suite\.json: episodes: too small/i)]);
    expect(problems({ ...base, colour: "red" })).toEqual([
      expect.stringMatching(/^suite\.json: \(top level\): unrecognized key.*colour/i),
    ]);
    expect(problems({ ...base, scenarios: [base.scenarios[0], { ...base.scenarios[0] }] })).toEqual([
      'suite.json: scenarios[1].id: duplicate id "two_way"',
    ]);
    expect(problems({ ...base, metricParams: { cutInHeadwayS: -1 } })).toEqual([
      expect.stringMatching(/^suite\.json: metricParams\.cutInHeadwayS: too small/i),
    ]);
    expect(
      problems({
        ...base,
        references: [{ name: "r", source: "s", cells: { nowhere: { collision: 0, completion: 1 } } }],
      }),
    ).toEqual(['suite.json: references[0].cells.nowhere: no scenario with id "nowhere"']);
  });

  it("a missing scenario file, bad JSON and a missing suite file are suite errors", () => {
    expect(problems({ ...base, scenarios: [{ id: "x", file: "scenarios/nope.scn" }] })[0]).toMatch(
      /^suite\.json: scenarios\[0\]\.file: no such file "scenarios\/nope\.scn"/,
    );
    const dir = mkdtempSync(join(tmpdir(), "roadgym-suite-"));
    writeFileSync(join(dir, "bad.json"), "{ name: ");
    expect(() => loadSuite(join(dir, "bad.json"))).toThrow(/^bad\.json: not valid JSON/);
    expect(() => loadSuite(join(dir, "none.json"))).toThrow(/^none\.json: no such file/);
  });

  it("the built-in paper suite is valid and has the paper's six columns", () => {
    const s = loadSuite(join(root, "metrics/suites/paper.json"));
    expect(s.scenarios.map((x) => x.label)).toEqual([
      "Two-Way (no SV)",
      "Double Merge (no SV)",
      "Intersection (no SV)",
      "Two-Way (random SV)",
      "Double Merge (random SV)",
      "Intersection (random SV)",
    ]);
    expect(s.policies.map((p) => p.locator)).toEqual([
      "idm-mobil@v2",
      "idm-mobil@v2",
      "idm-mobil@v2",
      "idm-mobil@v2",
      "keep-lane@v0",
    ]);
  });
});
