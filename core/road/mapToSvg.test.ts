import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { junctionNetwork } from "../../test/handNetworks.js";
import { mapToSvg } from "./mapToSvg.js";
import { buildRoadNetwork } from "./RoadNetwork.js";
import { loadSumoNet } from "./sumo/loadSumoNet.js";

describe("mapToSvg", () => {
  const net = buildRoadNetwork(junctionNetwork());
  const svg = mapToSvg(net, { scale: 1, marginM: 10 });

  it("draws every lane, junction outline and marking", () => {
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg.match(/data-lane="/g)).toHaveLength(net.laneList.length);
    expect(svg).toContain('data-lane=":J1_2_0"');
    // One junction has an outline (the others are dead ends without shape).
    const junctions = svg.slice(svg.indexOf('<g id="junctions"'), svg.indexOf('<g id="lanes"'));
    expect(junctions.match(/<path /g)).toHaveLength(1);
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(2); // A and B have 2 lanes each: one dashed divider each
  });

  it("sizes the canvas to the map and flips y (north is up)", () => {
    const [minX, minY, maxX, maxY] = net.bounds();
    expect(svg).toContain(`viewBox="0 0 ${maxX - minX + 20} ${maxY - minY + 20}"`);
    // Road D (y = 500, the northernmost) is drawn near the top: its outline's y is about 10 − 1.6 … 10 + 1.6.
    const d = svg.match(/data-lane="D_0" d="M([\d.]+) ([\d.]+)/)!;
    expect(Number(d[2])).toBeCloseTo(10 + 1.6, 6);
  });

  it("draws signal heads for traffic-light controlled lanes", () => {
    const tlNet = buildRoadNetwork(
      loadSumoNet(join(import.meta.dirname, "../../maps/smarts/intersections-2lane/map.net.xml")),
    );
    const heads = mapToSvg(tlNet).match(/data-tl="/g) ?? [];
    const controlledLanes = new Set(
      tlNet.spec.connections.filter((c) => c.tlId && !c.fromLane.startsWith(":")).map((c) => c.fromLane),
    );
    expect(heads).toHaveLength(controlledLanes.size);
    expect(heads.length).toBeGreaterThan(0);
  });
});
