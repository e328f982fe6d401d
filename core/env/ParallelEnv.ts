/**
 * The multi-agent environment (PettingZoo's parallel API, in TypeScript and async because traffic
 * providers may be external processes):
 *
 * ```ts
 * const env = new ParallelEnv(scenario, network, { providers });
 * let { observations } = await env.reset({ seed: 1 });
 * while (env.agents.length > 0) {
 *   const actions = Object.fromEntries(env.agents.map((id) => [id, policy(observations[id])]));
 *   ({ observations } = await env.step(actions));
 * }
 * ```
 *
 * - `possibleAgents`: every agent the scenario can have; `agents`: those live now. An agent leaves
 *   `agents` after the step that terminated or truncated it and never comes back in that episode.
 * - `step` takes one action per live agent (an unknown id, a missing agent, or a bad action is an
 *   {@link ActionError} naming the agent and the field; `clipActions` clamps numbers instead) and
 *   returns observations, rewards, terminations, truncations and infos keyed by the agents that were
 *   live for that step, plus agents that appeared during it.
 * - Agents with a later departure time join `agents` at the step they appear (reward 0 at first).
 *   While no agent is live but some are still to come, `step({})` (and `reset`) advance the
 *   simulation until one appears or the episode ends, so a `while (env.agents.length)` loop works.
 *   Learners of bubbles count as still to come while their bubble has ids left and the scenario has
 *   a duration (which bounds the wait): a scenario whose only agents are learners of bubbles runs
 *   from the first capture to its end.
 * - Observations are built from the frame just computed; policies therefore act one step behind
 *   the world, as in SMARTS.
 * - Learning-agent bubbles (`SimulationOptions.bubbles`, docs/bubbles.md): a captured vehicle joins
 *   `agents` under a fresh id `<bubble>-<n>` (all declared in `possibleAgents` up front) at the step
 *   it is captured, and leaves on release with `truncations[id] = true` and reason `released` (or
 *   earlier through its own done criteria). Ids are never reused, so no agent is revived. Before a
 *   learner appears its spaces are those of its interface on a `passenger` vehicle; once it holds a
 *   vehicle, those of that vehicle's type.
 */
import type { CompiledScenario } from "../../spec/CompiledScenario.js";
import type { RoadNetwork } from "../road/RoadNetwork.js";
import type { AgentVehicle } from "../simulation/AgentVehicle.js";
import {
  Simulation,
  type AgentStepResult,
  type ResetOptions,
  type SimulationOptions,
} from "../simulation/Simulation.js";
import { ActionError, AgentActionSpace, type ParsedAction } from "../controllers/actionSpaces.js";
import { observationSpace } from "../observations/observationSpace.js";
import {
  globalStateFrame,
  globalStateSize,
  writeGlobalState,
  type GlobalStateAgent,
  type GlobalStateFrame,
} from "../observations/globalState.js";
import { resolveVehicleType } from "../vehicles/resolveVehicleType.js";
import { copyEvents } from "../events/road/Events.js";
import { progressReward, type RewardFunction } from "./rewards.js";
import type { Space } from "../spaces/Space.js";

/** Builds one agent's observations. */
export interface AgentObserver {
  /** The space every observation of this agent belongs to. */
  readonly space: Space;
  /** This step's observation of `agent` in `sim` (after the observe phase). */
  observe(agent: AgentVehicle, sim: Simulation): unknown;
}

/** Makes the observer of an agent (called once per agent, at construction). */
export type ObserverFactory = (agent: AgentVehicle, sim: Simulation) => AgentObserver;

/** What `infos[agentId]` holds. */
export interface AgentInfo {
  /** Simulation tick of this observation. */
  tick: number;
  /** Road events of this step. */
  events: import("../events/road/Events.js").Events;
  /** Why the episode ended for this agent (empty while it goes on). */
  reasons: string[];
  /** Metres along the route (NaN before the vehicle was first on it). */
  routePositionM: number;
  /** Total route length (NaN for endless missions). */
  routeLengthM: number;
  /** Lane and road the vehicle is on ('' when off the road). */
  laneId: string;
  roadId: string;
  /** Speed (m/s). */
  speedMps: number;
}

/** Options of a {@link ParallelEnv}. */
export interface ParallelEnvOptions extends SimulationOptions {
  /** Makes each agent's observer. Required: the composition root chooses the observation code. */
  observer: ObserverFactory;
  /** Reward function. @default route progress this step (m) */
  reward?: RewardFunction;
  /** Clamp out-of-range action numbers instead of throwing. @default false */
  clipActions?: boolean;
}

