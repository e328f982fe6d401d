import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { vehicleTypes } from "../spec/vehicleTypes.js";
import { compileScenario } from "../scenario-dsl/index.js";
import { Simulation } from "../core/simulation/Simulation.js";
import { createDefaultZoo } from "./defaultZoo.js";
import { describeZoo } from "./describeZoo.js";
import { IDM_MOBIL_PRESETS } from "./entries/idmMobil.js";
import { IdmMobilPolicy } from "./policies/IdmMobilPolicy.js";
import type { ZooContext } from "./ZooEntry.js";

const ctx: ZooContext = {
  agentId: "s",
  vehicleType: vehicleTypes.passenger,
  dtS: 0.1,
  baseDir: "/tmp",
  viaPoints: [],
  seed: 1,
};

describe("Zoo", () => {
  const zoo = createDefaultZoo();

  it("lists every built-in entry with its parameters and defaults", () => {
    const d = describeZoo(zoo);
    expect(d.map((e) => e.locator)).toEqual([
      "chase-via-points@v0",
      "idm-mobil@v1",
      "idm-mobil@v2",
      "keep-lane@v0",
      "non-interactive@v0",
      "replay@v0",
      "file:<dir>",
    ]);
    const idm = d.find((e) => e.locator === "idm-mobil@v1")!;
    expect(idm.actionSpace).toBe("lane_with_continuous_speed");
    expect(idm.observes).toEqual(["ego", "neighbours", "waypoints", "signals"]);
    expect(idm.params.find((p) => p.name === "preset")).toMatchObject({
      type: '"cautious" | "normal" | "aggressive"',
      default: "normal",
    });
    expect(idm.params.find((p) => p.name === "politeness")).toMatchObject({ type: "number", range: [0, 1] });
    const v2 = d.find((e) => e.locator === "idm-mobil@v2")!;
    expect(v2.observes).toEqual(["ego", "neighbours", "waypoints", "signals", "junction"]);
    expect(v2.params.find((p) => p.name === "action")).toMatchObject({ default: "lane_with_continuous_speed" });
    expect(d.find((e) => e.locator === "replay@v0")!.params.find((p) => p.name === "file")).toMatchObject({
      required: true,
    });
  });

  it("validates parameters, naming the locator and the field", async () => {
    await expect(zoo.resolve("idm-mobil@v1", { politeness: 3 }, ctx)).rejects.toThrow(
      /^zoo "idm-mobil@v1": parameter "politeness": .*<=1.* \(got 3\)$/,
    );
    await expect(zoo.resolve("idm-mobil@v1", { preset: "wild" }, ctx)).rejects.toThrow(
      /zoo "idm-mobil@v1": parameter "preset": .*"cautious".*\(got "wild"\)/,
    );
    await expect(zoo.resolve("keep-lane@v0", { target_speed: "fast" }, ctx)).rejects.toThrow(
      /zoo "keep-lane@v0": parameter "target_speed": .*number/,
    );
    await expect(zoo.resolve("keep-lane@v0", { speed: 3 }, ctx)).rejects.toThrow(
      'zoo "keep-lane@v0": unknown parameter "speed"; parameters are target_speed, action',
    );
    await expect(zoo.resolve("replay@v0", {}, ctx)).rejects.toThrow(/zoo "replay@v0": parameter "file"/);
  });

  it("finds entries by versioned locator and says what exists otherwise", async () => {
    await expect(zoo.resolve("keep-lane@v3", {}, ctx)).rejects.toThrow('zoo: no version v3 of "keep-lane"; it has v0');
    await expect(zoo.resolve("nope@v0", {}, ctx)).rejects.toThrow(
      /zoo: no entry "nope@v0"; entries are chase-via-points@v0, idm-mobil@v1/,
    );
    await expect(zoo.resolve("Bad Locator", {}, ctx)).rejects.toThrow(/bad zoo locator "Bad Locator"/);
    expect(() => zoo.register({ ...zoo.entry("keep-lane@v0") })).toThrow('zoo: "keep-lane@v0" is registered already');
    await expect(zoo.resolve("file:./missing-policy", {}, ctx)).rejects.toThrow(
      "/tmp/missing-policy: no such policy metadata file",
    );
  });

  it("applies idm-mobil presets, with given parameters overriding them", async () => {
    const spec = await zoo.resolve("idm-mobil@v1", { preset: "aggressive", headway: 1.8 }, ctx);
    if (!(spec.policy instanceof IdmMobilPolicy)) throw new Error("idm-mobil@v1 is not an IdmMobilPolicy");
    expect(spec.policy.params).toMatchObject({
      ...IDM_MOBIL_PRESETS.aggressive,
      headwayS: 1.8,
      desiredSpeedMps: null,
    });
  });

  it("reports a bad social-agent parameter at reset, naming the agent, locator and field", async () => {
    const r = compileScenario(
      `scenario "t" { map straight { lanes 1 length 200 m }  social s1 { zoo "idm-mobil@v1" { politeness 2 }  mission main:0@5 -> main:0@end } }`,
      "/tmp/t.scn",
    );
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const sim = new Simulation(r.scenario, r.network, { social: { resolver: zoo.resolver() } });
    await expect(sim.reset()).rejects.toThrow(/^social agent "s1": zoo "idm-mobil@v1": parameter "politeness"/);
  });

  it("replay plays a recorded actions file and reports bad files by field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "zoo-"));
    writeFileSync(
      join(dir, "a.json"),
      JSON.stringify({
        format: "roadgym-actions",
        version: 1,
        actionSpace: "lane",
        dtS: 0.1,
        actions: ["keep_lane", "slow_down"],
      }),
    );
    writeFileSync(
      join(dir, "bad.json"),
      JSON.stringify({ format: "roadgym-actions", version: 1, actionSpace: "warp", dtS: 0.1, actions: [1] }),
    );
    const spec = await zoo.resolve("replay@v0", { file: "a.json", end: "loop" }, { ...ctx, baseDir: dir });
    expect(spec.interface.action).toBe("lane");
    expect([1, 2, 3].map(() => spec.policy.act(undefined as never))).toEqual(["keep_lane", "slow_down", "keep_lane"]);
    await expect(zoo.resolve("replay@v0", { file: "bad.json" }, { ...ctx, baseDir: dir })).rejects.toThrow(
      `${join(dir, "bad.json")}: field "actionSpace"`,
    );
  });
});
