import { describe, expect, it } from "vitest";
import type { Point2, RoadNetworkSpec } from "../RoadNetworkSpec.js";
import { generateMap } from "./mapGenerators.js";
import { reachableRoads } from "./reachableRoads.js";

const ARMS = ["north", "east", "south", "west"] as const;

/** [toLane, dir, state] of the via connections leaving `fromLane`. */
function movesFrom(spec: RoadNetworkSpec, fromLane: string): [string, string | undefined, string | undefined][] {
  return spec.connections.filter((c) => c.fromLane === fromLane && c.via).map((c) => [c.toLane, c.dir, c.state]);
}

function insideConvex(poly: readonly Point2[], p: Point2, tol = 1e-6): boolean {
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i];
    const b = poly[(i + 1) % poly.length];
    if ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) < -tol) return false;
  }
  return true;
}

describe("intersection (unsignalised)", () => {
  const spec = generateMap("intersection", { lanes: 2 });

  it("has an in and an out road per arm with `lanes` lanes, and a priority junction `centre`", () => {
    const normal = spec.roads.filter((r) => r.kind === "normal");
    expect(normal.map((r) => r.id)).toEqual(ARMS.flatMap((a) => [`${a}_in`, `${a}_out`]));
    expect(normal.every((r) => r.lanes.length === 2)).toBe(true);
    for (const a of ARMS) {
      expect(normal.find((r) => r.id === `${a}_in`)).toMatchObject({ fromJunction: `${a}_end`, toJunction: "centre" });
      expect(normal.find((r) => r.id === `${a}_out`)).toMatchObject({ fromJunction: "centre", toJunction: `${a}_end` });
    }
    expect(spec.junctions.find((j) => j.id === "centre")!.type).toBe("priority");
    expect(spec.signals).toEqual([]);
  });

  it("turns right from lane 0, left from the leftmost lane, straight from every lane; east–west has priority", () => {
    expect(movesFrom(spec, "north_in_0")).toEqual([
      ["west_out_0", "r", "m"],
      ["south_out_0", "s", "m"],
    ]);
    expect(movesFrom(spec, "north_in_1")).toEqual([
      ["south_out_1", "s", "m"],
      ["east_out_1", "l", "m"],
    ]);
    expect(movesFrom(spec, "east_in_0")).toEqual([
      ["north_out_0", "r", "M"],
      ["west_out_0", "s", "M"],
    ]);
    expect(movesFrom(spec, "east_in_1")).toEqual([
      ["west_out_1", "s", "M"],
      ["south_out_1", "l", "m"],
    ]);
    expect(spec.roads.find((r) => r.id === "east_in")!.priority).toBeGreaterThan(
      spec.roads.find((r) => r.id === "north_in")!.priority!,
    );
  });

  it("reaches the three other arms from every arm (no U-turns)", () => {
    for (const a of ARMS) {
      const outs = [...reachableRoads(spec, `${a}_in`)].filter((id) => id.endsWith("_out")).sort();
      expect(outs).toEqual(
        ARMS.filter((b) => b !== a)
          .map((b) => `${b}_out`)
          .sort(),
      );
    }
  });

  it("slows turning connectors to √(5.5 m/s² · R) and keeps straight ones at the limit", () => {
    const via = (from: string, to: string) => {
      const c = spec.connections.find((x) => x.fromLane === from && x.toLane === to)!;
      return spec.roads.flatMap((r) => r.lanes).find((l) => l.id === c.via)!;
    };
    expect(via("east_in_0", "west_out_0").speedLimitMps).toBeCloseTo(50 / 3.6, 12);
    const right = via("east_in_0", "north_out_0");
    expect(right.speedLimitMps).toBeLessThan(7);
    expect(right.speedLimitMps).toBeGreaterThan(3);
    expect(via("east_in_1", "south_out_1").speedLimitMps).toBeGreaterThan(right.speedLimitMps);
  });

  it("has an outline around every connector", () => {
    const centre = spec.junctions.find((j) => j.id === "centre")!;
    expect(centre.shape.length).toBeGreaterThanOrEqual(8);
    for (const lane of spec.roads.filter((r) => r.kind === "internal").flatMap((r) => r.lanes)) {
      for (const p of lane.shape) expect(insideConvex(centre.shape, p)).toBe(true);
    }
  });
});

describe("intersection (signalised)", () => {
  const spec = generateMap("intersection", {
    lanes: 1,
    signals: true,
    green_time: 25,
    yellow_time: 4,
    all_red_time: 1,
  });
  const incoming = spec.connections.filter((c) => c.via);

  it("is a traffic_light junction whose links carry tlId centre and consecutive link indices in SUMO order", () => {
    expect(spec.junctions.find((j) => j.id === "centre")!.type).toBe("traffic_light");
    expect(incoming.map((c) => c.tlId)).toEqual(incoming.map(() => "centre"));
    expect(incoming.map((c) => c.linkIndex)).toEqual(incoming.map((_, i) => i));
    // Clockwise from north, per lane right/straight/left, like netconvert.
    expect(incoming.map((c) => `${c.fromLane}>${c.toLane}`).slice(0, 3)).toEqual([
      "north_in_0>west_out_0",
      "north_in_0>south_out_0",
      "north_in_0>east_out_0",
    ]);
    expect(incoming.map((c) => c.state).join("")).toBe("oooOOooooOOo"); // north, east (major), south, west (major)
    // Internal → outgoing connections are not signal-controlled.
    expect(spec.connections.filter((c) => !c.via).every((c) => c.tlId === undefined)).toBe(true);
  });

  it("runs a fixed-time program: east–west green/yellow/all-red, then north–south, left turns permissive", () => {
    expect(spec.signals).toHaveLength(1);
    const program = spec.signals[0];
    expect(program).toMatchObject({ id: "centre", programId: "0", offsetS: 0, type: "static" });
    expect(program.phases).toEqual([
      { durationS: 25, state: "rrrGGgrrrGGg" },
      { durationS: 4, state: "rrryyyrrryyy" },
      { durationS: 1, state: "rrrrrrrrrrrr" },
      { durationS: 25, state: "GGgrrrGGgrrr" },
      { durationS: 4, state: "yyyrrryyyrrr" },
      { durationS: 1, state: "rrrrrrrrrrrr" },
    ]);
  });

  it("drops the all-red phases when all_red_time is 0", () => {
    const s = generateMap("intersection", { signals: true, all_red_time: 0, lanes: 3 });
    expect(s.signals[0].phases.map((p) => p.durationS)).toEqual([30, 3, 30, 3]);
    const links = s.connections.filter((c) => c.via).length;
    expect(s.signals[0].phases.every((p) => p.state.length === links)).toBe(true);
  });
});