/** The result of `reset`. */
export interface ResetResult {
  observations: Record<string, unknown>;
  infos: Record<string, AgentInfo>;
}

/** The result of `step`. */
export interface StepResult {
  observations: Record<string, unknown>;
  rewards: Record<string, number>;
  terminations: Record<string, boolean>;
  truncations: Record<string, boolean>;
  infos: Record<string, AgentInfo>;
}

/** A PettingZoo-style parallel environment over one scenario. */
export class ParallelEnv {
  readonly sim: Simulation;
  readonly possibleAgents: readonly string[];
  private liveIds: string[] = [];
  /** The agents that acted in the last step (none after `reset`). */
  private actedLastStep: readonly string[] = [];
  private readonly observers = new Map<string, AgentObserver>();
  private readonly reward: RewardFunction;
  private readonly clip: boolean;
  private readonly retired = new Set<string>();
  private started = false;
  /** The reset or step in progress, if any. */
  private running: "reset" | "step" | undefined;
  /** Observations built in the simulation's observe phase, by agent. */
  private readonly latest = new Map<string, unknown>();

  private readonly observerFactory: ObserverFactory;
  /** Where the global state measures positions from (the network's bounds). */
  private readonly mapFrame: GlobalStateFrame;
  /** Learner id → its bubble's interface (learning-agent bubbles). */
  private readonly learnerInterfaces = new Map<string, import("../../spec/CompiledScenario.js").AgentInterface>();

  constructor(scenario: CompiledScenario, network: RoadNetwork, options: ParallelEnvOptions) {
    this.sim = new Simulation(scenario, network, { ...options, onObserve: () => this.buildObservations() });
    const learnerIds = options.bubbles?.learnerIds() ?? [];
    this.possibleAgents = [...this.sim.agents.map((a) => a.id), ...learnerIds];
    if (new Set(this.possibleAgents).size !== this.possibleAgents.length)
      throw new Error(
        `env: a learning-agent bubble's agent id clashes with an agent of the scenario (${learnerIds.join(", ")})`,
      );
    for (const b of scenario.bubbles) {
      const a = b.actor;
      if (a.kind === "agent")
        for (const id of learnerIds) if (id.startsWith(`${b.name}-`)) this.learnerInterfaces.set(id, a.interface);
    }
    this.observerFactory = options.observer;
    this.mapFrame = globalStateFrame(network.bounds());
    for (const a of this.sim.agents) this.observers.set(a.id, options.observer(a, this.sim));
    this.reward = options.reward ?? progressReward;
    this.clip = options.clipActions ?? false;
  }

  /** Live agents, sorted by id. */
  get agents(): readonly string[] {
    return this.liveIds;
  }

  /** Length of {@link state}. */
  get stateDim(): number {
    return globalStateSize(this.possibleAgents.length);
  }

  /**
   * The global state now (PettingZoo's `state()`), for centralised critics and mixers: the ego
   * state and goal of every possible agent this frame shows — those live, and those whose episode
   * ended in the step just taken, where it ended (so the state an episode ends in still holds its
   * agents); zeros for the others — and the nearest other vehicles, laid out as
   * `core/observations/globalState.ts` documents. Writes `stateDim` numbers into `out[offset …]`
   * and returns `out`.
   */
  state(out: Float32Array = new Float32Array(this.stateDim), offset = 0): Float32Array {
    const live = new Set([...this.liveIds, ...this.actedLastStep]);
    const agents = this.possibleAgents.map((id): GlobalStateAgent | null => {
      if (!live.has(id)) return null;
      const a = this.agentVehicle(id);
      return {
        x: a.state.x,
        y: a.state.y,
        headingRad: a.state.headingRad,
        speedMps: a.state.speedMps,
        goal: a.progress.goal,
        routeRemainingM: a.progress.routeLengthM - a.progress.routePositionM,
      };
    });
    writeGlobalState(out, offset, agents, this.sim.frame, this.mapFrame);
    return out;
  }

  /** Agent `id`'s observation space. */
  observationSpace(id: string): Space {
    const iface = this.learnerInterfaces.get(id);
    if (iface && !this.learnerVehicle(id)) return observationSpace(iface.observation);
    return this.agentObserver(id).space;
  }

