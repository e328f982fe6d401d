import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FileFormatError } from "../../spec/FileFormatError.js";
import { loadSumoNet } from "../../core/road/sumo/loadSumoNet.js";
import { parseSumoDistribution } from "./parseSumoDistribution.js";
import { parseSumoRoutes } from "./parseSumoRoutes.js";
import { SUMO_DEFAULT_VTYPE, SumoDemandSchema, SumoVTypeSchema } from "../../spec/SumoDemand.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = join(ROOT, "test/fixtures/sumo-demand");
const routes = (body: string): string => `<?xml version="1.0"?>\n<routes>\n${body}\n</routes>\n`;

/** The FileFormatError `fn` throws. */
function fileError(fn: () => unknown): FileFormatError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FileFormatError);
    return err as FileFormatError;
  }
  throw new Error("expected a FileFormatError");
}

describe("parseSumoRoutes on hand-written files", () => {
  const demand = parseSumoRoutes(
    routes(`  <vType id="car" vClass="passenger" length="4.5" width="1.8" height="1.5" accel="2.6" decel="4.5"
         maxSpeed="33.33" minGap="2.5" tau="1.2" sigma="0.3" speedFactor="normc(1,0.1,0.2,2)"
         lcCooperative="0.5" lcStrategic="1" color="1,0,0" latAlignment="center">
    <param key="has.driver" value="true"/>
  </vType>
  <vType id="idm" accel="1.5" speedFactor="1.1">
    <carFollowing-IDM tau="1.5" delta="4"/>
  </vType>
  <vTypeDistribution id="mix">
    <vType id="slow" maxSpeed="20" probability="0.3"/>
    <vType id="fast" maxSpeed="40" probability="0.7"/>
  </vTypeDistribution>
  <vTypeDistribution id="mix2" vTypes="car idm" probabilities="0.25 0.75"/>
  <route id="r0" edges="a b  c"/>
  <routeDistribution id="rd">
    <route refId="r0" probability="2"/>
    <route edges="x y" probability="1"/>
  </routeDistribution>
  <vehicle id="v0" type="car" route="r0" depart="0" departLane="best" departPos="random" departSpeed="max"/>
  <vehicle id="v1" depart="1:00:05" departLane="2" departPos="-5" departSpeed="13.9" arrivalLane="current" arrivalPos="max" arrivalSpeed="0" color="blue">
    <route edges="a b"/>
    <stop lane="b_0" duration="10"><param key="inside" value="stop"/></stop>
    <param key="note" value="hello"/>
  </vehicle>
  <vehicle id="v2" route="rd" depart="triggered"/>
  <trip id="t0" depart="2.5" from="a" to="c" via="b"/>
  <flow id="f0" type="mix" begin="0" end="3600" vehsPerHour="600" from="a" to="c" departLane="free"/>
  <flow id="f1" route="r0" begin="10" end="100" period="5"/>
  <flow id="f2" route="r0" end="100" probability="0.1"/>
  <flow id="f3" route="r0" begin="0" end="100" number="20"/>
  <flow id="f4" route="r0" period="exp(0.2)" number="7"/>
  <flow id="f5" begin="0" end="60" vehsPerHour="100">
    <route edges="c d"/>
  </flow>`),
    "hand.rou.xml",
  );

  it("conforms to the schema", () => {
    expect(SumoDemandSchema.safeParse(demand).success).toBe(true);
    expect(SumoVTypeSchema.safeParse(SUMO_DEFAULT_VTYPE).success).toBe(true);
  });

  it("reads vTypes in SI units with distributions, lane-change parameters and the rest", () => {
    const car = demand.vTypes.find((t) => t.id === "car")!;
    expect(car).toMatchObject({
      vClass: "passenger",
      lengthM: 4.5,
      widthM: 1.8,
      heightM: 1.5,
      accelMps2: 2.6,
      decelMps2: 4.5,
      maxSpeedMps: 33.33,
      minGapM: 2.5,
      tauS: 1.2,
      sigma: 0.3,
      lcCooperative: 0.5,
      lcStrategic: 1,
    });
    expect(car.speedFactor).toEqual({ kind: "normc", mean: 1, dev: 0.1, min: 0.2, max: 2 });
    expect(car.attrs).toEqual({ color: "1,0,0", latAlignment: "center" });
    expect(car.params).toEqual({ "has.driver": "true" });
    const idm = demand.vTypes.find((t) => t.id === "idm")!;
    expect(idm).toMatchObject({ carFollowModel: "IDM", tauS: 1.5, accelMps2: 1.5, speedFactor: 1.1 });
    expect(idm.attrs).toEqual({ delta: "4" });
  });

  it("reads type and route distributions", () => {
    expect(demand.vTypeDistributions).toEqual([
      {
        id: "mix",
        members: [
          { vTypeId: "slow", probability: 0.3 },
          { vTypeId: "fast", probability: 0.7 },
        ],
      },
      {
        id: "mix2",
        members: [
          { vTypeId: "car", probability: 0.25 },
          { vTypeId: "idm", probability: 0.75 },
        ],
      },
    ]);
    expect(demand.vTypes.map((t) => t.id)).toEqual(["car", "idm", "slow", "fast"]);
    expect(demand.routes).toEqual([
      { id: "r0", edges: ["a", "b", "c"] },
      { id: "rd#1", edges: ["x", "y"] },
    ]);
    expect(demand.routeDistributions).toEqual([
      {
        id: "rd",
        members: [
          { routeId: "r0", probability: 2 },
          { routeId: "rd#1", probability: 1 },
        ],
      },
    ]);
  });

  it("reads vehicles and trips with numbers and keywords", () => {
    const [v0, v1, v2, t0] = demand.vehicles;
    expect(v0).toEqual({
      id: "v0",
      typeId: "car",
      routing: { kind: "route", routeId: "r0" },
      departS: 0,
      departLane: "best",
      departPos: "random",
      departSpeed: "max",
      attrs: {},
      params: {},
    });
    expect(v1).toMatchObject({
      routing: { kind: "edges", edges: ["a", "b"] },
      departS: 3605,
      departLane: 2,
      departPos: -5,
      departSpeed: 13.9,
      arrivalLane: "current",
      arrivalPos: "max",
      arrivalSpeed: 0,
      attrs: { color: "blue" },
      params: { note: "hello" },
    });
    expect(v2.departS).toBe("triggered");
    expect(t0).toMatchObject({ departS: 2.5, routing: { kind: "trip", from: "a", to: "c", via: ["b"] } });
  });

  it("reads flows with each kind of rate", () => {
    const rates = demand.flows.map((f) => [f.id, f.beginS, f.endS, f.rate, f.number]);
    expect(rates).toEqual([
      ["f0", 0, 3600, { kind: "vehsPerHour", value: 600 }, undefined],
      ["f1", 10, 100, { kind: "period", periodS: 5 }, undefined],
      ["f2", 0, 100, { kind: "probability", value: 0.1 }, undefined],
      ["f3", 0, 100, undefined, 20],
      ["f4", 0, undefined, { kind: "poisson", ratePerS: 0.2 }, 7],
      ["f5", 0, 60, { kind: "vehsPerHour", value: 100 }, undefined],
    ]);
    expect(demand.flows[5].routing).toEqual({ kind: "edges", edges: ["c", "d"] });
    expect(demand.flows[0]).toMatchObject({
      typeId: "mix",
      departLane: "free",
      routing: { kind: "trip", from: "a", to: "c", via: [] },
    });
  });
});

