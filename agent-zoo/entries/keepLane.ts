/** Zoo entry `keep-lane@v0`: {@link KeepLanePolicy} — follow the lane along the route at the speed limit or a set speed. */
import { z } from "zod";
import { ACTION_SPACES } from "../../spec/CompiledScenario.js";
import { directSpec } from "../AgentSpec.js";
import { KeepLanePolicy, keepLaneObservation } from "../policies/KeepLanePolicy.js";
import { zooEntry } from "../ZooEntry.js";

/** Parameters of keep-lane. */
export const KeepLaneParams = z.object({
  target_speed: z
    .number()
    .positive()
    .nullable()
    .default(null)
    .describe("cruise speed (m/s); null: the lane's speed limit"),
  action: z
    .enum(ACTION_SPACES)
    .default("lane_with_continuous_speed")
    .describe("action space to answer in (keep-lane drives in every one)"),
});

/** keep-lane@v0. */
export const keepLaneEntry = zooEntry({
  name: "keep-lane",
  version: 0,
  summary:
    "follows its lane along the route at the speed limit (or target_speed), moving to the goal's lane near the end; ignores other vehicles",
  params: KeepLaneParams,
  actionSpace: "any (parameter action)",
  observes: ["ego", "waypoints"],
  make(p, ctx) {
    const policy = new KeepLanePolicy(p.action, ctx.vehicleType, ctx.dtS, { targetSpeedMps: p.target_speed });
    return directSpec("keep-lane@v0", { action: p.action, observation: keepLaneObservation() }, policy);
  },
});