  /** Agent `id`'s action space. */
  actionSpace(id: string): Space {
    const iface = this.learnerInterfaces.get(id);
    if (iface && !this.learnerVehicle(id)) {
      const passenger = this.sim.scenario.vehicleTypes.find((t) => t.name === "passenger");
      if (!passenger)
        throw new Error(
          `env: scenario "${this.sim.scenario.name}" has no passenger vehicle type for learner "${id}"'s space`,
        );
      return new AgentActionSpace(iface.action, resolveVehicleType(passenger), this.sim.dtS).space;
    }
    return this.agentVehicle(id).actionSpace.space;
  }

  /** Starts an episode. */
  async reset(options: ResetOptions = {}): Promise<ResetResult> {
    return this.exclusively("reset", () => this.resetNow(options));
  }

  /** Advances one step with one action per live agent. */
  async step(actions: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>): Promise<StepResult> {
    return this.exclusively("step", () => this.stepNow(actions));
  }

  /**
   * Runs `call` unless another reset or step is still running: two calls made without awaiting the
   * first would interleave their phases (a tick skipped, trackers fed out of order).
   */
  private async exclusively<T>(what: "reset" | "step", call: () => Promise<T>): Promise<T> {
    if (this.running)
      throw new Error(
        `env: ${what}() called while ${this.running}() is still running; await each reset() and step() before the next`,
      );
    this.running = what;
    try {
      return await call();
    } finally {
      this.running = undefined;
    }
  }

  private async resetNow(options: ResetOptions): Promise<ResetResult> {
    await this.sim.reset(options);
    this.started = true;
    this.actedLastStep = [];
    this.retired.clear();
    await this.advanceWhileNobodyLive();
    this.liveIds = this.liveNow();
    const observations: Record<string, unknown> = {};
    const infos: Record<string, AgentInfo> = {};
    for (const id of this.liveIds) {
      observations[id] = this.latest.get(id);
      infos[id] = this.info(id);
    }
    return { observations, infos };
  }

  private async stepNow(
    actions: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>,
  ): Promise<StepResult> {
    if (!this.started) throw new Error("env: reset() before step()");
    const given = actions instanceof Map ? actions : new Map(Object.entries(actions));
    const parsed = new Map<string, ParsedAction>();
    const learnerActions = new Map<string, ParsedAction>();
    for (const [id, raw] of given) {
      if (!this.possibleAgents.includes(id))
        throw new ActionError(id, `no such agent; agents are ${this.possibleAgents.join(", ") || "(none)"}`);
      if (!this.liveIds.includes(id))
        throw new ActionError(
          id,
          this.retired.has(id)
            ? "the agent's episode has ended; it takes no more actions"
            : "the agent is not live yet",
        );
      (this.learnerInterfaces.has(id) ? learnerActions : parsed).set(
        id,
        this.agentVehicle(id).actionSpace.parse(id, raw, this.clip),
      );
    }
    for (const id of this.liveIds)
      if (!parsed.has(id) && !learnerActions.has(id)) throw new ActionError(id, "no action given for this live agent");
    const before = this.liveIds;
    this.actedLastStep = before;
    this.sim.social?.setLearnerActions(learnerActions);
    await this.sim.step(parsed);
    const out: StepResult = { observations: {}, rewards: {}, terminations: {}, truncations: {}, infos: {} };
    const appeared = this.liveNow().filter((id) => !before.includes(id));
    for (const id of [...before, ...appeared].sort()) this.report(id, out, before.includes(id));
    this.liveIds = this.liveNow().filter((id) => !out.terminations[id] && !out.truncations[id]);
    for (const id of before) if (!this.liveIds.includes(id)) this.retired.add(id);
    if (this.liveIds.length === 0 && !this.sim.episodeOver) {
      await this.advanceWhileNobodyLive();
      const joined = this.liveNow().filter((id) => !this.retired.has(id));
      for (const id of joined) this.report(id, out, false);
      this.liveIds = joined;
    }
    return out;
  }

  /** Ends the episode (providers torn down, sinks closed). */
  async close(): Promise<void> {
    await this.sim.close();
  }

  /** Live agents now: the scenario's and the bubbles' learners, sorted by id. */
  private liveNow(): string[] {
    const ids = this.sim.liveAgents().map((a) => a.id);
    if (this.learnerInterfaces.size === 0) return ids;
    for (const l of this.sim.social?.learners() ?? []) if (l.phase === "live" || l.phase === "leaving") ids.push(l.id);
    return ids.sort();
  }

