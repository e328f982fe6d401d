/**
 * The OpenDRIVE importer against SUMO's: netconvert's import of the example maps (figures in
 * test/golden/opendrive-sumo.json, written by scripts/openDriveSumoFigures.py) and the round trip of
 * a SUMO network through `netconvert --opendrive-output` (test/fixtures/opendrive/). The live
 * tests run netconvert and duarouter themselves, and are skipped where SUMO is not installed.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { polylineLength } from "../generators/polylineMath.js";
import { mapStats } from "../mapStats.js";
import { planRoute } from "../planRoute.js";
import { buildRoadNetwork, type RoadNetwork } from "../RoadNetwork.js";
import type { RoadNetworkSpec } from "../RoadNetworkSpec.js";
import { loadSumoNet } from "../sumo/loadSumoNet.js";
import { laneAllows } from "../../../spec/vehicleClasses.js";
import { loadOpenDrive } from "./loadOpenDrive.js";

const ROOT = join(import.meta.dirname, "../../..");
const GOLDEN = JSON.parse(readFileSync(join(ROOT, "test/golden/opendrive-sumo.json"), "utf8")) as Record<
  string,
  { passengerLaneLengthM: number; nodeLaneLengthM: number; routes: { from: string; to: string; edges: string[] }[] }
>;
const EXAMPLES = ["scenarios/opendrive-town.xodr", "scenarios/opendrive-curves.xodr"];
const ENV = { ...process.env, SUMO_HOME: process.env.SUMO_HOME ?? "/usr/share/sumo" };
const HAVE_SUMO = spawnSync("netconvert", ["--version"], { env: ENV }).status === 0;

/** The OpenDRIVE road and direction of a SUMO edge id: netconvert names right lanes `-<id>`, left lanes `<id>`, pieces `#k`. */
function sumoEdgeKey(edge: string): string {
  const base = edge.replace(/#\d+$/, "");
  return base.startsWith("-") ? base.slice(1) : `-${base}`;
}

/** The same for one of our roads: `<id>` along the reference line, `-<id>` against it, parts by their first part's id. */
function ourKey(net: RoadNetwork, roadId: string): string {
  return net.road(roadId)!.spec.part?.of ?? roadId;
}

function dedupe(keys: string[]): string[] {
  return keys.filter((k, i) => i === 0 || k !== keys[i - 1]);
}

/**
 * A SUMO network's passenger lane length: normal edges, plus the lanes of the nodes netconvert adds
 * where roads join outside OpenDRIVE junctions (not the turnarounds at dead ends).
 */
function sumoFigures(net: RoadNetworkSpec, odrJunctions: ReadonlySet<string>): { normal: number; node: number } {
  const turnarounds = new Set(net.connections.filter((c) => c.dir === "t" && c.via).map((c) => c.via));
  let normal = 0;
  let node = 0;
  for (const road of net.roads) {
    for (const lane of road.lanes) {
      if (!laneAllows(lane, "passenger")) continue;
      if (road.kind === "normal") normal += lane.lengthM;
      else if (road.kind === "internal" && !odrJunctions.has(road.fromJunction ?? "") && !turnarounds.has(lane.id))
        node += lane.lengthM;
    }
  }
  return { normal, node };
}

describe("OpenDRIVE import against netconvert's (committed figures)", () => {
  for (const file of EXAMPLES) {
    const spec = loadOpenDrive(join(ROOT, file));
    const net = buildRoadNetwork(spec);
    const sumo = GOLDEN[file];

    it(`${file}: summed drivable lane length within 2 % of SUMO's passenger lanes`, () => {
      const ours = mapStats(spec).laneLengthM;
      const theirs = sumo.passengerLaneLengthM + sumo.nodeLaneLengthM;
      expect(Math.abs(ours / theirs - 1)).toBeLessThan(0.02);
    });

    it(`${file}: the routes duarouter finds, roadgym finds over the same roads`, () => {
      for (const r of sumo.routes) {
        const from = sumoEdgeKey(r.from);
        const to = sumoEdgeKey(r.to);
        const route = planRoute(net, from, to);
        expect(route, `${r.from} -> ${r.to}`).toBeDefined();
        expect(dedupe(route!.roads.map((x) => ourKey(net, x.id)))).toEqual(dedupe(r.edges.map(sumoEdgeKey)));
      }
    });
  }

  it("round trip: a SUMO network exported by netconvert imports with the same lane length (2 %)", () => {
    const original = loadSumoNet(join(ROOT, "maps/smarts/intersections-4lane_t/map.net.xml"));
    const exported = loadOpenDrive(join(ROOT, "test/fixtures/opendrive/intersections-4lane_t.xodr"));
    const ratio = mapStats(exported).laneLengthM / mapStats(original).laneLengthM;
    expect(Math.abs(ratio - 1)).toBeLessThan(0.02);
    expect(mapStats(exported).lanes).toBe(mapStats(original).lanes);
  });
});

describe.skipIf(!HAVE_SUMO)("OpenDRIVE import against netconvert's (live SUMO)", () => {
  const dir = mkdtempSync(join(tmpdir(), "roadgym-odr-"));
  const run = (cmd: string, args: string[]) => {
    const r = spawnSync(cmd, args, { env: ENV, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`);
  };

  it("the example maps: lane length within 2 % and a route duarouter finds", () => {
    for (const file of EXAMPLES) {
      const out = join(dir, "import.net.xml");
      run("netconvert", ["--opendrive-files", join(ROOT, file), "-o", out]);
      const spec = loadOpenDrive(join(ROOT, file));
      const junctions = new Set(spec.junctions.map((j) => j.id));
      const { normal, node } = sumoFigures(loadSumoNet(out), junctions);
      expect(Math.abs(mapStats(spec).laneLengthM / (normal + node) - 1)).toBeLessThan(0.02);
      const net = buildRoadNetwork(spec);
      const { from, to } = GOLDEN[file].routes[GOLDEN[file].routes.length - 1];
      writeFileSync(join(dir, "trips.xml"), `<routes><trip id="t" depart="0" from="${from}" to="${to}"/></routes>`);
      run("duarouter", ["-n", out, "--route-files", join(dir, "trips.xml"), "-o", join(dir, "out.rou.xml")]);
      const edges = /<route edges="([^"]+)"/.exec(readFileSync(join(dir, "out.rou.xml"), "utf8"))![1].split(" ");
      const route = planRoute(net, sumoEdgeKey(from), sumoEdgeKey(to));
      expect(dedupe(route!.roads.map((x) => ourKey(net, x.id)))).toEqual(dedupe(edges.map(sumoEdgeKey)));
    }
  });

  it("round trip of SUMO networks through --opendrive-output keeps the lane length (2 %)", () => {
    for (const map of ["intersections-4lane_t", "loop", "figure_eight", "paper-double_merge-cross"]) {
      const netFile = join(ROOT, `maps/smarts/${map}/map.net.xml`);
      const xodr = join(dir, `${map}.xodr`);
      run("netconvert", ["-s", netFile, "--opendrive-output", xodr]);
      // Compared with the lanes' shapes: a .net.xml may state lane lengths that differ from its shapes
      // (the SMARTS double merge does), and the export carries the shapes.
      const original = loadSumoNet(netFile);
      let shapes = 0;
      for (const road of original.roads)
        if (road.kind === "normal") for (const l of road.lanes) shapes += polylineLength(l.shape);
      const ours = mapStats(loadOpenDrive(xodr)).laneLengthM;
      expect(Math.abs(ours / shapes - 1), map).toBeLessThan(0.02);
    }
  });
});