describe("parseSumoRoutes on files written by SUMO's tools", () => {
  const net = loadSumoNet(join(ROOT, "maps/smarts/minicity/map.net.xml"));

  it("reads randomTrips.py output", () => {
    const path = join(FIXTURES, "minicity-random.trips.xml");
    const demand = parseSumoRoutes(readFileSync(path, "utf8"), path);
    expect(SumoDemandSchema.safeParse(demand).success).toBe(true);
    expect(demand.vTypes).toEqual([{ id: "passenger", vClass: "passenger", attrs: {}, params: {} }]);
    expect(demand.vehicles).toHaveLength(43);
    expect(demand.vehicles[0]).toEqual({
      id: "0",
      typeId: "passenger",
      departS: 0,
      routing: { kind: "trip", from: "-22758491#3", to: "4212255", via: [] },
      departLane: "best",
      departPos: "random",
      departSpeed: "max",
      attrs: {},
      params: {},
    });
    const roads = new Set(net.roads.filter((r) => r.kind === "normal").map((r) => r.id));
    for (const v of demand.vehicles) {
      if (v.routing.kind !== "trip") throw new Error("expected trips");
      expect(roads.has(v.routing.from) && roads.has(v.routing.to)).toBe(true);
    }
  });

  it("reads duarouter output, whose routes are connected in the imported network", () => {
    const path = join(FIXTURES, "minicity-random.rou.xml");
    const demand = parseSumoRoutes(readFileSync(path, "utf8"), path);
    expect(demand.vehicles).toHaveLength(43);
    const roadOfLane = new Map(net.roads.flatMap((r) => r.lanes.map((l) => [l.id, r.id] as const)));
    const linked = new Set(net.connections.map((c) => `${roadOfLane.get(c.fromLane)} ${roadOfLane.get(c.toLane)}`));
    for (const v of demand.vehicles) {
      if (v.routing.kind !== "edges") throw new Error("expected nested routes");
      for (let i = 1; i < v.routing.edges.length; i++) {
        expect(linked.has(`${v.routing.edges[i - 1]} ${v.routing.edges[i]}`), `vehicle ${v.id} edge ${i}`).toBe(true);
      }
    }
  });
});