  /** Learner `id`'s vehicle once it has one. */
  private learnerVehicle(id: string): AgentVehicle | undefined {
    return this.sim.social?.learners().find((l) => l.id === id)?.vehicle;
  }

  /** Agent `id`'s outcome at the last step; a learner released by its bubble is truncated with reason `released`. */
  private resultOf(id: string): AgentStepResult {
    if (!this.learnerInterfaces.has(id)) return this.sim.agentResult(id)!;
    const l = this.sim.social!.learners().find((x) => x.id === id)!;
    const reasons = l.phase === "detached" ? ["released"] : [...l.reasons];
    const truncated = reasons.length > 0 && reasons.every((r) => r === "maxSteps" || r === "released");
    return {
      progressM: l.vehicle.progress.progressM,
      terminated: reasons.length > 0 && !truncated,
      truncated,
      reasons: reasons as AgentStepResult["reasons"],
      events: copyEvents(l.vehicle.progress.lastEvents),
    };
  }

  private report(id: string, out: StepResult, acted: boolean): void {
    const a = this.agentVehicle(id);
    const r = this.resultOf(id);
    out.observations[id] = this.latest.get(id);
    out.rewards[id] = acted ? this.reward({ agentId: id, result: r, agent: a, frame: this.sim.frame }) : 0;
    out.terminations[id] = r.terminated;
    out.truncations[id] = r.truncated || (this.sim.episodeOver && !r.terminated);
    out.infos[id] = this.info(id);
  }

  /** Observe phase: every live agent's observation of the new frame (learners too, and those just released). */
  private buildObservations(): void {
    this.latest.clear();
    for (const a of this.sim.liveAgents()) this.latest.set(a.id, this.agentObserver(a.id).observe(a, this.sim));
    if (this.learnerInterfaces.size === 0) return;
    for (const l of this.sim.social?.learners() ?? []) {
      if (l.phase !== "live" && l.phase !== "leaving" && !(l.phase === "detached" && this.liveIds.includes(l.id)))
        continue;
      let o = this.observers.get(l.id);
      if (!o) this.observers.set(l.id, (o = this.observerFactory(l.vehicle, this.sim)));
      this.latest.set(l.id, o.observe(l.vehicle, this.sim));
    }
  }

  /** Steps with no actions while no agent is live but some may still appear. */
  private async advanceWhileNobodyLive(): Promise<void> {
    // Agents whose episode just ended are still in the simulation until the next tick: they do not count.
    while (!this.sim.episodeOver && this.liveNow().every((id) => this.retired.has(id)) && this.someoneToCome()) {
      await this.sim.step(new Map());
    }
  }

  /**
   * Whether an agent may still appear: a scenario agent waiting for its departure, or — in a
   * scenario with a duration, which bounds the wait — a learning-agent bubble with ids left.
   */
  private someoneToCome(): boolean {
    if (this.sim.agents.some((a) => this.sim.agentPhaseOf(a.id) === "pending")) return true;
    if (this.learnerInterfaces.size === 0 || this.sim.scenario.durationS === null) return false;
    return (this.sim.social?.learners().length ?? 0) < this.learnerInterfaces.size;
  }

  private info(id: string): AgentInfo {
    const a = this.agentVehicle(id);
    const r = this.resultOf(id);
    const lane = a.progress.lane;
    return {
      tick: this.sim.tick,
      events: r.events,
      reasons: r.reasons,
      routePositionM: a.progress.routePositionM,
      routeLengthM: a.progress.routeLengthM,
      laneId: lane?.id ?? "",
      roadId: lane?.road.id ?? "",
      speedMps: a.state.speedMps,
    };
  }

  /**
   * The vehicle of agent `id` (its type, action space, mission progress): a scenario agent's, or a
   * learner's once its bubble gave it one.
   * @throws ActionError naming the agents when `id` has no vehicle
   */
  agentVehicle(id: string): AgentVehicle {
    const a =
      this.sim.agents.find((x) => x.id === id) ??
      (this.learnerInterfaces.has(id) ? this.learnerVehicle(id) : undefined);
    if (!a) throw new ActionError(id, `no such agent; agents are ${this.possibleAgents.join(", ") || "(none)"}`);
    return a;
  }

  private agentObserver(id: string): AgentObserver {
    const o = this.observers.get(id);
    if (!o) throw new Error(`no such agent "${id}"; agents are ${this.possibleAgents.join(", ") || "(none)"}`);
    return o;
  }
}
