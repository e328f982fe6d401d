/** Zoo entry `chase-via-points@v0`: {@link ChaseViaPointsPolicy} — through the mission's via points at their speeds. */
import { z } from "zod";
import { directSpec } from "../AgentSpec.js";
import { observationConfig } from "../observationConfig.js";
import { ChaseViaPointsPolicy } from "../policies/ChaseViaPointsPolicy.js";
import { zooEntry } from "../ZooEntry.js";

/** Parameters of chase-via-points. */
export const ChaseViaPointsParams = z.object({
  cruise_speed: z
    .number()
    .positive()
    .nullable()
    .default(null)
    .describe("speed between via points (m/s); null: the speed limit"),
  lookahead: z.number().positive().default(100).describe("via points further than this are not chased yet (m)"),
  decel: z.number().positive().max(8).default(2).describe("deceleration planned to reach a via point's speed (m/s²)"),
});

/** chase-via-points@v0. */
export const chaseViaPointsEntry = zooEntry({
  name: "chase-via-points",
  version: 0,
  summary:
    "drives through its mission's via points: their lane, their speed (slowing in time); IDM car following; then to the goal's lane",
  params: ChaseViaPointsParams,
  actionSpace: "lane_with_continuous_speed",
  observes: ["ego", "neighbours", "waypoints", "signals", "(mission via points)"],
  make(p, ctx) {
    const policy = new ChaseViaPointsPolicy(
      ctx.viaPoints,
      { cruiseSpeedMps: p.cruise_speed, lookaheadM: p.lookahead, decelMps2: p.decel },
      ctx.vehicleType,
      ctx.dtS,
    );
    const observation = observationConfig({
      ego: true,
      neighbours: { radiusM: 80, max: 12 },
      waypoints: { lookahead: 120, spacingM: 1 },
      signals: { lookaheadM: 100 },
    });
    return directSpec("chase-via-points@v0", { action: "lane_with_continuous_speed", observation }, policy);
  },
});
