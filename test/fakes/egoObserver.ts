/**
 * A small observer for environment tests that do not depend on the observation code: the ego
 * vehicle's x, y, heading and speed as a Float32Array in a Box.
 */
import type { AgentObserver, ObserverFactory } from "../../core/env/ParallelEnv.js";
import { Box } from "../../core/spaces/Box.js";

/** Observer factory: `[x, y, headingRad, speedMps]` per agent. */
export const egoObserver: ObserverFactory = (): AgentObserver => ({
  space: new Box(-Infinity, Infinity, [4], { names: ["x", "y", "headingRad", "speedMps"] }),
  observe: (agent) => Float32Array.of(agent.state.x, agent.state.y, agent.state.headingRad, agent.state.speedMps),
});
