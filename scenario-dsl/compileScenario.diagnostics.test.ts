import { describe, expect, it } from "vitest";
import { formatDiagnostics } from "./Diagnostic.js";
import { compileTest, diagnosticsOf as errs, scenarioSource as scn } from "./testing.js";

describe("syntax errors", () => {
  it("names the unexpected token, the expectations and a likely fix", () => {
    expect(errs(scn(`  traffic {\n    flow { route main:0@0 -> main:0@end  rat 10 veh/h }\n  }`))).toEqual([
      '4:42: error: unexpected "rat"; expected one of "->", "}", "begin", "count", "depart_speed", "driver", "drivers", "end", "probability", "rate", "route", "vehicle" or "vehicles"; did you mean "rate"?',
    ]);
  });

  it("reports an unexpected end of file", () => {
    expect(errs(`scenario "t" {\n  seed 1\n`)).toEqual([
      '3:1: error: unexpected end of file; expected one of "}", "agent", "bubble", "driver", "duration", "map", "seed", "social", "step", "traffic", "variations" or "vehicle_type"',
    ]);
  });

  it("treats an unknown unit as an unexpected token", () => {
    expect(errs(scn(`  driver d { headway 5 mph }`))).toEqual([
      '3:24: error: unexpected "mph"; expected one of "}", "accel", "decel", "headway", "imperfection", "lane_change_threshold", "min_gap", "politeness" or "speed_factor"',
    ]);
  });

  it("reports several syntax errors, one per bad statement", () => {
    const src = scn(
      [
        "  driver d { headway 1 s  bogus 3 }", // line 3
        "  seed 1", // line 4
        "  agent a { mision main:0@0 -> main:0@10 }", // line 5
        "  traffic {", // line 6
        "    flow { route main:0@0 -> main:0@end  rate 10 veh/h  driver = d }", // line 7
        "  }",
      ].join("\n"),
    );
    const d = errs(src);
    expect(d.map((x) => x.split(": error")[0])).toEqual(["3:27", "5:13", "7:64"]);
    expect(d[1]).toContain('unexpected "mision"');
    expect(d[1]).toContain('did you mean "mission"?');
  });

  it("points at a road id that is not written as a road id", () => {
    expect(errs(scn(`  agent a { mission :J0_0:0@0 -> main:0@10 }`))).toEqual([
      '3:21: error: unexpected ":"; expected position (road:lane@offset) or "endless"',
    ]);
  });
});

describe("settings at the edges", () => {
  it("takes 1 ms steps, and shorter ones only when the caller lowers the minimum", () => {
    expect(errs(scn(`  step 1 ms`))).toEqual([]);
    expect(errs(scn(`  step 0.5 ms`), { minStepS: 1e-4 })).toEqual([]);
    expect(errs(scn(`  step 0.05 ms`), { minStepS: 1e-4 })).toEqual([
      "3:8: error: step 0.05 ms is below the shortest step allowed, 0.1 ms",
    ]);
  });

  it("reads a scenario that starts with a UTF-8 byte-order mark, columns counted without it", () => {
    expect(errs("\uFEFF" + scn(`  seed 1`))).toEqual([]);
    expect(errs("\uFEFF" + `scenario "t" { sed 1 }`)[0]).toMatch(/^1:16: error: unexpected "sed"/);
  });
});

