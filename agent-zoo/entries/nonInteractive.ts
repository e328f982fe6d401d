/** Zoo entry `non-interactive@v0`: {@link NonInteractivePolicy} — its route at a fixed speed, by relative target poses, ignoring others. */
import { z } from "zod";
import { directSpec } from "../AgentSpec.js";
import { observationConfig } from "../observationConfig.js";
import { NonInteractivePolicy } from "../policies/NonInteractivePolicy.js";
import { zooEntry } from "../ZooEntry.js";

/** Parameters of non-interactive. */
export const NonInteractiveParams = z.object({
  speed: z.number().positive().max(70).default(10).describe("the fixed speed (m/s)"),
});

/** non-interactive@v0. */
export const nonInteractiveEntry = zooEntry({
  name: "non-interactive",
  version: 0,
  summary: "follows its route at a fixed speed (kinematic target poses), reacting to nobody; stops where its path ends",
  params: NonInteractiveParams,
  actionSpace: "relative_target_pose",
  observes: ["ego", "waypoints"],
  make(p, ctx) {
    const policy = new NonInteractivePolicy(p.speed, ctx.vehicleType, ctx.dtS);
    return directSpec(
      "non-interactive@v0",
      {
        action: "relative_target_pose",
        observation: observationConfig({ ego: true, waypoints: { lookahead: 50, spacingM: 1 } }),
      },
      policy,
    );
  },
});
