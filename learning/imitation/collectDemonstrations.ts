/**
 * Demonstrations for behaviour cloning: episodes of a roadgym scenario in which a zoo driver (e.g.
 * the rule-based `idm-mobil@v2`) drives every learning agent, recording at each step what a learner
 * would have seen — the training observation vector (the run's `observation` config, as the vec
 * envs build it) — with the action the driver took there (its index in the learner's discrete action
 * space).
 *
 * The driver reads its own observation (its zoo entry's interface: idm-mobil@v2 reads the junction
 * part, neighbours within 60 m, …), which the learner does not: each agent gets an observer that
 * builds both from the same frame; the environment hands out the training one, the other goes to
 * the driver. The driver must answer in the scenario's action space (idm-mobil@v2 with
 * `{ "action": "lane" }` on the paper's Lane columns). A fresh driver per agent per episode, seeded
 * as the benchmark runner seeds zoo policies (`policySeed`).
 */
import { createDefaultZoo } from "../../agent-zoo/defaultZoo.js";
import { actFromObservation, type AgentSpec } from "../../agent-zoo/AgentSpec.js";
import type { Zoo } from "../../agent-zoo/Zoo.js";
import { loadEnvScenario, makeEnv } from "../../compose/makeEnv.js";
import { policySeed } from "../../compose/zooPolicies.js";
import { standardObserver } from "../../core/env/observationObserver.js";
import type { AgentObserver, ObserverFactory } from "../../core/env/ParallelEnv.js";
import type { AgentObservation } from "../../core/observations/AgentObservation.js";
import { Discrete } from "../../core/spaces/Discrete.js";
import type { AgentVehicle } from "../../core/simulation/AgentVehicle.js";
import type { Simulation } from "../../core/simulation/Simulation.js";
import { resolveVehicleType } from "../../core/vehicles/resolveVehicleType.js";
import type { VehicleType } from "../../spec/VehicleType.js";
import { paperReward } from "../adapters/paperReward.js";
import { trainingObservation } from "../adapters/RoadgymSlotEnv.js";
import { RoadgymEnvSpecSchema } from "../vecEnv/EnvSpec.js";
import type { z } from "zod";

/** The expert driver: a zoo locator and its parameters. */
export interface ExpertChoice {
  /** Zoo locator, e.g. `idm-mobil@v2`. */
  readonly locator: string;
  /** The entry's parameters, e.g. `{ "action": "lane" }`. @default {} */
  readonly params?: Readonly<Record<string, unknown>>;
}

/** Options of {@link collectDemonstrations}. */
export interface DemonstrationOptions {
  /** Environment steps to record (all agents of a step together); the episode under way is cut there. */
  readonly steps: number;
  /** Seed of the first episode; episode k runs seed `seed + k`. */
  readonly seed: number;
  /** The zoo the driver comes from. @default the built-in zoo */
  readonly zoo?: Zoo;
}

/** Recorded demonstrations: `n` samples of observation vector and action index, in episode order. */
export interface Demonstrations {
  /** Samples (agent steps). */
  n: number;
  /** Length of one observation vector. */
  obsDim: number;
  /** Actions of the discrete space. */
  numActions: number;
  /** `[n · obsDim]` the training observation vectors. */
  obs: Float32Array;
  /** `[n]` the driver's action index at each. */
  actions: Int32Array;
  /** `[n]` index of the agent episode each sample belongs to (for splits by episode). */
  episode: Int32Array;
  /** Agent episodes recorded (finished or cut). */
  agentEpisodes: number;
  /** Of those, how many reached their goal / collided. */
  completed: number;
  collided: number;
}

/**
 * Runs the driver on `spec`'s scenario for `options.steps` environment steps and records the
 * learners' observation vectors and its actions; see the file comment.
 * @throws Error when the agents' action space is not discrete, or the driver answers in another space
 */