describe("semantic errors, each at its exact place", () => {
  const cases: [string, string, string[]][] = [
    [
      "a missing map",
      `scenario "t" {\n  seed 1\n}\n`,
      ['1:10: error: scenario "t" has no map; add `map sumo "file.net.xml"` or `map <generator> { ... }`'],
    ],
    [
      "a setting given twice",
      scn(`  seed 1\n  seed 2`),
      ["4:3: error: seed given twice in the scenario (first at line 3)"],
    ],
    [
      "a unit of the wrong kind",
      scn(`  driver d { headway 2 m }`),
      ['3:22: error: headway takes a time (s, ms, min, h), e.g. `1.5 s`; "m" is a unit of length'],
    ],
    ["a missing unit", scn(`  step 0.1`), ["3:8: error: step needs a unit: a time (s, ms, min, h), e.g. `1.5 s`"]],
    [
      "a duration shorter than a step",
      scn(`  duration 0.01 s`),
      ["3:12: error: duration 0.01 s is shorter than one step"],
    ],
    [
      "a step below the shortest allowed (a denormal one)",
      scn(`  step 1e-300 s`),
      ["3:8: error: step 1e-300 s is below the shortest step allowed, 1 ms"],
    ],
    [
      "a step below the shortest allowed (0.1 µs)",
      scn(`  step 0.0000001 s`),
      ["3:8: error: step 0.0000001 s is below the shortest step allowed, 1 ms"],
    ],
    [
      "an unknown road",
      scn(`  agent a { mission mian:0@0 -> main:0@100 }`),
      ['3:21: error: unknown road "mian"; did you mean "main"?'],
    ],
    [
      "a lane that does not exist",
      scn(`  agent a { mission main:3@0 -> main:0@100 }`),
      ['3:26: error: road "main" has 3 lanes (0..2); there is no lane 3'],
    ],
    [
      "a negative offset",
      scn(`  agent a { mission main:0@-5 -> main:0@100 }`),
      ["3:28: error: lane offset must be at least 0 m, not -5"],
    ],
    [
      "an unconnected route",
      scn(`  agent a { mission east:0@0 -> west:0@10 }`, "map two_way"),
      ['3:21: error: no route from road "east" to road "west": the map does not connect them'],
    ],
    [
      "a route that runs backwards",
      scn(`  agent a { mission main:0@100 -> main:0@10 }`),
      ['3:21: error: the route ends (10 m) before it starts (100 m) on road "main"'],
    ],
    [
      "a via road with a lane",
      scn(`  agent a { mission main:0@0 -> main:1 -> main:0@100 }`),
      ['3:33: error: a via road takes no lane or offset: write just "main"'],
    ],
    [
      "a flow ending before it begins",
      scn(`  traffic {\n    flow { route main:0@0 -> main:0@end  rate 10 veh/h  begin 60 s  end 30 s }\n  }`),
      ["4:73: error: flow must end after it begins (begin 60 s, end 30 s)"],
    ],
    [
      "a probability above 1",
      scn(`  traffic {\n    flow { route main:0@0 -> main:0@end  probability 1.5 }\n  }`),
      ["4:54: error: probability (per second) must be at most 1, not 1.5"],
    ],
    [
      "both a rate and a probability",
      scn(`  traffic {\n    flow { route random  rate 10 veh/h  probability 0.5 }\n  }`),
      ["4:41: error: flow has both a rate and a probability; give one"],
    ],
    [
      "a bad driver mix",
      scn(
        `  driver calm { politeness 0.5 }\n  traffic {\n    flow { route random  rate 10 veh/h  drivers { calm: 0, clam: 1, calm: 2 } }\n  }`,
      ),
      [
        '5:57: error: weight of driver "calm" must be greater than 0, not 0',
        '5:60: error: unknown driver "clam"; did you mean "calm"?',
        '5:69: error: driver "calm" appears twice in the mix',
      ],
    ],
    [
      "a flow without route or rate",
      scn(`  traffic {\n    flow f { vehicle bus }\n  }`),
      [
        '4:5: error: flow "f" needs a route: `route <road:lane@offset> -> <road:lane@offset>` or `route random`',
        '4:5: error: flow "f" needs a rate (`rate 600 veh/h`) or a probability per second (`probability 0.1`)',
      ],
    ],
    [
      "an unknown vehicle type",
      scn(`  agent a { mission main:0@0 -> main:0@100  vehicle van }`),
      ['3:53: error: unknown vehicle type "van"'],
    ],
    [
      "an agent and a trip with one name",
      scn(
        `  agent a { mission main:0@0 -> main:0@100 }\n  traffic {\n    trip a { route main:0@0 -> main:0@end }\n  }`,
      ),
      [
        '5:10: error: duplicate name "a": trip names clash with an agent, social agent or trip (first declared at line 3)',
      ],
    ],
    [
      "built-in names taken",
      scn(`  vehicle_type bus { length 8 m }\n  driver default { headway 1 s }`),
      [
        '3:16: error: vehicle type "bus" is built in (use `base` to derive from it); choose another name',
        '4:10: error: driver "default" is built in; choose another name',
      ],
    ],
    [
      "a bad vehicle class and base",
      scn(`  vehicle_type v { vclass car  base lorry }`),
      [
        '3:27: error: unknown SUMO vehicle class "car"',
        '3:37: error: unknown base vehicle type "lorry" (a base must be declared before)',
      ],
    ],
    [
      "an unknown map generator",
      scn(``, `map stright { lanes 2 }`),
      [
        '2:7: error: unknown map generator "stright"; did you mean "straight"? (generators: straight, two_way, merge, double_merge, intersection, t_junction, roundabout, ring; or `map sumo "file.net.xml"`, `map opendrive "file.xodr"`)',
      ],
    ],
    [
      "bad generator parameters",
      scn(``, `map straight { lanes 20  length 5 s  width 3 m }`),
      [
        "2:24: error: lanes must be at most 8, not 20",
        '2:35: error: length takes a length (m, km, cm), e.g. `30 m`; "s" is a unit of time',
        '2:40: error: unknown parameter "width" of map generator "straight" (parameters: lanes, length, lane_width, speed_limit, curve_angle)',
      ],
    ],
    [
      "a generator switch given a number",
      scn(``, `map intersection { signals 1 }`),
      ["2:30: error: signals takes on or off"],
    ],
    [
      "a missing map file",
      scn(``, `map sumo "nowhere.net.xml"`),
      ['2:12: error: cannot read map file "nowhere.net.xml": no such file'],
    ],
    [
      "a map that is a device (read for ever before)",
      scn(``, `map sumo "/dev/zero"`),
      ['2:12: error: cannot read map file "/dev/zero": not a regular file (a character device)'],
    ],
    [
      "a bad zoo locator",
      scn(`  social s { zoo "keep lane"  mission main:0@0 -> main:0@end }`),
      ['3:18: error: bad zoo locator "keep lane": write "<name>@v<version>" (e.g. "keep-lane@v0") or "file:<path>"'],
    ],
    [
      "an agent without a mission",
      scn(`  agent a { action lane }`),
      [
        '3:3: error: agent "a" needs a mission: `mission <road:lane@offset> -> <road:lane@offset>` or `mission endless <road:lane@offset>`',
      ],
    ],
    [
      "an unknown action space",
      scn(`  agent a { mission main:0@0 -> main:0@100  action lanes }`),
      [
        '3:52: error: unknown action space "lanes"; did you mean "lane"? (action spaces: continuous, lane, lane_with_continuous_speed, actuator_dynamic, target_pose, relative_target_pose, trajectory, direct)',
      ],
    ],
    [
      "an unknown observation parameter",
      scn(`  agent a { mission main:0@0 -> main:0@100  observe { neighbours radius 50 m maximum 8 } }`),
      ['3:78: error: neighbours has no parameter "maximum" (parameters: radius, max)'],
    ],
    [
      "an observation block given twice",
      scn(`  agent a {\n    mission main:0@0 -> main:0@100\n    observe { ego }\n    observe { events }\n  }`),
      ['6:5: error: observe given twice in agent "a" (first at line 5)'],
    ],
    [
      "a bubble following an unknown agent with a road zone",
      scn(
        `  bubble b {\n    zone road main from 10 m length 50 m\n    follow agent ghost\n    actor traffic local\n  }`,
      ),
      [
        "5:5: error: a bubble that follows a vehicle needs a box or polygon zone (relative to the vehicle), not a road zone",
        '5:18: error: unknown agent "ghost" to follow',
      ],
    ],
    [
      "bad bubble zone, actor, limits and window",
      scn(
        `  bubble b {\n    zone road main from 180 m length 50 m\n    actor traffic locale\n    limits { hijack 5  shadow 2 }\n    active 60 s to 10 s\n  }`,
      ),
      [
        '4:10: error: the zone ends at 230 m, past the end of road "main" (200 m long)',
        '5:19: error: unknown traffic provider "locale"; did you mean "local"? (providers: local, sumo)',
        "6:5: error: the shadow limit (2) must be at least the hijack limit (5): vehicles are shadowed before they are hijacked",
        "7:5: error: the active window must end after it begins (60 s to 10 s)",
      ],
    ],
    [
      "a bubble handing vehicles to recorded traffic",
      scn(`  bubble b {\n    zone road main from 10 m length 50 m\n    actor traffic history\n  }`),
      [
        '5:19: error: bubble "b" cannot hand vehicles to "history": recorded traffic replays a recording and takes over no vehicles (hand them to local or sumo)',
      ],
    ],
    [
      "a flat polygon",
      scn(`  bubble b {\n    zone polygon (0 m, 0 m) (10 m, 0 m) (20 m, 0 m)\n    actor traffic local\n  }`),
      ["4:10: error: the polygon has no area (its points are on one line)"],
    ],
    [
      "bad sweeps",
      scn(
        `  driver d { politeness 0.5 }\n  variations {\n    sweep driver d polite 0.1, 0.2\n    sweep flow nope rate 10 veh/h\n  }`,
      ),
      ['5:20: error: drivers have no parameter "polite"', '6:16: error: unknown flow "nope" of the base traffic'],
    ],
    [
      "bad distributions",
      scn(`  driver d { speed_factor gauss(1, 0.1)  headway uniform(2 s, 1 s)  min_gap normal(2 m) }`),
      [
        '3:27: error: unknown distribution "gauss" (known: normal, uniform, choice)',
        "3:50: error: uniform(low, high) needs low ≤ high, got 2 s > 1 s",
        "3:77: error: normal(...) takes 2 arguments (mean, standard deviation), got 1",
      ],
    ],
    [
      "a missing route file",
      scn(`  traffic {\n    routes "missing.rou.xml"\n  }`),
      ['4:12: error: cannot read route file "missing.rou.xml": no such file'],
    ],
  ];
  for (const [what, src, expected] of cases) {
    it(`reports ${what}`, () => expect(errs(src)).toEqual(expected));
  }

  it("warns about an offset past the lane end and clamps it", () => {
    const r = compileTest(scn(`  agent a { mission main:0@0 -> main:0@250 }`));
    expect(
      r.diagnostics.map((d) => `${d.location.start.line}:${d.location.start.column}: ${d.severity}: ${d.message}`),
    ).toEqual([
      "3:40: warning: offset 250 is past the end of lane main_0 (200 m long); it is clamped to the lane's end",
    ]);
    expect(r.ok && r.scenario.agents[0].mission.kind === "route" && r.scenario.agents[0].mission.end.offsetM).toBe(200);
  });
});

