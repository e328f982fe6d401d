import { describe, expect, it } from "vitest";
import { RoadNetworkSpecSchema, type RoadNetworkSpec } from "../RoadNetworkSpec.js";
import { checkNetworkGeometry } from "./checkNetworkGeometry.js";
import { generateMap, mapGenerators, resolveGeneratorParams } from "./mapGenerators.js";
import { distance, segmentHeading } from "./polylineMath.js";

const DEG = Math.PI / 180;

/** Non-default parameter sets per generator (DSL names, SI values). */
const VARIANTS: Record<string, Record<string, number | boolean>[]> = {
  straight: [
    { lanes: 1, length: 50, lane_width: 3.5 },
    { lanes: 4, curve_angle: 90 * DEG, length: 120 },
    { curve_angle: -Math.PI },
  ],
  two_way: [
    { lanes: 3, lane_width: 3.0, speed_limit: 30 },
    { curve_angle: 60 * DEG, length: 80 },
  ],
  merge: [
    { lanes: 3, ramp_lanes: 2, ramp_angle: 40 * DEG, merge_length: 60 },
    { lanes: 1, lane_width: 3.75, ramp_angle: 5 * DEG },
  ],
  double_merge: [
    { lanes: 3, ramp_lanes: 2, weave_length: 300 },
    { lanes: 1, ramp_angle: 45 * DEG, lane_width: 2.8 },
  ],
  intersection: [
    { lanes: 1, signals: true },
    { lanes: 3, arm_length: 50, lane_width: 3.5, signals: true, all_red_time: 0 },
  ],
  t_junction: [{ lanes: 1 }, { lanes: 3, signals: true }],
  roundabout: [
    { arms: 3, radius: 12 },
    { arms: 6, radius: 40, lanes: 2, ring_lanes: 2 },
    { arms: 4, lanes: 3, ring_lanes: 1, radius: 30 },
  ],
  ring: [
    { length: 500, lanes: 3, roads: 2 },
    { straight_length: 100, length: 600, roads: 7 },
  ],
};

function cases(): [string, Record<string, number | boolean>][] {
  return [...mapGenerators.keys()].flatMap((name) => [
    [name, {}] as [string, Record<string, number | boolean>],
    ...(VARIANTS[name] ?? []).map((v) => [name, v] as [string, typeof v]),
  ]);
}

describe("mapGenerators table", () => {
  it("holds the eight generators under their DSL names", () => {
    expect([...mapGenerators.keys()].sort()).toEqual([
      "double_merge",
      "intersection",
      "merge",
      "ring",
      "roundabout",
      "straight",
      "t_junction",
      "two_way",
    ]);
    for (const [name, gen] of mapGenerators) expect(gen.name).toBe(name);
  });

  it.each([...mapGenerators.values()].map((g) => [g.name, g] as const))(
    "%s has a consistent parameter table",
    (_, gen) => {
      expect(new Set(gen.params.map((p) => p.name)).size).toBe(gen.params.length);
      expect(new Set(gen.params.map((p) => p.key)).size).toBe(gen.params.length);
      for (const p of gen.params) {
        expect(p.name).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(p.doc.length).toBeGreaterThan(5);
        if (p.unit === "bool") {
          expect(typeof p.default).toBe("boolean");
          continue;
        }
        expect(typeof p.default).toBe("number");
        const d = p.default as number;
        if (p.min !== undefined) expect(d).toBeGreaterThanOrEqual(p.min);
        if (p.max !== undefined) expect(d).toBeLessThanOrEqual(p.max);
        if (p.integer || p.unit === "count") expect(Number.isInteger(d)).toBe(true);
      }
      // The doc names at least one road id scenario authors can use.
      expect(gen.doc).toMatch(/`[a-z_0-9<>-]+`/);
    },
  );
});

