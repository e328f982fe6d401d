/** `map opendrive "<file>"`: the map, positions by OpenDRIVE road ids (continuing through road parts), bad files. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildScenarioNetwork } from "./buildScenarioNetwork.js";
import { compileScenario, compileScenarioFile } from "./compileScenario.js";

const SCENARIOS = join(import.meta.dirname, "../scenarios");
const CURVES = readFileSync(join(SCENARIOS, "opendrive-curves.xodr"), "utf8");

/** Compiles a scenario on the curves map (or `map` given as the map file's text). */
function compile(body: string, map = CURVES) {
  const text = `scenario "t" {\n  map opendrive "curves.xodr"\n${body}\n}\n`;
  return compileScenario(text, join(SCENARIOS, "t.scn"), { readFile: () => map });
}

function positionOf(body: string) {
  const r = compile(`  agent a { mission ${body}  action lane }`);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
  const m = r.scenario.agents[0].mission;
  if (m.kind !== "route") throw new Error("route expected");
  return m;
}

describe("map opendrive", () => {
  it("records the map by path and content hash, and builds the network", () => {
    const r = compile(`  agent a { mission 1:0@10 -> 2:0@20  action lane }`);
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
    expect(r.scenario.map).toEqual({
      kind: "opendrive",
      path: "curves.xodr",
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(r.network.spec.source).toEqual({ kind: "opendrive", path: join(SCENARIOS, "curves.xodr") });
    expect(r.scenario.agents[0].mission).toMatchObject({ roadIds: ["1", "2"] });
  });

  it("a compiled scenario's OpenDRIVE network is built again from its map reference", () => {
    const r = compileScenarioFile(join(SCENARIOS, "opendrive-curves.scn"));
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join("\n"));
    expect(buildScenarioNetwork(r.scenario).spec).toEqual(r.network.spec);
  });

  it("an offset past a road part's end goes on along the lane into the next parts", () => {
    // Road 3 runs as parts 3 (one lane), 3.1 (a second lane opens on the right) and 3.2.
    const m = positionOf(`-1:0@10 -> 3:0@150`);
    const first = 61.5; // road part 3's length, within 0.1 m (the taper reaches 1.8 m at s ≈ 61.5)
    expect(m.end.roadId).toBe("3.1");
    expect(m.end.laneIndex).toBe(1);
    expect(m.end.offsetM as number).toBeCloseTo(150 - first, 0);
    expect(m.roadIds).toEqual(["-1", "-4", "3", "3.1"]);
    const toEnd = positionOf(`-1:0@10 -> 3:0@end`);
    expect([toEnd.end.roadId, toEnd.end.laneIndex, toEnd.end.offsetM]).toEqual(["3.2", 0, "end"]);
  });

  it("a lane that is dropped before the offset is an error at the offset", () => {
    const r = compile(`  agent a { mission -1:0@10 -> 3.1:0@200  action lane }`);
    expect(r.ok).toBe(false);
    const d = r.diagnostics.find((x) => x.severity === "error")!;
    expect(d.message).toMatch(
      /^lane 0 of road "3" ends after 9\d\.\d+ m \(at road "3\.1"'s end\), before offset 200 m; road "3\.2" goes on with lanes 0\.\.0$/,
    );
    expect(d.location.start.column).toBe(38); // the offset "200"
  });

  it("unknown roads are named with a suggestion", () => {
    const r = compile(`  agent a { mission 7:0@10 -> 2:0@20  action lane }`);
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0].message).toMatch(/^unknown road "7"; did you mean/);
  });

  it("a broken OpenDRIVE file is reported at the map statement with the file's own file:line:col", () => {
    const broken = CURVES.replace(`<arc curvature="0.02"/>`, `<arc radius="50"/>`);
    const r = compile(`  agent a { mission 1:0@10 -> 2:0@20  action lane }`, broken);
    expect(r.ok).toBe(false);
    const d = r.diagnostics[0];
    expect(d.message).toBe(`cannot load map "curves.xodr"`);
    expect(d.location.start.line).toBe(2);
    expect(d.notes![0]).toMatch(/curves\.xodr:\d+:\d+: error: road "2" <arc> at s=50: missing attribute "curvature"$/);
  });
});
