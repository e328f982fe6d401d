/**
 * A user's program against the installed package (test/package/package.test.ts compiles it with
 * strict TypeScript and runs it): a random-action episode of a scenario with traffic, a social agent
 * and a bubble, built by makeEnv from the package root. Prints a JSON summary.
 */
import { makeEnv, Rng, scenarioNames, type RoadgymEnv, type StepResult } from "roadgym";

const file = process.argv[2];
if (!file) throw new Error("usage: consumer <file.scn>");
const env: RoadgymEnv = makeEnv(file);
const rng = new Rng(7);
await env.reset({ seed: 3 });
const owners = new Set<string>();
let bubbleEvents = 0;
let steps = 0;
let reward = 0;
while (env.agents.length > 0) {
  const actions: Record<string, unknown> = {};
  for (const id of env.agents) {
    const action: unknown = env.actionSpace(id).sample(rng);
    if (!env.actionSpace(id).contains(action)) throw new Error(`sampled action of ${id} is outside its space`);
    actions[id] = action;
  }
  const r: StepResult = await env.step(actions);
  for (const v of Object.values(r.rewards)) reward += v;
  for (const o of env.sim.frame.owners) owners.add(o.replace(/:.*/, ""));
  bubbleEvents += env.sim.frame.events.filter((e) => e.kind === "bubble").length;
  steps++;
}
await env.close();
const summary = {
  steps,
  owners: [...owners].sort(),
  bubbleEvents,
  rewardFinite: Number.isFinite(reward),
  named: scenarioNames().includes("roadgym/paper-intersection-sv"),
};
process.stdout.write(JSON.stringify(summary) + "\n");
