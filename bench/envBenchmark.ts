/**
 * Environment steps per second on one core (issue 3's targets), with the step's phase breakdown:
 * - one learning agent with the standard observation (ego, 8 neighbours, 3 waypoint paths × 50
 *   points, events, vector) among 50 traffic vehicles (local IDM/MOBIL provider): ≥ 5,000 steps/s;
 * - ten learning agents among 100 traffic vehicles: ≥ 1,000 steps/s;
 * - collision detection among 2,000 vehicles: ≤ 1 ms per step (the collision benchmark's figure).
 * The vehicles drive endless random routes on a three-lane ring, so the count holds steady; the
 * clock starts once every traffic vehicle has been inserted. Actions are `keep_lane` (the policy's
 * own cost is not the environment's).
 */
import { compileScenario } from "../scenario-dsl/index.js";
import { makeEnv } from "../compose/makeEnv.js";
import { result, type Benchmark, type BenchResult } from "./BenchResult.js";
import { collisionBenchmark } from "./collisionBenchmark.js";
import { measureObservation } from "./observationBenchmark.js";

const OBSERVE = `observe {
      neighbours radius 50 m max 8
      waypoints lookahead 50
      vector on
    }
    done { collision off  off_road off  off_route off  goal off  max_steps off }`;

/** A ring scenario with `agents` learning agents and `vehicles` traffic vehicles. */
export function ringScenario(agents: number, vehicles: number, lengthM: number): string {
  const agentBlocks = Array.from({ length: agents }, (_, i) => {
    const road = `ring${i % 8}`;
    return `agent a${i} { mission endless ${road}:${i % 3}@5  action lane  ${OBSERVE} }`;
  }).join("\n  ");
  return `scenario "bench-env-${agents}" {
  seed 1
  map ring { length ${lengthM} m  lanes 3  roads 8  speed_limit 20 m/s }
  traffic { flow cars { route random  rate 7200 veh/h  count ${vehicles} } }
  ${agentBlocks}
}`;
}

/** Steps per second of `env.step` with keep_lane for every agent, after the traffic is in. */
async function measure(
  agents: number,
  vehicles: number,
  lengthM: number,
  steps: number,
): Promise<{ stepsPerS: number; detail: string }> {
  const r = compileScenario(ringScenario(agents, vehicles, lengthM), "/bench/env.scn");
  if (!r.ok) throw new Error(`env benchmark scenario: ${JSON.stringify(r.diagnostics)}`);
  const env = makeEnv(r, { traffic: "local" });
  await env.reset({ seed: 1 });
  const act = () => Object.fromEntries(env.agents.map((id) => [id, "keep_lane"]));
  for (let k = 0; k < 6000 && env.sim.frame.count < agents + vehicles; k++) await env.step(act());
  if (env.sim.frame.count < agents + vehicles)
    throw new Error(`env benchmark: only ${env.sim.frame.count} of ${agents + vehicles} vehicles after warm-up`);
  for (let k = 0; k < 200; k++) await env.step(act());
  env.sim.clearProfile();
  const t0 = performance.now();
  for (let k = 0; k < steps; k++) await env.step(act());
  const s = (performance.now() - t0) / 1000;
  const phases = env.sim
    .profile()
    .map((p) => `${p.phase} ${p.meanUs.toFixed(1)}`)
    .join(", ");
  await env.close();
  return { stepsPerS: steps / s, detail: `${env.sim.frame.count} vehicles; µs/step: ${phases}` };
}

export const envBenchmark: Benchmark = {
  name: "env",
  async run(): Promise<BenchResult[]> {
    const one = await measure(1, 50, 1500, 3000);
    const ten = await measure(10, 100, 3000, 1000);
    const coll = (await collisionBenchmark.run({ seed: 1 }))[0];
    const obsUs = measureObservation();
    return [
      result(
        "singleAgentStepsPerS",
        "env steps/s: 1 agent, standard obs, 50 traffic vehicles",
        one.stepsPerS,
        "steps/s",
        { op: ">=", value: 5000 },
        `${one.detail}; MetaDrive ~1,000, SMARTS 12–90`,
      ),
      result(
        "tenAgentStepsPerS",
        "env steps/s: 10 agents, standard obs, 100 traffic vehicles",
        ten.stepsPerS,
        "steps/s",
        { op: ">=", value: 1000 },
        `${ten.detail}; SMARTS's target 25`,
      ),
      result(
        "observationUs",
        "standard observation (ego, 8 neighbours, 3 × 50 waypoints, vector), 50 vehicles",
        obsUs,
        "µs",
        { op: "<", value: 60 },
      ),
      result("collisionMsPer2000", "collision detection among 2,000 vehicles", coll.value, "ms", {
        op: "<=",
        value: 1,
      }),
    ];
  },
};
