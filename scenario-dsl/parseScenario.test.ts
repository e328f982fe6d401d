import { describe, expect, it } from "vitest";
import type { BlockNode, PropNode } from "./ast.js";
import { parseScenario } from "./parseScenario.js";

describe("parseScenario", () => {
  it("builds an AST whose nodes carry their locations", () => {
    const src = `scenario "x" {\n  seed 7\n  traffic {\n    flow f { route a:1@2.5 -> b  rate 3 veh/h }\n  }\n}\n`;
    const r = parseScenario(src, "x.scn");
    if (!r.ok) throw new Error("parse failed");
    expect(r.ast.name).toEqual({
      type: "string",
      value: "x",
      loc: { start: { offset: 9, line: 1, column: 10 }, end: { offset: 12, line: 1, column: 13 } },
    });
    const seed = r.ast.items[0] as PropNode;
    expect(seed).toMatchObject({
      type: "prop",
      key: "seed",
      value: { type: "quantity", value: 7, unit: null },
      loc: { start: { line: 2, column: 3 } },
    });
    const flow = (r.ast.items[1] as BlockNode).items[0] as BlockNode;
    expect(flow).toMatchObject({ kind: "flow", name: { name: "f" }, loc: { start: { line: 4, column: 5 } } });
    const route = (flow.items[0] as PropNode).value;
    expect(route).toMatchObject({
      type: "route",
      stops: [
        {
          road: { name: "a" },
          lane: { value: 1 },
          offset: { value: 2.5, unit: null },
          loc: { start: { line: 4, column: 20 }, end: { line: 4, column: 27 } },
        },
        { road: { name: "b" }, lane: null, offset: null },
      ],
    });
    expect((flow.items[1] as PropNode).value).toMatchObject({
      type: "quantity",
      value: 3,
      unit: "veh/h",
      text: "3 veh/h",
    });
  });

  it("reads road ids with dashes, hashes and dots, and quoted ones", () => {
    const r = parseScenario(
      `scenario "x" { agent a { mission -gneE1:0@5 -> "odd id":0@end } agent b { mission endless -1033#0.5:0@random } }`,
      "x.scn",
    );
    expect(r.ok).toBe(true);
  });

  it("keeps going after a bad statement and reports the next one too", () => {
    const r = parseScenario(`scenario "x" {\n  seed = 1\n  step 0.1 s\n  duration\n  map straight\n}\n`, "x.scn");
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.diagnostics.map((d) => `${d.location.start.line}:${d.location.start.column}`)).toEqual(["2:8", "5:3"]);
  });
});
