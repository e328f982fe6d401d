import { describe, expect, it } from "vitest";
import { makeEnv } from "../../compose/makeEnv.js";
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import { ACTION_SPACES } from "../../spec/CompiledScenario.js";
import { compileScenario } from "../../scenario-dsl/index.js";
import { KeepLanePolicy, keepLaneObservation } from "./KeepLanePolicy.js";

/** Drives one agent with keep-lane for `steps` steps on an arc; returns its worst |lateral offset| after settling, and its final speed. */
async function drive(action: string, steps: number) {
  const text = `scenario "k" {
    map straight { lanes 2  length 400 m  curve_angle 180 deg  speed_limit 15 m/s }
    agent a { mission main:0@5 -> main:0@395  action ${action} }
  }`;
  const r = compileScenario(text, "/tmp/k.scn");
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  const env = makeEnv(r, { observation: keepLaneObservation() });
  const agent = env.sim.agents[0];
  const policy = new KeepLanePolicy(agent.spec.interface.action, agent.type, r.scenario.dtS);
  let { observations } = await env.reset();
  let worst = 0;
  for (let k = 0; k < steps && env.agents.length; k++) {
    const s = await env.step({ a: policy.act(observations.a as AgentObservation) });
    observations = s.observations;
    expect(s.terminations.a).toBe(false);
    if (k > 150) worst = Math.max(worst, Math.abs(agent.progress.laneT));
  }
  return { worst, speed: agent.state.speedMps, lane: agent.progress.lane?.id };
}

describe("KeepLanePolicy", () => {
  for (const action of ACTION_SPACES) {
    it(`keeps the lane on a curve in the ${action} action space`, async () => {
      const { worst, speed, lane } = await drive(action, 250);
      expect(lane).toBe("main_0");
      expect(worst).toBeLessThan(action === "lane" || action === "lane_with_continuous_speed" ? 0.3 : 0.5);
      expect(speed).toBeGreaterThan(13.5);
      expect(speed).toBeLessThan(15.5);
    });
  }
});
