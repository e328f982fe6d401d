import { describe, expect, it } from "vitest";
import { sha256Hex as sha256 } from "../core/hash/sha256Hex.js";
import { compiled, compileTest, diagnosticsOf, scenarioSource as scn } from "./testing.js";

// The test map's road `main` runs east from x = 0 to 200, its lanes 0, 1, 2 along y = −3.2, 0, 3.2.
const CSV = [
  "id,time,x,y,heading,speed,length,width,type",
  "car-1,0,20,0,0,10,3.68,1.47,passenger",
  "car-1,1,30,0,0,10,3.68,1.47,passenger",
  "car-2,0.5,60,-3.2,0,8,3.68,1.47,passenger",
  "car-2,1.5,68,-3.2,0,8,3.68,1.47,passenger",
  "truck-1,0,100,0,0,6,7.1,2.4,truck",
  "",
].join("\n");
const files = (extra: Record<string, string> = {}) => ({
  readFile: (p: string) => {
    const f: Record<string, string> = { "rec.csv": CSV, ...extra };
    if (p in f) return f[p];
    throw Object.assign(new Error("nope"), { code: "ENOENT" });
  },
});

describe("history traffic", () => {
  it("names the recording, its hash, format and placement", () => {
    const s = compiled(
      scn(`  traffic {\n    history "rec.csv" { format roadgym  start 0.5 s  offset (2 m, -0.5 m)  ids "car-" }\n  }`),
      files(),
    );
    expect(s.traffic.history).toEqual({
      path: "rec.csv",
      sha256: sha256(CSV),
      format: "roadgym",
      startS: 0.5,
      offsetM: [2, -0.5],
      idFilter: "car-",
    });
    // Alone, with the defaults: our format, from its first sample, where it was recorded, every vehicle.
    const d = compiled(scn(`  traffic {\n    history "rec.csv"\n  }`), files());
    expect(d.traffic.history).toEqual({
      path: "rec.csv",
      sha256: sha256(CSV),
      format: "roadgym",
      startS: null,
      offsetM: [0, 0],
      idFilter: null,
    });
    expect(compiled(scn(`  traffic {\n    flow { route random  rate 60 veh/h }\n  }`)).traffic.history).toBeNull();
  });

  it("goes with a variation's traffic too", () => {
    const s = compiled(
      scn(
        `  variations {\n    traffic recorded {\n      history "rec.csv"\n    }\n    traffic generated {\n      flow { route random  rate 60 veh/h }\n    }\n  }`,
      ),
      files(),
    );
    expect(s.variations.map((v) => v.traffic?.history?.path ?? null)).toEqual(["rec.csv", null]);
  });

  it.each([
    ["a missing file", `history "gone.csv"`, ['4:13: error: cannot read trajectory file "gone.csv": no such file']],
    [
      "an unknown format",
      `history "rec.csv" { format ngsm }`,
      ['4:32: error: unknown trajectory format "ngsm"; did you mean "ngsim"? (formats: roadgym, ngsim, interaction)'],
    ],
    [
      "ids selecting nobody",
      `history "rec.csv" { ids "bus-" }`,
      [
        '4:29: error: history "rec.csv": no recorded vehicle id starts with "bus-" (3 vehicles, e.g. car-1, car-2, truck-1)',
      ],
    ],
    [
      "an empty id prefix",
      `history "rec.csv" { ids "" }`,
      ["4:29: error: ids needs a prefix of recorded ids (leave it out to replay every vehicle)"],
    ],
    [
      "a start without a unit",
      `history "rec.csv" { start 3 }`,
      ["4:31: error: start needs a unit: a time (s, ms, min, h), e.g. `1.5 s`"],
    ],
    [
      "two recordings in one traffic set",
      `history "rec.csv"\n    history "rec.csv"`,
      ["5:5: error: a traffic set replays one recording (the first is at line 4); merge the files or use variations"],
    ],
  ])("reports %s where it is", (_, item, expected) => {
    expect(diagnosticsOf(scn(`  traffic {\n    ${item}\n  }`), files())).toEqual(expected);
  });

  it("reports a malformed file at its own line and column", () => {
    const bad = CSV.replace("car-2,0.5,60", "car-2,0.5,sixty");
    const r = compileTest(scn(`  traffic {\n    history "rec.csv"\n  }`), files({ "rec.csv": bad }));
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0].message).toBe('cannot load trajectory file "rec.csv" (roadgym)');
    expect(r.diagnostics[0].notes).toEqual(['rec.csv:4:11: error: column "x": "sixty" is not a number']);
    // The same text read as another format fails on that format's columns.
    const ngsim = compileTest(scn(`  traffic {\n    history "rec.csv" { format ngsim }\n  }`), files());
    expect(ngsim.ok).toBe(false);
    expect(ngsim.diagnostics[0].notes?.[0]).toMatch(/^rec\.csv:1:1: error: missing column/);
  });

  it("warns when the recording, moved by its offset, is off the map", () => {
    expect(diagnosticsOf(scn(`  traffic {\n    history "rec.csv" { offset (0 m, 40 m) }\n  }`), files())).toEqual([
      "4:13: warning: only 0 of 5 recorded positions checked lie within 5 m of a lane of the map (recorded x 20…100 m, y -3…0 m before the offset): is the offset right?",
    ]);
    expect(diagnosticsOf(scn(`  traffic {\n    history "rec.csv" { offset (0 m, 1 m) }\n  }`), files())).toEqual([]);
  });

  describe("an agent in a recorded vehicle's place", () => {
    const agent = (item: string) => `  agent a {\n    ${item}\n    action lane\n  }`;
    const traffic = `  traffic {\n    history "rec.csv" { start 0.2 s }\n  }`;

    it("starts where, when and as fast as the vehicle would appear, and ends where it ended", () => {
      const r = compileTest(scn(`${traffic}\n${agent(`replace "car-2"`)}`), files());
      if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
      const [a] = r.scenario.agents;
      expect(a.replaces).toBe("history-car-2");
      // car-2 is recorded from 0.5 s: with the replay starting at 0.2 s it appears at tick 3.
      expect(a.mission).toMatchObject({
        kind: "route",
        roadIds: ["main"],
        departS: 0.3,
        departSpeedMps: 8,
        viaPoints: [],
      });
      // One step (0.8 m at 8 m/s) back from where it first appears: it moves for the step it appears in.
      // On lane 0 (y = −3.2) where it first appears and where it ends.
      expect(a.mission.start).toEqual({ roadId: "main", laneIndex: 0, offsetM: 59.2 });
      expect(a.mission.kind === "route" && a.mission.end).toEqual({ roadId: "main", laneIndex: 0, offsetM: 68 });
    });

    it.each([
      [
        "no recording",
        `${agent(`replace "car-2"`)}`,
        [
          '4:13: error: agent "a" replaces recorded vehicle "car-2", but the scenario\'s traffic replays no recording (add `history "<file>"` to its traffic)',
        ],
      ],
      [
        "an unknown vehicle",
        `${traffic}\n${agent(`replace "car-3"`)}`,
        ['7:13: error: no recorded vehicle "car-3" in "rec.csv"; did you mean "car-1"?'],
      ],
      [
        "a vehicle gone before the replay",
        `  traffic {\n    history "rec.csv" { start 1.2 s }\n  }\n${agent(`replace "car-1"`)}`,
        [
          '7:13: error: recorded vehicle "car-1" never appears in the replay: its track ends at 1 s, the replay starts at 1.2 s',
        ],
      ],
      [
        "a mission besides",
        `${traffic}\n${agent(`replace "car-2"\n    mission main:0@0 -> main:0@end`)}`,
        ['8:5: error: agent "a" replaces a recorded vehicle, whose trip is its mission: no mission with replace'],
      ],
    ])("reports %s", (_, body, expected) => {
      expect(diagnosticsOf(scn(body), files())).toEqual(expected);
    });
  });
});