describe("input files", () => {
  it("reports a malformed map file at the map statement, with the map's own file:line:col", () => {
    const net = `<net>\n  <edge id="a" from="x" to="y">\n    <lane id="a_0" index="0" speed="13" length="10" shape="0,0 10,0"/>\n  </edge>\n  <edge id="b" from="y" to="z"\n</net>\n`;
    const r = compileTest(scn(``, `map sumo "bad.net.xml"`), { readFile: () => net });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0];
    expect([d.location.start.line, d.location.start.column, d.message]).toEqual([
      2,
      3,
      'cannot load map "bad.net.xml"',
    ]);
    expect(d.notes?.[0]).toMatch(/^bad\.net\.xml:\d+:\d+: error: /);
  });

  it("checks route-file demand against the map", () => {
    const rou = `<routes>\n  <route id="r" edges="main nowhere"/>\n  <vehicle id="v" route="r2" depart="0"/>\n  <trip id="t" from="main" to="elsewhere" depart="1"/>\n</routes>\n`;
    expect(errs(scn(`  traffic {\n    routes "d.rou.xml"\n  }`), { readFile: () => rou })).toEqual([
      '4:12: error: route file "d.rou.xml": route "r": edge "nowhere" is not a road of the map',
      '4:12: error: route file "d.rou.xml": vehicle "v": unknown route "r2"',
      '4:12: error: route file "d.rou.xml": vehicle "t": edge "elsewhere" is not a road of the map',
    ]);
  });

  it("reports a route file the demand parser rejects, with its own location", () => {
    const r = compileTest(scn(`  traffic {\n    routes "d.rou.xml"\n  }`), {
      readFile: () => "<routes>\n  <person id='p' depart='0'/>\n</routes>",
    });
    expect(r.diagnostics.map((d) => `${d.location.start.line}:${d.location.start.column}: ${d.message}`)).toEqual([
      '4:5: cannot load route file "d.rou.xml"',
    ]);
    expect(r.diagnostics[0].notes?.[0]).toMatch(/^d\.rou\.xml:2:\d+: error: /);
  });
});

