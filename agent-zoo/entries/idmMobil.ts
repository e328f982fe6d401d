/**
 * Zoo entries `idm-mobil@v2` and `idm-mobil@v1`: {@link IdmMobilPolicy} with driver presets. `preset`
 * picks a full set of IDM/MOBIL parameters; any parameter given as well overrides the preset's value.
 * v2 reads the junction part (right of way, route lanes) and answers in any action space; v1, kept for
 * scenarios that name it, reads no junction part and answers in lane_with_continuous_speed.
 */
import { z } from "zod";
import { ACTION_SPACES, type Observation } from "../../spec/CompiledScenario.js";
import { directSpec } from "../AgentSpec.js";
import { observationConfig } from "../observationConfig.js";
import { IdmMobilPolicy, type IdmMobilParams } from "../policies/IdmMobilPolicy.js";
import { zooEntry } from "../ZooEntry.js";

/** The driver presets (SI). */
export const IDM_MOBIL_PRESETS = {
  cautious: {
    speedFactor: 0.9,
    headwayS: 2.0,
    minGapM: 3,
    accelMps2: 1.0,
    decelMps2: 1.5,
    politeness: 0.5,
    thresholdMps2: 0.3,
    safeDecelMps2: 2,
  },
  normal: {
    speedFactor: 1.0,
    headwayS: 1.5,
    minGapM: 2,
    accelMps2: 1.5,
    decelMps2: 2.0,
    politeness: 0.3,
    thresholdMps2: 0.2,
    safeDecelMps2: 3,
  },
  aggressive: {
    speedFactor: 1.1,
    headwayS: 1.0,
    minGapM: 1.5,
    accelMps2: 2.5,
    decelMps2: 3.0,
    politeness: 0.1,
    thresholdMps2: 0.1,
    safeDecelMps2: 4,
  },
} as const satisfies Record<string, Omit<IdmMobilParams, "desiredSpeedMps" | "laneChanges">>;

const presetNote = (k: keyof (typeof IDM_MOBIL_PRESETS)["normal"]) =>
  `(preset: cautious ${IDM_MOBIL_PRESETS.cautious[k]}, normal ${IDM_MOBIL_PRESETS.normal[k]}, aggressive ${IDM_MOBIL_PRESETS.aggressive[k]})`;

/** Parameters of idm-mobil (fields left out come from the preset). */
export const IdmMobilParamsSchema = z.object({
  preset: z
    .enum(["cautious", "normal", "aggressive"])
    .default("normal")
    .describe("driver preset; the parameters below override it"),
  desired_speed: z
    .number()
    .positive()
    .nullable()
    .default(null)
    .describe("desired speed (m/s); null: speed limit × speed_factor"),
  speed_factor: z
    .number()
    .positive()
    .max(2)
    .optional()
    .describe(`desired speed as a factor of the speed limit ${presetNote("speedFactor")}`),
  headway: z
    .number()
    .positive()
    .max(10)
    .optional()
    .describe(`IDM time headway T (s) ${presetNote("headwayS")}`),
  min_gap: z
    .number()
    .nonnegative()
    .max(20)
    .optional()
    .describe(`IDM gap at standstill s0 (m) ${presetNote("minGapM")}`),
  accel: z
    .number()
    .positive()
    .max(10)
    .optional()
    .describe(`IDM maximum acceleration (m/s²) ${presetNote("accelMps2")}`),
  decel: z
    .number()
    .positive()
    .max(10)
    .optional()
    .describe(`IDM comfortable deceleration (m/s²) ${presetNote("decelMps2")}`),
  politeness: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe(`MOBIL politeness ${presetNote("politeness")}`),
  threshold: z
    .number()
    .nonnegative()
    .max(5)
    .optional()
    .describe(`MOBIL lane-change threshold (m/s²) ${presetNote("thresholdMps2")}`),
  safe_decel: z
    .number()
    .positive()
    .max(10)
    .optional()
    .describe(`MOBIL safe deceleration of the new follower (m/s²) ${presetNote("safeDecelMps2")}`),
  lane_changes: z
    .boolean()
    .default(true)
    .describe("whether it changes lanes for speed (MOBIL); the lane changes its route needs are made regardless"),
});

