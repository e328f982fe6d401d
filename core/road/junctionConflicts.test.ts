import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NetworkBuilder } from "./generators/NetworkBuilder.js";
import { generateMap } from "./generators/mapGenerators.js";
import { computeJunctionConflicts, withJunctionConflicts } from "./junctionConflicts.js";
import type { ConnectionSpec, LaneSpec, RoadNetworkSpec } from "./RoadNetworkSpec.js";
import { loadSumoNet } from "./sumo/loadSumoNet.js";

/** The junction link from lane `from` to lane `to`. */
function link(spec: RoadNetworkSpec, from: string, to: string): ConnectionSpec {
  const c = spec.connections.find((x) => x.fromLane === from && x.toLane === to && x.junctionLinkIndex !== undefined);
  if (!c) throw new Error(`no junction link ${from} -> ${to}`);
  return c;
}

describe("computeJunctionConflicts on the generated 4-way intersection", () => {
  const spec = generateMap("intersection", { lanes: 2 });
  const L = (from: string, to: string) => link(spec, from, to);

  it("makes the left turn from east a foe of the straight from west, and makes it yield", () => {
    const left = L("east_in_1", "south_out_1");
    for (const straight of [L("west_in_0", "east_out_0"), L("west_in_1", "east_out_1")]) {
      expect(left.foes).toContain(straight.junctionLinkIndex);
      expect(left.response).toContain(straight.junctionLinkIndex);
      expect(straight.foes).toContain(left.junctionLinkIndex);
      expect(straight.response).not.toContain(left.junctionLinkIndex);
    }
  });

  it("keeps right turns clear of the opposite right turn; a right turn meets only the straight into its lane", () => {
    const rights = [
      L("north_in_0", "west_out_0"),
      L("south_in_0", "east_out_0"),
      L("east_in_0", "north_out_0"),
      L("west_in_0", "south_out_0"),
    ];
    expect(rights[0].foes).not.toContain(rights[1].junctionLinkIndex);
    expect(rights[2].foes).not.toContain(rights[3].junctionLinkIndex);
    // North's right turn merges with east's straight into west_out_0 and yields to it (minor vs major).
    expect(rights[0]).toMatchObject({
      foes: [L("east_in_0", "west_out_0").junctionLinkIndex],
      response: [L("east_in_0", "west_out_0").junctionLinkIndex],
    });
    // East's right turn (major) merges with south's straight (minor) into north_out_0 and has the way.
    expect(rights[2]).toMatchObject({ foes: [L("south_in_0", "north_out_0").junctionLinkIndex], response: [] });
  });

  it("lets links from the same lane diverge without conflict", () => {
    const straight = L("north_in_0", "south_out_0");
    expect(straight.foes).not.toContain(L("north_in_0", "west_out_0").junctionLinkIndex);
    expect(L("north_in_1", "east_out_1").foes).not.toContain(L("north_in_1", "south_out_1").junctionLinkIndex);
  });

  it("on equal priority: the left turn yields to oncoming straight traffic, and to traffic from its right", () => {
    const northLeft = L("north_in_1", "east_out_1"); // m
    const southStraight = L("south_in_1", "north_out_1"); // m, oncoming
    expect(northLeft.response).toContain(southStraight.junctionLinkIndex);
    expect(southStraight.response).not.toContain(northLeft.junctionLinkIndex);
    // East's left turn and north's straight both enter south_out_1; north comes from east's right.
    const eastLeft = L("east_in_1", "south_out_1");
    const northStraight = L("north_in_1", "south_out_1");
    expect(eastLeft.response).toContain(northStraight.junctionLinkIndex);
    expect(northStraight.foes).toContain(eastLeft.junctionLinkIndex);
    expect(northStraight.response).not.toContain(eastLeft.junctionLinkIndex);
  });

  it("numbers the links like the traffic light does when signalised", () => {
    const s = generateMap("intersection", { lanes: 2, signals: true });
    for (const c of s.connections.filter((x) => x.via)) expect(c.junctionLinkIndex).toBe(c.linkIndex);
    // Left turns are 'o' (permissive): they still yield to the oncoming 'O' straight.
    expect(link(s, "west_in_1", "north_out_1").response).toContain(
      link(s, "east_in_0", "west_out_0").junctionLinkIndex,
    );
  });
});

