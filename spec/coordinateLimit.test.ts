/**
 * Coordinates beyond ±1e8 m (or not finite) are refused with a located error by every importer:
 * SUMO networks, OpenDRIVE, the trajectory CSV, NGSIM, INTERACTION and the scenario language —
 * `1e308` used to pass as a finite number and `map svg` then wrote `viewBox="0 0 Infinity …"`.
 */
import { describe, expect, it } from "vitest";
import { importOpenDrive } from "../core/road/opendrive/loadOpenDrive.js";
import { parseSumoNet } from "../core/road/sumo/parseSumoNet.js";
import { compileScenario } from "../scenario-dsl/index.js";
import { opendriveText, twoWay } from "../test/opendriveText.js";
import { coordinateProblem, MAX_COORDINATE_M } from "./coordinateLimit.js";
import { FileFormatError } from "./FileFormatError.js";
import { importInteraction } from "./trajectory/importInteraction.js";
import { importNgsim } from "./trajectory/importNgsim.js";
import { parseTrajectoryCsv } from "./trajectory/TrajectoryCsv.js";

function errorOf(read: () => unknown): string {
  try {
    read();
  } catch (e) {
    if (e instanceof FileFormatError) return e.format();
    throw e;
  }
  throw new Error("test: the import succeeded");
}

const net = (shape: string, junctionX = "100.00") => `<net version="1.9">
  <location netOffset="0.00,0.00" convBoundary="0.00,0.00,100.00,0.00" origBoundary="0,0,100,0" projParameter="!"/>
  <edge id="e" from="a" to="b" priority="1">
    <lane id="e_0" index="0" speed="13.89" length="100.00" shape="${shape}"/>
  </edge>
  <junction id="a" type="dead_end" x="0.00" y="0.00" incLanes="" intLanes="" shape="0,0 0,-3.2"/>
  <junction id="b" type="dead_end" x="${junctionX}" y="0.00" incLanes="e_0" intLanes="" shape="100,0 100,-3.2"/>
</net>
`;

describe("the coordinate limit", () => {
  it("accepts any projected coordinate and refuses 1e308 and non-finite values", () => {
    expect(coordinateProblem(9_999_999.5)).toBeUndefined();
    expect(coordinateProblem(-MAX_COORDINATE_M)).toBeUndefined();
    expect(coordinateProblem(1e308)).toMatch(/beyond ±1e8 m/);
    expect(coordinateProblem(Number.POSITIVE_INFINITY)).toMatch(/not a finite number/);
  });

  it("SUMO networks: shapes, junction positions and the location, at the element", () => {
    expect(parseSumoNet(net("0.00,-1.60 100.00,-1.60"), "m.net.xml").roads).toHaveLength(1);
    expect(errorOf(() => parseSumoNet(net("0.00,-1.60 1e308,-1.60"), "m.net.xml"))).toBe(
      'm.net.xml:4:5: error: edge "e" lane 0: shape: point "1e308,-1.60": 1e+308 is beyond ±1e8 m, the largest coordinate a map or recording may hold',
    );
    expect(errorOf(() => parseSumoNet(net("0.00,-1.60 100.00,-1.60", "-2e9"), "m.net.xml"))).toMatch(
      /^m\.net\.xml:7:3: error: junction "b": attribute x: -2000000000 is beyond ±1e8 m/,
    );
    const offset = net("0.00,-1.60 100.00,-1.60").replace('netOffset="0.00,0.00"', 'netOffset="1e308,0"');
    expect(errorOf(() => parseSumoNet(offset, "m.net.xml"))).toMatch(
      /^m\.net\.xml:2:3: error: .*netOffset: 1e\+308 is beyond/,
    );
  });

  it("OpenDRIVE: plan-view geometry, and lanes curved out of bounds by their coefficients", () => {
    const base = opendriveText([twoWay("1", 100)]);
    const far = base.replace(/(<geometry [^>]*?)x="[^"]*"/, '$1x="1e308"');
    expect(far).not.toBe(base);
    expect(errorOf(() => importOpenDrive(far, "map.xodr"))).toMatch(
      /^map\.xodr:\d+:\d+: error: road "1" <geometry s="0">: attribute x: 1e\+308 is beyond ±1e8 m/,
    );
    const curled = base.replace("<line/>", '<poly3 a="0" b="0" c="0" d="1e200"/>');
    expect(errorOf(() => importOpenDrive(curled, "map.xodr"))).toMatch(
      /^map\.xodr:\d+:\d+: error: road "1": lane -1: its geometry reaches \(.*\): .* is beyond ±1e8 m/,
    );
  });

  it("trajectory CSV, NGSIM and INTERACTION: the field, located", () => {
    const csv = "id,time,x,y,heading,speed,length,width,type\na,0,1e308,0,0,0,4,2,passenger\n";
    expect(errorOf(() => parseTrajectoryCsv(csv, "t.csv"))).toBe(
      't.csv:2:5: error: column "x": "1e308" is beyond ±1e8 m, the largest coordinate a recording may hold',
    );
    const ngsim = "Vehicle_ID,Frame_ID,Local_X,Local_Y,v_Length,v_Width,v_Class,v_Vel\n1,1,3,1e300,15,6,2,10\n";
    expect(errorOf(() => importNgsim(ngsim, "n.csv"))).toMatch(
      /^n\.csv:2:7: error: column "Local_Y": "1e300" is beyond/,
    );
    const interaction =
      "track_id,frame_id,timestamp_ms,agent_type,x,y,vx,vy,psi_rad,length,width\n1,1,100,car,5,-1e200,1,0,0,4,2\n";
    expect(errorOf(() => importInteraction(interaction, "i.csv"))).toMatch(
      /^i\.csv:2:\d+: error: column "y": "-1e200" is beyond/,
    );
  });

  it("the scenario language: zone coordinates", () => {
    const r = compileScenario(
      `scenario "t" {\n  map straight { lanes 2  length 200 m }\n  bubble b { zone box center (1e308 m, 0 m) size (10 m, 10 m)  actor zoo "keep-lane@v0" }\n}\n`,
      "t.scn",
    );
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => `${d.location.start.line}:${d.location.start.column}: ${d.message}`)).toContain(
      "3:31: box center x must be at most 100000000 m, not 1e308 m",
    );
  });
});
