import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildRoadNetwork } from "../../core/road/RoadNetwork.js";
import { loadSumoNet } from "../../core/road/sumo/loadSumoNet.js";
import { checkSumoRoutes } from "./checkSumoRoutes.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const net = buildRoadNetwork(loadSumoNet(join(ROOT, "maps/smarts/intersections-2lane/map.net.xml")));

/** The problems of one file, formatted as the CLI prints them. */
function problems(body: string, path = "demand.rou.xml"): string[] {
  const text = `<?xml version="1.0"?>\n<routes>\n${body}\n</routes>\n`;
  return checkSumoRoutes([{ path, text }], net).map((e) => e.format());
}

describe("checkSumoRoutes", () => {
  it("accepts routes, vehicles, trips and flows on roads of the map that follow each other", () => {
    expect(
      problems(`  <route id="r0" edges="edge-west-WE edge-east-WE"/>
  <vehicle id="v0" depart="0" route="r0"/>
  <trip id="t0" depart="1" from="edge-south-SN" to="edge-north-SN"/>
  <flow id="f0" begin="0" end="60" period="10">
    <route edges="edge-east-EW edge-west-EW"/>
  </flow>`),
    ).toEqual([]);
  });

  it("names an unknown edge at the element that has it", () => {
    expect(
      problems(`  <route id="r0" edges="edge-west-WE nowhere"/>
  <trip id="t0" depart="1" from="edge-south-SN" to="edge-nowhere"/>`),
    ).toEqual([
      'demand.rou.xml:3:3: error: route "r0": unknown edge "nowhere"',
      'demand.rou.xml:4:3: error: trip "t0": unknown edge "edge-nowhere"',
    ]);
  });

  it("names consecutive edges that are not connected, an internal edge and an unknown route reference", () => {
    const internal = [...net.roads.values()].find((r) => r.kind !== "normal")!.id;
    expect(
      problems(`  <vehicle id="v0" depart="0">
    <route edges="edge-west-WE edge-west-EW"/>
  </vehicle>
  <vehicle id="v1" depart="0" route="r9"/>
  <flow id="f0" begin="0" end="60" period="10" from="${internal}" to="edge-east-WE"/>`),
    ).toEqual([
      'demand.rou.xml:4:5: error: <route>: edge "edge-west-EW" is not connected to edge "edge-west-WE"',
      'demand.rou.xml:6:3: error: vehicle "v1": unknown route "r9"',
      `demand.rou.xml:7:3: error: flow "f0": edge "${internal}" is an internal edge of a junction`,
    ]);
  });

  it("resolves route references across files, in any order", () => {
    const a = { path: "a.rou.xml", text: `<routes><vehicle id="v0" depart="0" route="r0"/></routes>` };
    const b = { path: "b.rou.xml", text: `<routes><route id="r0" edges="edge-west-WE edge-east-WE"/></routes>` };
    expect(checkSumoRoutes([a, b], net)).toEqual([]);
  });
});