describe("computeJunctionConflicts at merges", () => {
  it("makes a roundabout entry and the circulating lane it joins foes; the entry yields", () => {
    const spec = generateMap("roundabout", { arms: 4 });
    const entry = link(spec, "arm1_in_0", "ring1_0");
    const ring = link(spec, "ring0_0", "ring1_0");
    expect(entry).toMatchObject({
      junction: "rb1",
      foes: [ring.junctionLinkIndex],
      response: [ring.junctionLinkIndex],
    });
    expect(ring).toMatchObject({ foes: [entry.junctionLinkIndex], response: [] });
    // The exit leaves before the entry joins: no conflict.
    expect(link(spec, "ring0_0", "arm1_out_0").foes).toEqual([]);
  });

  it("makes two inflows into one lane foes; equal priority goes to the one on the right", () => {
    const b = new NetworkBuilder();
    b.addJunction("s1", "dead_end", [-100, 0]);
    b.addJunction("s2", "dead_end", [-100, -60]);
    b.addJunction("m", "priority", [5, 0]);
    b.addJunction("e", "dead_end", [110, 0]);
    const road = { widthM: 3.2, speedLimitMps: 20 };
    b.addRoad({
      ...road,
      id: "main",
      from: "s1",
      to: "m",
      laneShapes: [
        [
          [-100, 0],
          [0, 0],
        ],
      ],
    });
    b.addRoad({
      ...road,
      id: "ramp",
      from: "s2",
      to: "m",
      laneShapes: [
        [
          [-100, -60],
          [0, -6],
        ],
      ],
    });
    b.addRoad({
      ...road,
      id: "out",
      from: "m",
      to: "e",
      laneShapes: [
        [
          [10, 0],
          [110, 0],
        ],
      ],
    });
    b.link("m", "main_0", "out_0", { dir: "s", state: "M" });
    b.link("m", "ramp_0", "out_0", { dir: "s", state: "M" });
    const spec = b.build({ kind: "generator", generator: "hand", params: {} });
    // Same outgoing lane; the ramp arrives from the main road's right, so the main road yields.
    expect(link(spec, "main_0", "out_0")).toMatchObject({
      junction: "m",
      junctionLinkIndex: 0,
      foes: [1],
      response: [1],
    });
    expect(link(spec, "ramp_0", "out_0")).toMatchObject({ junctionLinkIndex: 1, foes: [0], response: [] });
    // A minor ramp yields instead.
    const minor = withJunctionConflicts({
      ...spec,
      connections: spec.connections.map((c) => (c.fromLane === "ramp_0" ? { ...c, state: "m" } : c)),
    });
    expect([link(minor, "main_0", "out_0").response, link(minor, "ramp_0", "out_0").response]).toEqual([[], [0]]);
  });

  it("leaves the generated on-ramp merge conflict-free: the ramp feeds its own acceleration lane", () => {
    const spec = generateMap("merge", {});
    const links = spec.connections.filter((c) => c.junctionLinkIndex !== undefined);
    expect(links.length).toBeGreaterThan(0);
    for (const c of links) expect(c.foes).toEqual([]);
  });
});

describe("computeJunctionConflicts on hand-made and SUMO networks", () => {
  const lane = (id: string, shape: [number, number][]): LaneSpec => ({
    id,
    roadId: id.slice(0, -2),
    index: 0,
    shape,
    widthM: 3.2,
    speedLimitMps: 10,
    lengthM: 10,
  });
  const road = (id: string, from: string, to: string, shape: [number, number][]) => ({
    id,
    kind: "normal" as const,
    fromJunction: from,
    toJunction: to,
    lanes: [lane(`${id}_0`, shape)],
  });

  it("uses the gap between lane ends where a link has no via lane, and numbers links in spec order", () => {
    const spec: RoadNetworkSpec = {
      source: { kind: "generator", generator: "hand", params: {} },
      roads: [
        road("we", "w", "J", [
          [-20, 0],
          [0, 0],
        ]),
        road("ee", "J", "e", [
          [10, 0],
          [30, 0],
        ]),
        road("sn", "s", "J", [
          [5, -25],
          [5, -5],
        ]),
        road("nn", "J", "n", [
          [5, 5],
          [5, 25],
        ]),
      ],
      junctions: [],
      connections: [
        { fromLane: "sn_0", toLane: "nn_0", state: "M" },
        { fromLane: "we_0", toLane: "ee_0", state: "m" },
      ],
      signals: [],
    };
    expect(computeJunctionConflicts(spec)).toEqual([
      { junction: "J", junctionLinkIndex: 0, foes: [1], response: [] },
      { junction: "J", junctionLinkIndex: 1, foes: [0], response: [0] },
    ]);
    const copy = withJunctionConflicts(spec);
    expect(spec.connections[0].foes).toBeUndefined(); // input untouched
    expect(copy.connections[1]).toEqual({
      fromLane: "we_0",
      toLane: "ee_0",
      state: "m",
      junction: "J",
      junctionLinkIndex: 1,
      foes: [0],
      response: [0],
    });
  });

  it("throws naming an unknown lane", () => {
    const spec = generateMap("straight", {});
    expect(() => computeJunctionConflicts({ ...spec, connections: [{ fromLane: "nope_0", toLane: "x" }] })).toThrow(
      /unknown lane "nope_0"/,
    );
  });

  it("agrees with SUMO's foes and responses on figure_eight's crossing and SUMO's foes on intersections-2lane", () => {
    for (const [name, compareResponse] of [
      ["figure_eight", true],
      ["intersections-2lane", false],
    ] as const) {
      const spec = loadSumoNet(join(import.meta.dirname, `../../maps/smarts/${name}/map.net.xml`));
      const ours = computeJunctionConflicts(spec);
      const links = spec.connections
        .map((c, i) => [c, ours[i]] as const)
        .filter(([c]) => c.junctionLinkIndex !== undefined);
      expect(links.length).toBeGreaterThan(10);
      expect(links.some(([c]) => c.foes!.length > 0)).toBe(true);
      for (const [sumo, geo] of links) {
        expect(geo).toMatchObject({
          junction: sumo.junction,
          junctionLinkIndex: sumo.junctionLinkIndex,
          foes: sumo.foes,
        });
        if (compareResponse) expect(geo!.response).toEqual(sumo.response);
      }
    }
  });
});
