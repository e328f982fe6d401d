import { describe, expect, it } from "vitest";
import { SCENARIO_DEFAULTS } from "../spec/CompiledScenario.js";
import { compileScenario } from "./compileScenario.js";
import { compiled, scenarioSource as scn } from "./testing.js";

describe("settings and units", () => {
  it("converts every unit exactly", () => {
    const s = compiled(scn(`  seed 7\n  step 50 ms\n  duration 2 min`));
    expect([s.name, s.seed, s.dtS, s.durationS]).toEqual(["t", 7, 0.05, 120]);
    expect(compiled(scn(`  duration 1.5 h`)).durationS).toBe(5400);
  });

  it("applies the defaults", () => {
    const s = compiled(scn(``));
    expect([s.seed, s.dtS, s.durationS]).toEqual([0, 0.1, null]);
    expect(s.vehicleTypes.map((t) => t.name)).toEqual([
      "passenger",
      "bus",
      "truck",
      "trailer",
      "motorcycle",
      "pedestrian",
    ]);
    expect(s.vehicleTypes.map((t) => [t.lengthM, t.widthM, t.heightM])).toEqual([
      [3.68, 1.47, 1.4],
      [7, 2.25, 3],
      [5, 1.91, 1.89],
      [10, 2.5, 4],
      [2.5, 1, 1.4],
      [0.5, 0.5, 1.6],
    ]);
    expect(s.drivers).toEqual([SCENARIO_DEFAULTS.driver]);
    expect(s.traffic).toEqual({ name: null, flows: [], trips: [], sumoDemand: [], history: null });
  });

  it("allows line and block comments anywhere", () => {
    const s = compiled(
      `// header\nscenario "c" { /* inline */ seed 3 // trailing\n  /* multi\n line */ map straight { lanes /* 1 */ 2 }\n}\n`,
    );
    expect([s.seed, s.map.kind === "generator" && s.map.params.lanes]).toEqual([3, 2]);
  });
});

