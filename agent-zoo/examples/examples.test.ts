/**
 * Every built-in zoo policy drives its example scenario (agent-zoo/examples/<entry>.scn) for 2,000
 * steps with the scenario's traffic from the local provider: no collision involves a social agent,
 * no policy fails, and every social agent is still driving and has covered ground.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileScenarioFile } from "../../scenario-dsl/index.js";
import { makeEnv } from "../../compose/makeEnv.js";

const STEPS = 2000;

/** Runs `file` for STEPS steps; returns collisions involving social agents, failures, and each social agent's distance driven (m). */
export async function driveExample(file: string) {
  const r = compileScenarioFile(join(import.meta.dirname, file));
  if (!r.ok) throw new Error(`${file} does not compile: ${JSON.stringify(r.diagnostics)}`);
  const env = makeEnv(r);
  const sim = env.sim;
  await env.reset();
  const social = new Set(r.scenario.socialAgents.map((a) => a.name));
  const distance = new Map([...social].map((id) => [id, 0]));
  let collisions = 0;
  let socialCollisions = 0;
  let viaPointsHit = 0;
  const failures: string[] = [];
  for (let k = 0; k < STEPS; k++) {
    await sim.step(new Map());
    const f = sim.frame;
    collisions += f.collisions.length;
    for (const c of f.collisions) if (social.has(c.a) || social.has(c.b)) socialCollisions++;
    for (const e of f.events) if (e.kind === "agentFailed") failures.push(`${e.agentId}: ${e.reason} ${e.detail}`);
    for (const v of sim.social!.live()) viaPointsHit += v.progress.lastEvents.viaPointsHit.length;
    for (const id of social) {
      const i = f.indexOf(id);
      if (i >= 0) distance.set(id, distance.get(id)! + f.speedMps[i] * r.scenario.dtS);
    }
  }
  const phases = Object.fromEntries(sim.social!.list().map((a) => [a.id, a.phase]));
  await env.close();
  return { collisions, socialCollisions, viaPointsHit, failures, distance: Object.fromEntries(distance), phases };
}

describe("zoo policies on their example scenarios", () => {
  for (const [file, minDistanceM] of [
    ["keep-lane.scn", 2000],
    ["idm-mobil.scn", 2000],
    ["chase-via-points.scn", 2000],
    ["non-interactive.scn", 1500],
    ["replay.scn", 1500],
  ] as const) {
    it(`${file}: ${STEPS} steps without a collision involving a social agent`, async () => {
      const r = await driveExample(file);
      expect(r.failures).toEqual([]);
      expect(r.socialCollisions).toBe(0);
      for (const [id, phase] of Object.entries(r.phases)) expect(`${id}:${phase}`).toBe(`${id}:live`);
      for (const [id, d] of Object.entries(r.distance)) expect(d, id).toBeGreaterThan(minDistanceM);
      if (file === "chase-via-points.scn") expect(r.viaPointsHit).toBe(4);
    }, 120_000);
  }
});
