import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { makeEnv } from "../../compose/makeEnv.js";
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import { standardObservation } from "../../core/observations/standardObservation.js";
import { vectorLength } from "../../core/observations/vectorLayout.js";
import { LANE_ACTIONS } from "../../core/controllers/applyLaneAction.js";
import { Simulation } from "../../core/simulation/Simulation.js";
import { vehicleTypes } from "../../spec/vehicleTypes.js";
import { compileScenario } from "../../scenario-dsl/index.js";
import { actFromObservation } from "../AgentSpec.js";
import { createDefaultZoo } from "../defaultZoo.js";
import type { ZooContext } from "../ZooEntry.js";
import { saveTfjsPolicy } from "./saveTfjsPolicy.js";
import type { TfjsPolicyMetadataInput } from "./TfjsPolicyMetadata.js";

const config = standardObservation();
const N = vectorLength(config);

function network(outputs: number, seed: number): tf.LayersModel {
  const m = tf.sequential();
  m.add(
    tf.layers.dense({
      inputShape: [N],
      units: 16,
      activation: "tanh",
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
    }),
  );
  m.add(tf.layers.dense({ units: outputs, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }));
  return m;
}

/** Observations (standard config) of an agent driving keep_lane among traffic-free lanes. */
async function observations(count: number): Promise<AgentObservation[]> {
  const r = compileScenario(
    `scenario "o" { map straight { lanes 3  length 400 m  speed_limit 15 m/s }  agent a { mission main:1@10 -> main:1@390  action lane } agent b { mission main:0@30 -> main:0@390  action lane } }`,
    "/tmp/o.scn",
  );
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  const env = makeEnv(r, { observation: config });
  let { observations: obs } = await env.reset();
  const out: AgentObservation[] = [];
  for (let i = 0; i < count; i++) {
    out.push(obs.a as AgentObservation);
    ({ observations: obs } = await env.step({ a: i % 7 === 3 ? "slow_down" : "keep_lane", b: "keep_lane" }));
  }
  return out;
}

const mean = Array.from({ length: N }, (_, i) => ((i % 5) - 2) * 0.01);
const variance = Array.from({ length: N }, (_, i) => 0.5 + (i % 3) * 0.25);
const normalise = (v: Float32Array) =>
  Float32Array.from(v, (x, i) => Math.max(-10, Math.min(10, (x - mean[i]) / Math.sqrt(variance[i] + 1e-8))));
const ctx = (baseDir: string): ZooContext => ({
  agentId: "p",
  vehicleType: vehicleTypes.passenger,
  dtS: 0.1,
  baseDir,
  viaPoints: [],
  seed: 0,
});

/** The metadata of a discrete lane policy named `name` over the standard observation vector. */
function laneMeta(name: string): TfjsPolicyMetadataInput {
  return {
    format: "roadgym-tfjs-policy",
    version: 1,
    name,
    observation: { encoding: "vector", config, size: N },
    action: { kind: "discrete", space: "lane" },
  };
}