describe("map", () => {
  it("converts generator parameters to the generator's SI keys, defaults included", () => {
    const s = compiled(scn(``, `map merge { lanes 3  speed_limit 72 km/h  ramp_angle 15 deg  merge_length 0.2 km }`));
    expect(s.map).toMatchObject({ kind: "generator", generator: "merge" });
    if (s.map.kind !== "generator") throw new Error("generator map expected");
    expect(s.map.params).toMatchObject({
      lanes: 3,
      speedLimitMps: 72 / 3.6,
      rampAngleRad: (15 * Math.PI) / 180,
      mergeM: 200,
      rampLanes: 1,
      upstreamM: 150,
    });
  });

  it("takes on/off switches", () => {
    const s = compiled(scn(``, `map intersection { signals on  green_time 20 s }`));
    expect(s.map.kind === "generator" && [s.map.params.signals, s.map.params.greenS]).toEqual([true, 20]);
  });

  it("loads a SUMO map relative to the scenario file and records its hash", () => {
    const s = compiled(scn(``, `map sumo "maps/smarts/paper-two_ways-bid/map.net.xml"`));
    expect(s.map).toMatchObject({ kind: "sumo", path: "maps/smarts/paper-two_ways-bid/map.net.xml" });
    expect(s.map.kind === "sumo" && s.map.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("vehicle types and drivers", () => {
  it("derives a vehicle type from a base, in SI", () => {
    const s = compiled(
      scn(
        `  vehicle_type van { base truck  length 550 cm  max_speed 90 km/h  accel 1.5 m/s2  decel 3 m/s^2  vclass delivery }`,
      ),
    );
    expect(s.vehicleTypes[6]).toEqual({
      name: "van",
      lengthM: 5.5,
      widthM: 1.91,
      heightM: 1.89,
      maxSpeedMps: 25,
      accelMps2: 1.5,
      decelMps2: 3,
      vClass: "delivery",
      builtIn: false,
    });
  });

  it("reads every driver parameter as a distribution", () => {
    const s = compiled(
      scn(
        `  driver d {\n    speed_factor normal(0.8, 0.2)\n    headway uniform(1 s, 2000 ms)\n    min_gap choice(2 m, 250 cm)\n    accel 2 m/s2\n    decel 4 m/s2\n    politeness 25 %\n    lane_change_threshold 0.1 m/s2\n    imperfection 0.3\n  }`,
      ),
    );
    expect(s.drivers[1]).toEqual({
      name: "d",
      speedFactor: { kind: "normal", mean: 0.8, sd: 0.2 },
      headwayS: { kind: "uniform", min: 1, max: 2 },
      minGapM: { kind: "choice", values: [2, 2.5] },
      accelMps2: { kind: "const", value: 2 },
      decelMps2: { kind: "const", value: 4 },
      politeness: { kind: "const", value: 0.25 },
      laneChangeThresholdMps2: { kind: "const", value: 0.1 },
      imperfection: { kind: "const", value: 0.3 },
    });
  });
});

describe("traffic", () => {
  it("compiles flows: routes with via roads, rates, windows, mixes", () => {
    const s = compiled(
      scn(
        [
          "  driver a { politeness 0.1 }",
          "  driver b { politeness 0.9 }",
          "  traffic {",
          "    flow f1 { route main:1@10 -> main:2@end  rate 10 veh/min  begin 30 s  end 5 min  count 20  drivers { a: 1, b: 3 }  depart_speed 36 km/h }",
          "    flow { route main:random@random -> main  probability 0.25  vehicles { bus: 1, truck: 1 } }",
          "    flow rnd { route random  rate 1 veh/s  vehicle motorcycle  driver b }",
          "  }",
        ].join("\n"),
      ),
    );
    expect(s.traffic.flows).toEqual([
      {
        name: "f1",
        route: {
          kind: "route",
          start: { roadId: "main", laneIndex: 1, offsetM: 10 },
          end: { roadId: "main", laneIndex: 2, offsetM: "end" },
          viaRoadIds: [],
          roadIds: ["main"],
        },
        spawn: { kind: "rate", ratePerHour: 600 },
        beginS: 30,
        endS: 300,
        count: 20,
        vehicles: [{ name: "passenger", weight: 1 }],
        drivers: [
          { name: "a", weight: 0.25 },
          { name: "b", weight: 0.75 },
        ],
        departSpeedMps: 10,
      },
      {
        name: null,
        route: {
          kind: "route",
          start: { roadId: "main", laneIndex: "random", offsetM: "random" },
          end: { roadId: "main", laneIndex: 0, offsetM: "end" },
          viaRoadIds: [],
          roadIds: ["main"],
        },
        spawn: { kind: "probability", probabilityPerS: 0.25 },
        beginS: 0,
        endS: null,
        count: null,
        vehicles: [
          { name: "bus", weight: 0.5 },
          { name: "truck", weight: 0.5 },
        ],
        drivers: [{ name: "default", weight: 1 }],
        departSpeedMps: null,
      },
      {
        name: "rnd",
        route: { kind: "random" },
        spawn: { kind: "rate", ratePerHour: 3600 },
        beginS: 0,
        endS: null,
        count: null,
        vehicles: [{ name: "motorcycle", weight: 1 }],
        drivers: [{ name: "b", weight: 1 }],
        departSpeedMps: null,
      },
    ]);
  });

  it("plans routes through via roads", () => {
    const s = compiled(
      scn(
        `  traffic {\n    trip t { route ring0:0@5 -> ring2 -> ring1:0@10  depart 1 min  vehicle bus }\n  }`,
        "map ring",
      ),
    );
    expect(s.traffic.trips[0]).toEqual({
      name: "t",
      route: {
        kind: "route",
        start: { roadId: "ring0", laneIndex: 0, offsetM: 5 },
        end: { roadId: "ring1", laneIndex: 0, offsetM: 10 },
        viaRoadIds: ["ring2"],
        roadIds: ["ring0", "ring1", "ring2", "ring3", "ring0", "ring1"],
      },
      departS: 60,
      vehicle: "bus",
      driver: "default",
      departSpeedMps: null,
    });
  });

  it("embeds SUMO route-file demand, its path as written", () => {
    const rou = `<routes>\n  <route id="r" edges="main"/>\n  <flow id="f" route="r" begin="0" end="60" vehsPerHour="100"/>\n</routes>\n`;
    const s = compiled(scn(`  traffic {\n    routes "demand/d.rou.xml"\n  }`), {
      readFile: (p) => (p === "demand/d.rou.xml" ? rou : ""),
    });
    expect(s.traffic.sumoDemand).toHaveLength(1);
    const d = s.traffic.sumoDemand[0];
    expect(d.path).toBe("demand/d.rou.xml");
    expect(d.demand.source.path).toBe("demand/d.rou.xml");
    expect(d.demand.flows[0]).toMatchObject({ id: "f", rate: { kind: "vehsPerHour", value: 100 } });
  });
});

describe("agents", () => {
  it("compiles a learning agent with every interface part", () => {
    const s = compiled(
      scn(
        [
          "  agent a {",
          "    mission main:0@10 -> main:1@190",
          "    via_point main:1@100 speed 54 km/h",
          "    depart 2 s",
          "    vehicle motorcycle",
          "    action relative_target_pose",
          "    max_steps 500",
          "    observe {",
          "      ego off",
          "      neighbors radius 40 m max 6",
          "      waypoints lookahead 30 spacing 2 m",
          "      road_waypoints horizon 10",
          "      signals lookahead 0.1 km",
          "      junction lookahead 80 m foes 4",
          "      events off",
          "      drivable_area width 32 height 16 resolution 0.5 m",
          "      occupancy on",
          "      rgb width 128 height 128 resolution 25 cm",
          "      lidar rays 90 range 30 m",
          "      vector",
          "    }",
          "    done { collision off  off_road on  off_route true  on_shoulder on  wrong_way on  not_moving on  goal false  max_steps off }",
          "  }",
        ].join("\n"),
      ),
    );
    expect(s.agents[0]).toEqual({
      name: "a",
      vehicle: "motorcycle",
      mission: {
        kind: "route",
        start: { roadId: "main", laneIndex: 0, offsetM: 10 },
        end: { roadId: "main", laneIndex: 1, offsetM: 190 },
        viaRoadIds: [],
        roadIds: ["main"],
        departS: 2,
        viaPoints: [{ position: { roadId: "main", laneIndex: 1, offsetM: 100 }, speedMps: 15 }],
        departSpeedMps: 0,
      },
      replaces: null,
      interface: {
        action: "relative_target_pose",
        maxSteps: 500,
        observation: {
          ego: { enabled: false },
          neighbours: { enabled: true, radiusM: 40, max: 6 },
          waypoints: { enabled: true, lookahead: 30, spacingM: 2 },
          roadWaypoints: { enabled: true, horizon: 10 },
          signals: { enabled: true, lookaheadM: 100 },
          junction: { enabled: true, lookaheadM: 80, maxFoes: 4 },
          events: { enabled: false },
          drivableArea: { enabled: true, width: 32, height: 16, resolutionM: 0.5 },
          occupancy: { enabled: true, width: 64, height: 64, resolutionM: 0.1953125 },
          rgb: { enabled: true, width: 128, height: 128, resolutionM: 0.25 },
          lidar: { enabled: true, rays: 90, rangeM: 30 },
          vector: { enabled: true },
        },
        done: {
          collision: false,
          offRoad: true,
          offRoute: true,
          onShoulder: true,
          wrongWay: true,
          notMoving: true,
          goal: false,
          maxSteps: false,
        },
      },
    });
  });

  it("gives an agent the default interface", () => {
    const s = compiled(scn(`  agent a { mission endless main:2 }`));
    expect(s.agents[0].mission).toEqual({
      kind: "endless",
      start: { roadId: "main", laneIndex: 2, offsetM: 0 },
      departS: 0,
      viaPoints: [],
      departSpeedMps: 0,
    });
    expect(s.agents[0].interface).toEqual({
      action: "lane",
      maxSteps: null,
      observation: SCENARIO_DEFAULTS.observation,
      done: SCENARIO_DEFAULTS.done,
    });
  });

  it("compiles social agents with zoo parameters in SI", () => {
    const s = compiled(
      scn(
        `  social s {\n    zoo "idm-mobil@v1" { desired_speed 36 km/h  polite on  mode "calm"  style relaxed  gain 2 }\n    mission main:0@0 -> main:0@end\n    vehicle truck\n  }\n  social f { zoo "file:./policies/mine"  mission main:1@0 -> main:1@end }`,
      ),
    );
    expect(s.socialAgents).toEqual([
      {
        name: "s",
        policy: {
          locator: "idm-mobil@v1",
          params: { desired_speed: 10, polite: true, mode: "calm", style: "relaxed", gain: 2 },
        },
        vehicle: "truck",
        mission: {
          kind: "route",
          start: { roadId: "main", laneIndex: 0, offsetM: 0 },
          end: { roadId: "main", laneIndex: 0, offsetM: "end" },
          viaRoadIds: [],
          roadIds: ["main"],
          departS: 0,
          viaPoints: [],
          departSpeedMps: 0,
        },
      },
      expect.objectContaining({ name: "f", policy: { locator: "file:./policies/mine", params: {} } }),
    ]);
  });
});

describe("bubbles", () => {
  it("compiles every zone, follow target and actor", () => {
    const s = compiled(
      scn(
        [
          "  agent a { mission main:0@0 -> main:0@end }",
          '  social s { zoo "keep-lane@v0"  mission main:1@0 -> main:1@end }',
          "  traffic {\n    trip t { route main:2@0 -> main:2@end }\n  }",
          '  bubble road { zone road main from 20 m length 60 m  margin 4 m  actor zoo "idm-mobil@v1" { politeness 0 }  limits { hijack 3 }  active 10 s to 1 min  exclude "a", "s" }',
          "  bubble box { zone box center (10 m, -2 m) size (20 m, 8 m) heading 90 deg  follow agent a offset (5 m, 0 m)  actor agent { action continuous  max_steps 100 } }",
          "  bubble poly { zone polygon (0, 0) (10 m, 0 m) (10 m, 10 m)  follow vehicle t  actor traffic local }",
          "  bubble soc { zone box center (0 m, 0 m) size (1 m, 1 m)  follow social s  actor traffic sumo  limits { hijack 1  shadow 2 } }",
        ].join("\n"),
      ),
    );
    expect(s.bubbles).toEqual([
      {
        name: "road",
        zone: { kind: "road", roadId: "main", fromM: 20, lengthM: 60 },
        follow: null,
        marginM: 4,
        actor: { kind: "zoo", policy: { locator: "idm-mobil@v1", params: { politeness: 0 } } },
        limits: { hijack: 3, shadow: null },
        window: { beginS: 10, endS: 60 },
        excludePrefixes: ["a", "s"],
      },
      {
        name: "box",
        zone: { kind: "box", centerM: [10, -2], sizeM: [20, 8], headingRad: Math.PI / 2 },
        follow: { kind: "agent", name: "a", offsetM: [5, 0] },
        marginM: 2,
        actor: {
          kind: "agent",
          interface: {
            action: "continuous",
            maxSteps: 100,
            observation: SCENARIO_DEFAULTS.observation,
            done: SCENARIO_DEFAULTS.done,
          },
        },
        limits: { hijack: null, shadow: null },
        window: null,
        excludePrefixes: [],
      },
      {
        name: "poly",
        zone: {
          kind: "polygon",
          pointsM: [
            [0, 0],
            [10, 0],
            [10, 10],
          ],
        },
        follow: { kind: "vehicle", name: "t", offsetM: [0, 0] },
        marginM: 2,
        actor: { kind: "traffic", provider: "local" },
        limits: { hijack: null, shadow: null },
        window: null,
        excludePrefixes: [],
      },
      expect.objectContaining({
        name: "soc",
        follow: { kind: "social", name: "s", offsetM: [0, 0] },
        actor: { kind: "traffic", provider: "sumo" },
        limits: { hijack: 1, shadow: 2 },
      }),
    ]);
  });
});

describe("variations", () => {
  it("is the product of the traffic sets and the sweeps", () => {
    const s = compiled(
      scn(
        [
          "  driver d { politeness 0.5 }",
          "  traffic { flow main { route main:0@0 -> main:0@end  rate 100 veh/h } }",
          "  variations {",
          "    traffic light { flow { route main:0@0 -> main:0@end  rate 50 veh/h } }",
          "    traffic heavy { flow { route main:0@0 -> main:0@end  rate 900 veh/h } }",
          "    sweep driver d headway 1 s, normal(1.5 s, 0.1 s)",
          "  }",
        ].join("\n"),
      ),
    );
    expect(s.variations.map((v) => v.name)).toEqual([
      "light, driver d headway=1 s",
      "light, driver d headway=#2",
      "heavy, driver d headway=1 s",
      "heavy, driver d headway=#2",
    ]);
    expect(s.variations[3].traffic?.flows[0].spawn).toEqual({ kind: "rate", ratePerHour: 900 });
    expect(s.variations[1].overrides).toEqual([
      { target: "driver", name: "d", field: "headwayS", value: { kind: "normal", mean: 1.5, sd: 0.1 } },
    ]);
  });

  it("sweeps a flow of the base traffic", () => {
    const s = compiled(
      scn(
        `  traffic { flow main { route main:0@0 -> main:0@end  rate 100 veh/h } }\n  variations { sweep flow main rate 100 veh/h, 200 veh/h, 5 veh/min }`,
      ),
    );
    expect(s.variations.map((v) => [v.name, v.traffic, v.overrides[0].value])).toEqual([
      ["base, flow main rate=100 veh/h", null, 100],
      ["base, flow main rate=200 veh/h", null, 200],
      ["base, flow main rate=5 veh/min", null, 300],
    ]);
  });
});

describe("the result", () => {
  it("is frozen, plain JSON data", () => {
    const s = compiled(scn(`  agent a { mission main:0@0 -> main:0@end }`));
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.agents[0].mission)).toBe(true);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});

describe("policy checks", () => {
  it("reports the problems a policy check finds at the locator or the parameter it names", () => {
    const text = `scenario "p" {
  map straight { lanes 2  length 300 m }
  social s { zoo "a@v0" { speed 3 m/s  mode fast }  mission main:0@10 -> main:0@end }
  bubble b { zone road main from 50 m length 60 m  actor zoo "b@v1" }
}`;
    const seen: unknown[] = [];
    const r = compileScenario(text, "/tmp/dir/p.scn", {
      policyCheck: (ref, baseDir) => {
        seen.push([ref, baseDir]);
        if (ref.locator === "b@v1") return [{ message: "no entry b@v1" }];
        return [{ param: "mode", message: "mode: bad" }];
      },
    });
    expect(seen).toEqual([
      [{ locator: "a@v0", params: { speed: 3, mode: "fast" } }, "/tmp/dir"],
      [{ locator: "b@v1", params: {} }, "/tmp/dir"],
    ]);
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => `${d.location.start.line}:${d.location.start.column} ${d.message}`)).toEqual([
      "3:40 mode: bad",
      "4:62 no entry b@v1",
    ]);
  });
});
