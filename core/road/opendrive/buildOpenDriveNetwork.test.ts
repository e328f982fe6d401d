import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { opendriveText, twoWay, type RoadText } from "../../../test/opendriveText.js";
import { planRoute } from "../planRoute.js";
import { buildRoadNetwork } from "../RoadNetwork.js";
import type { LaneSpec, Point2, RoadNetworkSpec } from "../RoadNetworkSpec.js";
import { importOpenDrive } from "./loadOpenDrive.js";
import { MIN_LANE_WIDTH_M } from "./layoutRoad.js";
import { distanceToSegment, MAX_CHORD_ERROR_M } from "./sampleCurve.js";

const SCENARIOS = join(import.meta.dirname, "../../../scenarios");
const load = (roads: RoadText[], extra = "", header = ""): RoadNetworkSpec =>
  importOpenDrive(opendriveText(roads, extra, header), "test.xodr");
const road = (spec: RoadNetworkSpec, id: string) => {
  const r = spec.roads.find((x) => x.id === id);
  if (!r) throw new Error(`test: no road "${id}" (roads: ${spec.roads.map((x) => x.id).join(", ")})`);
  return r;
};
const connected = (spec: RoadNetworkSpec, from: string, to: string) =>
  spec.connections.some((c) => c.fromLane === from && c.toLane === to);

/** Distance from `p` to the polyline. */
function toPolyline(p: Point2, shape: readonly Point2[]): number {
  let d = Infinity;
  for (let i = 0; i + 1 < shape.length; i++) d = Math.min(d, distanceToSegment(p, shape[i], shape[i + 1]));
  return d;
}

