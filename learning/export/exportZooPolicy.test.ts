import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { actFromObservation } from "../../agent-zoo/AgentSpec.js";
import { createDefaultZoo } from "../../agent-zoo/defaultZoo.js";
import { LANE_ACTIONS } from "../../core/controllers/applyLaneAction.js";
import { Simulation } from "../../core/simulation/Simulation.js";
import { vehicleTypes } from "../../spec/vehicleTypes.js";
import { BubbleManager } from "../../bubbles/BubbleManager.js";
import { checkSuite } from "../../metrics/runner/BenchmarkSuite.js";
import { LocalTrafficProvider } from "../../providers/local/LocalTrafficProvider.js";
import { runBenchmark } from "../../metrics/runner/runBenchmark.js";
import { zooPolicyResolver } from "../../metrics/runner/zooPolicyResolver.js";
import { compileScenario } from "../../scenario-dsl/index.js";
import { CommNet } from "../algorithms/commnet.js";
import { PPO } from "../algorithms/ppo.js";
import { selectBackend } from "../backend/selectBackend.js";
import { makeLearner } from "../train/makeLearner.js";
import { TrainConfigSchema } from "../train/TrainConfig.js";
import { makeVecEnv, runTraining, type TrainCheckpointFile } from "../train/runTraining.js";
import { exportZooPolicy } from "./exportZooPolicy.js";
import { policyInterfaceOf, shapeOnlyEnv } from "./PolicyInterface.js";
import { InProcessVecEnv } from "../vecEnv/InProcessVecEnv.js";
import { observationOverride } from "../train/runTraining.js";

beforeAll(async () => {
  await selectBackend({ choice: "cpu" });
});

const SCENARIO = resolve("scenarios/paper-two_way.scn");
const COMPACT = { neighbours: { max: 4 }, waypoints: { lookahead: 4, spacingM: 15 } };
const ctx = (baseDir: string) => ({
  agentId: "p",
  vehicleType: vehicleTypes.passenger,
  dtS: 0.1,
  baseDir,
  viaPoints: [],
  seed: 0,
});

/** Trains `algorithm` for a few hundred agent steps; returns the output folder and its checkpoint. */
async function trainTiny(algorithm: "ppo" | "ippo", exportPolicy = true) {
  const outDir = mkdtempSync(join(tmpdir(), "roadgym-export-"));
  const train = TrainConfigSchema.parse({
    scenario: SCENARIO,
    algorithm,
    totalSteps: 64,
    numEnvs: 2,
    numWorkers: 0,
    observation: COMPACT,
    exportPolicy,
    hyper: { numSteps: 16, minibatchSize: 64, hidden: [16], learningRate: 3e-3 },
    checkpointEvery: 1,
  });
  const progress = await runTraining(train, { scenario: SCENARIO, outDir });
  const cp = JSON.parse(readFileSync(join(outDir, "checkpoint.json"), "utf8")) as TrainCheckpointFile;
  return { outDir, train, progress, cp };
}

/** The learner's greedy actions and the zoo policy's on the observations of a short rollout, for slots `slot` mod 4. */
async function compareActions(cp: TrainCheckpointFile, policyDir: string, slot: number | null) {
  const learner = makeLearner(cp.train.algorithm, shapeOnlyEnv(cp.interface), cp.train.hyper, cp.train.seed);
  await learner.restore(cp.learner);
  const spec = await createDefaultZoo().resolve(`file:${policyDir}`, {}, ctx("/"));
  const env = makeVecEnv({ ...cp.train, numEnvs: 2, numWorkers: 0 }, SCENARIO);
  const D = env.obsDim,
    A = env.numAgents;
  const want: number[] = [],
    got: number[] = [];
  const wantLogits: number[] = [],
    gotLogits: number[] = [];
  if (!(learner instanceof PPO)) throw new Error(`expected a PPO learner, got ${learner.algorithm}`);
  const net = learner.policy;
  await env.reset(777);
  const actions = new Float32Array(env.numEnvs * A);
  for (let t = 0; t < 40; t++) {
    const b = env.buffers;
    // The learner acts for every slot (the rollout goes on with its actions) …
    learner.act(b.obs, b.active, actions, true);
    for (let s = 0; s < env.numEnvs * A; s++) {
      if (!b.active[s] || (slot !== null && s % A !== slot)) continue;
      // … and the zoo policy answers the same observation vector.
      const action = actFromObservation(spec, { vector: b.obs.slice(s * D, (s + 1) * D) });
      want.push(actions[s]);
      got.push(LANE_ACTIONS.indexOf(action as (typeof LANE_ACTIONS)[number]));
      // The logits too: the learner's network on the observation (plus the slot's one-hot) and the zoo model's.
      const x = new Float32Array(net.inputs[0].shape[1]!);
      x.set(b.obs.subarray(s * D, (s + 1) * D));
      if (slot !== null) x[D + slot] = 1;
      wantLogits.push(...tf.tidy(() => (net.predict(tf.tensor2d(x, [1, x.length])) as tf.Tensor).dataSync()));
      gotLogits.push(
        ...(spec.policy.act(spec.adaptObservation({ vector: b.obs.slice(s * D, (s + 1) * D) })) as Float32Array),
      );
    }
    b.actions.set(actions);
    await env.step();
  }
  await env.close();
  learner.dispose();
  await spec.policy.close?.();
  return { want, got, wantLogits, gotLogits };
}