describe("parseSumoRoutes errors", () => {
  it("reports malformed XML at line:col", () => {
    const err = fileError(() =>
      parseSumoRoutes(routes(`  <vehicle id="v" depart="0" route="r">\n</routes>`), "bad.rou.xml"),
    );
    expect(err.format()).toMatch(/^bad\.rou\.xml:4:9: error: malformed XML/);
  });

  it("rejects a file that is not a route file", () => {
    const err = fileError(() => parseSumoRoutes(`<net version="1.9"/>`, "map.net.xml"));
    expect(err.format()).toBe(
      "map.net.xml:1:1: error: not a SUMO route file: the root element is <net>, expected <routes>",
    );
  });

  it("names the vehicle and the keywords allowed", () => {
    const err = fileError(() =>
      parseSumoRoutes(routes(`<vehicle id="v7" route="r" depart="0" departLane="left"/>`), "x.rou.xml"),
    );
    expect(err.message).toBe(
      'vehicle "v7": attribute departLane="left" must be a lane index or one of random, free, allowed, best, first',
    );
    expect([err.line, err.col]).toEqual([3, 1]);
  });

  it("rejects vehicles without a route, persons, duplicate ids, bad distributions and rate-less flows", () => {
    const msg = (body: string) => fileError(() => parseSumoRoutes(routes(body), "x")).message;
    expect(msg(`<vehicle id="v" depart="0"/>`)).toBe(
      'vehicle "v": needs a route: route="…", a nested <route edges="…">, or from/to',
    );
    expect(msg(`<vehicle id="v" depart="0" from="a" to="b"/>`)).toContain("use <trip> for from/to");
    expect(msg(`<person id="p" depart="0"/>`)).toBe('person "p": persons and containers are not supported');
    expect(msg(`<route id="r" edges="a"/><route id="r" edges="b"/>`)).toBe('route "r": duplicate id');
    expect(msg(`<vType id="t" speedFactor="normc(1,0.1)"/>`)).toBe(
      'vType "t": attribute speedFactor: normc(mean,dev,min,max) takes 4 numbers, got "normc(1,0.1)"',
    );
    expect(msg(`<vType id="t" length="-4"/>`)).toBe('vType "t": attribute length="-4" must be positive');
    expect(msg(`<flow id="f" route="r" begin="0" end="10"/>`)).toBe(
      'flow "f": needs one of vehsPerHour, period, probability, or number together with end',
    );
    expect(msg(`<flow id="f" route="r" period="2" probability="0.5"/>`)).toBe(
      'flow "f": give only one of period, probability',
    );
    expect(msg(`<trip id="t" depart="soon" from="a" to="b"/>`)).toBe(
      'trip "t": attribute depart="soon" is not a number',
    );
    expect(msg(`<trip id="t" depart="0" fromTaz="z1" toTaz="z2"/>`)).toBe(
      'trip "t": attribute fromTaz is not supported; give from/to edges',
    );
  });
});

describe("parseSumoDistribution", () => {
  it("reads each SUMO distribution", () => {
    expect(parseSumoDistribution("norm(1, 0.1)")).toEqual({ kind: "norm", mean: 1, dev: 0.1 });
    expect(parseSumoDistribution("uniform(0.8,1.2)")).toEqual({ kind: "uniform", min: 0.8, max: 1.2 });
    expect(parseSumoDistribution("expo(2)")).toEqual({ kind: "expo", lambda: 2 });
    expect(parseSumoDistribution("weird(1)")).toHaveProperty("error");
    expect(parseSumoDistribution("normc(1,0.1,2,0.2)")).toEqual({ error: "normc(1,0.1,2,0.2): min exceeds max" });
  });
});