describe("tfjs policies", () => {
  it("saved and loaded through a file: locator give the same actions (discrete lane policy)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tfjs-"));
    const model = network(4, 7);
    const meta: TfjsPolicyMetadataInput = {
      format: "roadgym-tfjs-policy",
      version: 1,
      name: "lane-test",
      observation: { encoding: "vector", config, size: N },
      normalisation: { mean, var: variance, clip: 10 },
      action: { kind: "discrete", space: "lane" },
    };
    await saveTfjsPolicy(join(dir, "lane-policy"), model, meta);
    const spec = await createDefaultZoo().resolve("file:lane-policy", {}, ctx(dir));
    expect(spec.interface.action).toBe("lane");
    const obs = await observations(40);
    const expected = obs.map((o) => {
      const y = tf.tidy(() => (model.predict(tf.tensor2d(normalise(o.vector!), [1, N])) as tf.Tensor).dataSync());
      return LANE_ACTIONS[y.indexOf(Math.max(...y))];
    });
    const got = obs.map((o) => actFromObservation(spec, o));
    expect(got).toEqual(expected);
    expect(new Set(got).size).toBeGreaterThan(0);
  }, 60_000);

  it("saved and loaded give the same numbers (continuous policy, tanh squash)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tfjs-"));
    const model = network(3, 21);
    const low = [0, 0, -1];
    const high = [1, 1, 1];
    await saveTfjsPolicy(dir, model, {
      format: "roadgym-tfjs-policy",
      version: 1,
      name: "cont",
      observation: { encoding: "vector", config, size: N },
      action: { kind: "box", space: "continuous", low, high, squash: "tanh" },
    });
    const spec = await createDefaultZoo().resolve(`file:${dir}`, {}, ctx("/"));
    const obs = await observations(15);
    for (const o of obs) {
      const y = tf.tidy(() => (model.predict(tf.tensor2d(o.vector!, [1, N])) as tf.Tensor).dataSync());
      const want = [0, 1, 2].map((i) => low[i] + ((Math.tanh(y[i]) + 1) / 2) * (high[i] - low[i]));
      expect(actFromObservation(spec, o)).toEqual(want);
    }
  }, 60_000);

  it("drives a social agent from a scenario's file: locator", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tfjs-"));
    await saveTfjsPolicy(join(dir, "policies", "p"), network(4, 3), laneMeta("p"));
    const file = join(dir, "s.scn");
    writeFileSync(
      file,
      `scenario "s" { map straight { lanes 3  length 400 m  speed_limit 15 m/s }  social net { zoo "file:policies/p"  mission main:1@10 -> main:1@390 } }`,
    );
    const r = compileScenario(readFileSync(file, "utf8"), file);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const sim = new Simulation(r.scenario, r.network, { social: { resolver: createDefaultZoo().resolver() } });
    await sim.reset();
    for (let i = 0; i < 50; i++) await sim.step(new Map());
    expect(sim.social!.list()).toEqual([{ id: "net", vehicleId: "net", locator: "file:policies/p", phase: "live" }]);
    expect(sim.frame.speedMps[sim.frame.indexOf("net")]).toBeGreaterThan(1);
    await sim.close();
  }, 60_000);

  it("rejects bad metadata, naming the file and the field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tfjs-"));
    await saveTfjsPolicy(dir, network(4, 1), laneMeta("p"));
    const file = join(dir, "policy.json");
    const good = JSON.parse(readFileSync(file, "utf8"));
    const zoo = createDefaultZoo();
    writeFileSync(file, JSON.stringify({ ...good, observation: { ...good.observation, size: N + 1 } }));
    await expect(zoo.resolve(`file:${dir}`, {}, ctx("/"))).rejects.toThrow(
      `${file}: field "observation.size": ${N + 1}, but the vector of observation.config has ${N} elements`,
    );
    writeFileSync(file, JSON.stringify({ ...good, action: { kind: "discrete", space: "lane_with_continuous_speed" } }));
    await expect(zoo.resolve(`file:${dir}`, {}, ctx("/"))).rejects.toThrow(`${file}: field "action.values"`);
    writeFileSync(file, JSON.stringify({ ...good, format: "other" }));
    await expect(zoo.resolve(`file:${dir}`, {}, ctx("/"))).rejects.toThrow(`${file}: field "format"`);
    writeFileSync(
      file,
      JSON.stringify({ ...good, action: { kind: "discrete", space: "lane", values: ["keep_lane", "slow_down"] } }),
    );
    await expect(zoo.resolve(`file:${dir}`, {}, ctx("/"))).rejects.toThrow(
      `${file}: field "action": the model has 4 outputs for 2 discrete actions`,
    );
  }, 60_000);

  it("a discrete policy whose outputs are NaN fails, as a continuous one does, instead of driving keep_lane", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tfjs-"));
    const model = network(4, 3);
    const last = model.layers[1];
    const [kernel] = last.getWeights();
    last.setWeights([kernel, tf.fill([4], Number.NaN)]);
    const meta = laneMeta("nan");
    await saveTfjsPolicy(dir, model, meta);
    const spec = await createDefaultZoo().resolve(`file:${dir}`, {}, ctx("/"));
    const [o] = await observations(1);
    expect(() => actFromObservation(spec, o)).toThrow(/the policy's output 0 is NaN, not a number/);
  }, 60_000);

  it("refuses weight files outside the policy folder, whatever the manifest says", async () => {
    const base = mkdtempSync(join(tmpdir(), "tfjs-"));
    const dir = join(base, "policy");
    await saveTfjsPolicy(dir, network(4, 5), laneMeta("p"));
    const modelJson = join(dir, "model.json");
    const good = JSON.parse(readFileSync(modelJson, "utf8"));
    const weights = readFileSync(join(dir, "weights.bin"));
    writeFileSync(join(base, "secret.bin"), weights); // a real weights file, just not the policy's
    symlinkSync(join(base, "secret.bin"), join(dir, "link.bin"));
    for (const path of ["../secret.bin", join(base, "secret.bin"), "sub/../../secret.bin", "link.bin"]) {
      writeFileSync(
        modelJson,
        JSON.stringify({ ...good, weightsManifest: [{ ...good.weightsManifest[0], paths: [path] }] }),
      );
      await expect(createDefaultZoo().resolve(`file:${dir}`, {}, ctx("/")), path).rejects.toThrow(
        `weightsManifest path ${JSON.stringify(path)} leads outside the policy folder`,
      );
    }
    writeFileSync(
      modelJson,
      JSON.stringify({ ...good, weightsManifest: [{ ...good.weightsManifest[0], paths: ["."] }] }),
    );
    await expect(createDefaultZoo().resolve(`file:${dir}`, {}, ctx("/"))).rejects.toThrow(/leads outside|folder/);
    writeFileSync(modelJson, JSON.stringify(good));
    await expect(createDefaultZoo().resolve(`file:${dir}`, {}, ctx("/"))).resolves.toBeDefined();
  }, 60_000);
});