describe("exporting trained policies to the agent zoo", () => {
  it("train writes <outDir>/policy; loaded by a file: locator it answers the learner's greedy actions (PPO)", async () => {
    const { outDir, progress, cp } = await trainTiny("ppo");
    expect(progress.policy).toEqual({ dir: join(outDir, "policy") });
    expect(cp.interface.frameDim).toBe(22 + 4 * 9 + 3 * 4 * 4);
    const meta = JSON.parse(readFileSync(join(outDir, "policy", "policy.json"), "utf8"));
    expect(meta.observation.size).toBe(cp.interface.frameDim);
    expect(meta.observation.config.neighbours).toEqual({ enabled: true, radiusM: 50, max: 4 });
    expect(meta.action).toEqual({ kind: "discrete", space: "lane" });
    expect(meta.training.envSteps).toBe(64);
    const { want, got, wantLogits, gotLogits } = await compareActions(cp, join(outDir, "policy"), null);
    expect(want.length).toBeGreaterThan(100);
    expect(got).toEqual(want);
    expect(gotLogits).toEqual(wantLogits);
    expect(new Set(wantLogits).size).toBeGreaterThan(100); // the observations differ, so do the answers
  }, 30_000);

  it("IPPO with agent ids exports one slot's behaviour (its id folded into the first bias)", async () => {
    const { outDir, cp } = await trainTiny("ippo", false);
    const learner = makeLearner(cp.train.algorithm, shapeOnlyEnv(cp.interface), cp.train.hyper, cp.train.seed);
    await learner.restore(cp.learner);
    const dir = join(outDir, "slot2");
    await exportZooPolicy(learner, cp.interface, dir, { name: "ippo-slot2", agentSlot: 2 });
    await expect(
      exportZooPolicy(learner, cp.interface, join(outDir, "bad"), { name: "x", agentSlot: 4 }),
    ).rejects.toThrow("agent slot 4 is not one of the 4 slots");
    learner.dispose();
    const { want, got, wantLogits, gotLogits } = await compareActions(cp, dir, 2);
    expect(want.length).toBeGreaterThan(20);
    expect(got).toEqual(want);
    gotLogits.forEach((v, i) => expect(v).toBeCloseTo(wantLogits[i], 5));
  }, 30_000);

  it("refuses policies without a zoo form, saying why", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "roadgym-export-"));
    const train = TrainConfigSchema.parse({
      scenario: SCENARIO,
      algorithm: "ppo",
      totalSteps: 16,
      numEnvs: 1,
      numWorkers: 0,
      frameStack: 3,
      hyper: { numSteps: 16, hidden: [8] },
    });
    const p = await runTraining(train, { scenario: SCENARIO, outDir });
    expect(p.policy).toEqual({ skipped: expect.stringContaining("trained on 3 stacked frames") });
  }, 30_000);

  it("drives a social agent, bubble traffic and the agents of a benchmark suite", async () => {
    const { outDir } = await trainTiny("ppo");
    // A social agent: the exported policy named by a file: locator relative to the scenario.
    const file = join(outDir, "social.scn");
    writeFileSync(
      file,
      `scenario "s" { map sumo "${resolve("maps/smarts/paper-two_ways-bid/map.net.xml")}"  social s1 { zoo "file:policy"  mission gneE1:0@5 -> gneE1:0@97 } }`,
    );
    const r = compileScenario(readFileSync(file, "utf8"), file);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const sim = new Simulation(r.scenario, r.network, { social: { resolver: createDefaultZoo().resolver() } });
    await sim.reset();
    const failed: unknown[] = [];
    for (let i = 0; i < 30; i++) {
      await sim.step(new Map());
      failed.push(...sim.frame.events.filter((e) => e.kind === "agentFailed"));
    }
    expect(failed).toEqual([]);
    expect(sim.social!.list()).toEqual([{ id: "s1", vehicleId: "s1", locator: "file:policy", phase: "live" }]);
    expect(sim.frame.speedMps[sim.frame.indexOf("s1")]).toBeGreaterThan(0.5);
    await sim.close();
    // A bubble: traffic in the middle of a straight road is handed to the exported policy and back.
    const bubbleFile = join(outDir, "bubble.scn");
    writeFileSync(
      bubbleFile,
      `scenario "b" { seed 5  step 0.1 s  duration 40 s  map straight { lanes 2  length 800 m  speed_limit 20 m/s }
      traffic { flow cars { route main:random@0 -> main:random@end  rate 900 veh/h  depart_speed 12 m/s } }
      bubble mid { zone road main from 150 m length 150 m  margin 10 m  actor zoo "file:policy"  limits { hijack 3  shadow 4 } } }`,
    );
    const rb = compileScenario(readFileSync(bubbleFile, "utf8"), bubbleFile);
    if (!rb.ok) throw new Error(JSON.stringify(rb.diagnostics));
    const bsim = new Simulation(rb.scenario, rb.network, {
      providers: [new LocalTrafficProvider()],
      social: { resolver: createDefaultZoo().resolver() },
      bubbles: new BubbleManager(rb.scenario, rb.network),
    });
    await bsim.reset();
    const owners = new Set<string>();
    for (let i = 0; i < 250; i++) {
      await bsim.step(new Map());
      failed.push(...bsim.frame.events.filter((e) => e.kind === "agentFailed"));
      for (const e of bsim.frame.events) if (e.kind === "ownerChanged") owners.add(`${e.from}->${e.to.split(":")[0]}`);
    }
    expect(failed).toEqual([]);
    expect(owners).toContain("local->social");
    await bsim.close();
    // The benchmark runner: a suite naming the policy by file: locator drives the scenario's agents.
    const suite = checkSuite(
      {
        name: "t",
        scenarios: [{ id: "two_way", file: SCENARIO }],
        policies: [{ name: "trained", locator: `file:${join(outDir, "policy")}` }],
        seeds: [0],
        episodes: 1,
        maxSteps: 60,
      },
      join(outDir, "suite.json"),
    );
    const result = await runBenchmark(suite, { workers: 0, resolver: zooPolicyResolver(createDefaultZoo()) });
    expect(result.records.map((x) => x.agentId)).toEqual(["agent1", "agent2", "agent3", "agent4"]);
    expect(result.episodes[0].steps).toBeGreaterThan(0);
  }, 30_000);

  it("CommNet exports as a group policy: the agents asking in one turn answer as the learner does, together", async () => {
    const observation = observationOverride({ observation: COMPACT });
    const env = new InProcessVecEnv({ kind: "roadgym", scenario: SCENARIO, observation }, { numEnvs: 1 });
    const net = new CommNet(env, { seed: 4, numSteps: 16, minibatchSize: 64, hiddenDim: 16 });
    await env.reset(3);
    await net.iterate();
    const dir = join(mkdtempSync(join(tmpdir(), "roadgym-export-")), "commnet");
    await exportZooPolicy(net, policyInterfaceOf(SCENARIO, env, 1, observation), dir, { name: "commnet" });
    expect(JSON.parse(readFileSync(join(dir, "policy.json"), "utf8")).group).toEqual({ maxAgents: 4 });
    // Four agents of one episode share the loaded model (one zoo, one file: loader).
    const zoo = createDefaultZoo();
    const specs = await Promise.all([0, 1, 2, 3].map(() => zoo.resolve(`file:${dir}`, {}, ctx("/"))));
    const D = env.obsDim;
    const b = env.buffers;
    let compared = 0;
    for (let t = 0; t < 30; t++) {
      const live = [0, 1, 2, 3].filter((a) => b.active[a]);
      // The learner's logits of the live agents, together…
      const want = tf.tidy(() =>
        Array.from(
          net
            .forward(tf.tensor3d(b.obs.slice(0, 4 * D), [1, 4, D]), tf.tensor2d(Float32Array.from(b.active), [1, 4]))
            .logits.dataSync(),
        ),
      );
      // …and the zoo's, every live agent asking before any answer is awaited.
      const got = await Promise.all(
        live.map((a) => specs[a].policy.act(specs[a].adaptObservation({ vector: b.obs.slice(a * D, (a + 1) * D) }))),
      );
      live.forEach((a, i) => {
        Array.from(got[i] as Float32Array).forEach((v, k) => expect(v).toBeCloseTo(want[a * 4 + k], 4));
        compared++;
      });
      net.act(b.obs, b.active, b.actions);
      await env.step();
    }
    expect(compared).toBeGreaterThan(60);
    // One agent asking alone hears no one: its answer differs from the one it gets beside the others.
    const a0 = specs[0].adaptObservation({ vector: b.obs.slice(0, D) });
    const alone = (await specs[0].policy.act(a0)) as Float32Array;
    const together = (await Promise.all(
      [0, 1].map((a) => specs[a].policy.act(specs[a].adaptObservation({ vector: b.obs.slice(a * D, (a + 1) * D) }))),
    )) as Float32Array[];
    expect(Array.from(alone)).not.toEqual(Array.from(together[0]));
    net.dispose();
    await env.close();
  }, 60_000);
});