describe("OpenDRIVE lanes", () => {
  it("lane offset and width polynomials place the lane centrelines; widths are the lanes' means", () => {
    const spec = load([
      {
        id: "1",
        length: 100,
        laneOffset: `<laneOffset s="0" a="0.5" b="0" c="0" d="0"/>`,
        sections: [
          {
            lanes: [
              { id: 1, width: 3.5 },
              { id: -1, width: 3 },
              { id: -2, records: `<width sOffset="0" a="2" b="0.01" c="0" d="0"/>` },
            ],
          },
        ],
      },
    ]);
    const fwd = road(spec, "1");
    // Index 0 is the rightmost lane in driving direction: lane −2, then −1.
    const [outer, inner] = fwd.lanes;
    for (const [, y] of inner.shape) expect(y).toBeCloseTo(0.5 - 1.5, 9);
    expect(inner.widthM).toBeCloseTo(3, 12);
    // Lane −2: from t = 0.5 − 3 − 1 at s = 0 to 0.5 − 3 − 1.5 at s = 100.
    expect(outer.shape[0][1]).toBeCloseTo(-3.5, 9);
    expect(outer.shape[outer.shape.length - 1][1]).toBeCloseTo(-4, 9);
    expect(outer.widthM).toBeCloseTo(2.5, 9);
    const back = road(spec, "-1");
    expect(back.lanes).toHaveLength(1);
    expect(back.lanes[0].shape[0]).toEqual([100, expect.closeTo(0.5 + 1.75, 9)]);
    expect(back.lanes[0].shape[back.lanes[0].shape.length - 1][0]).toBeCloseTo(0, 9);
  });

  it("border records give a lane's outer border from the reference line", () => {
    const spec = load([
      {
        id: "1",
        length: 50,
        laneOffset: `<laneOffset s="0" a="0.5" b="0" c="0" d="0"/>`,
        sections: [{ lanes: [{ id: -1, records: `<border sOffset="0" a="-3" b="0" c="0" d="0"/>` }] }],
      },
    ]);
    const lane = road(spec, "1").lanes[0];
    expect(lane.widthM).toBeCloseTo(3.5, 12);
    expect(lane.shape[0][1]).toBeCloseTo(-1.25, 12);
  });

  it("lanes of a curved road lie within the stated chord error of the exact curves", () => {
    const R = 30;
    const spec = load([
      twoWay("1", 100, {
        shape: `<spiral curvStart="0" curvEnd="${1 / R}"/>`,
        sections: [{ lanes: [{ id: 2 }, { id: 1 }, { id: -1 }, { id: -2 }] }],
      }),
    ]);
    // Exact centre of lane −2 (t = −5.25): clothoid from the origin, offset along its normal.
    const k = 1 / R / 100;
    const exact = (s: number, t: number): Point2 => {
      let x = 0;
      let y = 0;
      const n = 4000;
      for (let i = 0; i < n; i++) {
        const u = ((i + 0.5) * s) / n;
        x += (Math.cos((k * u * u) / 2) * s) / n;
        y += (Math.sin((k * u * u) / 2) * s) / n;
      }
      const h = (k * s * s) / 2;
      return [x - Math.sin(h) * t, y + Math.cos(h) * t];
    };
    const lane = road(spec, "1").lanes[0];
    let worst = 0;
    for (let i = 0; i <= 200; i++) worst = Math.max(worst, toPolyline(exact(i / 2, -5.25), lane.shape));
    expect(worst).toBeLessThanOrEqual(MAX_CHORD_ERROR_M + 1e-6);
    expect(lane.shape.length).toBeGreaterThan(8);
  });

  it("right-hand traffic: right lanes forward as road <id>, left lanes backward as road -<id>", () => {
    const spec = load([twoWay("5", 80, { sections: [{ lanes: [{ id: 2 }, { id: 1 }, { id: -1 }, { id: -2 }] }] })]);
    const fwd = road(spec, "5");
    const back = road(spec, "-5");
    // Forward: along +x, lane 0 (rightmost) is lane −2 at y = −5.25.
    expect(fwd.lanes.map((l) => l.shape[0][1])).toEqual([-5.25, -1.75]);
    expect(fwd.lanes[0].shape[1][0]).toBeGreaterThan(fwd.lanes[0].shape[0][0]);
    // Backward: along −x, lane 0 is lane 2 at y = +5.25 (rightmost when driving west).
    expect(back.lanes.map((l) => l.shape[0][1])).toEqual([5.25, 1.75]);
    expect(back.lanes[0].shape[0][0]).toBe(80);
  });

  it("left-hand traffic (header or road rule): left lanes forward, lane 0 the innermost", () => {
    for (const [header, rule] of [
      [` rule="LHT"`, undefined],
      ["", "LHT"],
    ] as const) {
      const spec = load(
        [twoWay("5", 80, { rule, sections: [{ lanes: [{ id: 2 }, { id: 1 }, { id: -1 }, { id: -2 }] }] })],
        "",
        header,
      );
      const fwd = road(spec, "5");
      // Driving east on the left: the rightmost lane is the inner one (lane 1, y = 1.75).
      expect(fwd.lanes.map((l) => l.shape[0][1])).toEqual([1.75, 5.25]);
      expect(fwd.lanes[0].shape[1][0]).toBeGreaterThan(0);
      const back = road(spec, "-5");
      // Driving west on the south side: rightmost is the inner lane −1 (y = −1.75).
      expect(back.lanes.map((l) => l.shape[0][1])).toEqual([-1.75, -5.25]);
      expect(back.lanes[0].shape[0][0]).toBe(80);
    }
  });

  it("lane sections that add a lane cut the road into parts, linked by the lanes' links", () => {
    // From s = 50 a new inner lane −1 appears; the old −1 continues as −2.
    const spec = load([
      {
        id: "1",
        length: 100,
        sections: [
          { s: 0, lanes: [{ id: -1, succ: -2 }] },
          { s: 50, lanes: [{ id: -1 }, { id: -2, pred: -1 }] },
        ],
      },
    ]);
    const [a, b] = [road(spec, "1"), road(spec, "1.1")];
    expect([a.lanes.length, b.lanes.length]).toEqual([1, 2]);
    expect([a.part, b.part]).toEqual([
      { of: "1", index: 0 },
      { of: "1", index: 1 },
    ]);
    // The outer lane (index 0 of 1.1) continues lane 0 of 1; the new inner lane has no predecessor.
    expect(connected(spec, "1_0", "1.1_0")).toBe(true);
    expect(spec.connections.filter((c) => c.toLane === "1.1_1")).toEqual([]);
    expect(a.lanes[0].lengthM).toBeCloseTo(50, 9);
  });

  it("lane types are read whatever their capitalisation", () => {
    const spec = load([
      {
        id: "1",
        length: 50,
        sections: [
          {
            lanes: [
              { id: -1, type: "Driving" },
              { id: -2, type: "SHOULDER" },
            ],
          },
        ],
      },
    ]);
    expect(road(spec, "1").lanes).toHaveLength(1);
    expect(spec.roadside!.map((r) => [r.type, r.shoulder])).toEqual([["SHOULDER", true]]);
  });

  it("a tapering lane starts where it is 1.8 m wide", () => {
    const taper = `<width sOffset="0" a="0" b="0.05" c="0" d="0"/>`; // 0 → 5 m over 100 m
    const spec = load([{ id: "1", length: 100, sections: [{ lanes: [{ id: -1 }, { id: -2, records: taper }] }] }]);
    const [first, second] = [road(spec, "1"), road(spec, "1.1")];
    expect(first.lanes).toHaveLength(1);
    expect(second.lanes).toHaveLength(2);
    expect(first.lanes[0].lengthM).toBeCloseTo(MIN_LANE_WIDTH_M / 0.05, 6);
    expect(connected(spec, "1_0", "1.1_1")).toBe(true);
  });

  it("roads joined head to head (contactPoint end) continue into the other road's opposite lanes", () => {
    const spec = load([
      twoWay("1", 100, { succ: `<successor elementType="road" elementId="2" contactPoint="end"/>` }),
      twoWay("2", 50, {
        x: 150,
        hdg: Math.PI,
        succ: `<successor elementType="road" elementId="1" contactPoint="end"/>`,
      }),
    ]);
    // Eastbound on road 1 (its lane −1) goes on against road 2's reference line (its lane 1, road "-2").
    expect(connected(spec, "1_0", "-2_0")).toBe(true);
    expect(connected(spec, "2_0", "-1_0")).toBe(true);
    expect(spec.connections).toHaveLength(2);
    const net = buildRoadNetwork(spec);
    expect(planRoute(net, "1", "-2")?.roads.map((r) => r.id)).toEqual(["1", "-2"]);
  });
});