describe("all errors at once", () => {
  it("reports every semantic error of a file, in source order", () => {
    const src = scn(
      [
        "  step 2 m", // 3
        "  driver d { politeness 2 }", // 4
        "  traffic {", // 5
        "    flow { route main:0@0 -> nowhere:0@1  rate 5 veh/h  driver e }", // 6
        "  }", // 7
        "  agent a { mission main:7@0 -> main:0@10  action fly }", // 8
        '  bubble b { zone box center (0 m, 0 m) size (0 m, 5 m)  actor zoo "bad" }', // 9
      ].join("\n"),
    );
    expect(errs(src).map((d) => d.split(": error")[0])).toEqual([
      "3:8",
      "4:25",
      "6:30",
      "6:64",
      "8:26",
      "8:51",
      "9:47",
      "9:68",
    ]);
  });
});

describe("formatDiagnostics", () => {
  it("prints path:line:col, the source line and a caret under the range", () => {
    const src = scn(`  driver d { headway 2 m }`);
    const r = compileTest(src);
    expect(formatDiagnostics(r.diagnostics, src)).toBe(
      [
        't.scn:3:22: error: headway takes a time (s, ms, min, h), e.g. `1.5 s`; "m" is a unit of length',
        "  driver d { headway 2 m }",
        "                     ^~~",
      ].join("\n"),
    );
    // Without the source text, the line the compiler attached is used.
    expect(formatDiagnostics(r.diagnostics)).toBe(formatDiagnostics(r.diagnostics, src));
  });
});
