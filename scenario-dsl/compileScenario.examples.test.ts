/** Every example in scenarios/ compiles; the content hash is stable and tracks content only. */
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileScenario, compileScenarioFile } from "./compileScenario.js";
import { contentHash } from "./contentHash.js";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const dir = join(root, "scenarios");
const examples = readdirSync(dir)
  .filter((f) => f.endsWith(".scn"))
  .sort();

describe("examples in scenarios/", () => {
  it("include one per generator and the SMARTS paper's six", () => {
    for (const name of [
      "straight",
      "two_way",
      "merge",
      "double_merge",
      "intersection",
      "t_junction",
      "roundabout",
      "ring",
    ])
      expect(examples).toContain(`${name}.scn`);
    for (const name of ["two_way", "double_merge", "intersection"]) {
      expect(examples).toContain(`paper-${name}.scn`);
      expect(examples).toContain(`paper-${name}-sv.scn`);
    }
  });

  for (const file of examples) {
    it(`${file} compiles`, () => {
      const r = compileScenarioFile(join("scenarios", file));
      if (!r.ok)
        throw new Error(
          r.diagnostics
            .map((d) => `${d.file}:${d.location.start.line}:${d.location.start.column}: ${d.message}`)
            .join("\n"),
        );
      expect(r.scenario.contentHash).toBe(contentHash(r.scenario));
    });
  }

  it("the paper scenarios have four Lane agents with 1000 steps of 0.1 s", () => {
    for (const file of examples.filter((f) => f.startsWith("paper-"))) {
      const r = compileScenarioFile(join(dir, file));
      if (!r.ok) throw new Error(file);
      expect(r.scenario.dtS).toBe(0.1);
      expect(r.scenario.agents).toHaveLength(4);
      for (const a of r.scenario.agents) expect([a.interface.action, a.interface.maxSteps]).toEqual(["lane", 1000]);
    }
    const sv = compileScenarioFile(join(dir, "paper-intersection-sv.scn"));
    expect(sv.ok && sv.scenario.variations.map((v) => [v.name, v.traffic?.flows.length])).toEqual([
      ["vertical", 2],
      ["horizontal", 2],
      ["unprotected_left", 4],
      ["turns", 8],
      ["all", 12],
    ]);
  });
});

describe("content hash", () => {
  const file = join("scenarios", "paper-double_merge-sv.scn");
  const text = readFileSync(file, "utf8");

  it("is the same across compiles and machines (absolute paths are left out)", () => {
    // The same scenario checked out somewhere else: the map is read from the same bytes.
    const elsewhere = "/elsewhere/checkout";
    const a = compileScenario(text, file);
    const b = compileScenario(text, join(elsewhere, file), {
      readFile: (p) => readFileSync(join(root, p.slice(elsewhere.length)), "utf8"),
    });
    if (!a.ok || !b.ok) throw new Error("compile failed");
    expect(a.scenario.source).not.toEqual(b.scenario.source);
    expect(a.scenario.contentHash).toBe(b.scenario.contentHash);
  });

  it("changes when the scenario or its map changes", () => {
    const hash = (t: string, readFile?: (p: string) => string) => {
      const r = compileScenario(t, file, readFile ? { readFile } : {});
      if (!r.ok) throw new Error("compile failed");
      return r.scenario.contentHash;
    };
    const base = hash(text);
    expect(hash(text.replace("seed 0", "seed 1"))).not.toBe(base);
    expect(hash(text.replace("rate 1 veh/h", "rate 2 veh/h"))).not.toBe(base);
    expect(hash(text + "\n// a comment changes nothing\n")).toBe(base);
    expect(hash(text, (p) => readFileSync(p, "utf8") + "\n<!-- edited -->\n")).not.toBe(base);
  });
});