describe("OpenDRIVE junctions (the example town)", () => {
  const spec = importOpenDrive(readFileSync(join(SCENARIOS, "opendrive-town.xodr"), "utf8"), "opendrive-town.xodr");
  const net = buildRoadNetwork(spec);

  it("connecting roads become internal lanes, junction links go via them", () => {
    expect(spec.junctions).toHaveLength(9);
    const links = spec.connections.filter((c) => c.junction === "104");
    expect(links.length).toBeGreaterThan(8);
    for (const c of links) {
      const via = spec.roads.find((r) => r.lanes.some((l) => l.id === c.via));
      expect(via?.kind).toBe("internal");
      expect(via?.fromJunction).toBe("104");
    }
    expect(spec.junctions.find((j) => j.id === "104")!.shape.length).toBeGreaterThanOrEqual(4);
  });

  it("a route crosses junctions: road 7 north, the avenue east through the lights, road 10 north", () => {
    const route = planRoute(net, "7", "10");
    expect(route?.roads.map((r) => r.id)).toEqual(["7", "3", "10"]);
    const lane3 = net.lane("3_1")!;
    const lane10 = net.lane("10_0")!;
    const path = net.connectorPath(lane3, lane10);
    expect(path?.length).toBe(1);
    expect(path![0].road.kind).toBe("internal");
  });

  it("the lights: two controllers, east-west then north-south, left turns permissive", () => {
    expect(spec.signals).toHaveLength(1);
    const program = spec.signals[0];
    expect(program.id).toBe("104");
    const controlled = spec.connections.filter((c) => c.tlId === "104");
    const green = (phase: number, c: (typeof controlled)[number]) => program.phases[phase].state[c.linkIndex!];
    const fromRoad = (c: (typeof controlled)[number]) => c.fromLane.replace(/_\d+$/, "");
    for (const c of controlled) {
      const eastWest = ["3", "-4"].includes(fromRoad(c));
      expect(green(0, c)).toBe(eastWest ? (c.dir === "l" ? "g" : "G") : "r");
      expect(green(3, c)).toBe(eastWest ? "r" : c.dir === "l" ? "g" : "G");
    }
    expect(program.phases.map((p) => p.durationS)).toEqual([30, 3, 2, 30, 3, 2]);
    expect(spec.junctions.find((j) => j.id === "104")!.type).toBe("traffic_light");
  });

  it("right of way at the T-junctions: a stop sign, else the through road as main road", () => {
    const states = (junction: string, from: string) =>
      spec.connections.filter((c) => c.junction === junction && c.fromLane.startsWith(`${from}_`)).map((c) => c.state);
    // Junction 101 (bottom middle): the side road (-9, arriving from the north) has a stop sign.
    expect(new Set(states("101", "-9"))).toEqual(new Set(["s"]));
    expect(new Set([...states("101", "1"), ...states("101", "-2")])).toEqual(new Set(["M"]));
    // Junction 107 (top middle): no signs, the east-west road is the main road.
    expect(new Set(states("107", "10"))).toEqual(new Set(["m"]));
    expect(new Set([...states("107", "5"), ...states("107", "-6")])).toEqual(new Set(["M"]));
    // The side road's left turn yields to both main-road directions it crosses.
    const left = spec.connections.find((c) => c.junction === "107" && c.fromLane === "10_0" && c.dir === "l")!;
    expect(left.response!.length).toBeGreaterThanOrEqual(2);
  });

  it("<priority high low> turns the geometric rule round for that pair", () => {
    const text = readFileSync(join(SCENARIOS, "opendrive-town.xodr"), "utf8");
    const link = (sp: RoadNetworkSpec, from: string, dir: string) =>
      sp.connections.find((c) => c.junction === "107" && c.fromLane === from && c.dir === dir)!;
    const roadOf = (via: string) => /^:107_(\d+)_0$/.exec(via)![1];
    const sideLeft = link(spec, "10_0", "l");
    const mainStraight = link(spec, "-6_0", "s");
    expect(sideLeft.response).toContain(mainStraight.junctionLinkIndex);
    const withPriority = text.replace(
      `<junction id="107" name="node 1,2">`,
      `<junction id="107" name="node 1,2">\n<priority high="${roadOf(sideLeft.via!)}" low="${roadOf(mainStraight.via!)}"/>`,
    );
    const prioritised = importOpenDrive(withPriority, "town.xodr");
    const left = link(prioritised, "10_0", "l");
    const straight = link(prioritised, "-6_0", "s");
    expect(left.response).not.toContain(straight.junctionLinkIndex);
    expect(straight.response).toContain(left.junctionLinkIndex);
  });

  it("a dynamic speed-limit sign is not a traffic light", () => {
    const text = readFileSync(join(SCENARIOS, "opendrive-town.xodr"), "utf8").replace(
      `<road name="street 1" length="110" id="1" junction="-1">`,
      `<road name="street 1" length="110" id="1" junction="-1">\n<signals><signal id="vms" s="100" t="-5" orientation="+" dynamic="yes" country="DE" type="274" subtype="50"/></signals>`,
    );
    const withSign = importOpenDrive(text, "town.xodr");
    expect(withSign.junctions.find((j) => j.id === "101")!.type).toBe("priority");
    expect(withSign.signals.map((p) => p.id)).toEqual(["104"]);
  });

  it("shoulders are shoulder surface, sidewalks are not", () => {
    const shoulder = spec.roadside!.find((r) => r.type === "shoulder" && r.roadId === "1")!;
    const sidewalk = spec.roadside!.find((r) => r.type === "sidewalk" && r.roadId === "1")!;
    const mid = (l: { shape: Point2[] }) => l.shape[Math.floor(l.shape.length / 2)];
    expect(net.onShoulder(...mid(shoulder))).toBe(true);
    expect(net.onShoulder(...mid(sidewalk))).toBe(false);
    const driving: LaneSpec = road(spec, "1").lanes[0];
    expect(net.onShoulder(...mid(driving))).toBe(false);
  });
});