export async function collectDemonstrations(
  input: z.input<typeof RoadgymEnvSpecSchema>,
  expert: ExpertChoice,
  options: DemonstrationOptions,
): Promise<Demonstrations> {
  const spec = RoadgymEnvSpecSchema.parse(input);
  if (!Number.isInteger(options.steps) || options.steps <= 0)
    throw new Error(`collectDemonstrations: steps must be a positive integer, got ${options.steps}`);
  const zoo = options.zoo ?? createDefaultZoo();
  const resolveDriver = (agentId: string, vehicleType: VehicleType, dtS: number, seed: number) =>
    zoo.resolve(expert.locator, expert.params ?? {}, {
      agentId,
      vehicleType,
      dtS,
      baseDir: process.cwd(),
      viaPoints: [],
      seed,
    });
  const loaded = loadEnvScenario(spec.scenario, { zoo });
  const scenario = loaded.scenario;
  const first = scenario.agents[0];
  if (!first) throw new Error(`collectDemonstrations: ${spec.scenario} has no scenario agents to demonstrate`);
  const firstType = scenario.vehicleTypes.find((t) => t.name === first.vehicle);
  if (!firstType) throw new Error(`collectDemonstrations: vehicle type "${first.vehicle}" is not defined`);
  // The driver's interface (its action space and observation) is the entry's, whatever the agent.
  const probe = await resolveDriver(first.name, resolveVehicleType(firstType), scenario.dtS, 0);
  await probe.policy.close?.();
  const wanted = first.interface.action;
  if (probe.interface.action !== wanted)
    throw new Error(
      `collectDemonstrations: ${expert.locator} answers in the ${probe.interface.action} action space, the agents act in ${wanted} (give it { "action": "${wanted}" })`,
    );
  // Each agent's observer builds the training observation (handed out by the env) and the driver's
  // (kept here, by agent id, for the driver) from the same frame.
  const driverSees = new Map<string, { observation: AgentObservation; type: VehicleType }>();
  const trainingObserver = standardObserver((iface) => trainingObservation(iface, spec.observation));
  const driverObserver = standardObserver(probe.interface.observation);
  const observer: ObserverFactory = Object.assign(
    (agent: AgentVehicle, sim: Simulation): AgentObserver => {
      const own = trainingObserver(agent, sim),
        theirs = driverObserver(agent, sim);
      return {
        space: own.space,
        observe(a: AgentVehicle, s: Simulation) {
          driverSees.set(a.id, { observation: theirs.observe(a, s) as AgentObservation, type: a.type });
          return own.observe(a, s);
        },
      };
    },
    { space: trainingObserver.space },
  );
  const env = makeEnv(loaded, {
    zoo,
    traffic: spec.traffic,
    reward: paperReward(spec.rewardWeights),
    observer,
    clipActions: true,
  });
  const drivers = new Map<string, AgentSpec>();
  const closeDrivers = async () => {
    for (const d of drivers.values()) await d.policy.close?.();
    drivers.clear();
  };
  try {
    const ids = env.possibleAgents;
    const space = env.actionSpace(ids[0]);
    if (!(space instanceof Discrete))
      throw new Error(
        `collectDemonstrations: ${spec.scenario}: behaviour cloning takes a discrete action space, agent "${ids[0]}" has ${JSON.stringify(space.describe())}`,
      );
    const actionIndex = (id: string, a: unknown): number => {
      const i = typeof a === "number" ? a : (space.labels?.indexOf(a as string) ?? -1);
      if (!Number.isInteger(i) || i < 0 || i >= space.n)
        throw new Error(
          `collectDemonstrations: ${expert.locator} gave agent "${id}" the action ${JSON.stringify(a)}, not one of the ${space.n} actions`,
        );
      return i;
    };
    const vectors: Float32Array[] = [],
      actions: number[] = [],
      episodeOf: number[] = [];
    let steps = 0,
      agentEpisodes = 0,
      completed = 0,
      collided = 0;
    for (let k = 0; steps < options.steps; k++) {
      await closeDrivers();
      driverSees.clear();
      let observations = (await env.reset({ seed: options.seed + k })).observations;
      const episodeIndex = new Map<string, number>();
      while (env.agents.length > 0 && steps < options.steps) {
        const step: Record<string, unknown> = {};
        for (const id of env.agents) {
          const seen = driverSees.get(id);
          const vector = (observations[id] as AgentObservation | undefined)?.vector;
          if (!seen || !vector)
            throw new Error(
              `collectDemonstrations: no observation of agent "${id}" (learners of bubbles are not supported)`,
            );
          let driver = drivers.get(id);
          if (!driver) {
            driver = await resolveDriver(id, seen.type, env.scenario.dtS, policySeed(options.seed, k, id));
            drivers.set(id, driver);
          }
          const wire = await actFromObservation(driver, seen.observation);
          if (!episodeIndex.has(id)) episodeIndex.set(id, agentEpisodes + episodeIndex.size);
          vectors.push(Float32Array.from(vector));
          actions.push(actionIndex(id, wire));
          episodeOf.push(episodeIndex.get(id)!);
          step[id] = wire;
        }
        const r = await env.step(step);
        steps++;
        for (const [id, info] of Object.entries(r.infos)) {
          if (!r.terminations[id] && !r.truncations[id]) continue;
          if (info.reasons.includes("goal")) completed++;
          if (info.reasons.includes("collision")) collided++;
        }
        observations = r.observations;
      }
      agentEpisodes += episodeIndex.size;
    }
    const obsDim = vectors.length ? vectors[0].length : 0;
    const obs = new Float32Array(vectors.length * obsDim);
    vectors.forEach((v, i) => obs.set(v, i * obsDim));
    return {
      n: vectors.length,
      obsDim,
      numActions: space.n,
      obs,
      actions: Int32Array.from(actions),
      episode: Int32Array.from(episodeOf),
      agentEpisodes,
      completed,
      collided,
    };
  } finally {
    await closeDrivers();
    await env.close();
  }
}
