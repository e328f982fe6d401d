/**
 * Conformance checks for a {@link ParallelEnv}, modelled on PettingZoo's `parallel_api_test` and
 * Gymnasium's `check_env` determinism checks. Each check throws an Error saying what broke; the
 * function returns a summary for the caller to assert on. Shipped in `test/` so that anyone
 * building environments on roadgym (other scenarios, observers, providers) can run it too.
 *
 * What is checked:
 * - `possibleAgents` is fixed; `agents` ⊆ `possibleAgents` at every step, without duplicates;
 * - reset/step return observations and infos for exactly the live agents (plus new arrivals), and
 *   every observation is in the agent's observation space;
 * - step returns rewards (finite numbers), terminations and truncations (booleans) for the same keys;
 * - an agent that terminated or truncated leaves `agents` and is never revived in that episode;
 *   stepping it again is an error;
 * - actions sampled from each action space are accepted;
 * - determinism: two resets with the same seed and the same sampled actions give identical
 *   observations, rewards and done flags at every step.
 */
import { Rng } from "../../core/random/Rng.js";
import { isNumericArray } from "../../spec/NumericArray.js";
import type { ParallelEnv, StepResult } from "../../core/env/ParallelEnv.js";

/** Options of {@link checkParallelEnv}. */
export interface ConformanceOptions {
  /** Steps per episode at most. @default 200 */
  maxSteps?: number;
  /** Episode seed. @default 0 */
  seed?: number;
}

/** What the checks saw. */
export interface ConformanceSummary {
  steps: number;
  agentsSeen: string[];
  agentsDone: string[];
}

/** Runs the conformance checks on a fresh env from `makeEnv` (called twice, for determinism). */
export async function checkParallelEnv(
  makeEnv: () => ParallelEnv,
  options: ConformanceOptions = {},
): Promise<ConformanceSummary> {
  const maxSteps = options.maxSteps ?? 200;
  const seed = options.seed ?? 0;
  const first = await runEpisode(makeEnv(), seed, maxSteps);
  const second = await runEpisode(makeEnv(), seed, maxSteps);
  if (first.trace.length !== second.trace.length)
    throw new Error(`determinism: the same seed ran ${first.trace.length} then ${second.trace.length} steps`);
  for (let i = 0; i < first.trace.length; i++) {
    if (first.trace[i] !== second.trace[i])
      throw new Error(
        `determinism: step ${i} differs between two runs with seed ${seed}:\n${first.trace[i]}\n${second.trace[i]}`,
      );
  }
  return first.summary;
}

async function runEpisode(
  env: ParallelEnv,
  seed: number,
  maxSteps: number,
): Promise<{ summary: ConformanceSummary; trace: string[] }> {
  const possible = [...env.possibleAgents];
  const rng = new Rng(`conformance:${seed}`);
  const trace: string[] = [];
  const seen = new Set<string>();
  const done = new Set<string>();
  const reset = await env.reset({ seed });
  checkAgents(env, possible, done, "reset");
  sameKeys("reset observations", Object.keys(reset.observations), env.agents);
  sameKeys("reset infos", Object.keys(reset.infos), env.agents);
  for (const id of env.agents) {
    seen.add(id);
    checkObservation(env, id, reset.observations[id], "reset");
  }
  trace.push(render(reset.observations));
  let steps = 0;
  while (env.agents.length > 0 && steps < maxSteps) {
    const before = [...env.agents];
    const actions: Record<string, unknown> = {};
    for (const id of before) {
      const space = env.actionSpace(id);
      const a = space.sample(rng);
      if (!space.contains(a)) throw new Error(`agent "${id}": a sample of its action space is not in it`);
      actions[id] = a;
    }
    const r = await env.step(actions);
    steps++;
    const keys = Object.keys(r.observations);
    for (const id of before)
      if (!keys.includes(id)) throw new Error(`step ${steps}: no observation for agent "${id}", which acted`);
    for (const k of ["rewards", "terminations", "truncations", "infos"] as const)
      sameKeys(`step ${steps} ${k}`, Object.keys(r[k]), keys);
    for (const id of keys) {
      if (done.has(id)) throw new Error(`step ${steps}: agent "${id}" came back after its episode ended`);
      if (!possible.includes(id)) throw new Error(`step ${steps}: agent "${id}" is not in possibleAgents`);
      seen.add(id);
      checkObservation(env, id, r.observations[id], `step ${steps}`);
      if (typeof r.rewards[id] !== "number" || !Number.isFinite(r.rewards[id]))
        throw new Error(`step ${steps}: reward of "${id}" is ${r.rewards[id]}`);
      if (typeof r.terminations[id] !== "boolean" || typeof r.truncations[id] !== "boolean")
        throw new Error(`step ${steps}: done flags of "${id}" are not booleans`);
      if (r.terminations[id] || r.truncations[id]) done.add(id);
    }
    for (const id of done)
      if (env.agents.includes(id)) throw new Error(`step ${steps}: agent "${id}" is done but still in agents`);
    checkAgents(env, possible, done, `step ${steps}`);
    trace.push(render(r.observations) + renderFlags(r));
  }
  // A retired agent cannot act again.
  const retired = [...done][0];
  if (retired !== undefined && env.agents.length > 0) {
    const actions: Record<string, unknown> = {};
    for (const id of env.agents) actions[id] = env.actionSpace(id).sample(rng);
    actions[retired] = env.actionSpace(retired).sample(rng);
    let threw = false;
    try {
      await env.step(actions);
    } catch {
      threw = true;
    }
    if (!threw) throw new Error(`agent "${retired}" acted after its episode ended without an error`);
  }
  await env.close();
  return { summary: { steps, agentsSeen: [...seen].sort(), agentsDone: [...done].sort() }, trace };
}

function checkAgents(env: ParallelEnv, possible: string[], done: Set<string>, when: string): void {
  if (env.possibleAgents.join() !== possible.join()) throw new Error(`${when}: possibleAgents changed`);
  const live = env.agents;
  if (new Set(live).size !== live.length) throw new Error(`${when}: duplicate ids in agents: ${live.join(", ")}`);
  for (const id of live) {
    if (!possible.includes(id)) throw new Error(`${when}: live agent "${id}" is not in possibleAgents`);
    if (done.has(id)) throw new Error(`${when}: agent "${id}" was revived`);
  }
}

function checkObservation(env: ParallelEnv, id: string, obs: unknown, when: string): void {
  const why = env.observationSpace(id).check(obs, `observation of "${id}"`);
  if (why) throw new Error(`${when}: ${why}`);
}

function sameKeys(what: string, keys: string[], expected: readonly string[]): void {
  const a = [...keys].sort().join();
  const b = [...expected].sort().join();
  if (a !== b) throw new Error(`${what}: keys [${a}] but expected [${b}]`);
}

function render(observations: Record<string, unknown>): string {
  return JSON.stringify(observations, (_k, v: unknown) => (isNumericArray(v) ? Array.from(v) : v));
}

function renderFlags(r: StepResult): string {
  return JSON.stringify([r.rewards, r.terminations, r.truncations]);
}
