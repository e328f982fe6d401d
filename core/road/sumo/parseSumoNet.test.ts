import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FileFormatError } from "../../../spec/FileFormatError.js";
import { MapFormatError } from "../MapFormatError.js";
import { mapStats, type MapStats } from "../mapStats.js";
import { RoadNetworkSpecSchema, type ConnectionSpec, type RoadNetworkSpec } from "../RoadNetworkSpec.js";
import { loadSumoNet } from "./loadSumoNet.js";
import { parseSumoNet } from "./parseSumoNet.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const MAPS = join(ROOT, "maps/smarts");
const golden = JSON.parse(readFileSync(join(ROOT, "test/golden/sumo-map-counts.json"), "utf8")) as Record<
  string,
  MapStats
>;
const mapNames = readdirSync(MAPS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** Wraps net children in a minimal `<net>` document (first child on line 3). */
const net = (body: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<net version="1.9">\n${body}\n</net>\n`;

/** The error `fn` throws, asserted to be a MapFormatError. */
function mapError(fn: () => unknown): MapFormatError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(MapFormatError);
    return err as MapFormatError;
  }
  throw new Error("expected a MapFormatError");
}

describe("parseSumoNet on the SMARTS maps", () => {
  it("has a golden entry for every map and a map for every golden entry", () => {
    expect(mapNames.length).toBe(13);
    expect(Object.keys(golden).sort()).toEqual(mapNames);
  });

  it.each(mapNames)("%s: counts match SUMO's (sumolib) golden figures", (name) => {
    const spec = loadSumoNet(join(MAPS, name, "map.net.xml"));
    const stats = mapStats(spec);
    const want = golden[name];
    const { laneLengthM, ...counts } = stats;
    const { laneLengthM: wantLength, ...wantCounts } = want;
    expect(counts).toEqual(wantCounts);
    expect(Math.abs(laneLengthM - wantLength)).toBeLessThanOrEqual(0.005 * wantLength);
    expect(RoadNetworkSpecSchema.safeParse(spec).success).toBe(true);
  });

  it("minicity has the issue's reference figures", () => {
    const s = mapStats(loadSumoNet(join(MAPS, "minicity/map.net.xml")));
    expect([s.edges, s.lanes, s.junctions, s.tls]).toEqual([803, 1080, 387, 88]);
  });
});

describe("parseSumoNet spot checks on intersections-2lane", () => {
  const spec = loadSumoNet(join(MAPS, "intersections-2lane/map.net.xml"));
  const road = (id: string) => spec.roads.find((r) => r.id === id)!;

  it("reads the location", () => {
    expect(spec.source).toEqual({ kind: "sumo", path: join(MAPS, "intersections-2lane/map.net.xml") });
    expect(spec.location?.netOffset).toEqual([-630882.85, -4856133.12]);
    expect(spec.location?.convBoundary).toEqual([20, -130, 220, 10]);
    expect(spec.location?.projParameter).toContain("+proj=utm");
  });

  it("reads a normal edge and its lane", () => {
    const r = road("edge-east-EW");
    expect(r).toMatchObject({ kind: "normal", fromJunction: "junction-east", toJunction: "junction-intersection" });
    expect(r.priority).toBe(-1);
    const lane = r.lanes[0];
    expect(lane.id).toBe("edge-east-EW_0");
    expect(lane.shape[0]).toEqual([220, -58.4]);
    expect(lane.shape).toHaveLength(2);
    expect(lane.widthM).toBe(3.2); // no width attribute: SUMO's default
    expect(lane.speedLimitMps).toBe(50);
    expect(lane.lengthM).toBe(58.8);
  });

  it("reads internal edges and places them in their junction", () => {
    const r = road(":junction-intersection_0");
    expect(r.kind).toBe("internal");
    expect(r.fromJunction).toBe("junction-intersection");
    expect(r.toJunction).toBe("junction-intersection");
    expect(r.lanes[0].speedLimitMps).toBe(8.33);
  });

  it("reads connections with via lanes and traffic-light links", () => {
    expect(spec.connections).toHaveLength(28);
    const c = spec.connections.find((x) => x.fromLane === "edge-east-EW_0" && x.toLane === "edge-west-EW_0")!;
    expect(c).toEqual({
      fromLane: "edge-east-EW_0",
      toLane: "edge-west-EW_0",
      via: ":junction-intersection_4_0",
      tlId: "junction-intersection",
      linkIndex: 4,
      dir: "s",
      state: "o",
      junction: "junction-intersection",
      junctionLinkIndex: 4,
      // <request index="4" response="000110000111" foes="100110000111" cont="0"/>
      response: [0, 1, 2, 7, 8],
      foes: [0, 1, 2, 7, 8, 11],
      cont: false,
    });
    const viaLanes = new Set(spec.roads.flatMap((r) => r.lanes.map((l) => l.id)));
    for (const x of spec.connections) if (x.via) expect(viaLanes.has(x.via)).toBe(true);
  });

  it("reads the traffic-light program", () => {
    expect(spec.signals).toHaveLength(1);
    const tl = spec.signals[0];
    expect(tl).toMatchObject({ id: "junction-intersection", programId: "0", offsetS: 0, type: "static" });
    expect(tl.phases).toHaveLength(4);
    expect(tl.phases[0]).toEqual({ durationS: 35, state: "GGgsrrGGgsrr" });
  });

  it("reads junctions, internal ones included", () => {
    const j = spec.junctions.find((x) => x.id === "junction-intersection")!;
    expect(j.type).toBe("traffic_light_right_on_red");
    expect([j.x, j.y]).toEqual([150, -60]);
    expect(j.shape.length).toBeGreaterThan(10);
    expect(spec.junctions.filter((x) => x.type === "internal")).toHaveLength(4);
  });
});

describe("parseSumoNet right-of-way requests", () => {
  const load = (name: string) => loadSumoNet(join(MAPS, name, "map.net.xml"));
  const linkOf = (spec: RoadNetworkSpec, from: string, to: string): ConnectionSpec => {
    const c = spec.connections.find((x) => x.fromLane === from && x.toLane === to);
    if (!c) throw new Error(`no connection ${from} -> ${to}`);
    return c;
  };

  it("reads request bit strings rightmost-first (intersections-2lane)", () => {
    const spec = load("intersections-2lane");
    // index 0, north → west right turn: response="000000010000" foes="000100010000" cont="0".
    const right = linkOf(spec, "edge-north-NS_0", "edge-west-EW_0");
    expect(right).toMatchObject({
      junction: "junction-intersection",
      junctionLinkIndex: 0,
      response: [4],
      foes: [4, 8],
      cont: false,
    });
    // It yields to link 4, east → west straight, which enters the same lane.
    expect(linkOf(spec, "edge-east-EW_0", "edge-west-EW_0").junctionLinkIndex).toBe(4);
    // index 2, north → east left turn: response="100011100000" foes="110011110000" cont="1".
    const left = linkOf(spec, "edge-north-NS_0", "edge-east-WE_0");
    expect(left).toMatchObject({
      junctionLinkIndex: 2,
      response: [5, 6, 7, 11],
      foes: [4, 5, 6, 7, 10, 11],
      cont: true,
    });
    // Its foes include the opposing straight, south → north.
    expect(left.foes).toContain(linkOf(spec, "edge-south-SN_0", "edge-north-SN_0").junctionLinkIndex);
  });

  it("makes the left turn yield to both opposing straight lanes (paper-intersections-4lane)", () => {
    const spec = load("paper-intersections-4lane");
    const left = linkOf(spec, "edge-north-NS_1", "edge-east-WE_1");
    // <request index="3" response="0000011000000000" foes="1110011011100000" cont="1"/>
    expect(left).toMatchObject({
      junction: "gneJ2",
      junctionLinkIndex: 3,
      response: [9, 10],
      foes: [5, 6, 7, 9, 10, 13, 14, 15],
      cont: true,
    });
    expect(
      [linkOf(spec, "edge-south-SN_0", "edge-north-SN_0"), linkOf(spec, "edge-south-SN_1", "edge-north-SN_1")].map(
        (c) => c.junctionLinkIndex,
      ),
    ).toEqual([9, 10]);
    // The major straight yields to nobody.
    expect(linkOf(spec, "edge-north-NS_0", "edge-south-NS_0")).toMatchObject({ junctionLinkIndex: 1, response: [] });
  });

  it.each(mapNames)("%s: link i's via chain ends in intLanes[i], and every link has a request row", (name) => {
    const xml = readFileSync(join(MAPS, name, "map.net.xml"), "utf8");
    const spec = parseSumoNet(xml, name);
    const next = new Map(spec.connections.filter((c) => c.via).map((c) => [c.fromLane, c.via!]));
    for (const m of xml.matchAll(
      /<junction id="([^"]+)" type="([^"]+)"[^>]*?incLanes="([^"]*)" intLanes="([^"]*)"[^>]*?(\/?)>/g,
    )) {
      const [, id, type, inc, int, selfClosing] = m;
      if (type === "internal") continue;
      const links = spec.connections
        .filter((c) => c.junction === id)
        .sort((a, b) => a.junctionLinkIndex! - b.junctionLinkIndex!);
      const body = selfClosing ? "" : xml.slice(m.index + m[0].length).split("</junction>")[0];
      const requests = body.match(/<request /g)?.length ?? 0;
      expect(links.map((c) => c.junctionLinkIndex)).toEqual([...Array(requests).keys()]);
      const incLanes = new Set(inc.split(" "));
      for (const c of links) expect(incLanes.has(c.fromLane)).toBe(true);
      const intLanes = int.split(" ").filter((s) => s.length > 0);
      if (intLanes.length === 0) continue; // built with --no-internal-links
      for (const c of links) {
        let last = c.via;
        while (last !== undefined && next.has(last)) last = next.get(last);
        expect(last).toBe(intLanes[c.junctionLinkIndex!]);
      }
    }
    // Only links entering a junction are numbered.
    const internal = new Set(spec.roads.filter((r) => r.kind === "internal").flatMap((r) => r.lanes.map((l) => l.id)));
    for (const c of spec.connections) if (internal.has(c.fromLane)) expect(c.junctionLinkIndex).toBeUndefined();
  });

  it("numbers links by incLanes order, then connection order; skips internal junctions; reads neigh", () => {
    const lane = (id: string, x: number) =>
      `<lane id="${id}" index="0" speed="1" length="1" shape="${x},0 ${x + 1},0"/>`;
    const spec = parseSumoNet(
      net(`<edge id="a" from="x" to="J">${lane("a_0", 0)}</edge>
<edge id="b" from="y" to="J">${lane("b_0", 2).replace("/>", '><neigh lane="c_0"/></lane>')}</edge>
<edge id="c" from="J" to="z">${lane("c_0", 4)}</edge>
<edge id="d" from="J" to="w">${lane("d_0", 6)}</edge>
<junction id="J" type="priority" x="0" y="0" incLanes="b_0 a_0" intLanes="" shape="">
  <request index="0" response="000" foes="100"/>
  <request index="1" response="100" foes="100" cont="0"/>
  <request index="2" response="011" foes="011" cont="1"/>
</junction>
<junction id=":J_0_0" type="internal" x="0" y="0" incLanes="a_0" intLanes="b_0"/>
<connection from="a" to="c" fromLane="0" toLane="0"/>
<connection from="b" to="d" fromLane="0" toLane="0"/>
<connection from="b" to="c" fromLane="0" toLane="0"/>`),
      "t.net.xml",
    );
    const rows = spec.connections.map((c) => [c.fromLane, c.toLane, c.junctionLinkIndex, c.response, c.foes, c.cont]);
    expect(rows).toEqual([
      ["a_0", "c_0", 2, [0, 1], [0, 1], true],
      ["b_0", "d_0", 0, [], [2], undefined],
      ["b_0", "c_0", 1, [2], [2], false],
    ]);
    expect(spec.roads[1].lanes[0].neighLaneId).toBe("c_0");
    expect(spec.roads[0].lanes[0].neighLaneId).toBeUndefined();
    expect(RoadNetworkSpecSchema.safeParse(spec).success).toBe(true);
  });

  it("reports bad request rows and a request count that does not match the links", () => {
    const edges = `<edge id="a" from="x" to="J"><lane id="a_0" index="0" speed="1" length="1" shape="0,0 1,0"/></edge>
<edge id="c" from="J" to="z"><lane id="c_0" index="0" speed="1" length="1" shape="1,0 2,0"/></edge>
<connection from="a" to="c" fromLane="0" toLane="0"/>`;
    const junction = (rows: string) =>
      `<junction id="J" type="priority" x="0" y="0" incLanes="a_0" intLanes="" shape="">${rows}</junction>`;
    const bad = mapError(() =>
      parseSumoNet(net(`${edges}\n${junction(`<request index="0" response="0x" foes="0"/>`)}`), "x"),
    );
    expect(bad.message).toBe('junction "J" request 0: attribute response="0x" must be a string of 0 and 1');
    const count = mapError(() =>
      parseSumoNet(
        net(
          `${edges}\n${junction(`<request index="0" response="00" foes="00"/><request index="1" response="00" foes="00"/>`)}`,
        ),
        "x",
      ),
    );
    expect(count.message).toBe('junction "J": has 2 <request>s but 1 links from its incLanes');
    expect(count.line).toBe(6);
    const neigh = mapError(() =>
      parseSumoNet(
        net(
          `<edge id="a" from="x" to="J"><lane id="a_0" index="0" speed="1" length="1" shape="0,0 1,0"><neigh lane="q_0"/></lane></edge>`,
        ),
        "x",
      ),
    );
    expect(neigh.message).toBe('<neigh>: unknown lane "q_0"');
  });
});

describe("parseSumoNet details", () => {
  it("orders lanes by index, keeps widths, drops z, splits allow/disallow", () => {
    const spec = parseSumoNet(
      net(`  <edge id="e" from="a" to="b" priority="3" type="highway.primary" name="Main St">
    <lane id="e_1" index="1" speed="13.89" length="100" width="3.5" shape="0,3.5,1.5 100,3.5,2"/>
    <lane id="e_0" index="0" speed="13.89" length="100" allow="bus  taxi" shape="0,0 100,0"/>
  </edge>
  <edge id="f" from="b" to="c">
    <lane id="f_0" index="0" speed="10" length="50" disallow="pedestrian" shape="100,0 150,0"/>
  </edge>
  <connection from="e" to="f" fromLane="1" toLane="0" dir="s" state="M"/>`),
      "t.net.xml",
    );
    const e = spec.roads[0];
    expect(e).toMatchObject({ id: "e", kind: "normal", priority: 3, type: "highway.primary", name: "Main St" });
    expect(e.lanes.map((l) => l.id)).toEqual(["e_0", "e_1"]);
    expect(e.lanes[1].widthM).toBe(3.5);
    expect(e.lanes[1].shape).toEqual([
      [0, 3.5],
      [100, 3.5],
    ]);
    expect(e.lanes[0].allow).toEqual(["bus", "taxi"]);
    expect(spec.roads[1].lanes[0].disallow).toEqual(["pedestrian"]);
    expect(spec.connections).toEqual([{ fromLane: "e_1", toLane: "f_0", dir: "s", state: "M" }]);
    expect(spec.location).toBeUndefined();
  });

  it("maps edge functions to road kinds", () => {
    const lane = (id: string) => `<lane id="${id}_0" index="0" speed="1" length="1" shape="0,0 1,0"/>`;
    const spec = parseSumoNet(
      net(`<edge id=":J_c0" function="crossing" crossingEdges="e">${lane(":J_c0")}</edge>
<edge id=":J_w0" function="walkingarea">${lane(":J_w0")}</edge>
<edge id="k" function="connector" from="a" to="b">${lane("k")}</edge>`),
      "t.net.xml",
    );
    expect(spec.roads.map((r) => [r.kind, r.fromJunction])).toEqual([
      ["crossing", "J"],
      ["walkingarea", "J"],
      ["connector", "a"],
    ]);
    expect(mapStats(spec)).toMatchObject({ edges: 0, lanes: 0, internalLanes: 0 });
  });
});

describe("parseSumoNet errors", () => {
  it("reports malformed XML at the parser's line and column", () => {
    const err = mapError(() => parseSumoNet(net(`  <edge id="a" from="x" to="y">\n  </lane>`), "bad.net.xml"));
    expect(err).toBeInstanceOf(FileFormatError);
    expect([err.file, err.line, err.col]).toEqual(["bad.net.xml", 4, 9]);
    expect(err.message).toContain("malformed XML");
    expect(err.format()).toMatch(/^bad\.net\.xml:4:9: error: malformed XML: unexpected close tag/);
    expect(String(err)).toBe(err.format());
  });

  it("names the lane whose shape has one point, at the lane's line", () => {
    const xml = net(`  <edge id="gneE5" from="a" to="b">
    <lane id="gneE5_0" index="0" speed="10" length="5" shape="0,0 5,0"/>
    <lane id="gneE5_1" index="1" speed="10" length="5" shape="0,3.2"/>
  </edge>`);
    const err = mapError(() => parseSumoNet(xml, "one.net.xml"));
    expect(err.message).toBe('edge "gneE5" lane 1: shape needs at least 2 points, has 1');
    expect([err.line, err.col]).toEqual([5, 5]);
    expect(err.format()).toBe('one.net.xml:5:5: error: edge "gneE5" lane 1: shape needs at least 2 points, has 1');
  });

  it("names the lane whose shape is missing", () => {
    const xml = net(`<edge id="e" from="a" to="b"><lane id="e_0" index="0" speed="10" length="5"/></edge>`);
    expect(mapError(() => parseSumoNet(xml, "x")).message).toBe(
      'edge "e" lane 0: shape needs at least 2 points, has 0',
    );
  });

  it("rejects a file whose root is not <net>", () => {
    const err = mapError(() => parseSumoNet(`<routes>\n  <vehicle id="v"/>\n</routes>`, "r.rou.xml"));
    expect(err.message).toBe("not a SUMO network: the root element is <routes>, a .net.xml has <net>");
    expect([err.line, err.col]).toEqual([1, 1]);
  });

  it("rejects empty input", () => {
    expect(mapError(() => parseSumoNet("", "empty.net.xml")).format()).toMatch(
      /^empty\.net\.xml:1:1: error: malformed XML/,
    );
  });

  it("names bad attributes, unknown edges and unknown via lanes", () => {
    const edge = `<edge id="e" from="a" to="b"><lane id="e_0" index="0" speed="fast" length="5" shape="0,0 1,0"/></edge>`;
    expect(mapError(() => parseSumoNet(net(edge), "x")).message).toBe(
      'edge "e" lane 0: attribute speed="fast" is not a number',
    );
    const ok = `<edge id="e" from="a" to="b"><lane id="e_0" index="0" speed="1" length="5" shape="0,0 1,0"/></edge>`;
    const c1 = mapError(() => parseSumoNet(net(`${ok}\n<connection from="e" to="zz" fromLane="0" toLane="0"/>`), "x"));
    expect(c1.message).toBe('connection from "e" to "zz": unknown edge "zz"');
    expect(c1.line).toBe(4);
    const c2 = mapError(() => parseSumoNet(net(`${ok}<connection from="e" to="e" fromLane="1" toLane="0"/>`), "x"));
    expect(c2.message).toBe('connection from "e" to "e": edge "e" has no lane 1 (it has 1)');
    const c3 = mapError(() =>
      parseSumoNet(net(`${ok}<connection from="e" to="e" fromLane="0" toLane="0" via=":J_0_0"/>`), "x"),
    );
    expect(c3.message).toBe('connection from "e" to "e": unknown via lane ":J_0_0"');
  });

  it("rejects lane indices that are not 0..n-1 and traffic lights without phases", () => {
    const lanes = `<lane id="e_0" index="0" speed="1" length="5" shape="0,0 1,0"/><lane id="e_2" index="2" speed="1" length="5" shape="0,0 1,0"/>`;
    expect(mapError(() => parseSumoNet(net(`<edge id="e" from="a" to="b">${lanes}</edge>`), "x")).message).toBe(
      'edge "e": lane indices must be 0..1, found 0,2',
    );
    expect(
      mapError(() => parseSumoNet(net(`<tlLogic id="t" programID="0" offset="0" type="static"/>`), "x")).message,
    ).toBe('tlLogic "t": has no <phase>');
  });

  it("loadSumoNet reports an unreadable file as a MapFormatError", () => {
    const err = mapError(() => loadSumoNet("/nonexistent/map.net.xml"));
    expect(err.format()).toMatch(/^\/nonexistent\/map\.net\.xml: error: cannot read the file/);
  });
});