describe.each(cases())("%s %j", (name, given) => {
  const spec = generateMap(name, given);

  it("validates against RoadNetworkSpecSchema", () => {
    expect(() => RoadNetworkSpecSchema.parse(spec)).not.toThrow();
    expect(spec.source).toMatchObject({ kind: "generator", generator: name });
  });

  it("passes checkNetworkGeometry (no gaps, no kinks, lengths, outlines, ids, spacing)", () => {
    expect(checkNetworkGeometry(spec)).toEqual([]);
  });

  it("puts adjacent lane centrelines exactly one lane width apart, lane 0 rightmost", () => {
    for (const road of spec.roads.filter((r) => r.kind === "normal")) {
      for (let i = 0; i + 1 < road.lanes.length; i++) {
        const [a, b] = [road.lanes[i], road.lanes[i + 1]];
        expect(b.shape.length).toBe(a.shape.length);
        a.shape.forEach((p, k) => {
          const q = b.shape[k];
          expect(distance(p, q)).toBeCloseTo(a.widthM, 8);
          // q lies to the left of a's direction at p (left of (dx,dy) is (-dy,dx)), perpendicular up to
          // the half-step by which a chord's heading differs from the curve's normal on arcs (≤ 0.5°).
          const h = segmentHeading(
            a.shape[Math.min(k, a.shape.length - 2)],
            a.shape[Math.min(k + 1, a.shape.length - 1)],
          );
          expect((-Math.sin(h) * (q[0] - p[0]) + Math.cos(h) * (q[1] - p[1])) / a.widthM).toBeGreaterThan(
            Math.cos(0.5 * DEG) - 1e-9,
          );
        });
      }
    }
  });

  it("samples curves at ≤ 1 m chords or ≤ 2° per segment", () => {
    for (const lane of spec.roads.flatMap((r) => r.lanes)) {
      for (let i = 1; i + 1 < lane.shape.length; i++) {
        const turn = Math.abs(
          segmentHeading(lane.shape[i], lane.shape[i + 1]) - segmentHeading(lane.shape[i - 1], lane.shape[i]),
        );
        const chord = Math.max(distance(lane.shape[i - 1], lane.shape[i]), distance(lane.shape[i], lane.shape[i + 1]));
        expect(chord <= 1 || Math.min(turn, 2 * Math.PI - turn) <= 2 * DEG).toBe(true);
      }
    }
  });

  it("writes the requested lane width and sets every lane's speed limit", () => {
    const width = (given.lane_width as number | undefined) ?? 3.2;
    for (const lane of spec.roads.flatMap((r) => r.lanes)) {
      expect(lane.widthM).toBe(width);
      expect(lane.speedLimitMps).toBeGreaterThan(0);
    }
  });

  it("gives each incoming connection a dir and a state, and mirrors it with an internal → outgoing connection", () => {
    const viaConnections = spec.connections.filter((c) => c.via);
    for (const c of viaConnections) {
      expect(c.dir).toMatch(/^[srlRLt]$/);
      expect(c.state).toMatch(/^[MmOo=]$/);
      expect(spec.connections).toContainEqual(
        expect.objectContaining({ fromLane: c.via, toLane: c.toLane, state: "M" }),
      );
    }
  });

  it("numbers each junction's links 0…n−1 and gives them symmetric foes and responses among the foes", () => {
    const links = spec.connections.filter((c) => c.via);
    const byJunction = new Map<string, typeof links>();
    for (const c of links) {
      expect(c.junction).toBe(spec.roads.find((r) => r.lanes.some((l) => l.id === c.fromLane))!.toJunction);
      byJunction.set(c.junction!, [...(byJunction.get(c.junction!) ?? []), c]);
    }
    for (const list of byJunction.values()) {
      expect(list.map((c) => c.junctionLinkIndex)).toEqual(list.map((_, i) => i));
      for (const c of list) {
        for (const f of c.foes!) expect(list[f].foes).toContain(c.junctionLinkIndex);
        for (const r of c.response!) {
          expect(c.foes).toContain(r);
          expect(list[r].response).not.toContain(c.junctionLinkIndex); // never both yield
        }
      }
    }
    // Internal → outgoing connections carry no right-of-way data.
    for (const c of spec.connections.filter((x) => !x.via)) expect(c.junction ?? c.foes ?? c.response).toBeUndefined();
  });
});

describe("resolveGeneratorParams", () => {
  const straight = mapGenerators.get("straight")!;

  it("fills defaults and keys the result by `key`", () => {
    const r = resolveGeneratorParams(straight, { lanes: 2 });
    expect(r).toEqual({
      params: { lanes: 2, lengthM: 200, laneWidthM: 3.2, speedLimitMps: 50 / 3.6, curveAngleRad: 0 },
    });
  });

  it("names an unknown parameter and lists the known ones", () => {
    const r = resolveGeneratorParams(straight, { lane: 2 });
    expect("errors" in r && r.errors).toEqual([
      expect.stringMatching(/^lane: unknown parameter of map generator "straight" \(known: lanes, length/),
    ]);
  });

  it("names out-of-range parameters, with units", () => {
    const r = resolveGeneratorParams(straight, { lanes: 0, speed_limit: 200 });
    expect("errors" in r && r.errors).toEqual([
      "lanes: 0 is below the minimum 1",
      "speed_limit: 200 m/s (720 km/h) is above the maximum 100 m/s (360 km/h)",
    ]);
  });

  it("names non-integer counts, non-finite numbers and wrongly typed values", () => {
    const r = resolveGeneratorParams(mapGenerators.get("intersection")!, {
      lanes: 1.5,
      arm_length: Number.NaN,
      signals: 1,
    });
    expect("errors" in r && r.errors).toEqual([
      "lanes: must be a whole number, got 1.5",
      "arm_length: must be a finite number, got NaN",
      "signals: must be true or false, got 1",
    ]);
  });

  it("reports cross-parameter problems from the generator's check, naming the parameters", () => {
    const r = resolveGeneratorParams(straight, { length: 10, curve_angle: Math.PI, lanes: 4 });
    expect("errors" in r && r.errors[0]).toMatch(/^curve_angle: /);
    const ring = resolveGeneratorParams(mapGenerators.get("ring")!, { length: 30, lanes: 3 });
    expect("errors" in ring && ring.errors[0]).toMatch(/^length \/ straight_length \/ lanes: /);
    const rb = resolveGeneratorParams(mapGenerators.get("roundabout")!, { radius: 6, arms: 8, lanes: 3 });
    expect("errors" in rb && rb.errors[0]).toMatch(/^radius/);
  });
});

describe("generateMap", () => {
  it("throws on an unknown generator, listing the known ones", () => {
    expect(() => generateMap("spaghetti")).toThrow(/unknown map generator "spaghetti" \(known: straight, two_way/);
  });

  it("throws with every parameter error", () => {
    expect(() => generateMap("ring", { roads: 1, foo: 2 })).toThrow(
      /foo: unknown parameter.*; roads: 1 is below the minimum 2/,
    );
  });

  it("is deterministic", () => {
    const a: RoadNetworkSpec = generateMap("roundabout", { arms: 5 });
    expect(generateMap("roundabout", { arms: 5 })).toEqual(a);
  });
});