/** Full driver parameters: the preset with the given overrides. */
export function idmMobilParams(p: z.output<typeof IdmMobilParamsSchema>): IdmMobilParams {
  const b = IDM_MOBIL_PRESETS[p.preset];
  return {
    desiredSpeedMps: p.desired_speed,
    speedFactor: p.speed_factor ?? b.speedFactor,
    headwayS: p.headway ?? b.headwayS,
    minGapM: p.min_gap ?? b.minGapM,
    accelMps2: p.accel ?? b.accelMps2,
    decelMps2: p.decel ?? b.decelMps2,
    politeness: p.politeness ?? b.politeness,
    thresholdMps2: p.threshold ?? b.thresholdMps2,
    safeDecelMps2: p.safe_decel ?? b.safeDecelMps2,
    laneChanges: p.lane_changes,
  };
}

/** What idm-mobil@v2 reads: ego, neighbours within 60 m, 120 m of waypoints, signals and the junction ahead. */
export function idmMobilObservation(): Observation {
  return observationConfig({
    ego: true,
    neighbours: { radiusM: 60, max: 16 },
    waypoints: { lookahead: 120, spacingM: 1 },
    signals: { lookaheadM: 100 },
    junction: { lookaheadM: 100, maxFoes: 8 },
  });
}

/** Parameters of idm-mobil@v2: v1's and the action space. */
export const IdmMobilV2ParamsSchema = IdmMobilParamsSchema.extend({
  action: z
    .enum(ACTION_SPACES)
    .default("lane_with_continuous_speed")
    .describe("action space to answer in (it drives in every one)"),
});

/** idm-mobil@v2: the driver that finishes its missions (route lanes, signals, right of way), in any action space. */
export const idmMobilV2Entry = zooEntry({
  name: "idm-mobil",
  version: 2,
  summary:
    "IDM car following and MOBIL lane changes (the local traffic's functions), route lanes in time, red and amber lights, right of way and gap acceptance at junctions; presets cautious / normal / aggressive; any action space",
  params: IdmMobilV2ParamsSchema,
  actionSpace: "any (parameter action)",
  observes: ["ego", "neighbours", "waypoints", "signals", "junction"],
  make(p, ctx) {
    const policy = new IdmMobilPolicy(idmMobilParams(p), ctx.vehicleType, ctx.dtS, {
      actionSpace: p.action,
      seed: ctx.seed,
    });
    return directSpec("idm-mobil@v2", { action: p.action, observation: idmMobilObservation() }, policy);
  },
});

/** idm-mobil@v1: the same driver without the junction part (it yields to no one), in lane_with_continuous_speed. */
export const idmMobilEntry = zooEntry({
  name: "idm-mobil",
  version: 1,
  summary:
    "IDM car following and MOBIL lane changes from its observation (neighbours sorted onto lanes); stops for red lights; no right of way at junctions (use v2); presets cautious / normal / aggressive",
  params: IdmMobilParamsSchema,
  actionSpace: "lane_with_continuous_speed",
  observes: ["ego", "neighbours", "waypoints", "signals"],
  make(p, ctx) {
    const policy = new IdmMobilPolicy(idmMobilParams(p), ctx.vehicleType, ctx.dtS, {
      junctions: false,
      seed: ctx.seed,
    });
    const observation = observationConfig({
      ego: true,
      neighbours: { radiusM: 80, max: 12 },
      waypoints: { lookahead: 60, spacingM: 1 },
      signals: { lookaheadM: 100 },
    });
    return directSpec("idm-mobil@v1", { action: "lane_with_continuous_speed", observation }, policy);
  },
});
