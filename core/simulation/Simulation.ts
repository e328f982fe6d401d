/**
 * One simulation: a compiled scenario on its road network, the vehicles of its traffic providers
 * and agents, advanced tick by tick through an explicit, ordered, timed list of phases (DESIGN.md §4):
 *
 *   0. clock     — tick + 1 (integer; time is always `tick · dt`, never accumulated)
 *   1. act       — agents whose episode ended leave; each live agent's (already checked) action is
 *                  taken, and social agents' policies answer (core/agents/SocialAgentManager).
 *                  Policies decide from the previous frame: one step of latency, as in SMARTS.
 *   2. providers — traffic providers move their vehicles (reacting to the previous frame) and the
 *                  simulation takes in their insertions and arrivals; agent actions go through their
 *                  controllers; agents whose departure time has come appear.
 *   3. physics   — the cannon-es world steps (dynamic agent vehicles; kinematic bodies swept to their
 *                  targets), then agent states are read back.
 *   4. events    — oriented-box collisions with a broadphase, then each agent's road events and route
 *                  progress (which need the collision flag).
 *   5. bubbles   — bubble transitions computed on this tick's poses and applied (vehicles handed
 *                  between traffic, zoo and learning agents; `SimulationOptions.bubbles`, §6).
 *   6. observe   — the immutable frame of this tick, then per-agent rewards and done flags.
 *   7. record    — frames go to the sinks (replays, live viewers, metrics).
 *
 * Plan, then commit, then detect (SUMO's order): every mover decides from the same previous frame,
 * physics moves everything at once, and only then are collisions and events computed on the result.
 * Bubbles come after events (they need this tick's poses) and before observe (the frame shows the
 * owners they gave out). Metrics read frames from the sinks.
 *
 * Determinism: one seeded RNG per episode, forked per consumer (`traffic:<provider>`,
 * `agent:<id>`); vehicles are kept in creation order; ids come from scenario names and provider
 * counters; collision box ids from a per-simulation counter.
 */
import type { CompiledScenario, LanePosition } from "../../spec/CompiledScenario.js";
import type { ParsedAction } from "../env/actionSpaces.js";
import { CollisionPairs } from "../events/CollisionPairs.js";
import { CollisionTracker, type CollisionTrackerState } from "../events/CollisionTracker.js";
import { CollisionScratch, detectCollisions } from "../events/detectCollisions.js";
import { orientedBoxesOverlap } from "../events/orientedBoxesOverlap.js";
import { GradeSeparation } from "../road/GradeSeparation.js";
import { Sha256 } from "../hash/sha256Hex.js";
import { copyEvents, type Events } from "../events/road/Events.js";
import type { DoneReason } from "../events/road/MissionProgress.js";
import { PhysicsWorld, type PhysicsWorldOptions, type Pose2 } from "../physics/PhysicsWorld.js";
import type { PhysicsSnapshot } from "../physics/PhysicsSnapshot.js";
import { Rng, type RngState } from "../random/Rng.js";
import type { RoadNetwork } from "../road/RoadNetwork.js";
import { SignalSchedule } from "../road/SignalSchedule.js";
import { VehicleRoleCode } from "../sensors/VehicleRoleCode.js";
import { resolveVehicleType } from "../vehicles/resolveVehicleType.js";
import type { VehicleType } from "../../spec/VehicleType.js";
import { VehicleBoxes } from "../vehicles/VehicleBoxes.js";
import { AgentVehicle, type AgentVehicleState } from "./AgentVehicle.js";
import { pickVariation, type EpisodeVariation } from "./applyVariation.js";
import type { FrameSink } from "./FrameSink.js";
import { Ownership } from "./Ownership.js";
import { PhaseTimer, type PhaseTiming } from "./PhaseTimer.js";
import { SimFrame } from "./SimFrame.js";
import type { CollisionRecord, SimEvent } from "./SimEvent.js";
import type { ProviderVehicleState, TrafficProvider } from "./TrafficProvider.js";
import type { BubbleHost, SimulationBubbles } from "./BubblePhase.js";
import type { SocialAgentHost } from "../agents/SocialAgentHost.js";
import {
  SocialAgentManager,
  type SocialAgentsOptions,
  type SocialAgentsSnapshot,
} from "../agents/SocialAgentManager.js";

/** Options of a {@link Simulation}. */
export interface SimulationOptions {
  /** Traffic providers, in order of preference for vehicles handed back. @default [] */
  providers?: TrafficProvider[];
  /** Frame sinks for the record phase. @default [] */
  sinks?: FrameSink[];
  /** Physics world options (substeps, vehicle model). The step length is always the scenario's dt. */
  physics?: Omit<PhysicsWorldOptions, "stepS">;
  /**
   * What happens to an agent's vehicle when its episode ends: `remove` it (SMARTS's behaviour), or
   * hand it to `traffic` — the first provider that accepts it, with its pose, speed and remaining
   * route (removed if none does). @default "remove"
   */
  agentDoneVehicle?: "remove" | "traffic";
  /**
   * Called at the end of the observe phase (and of `reset`), once the frame and the agents'
   * results are in: where the environment builds observations, so the phase timing includes them.
   */
  onObserve?: () => void;
  /**
   * Social agents: the resolver that makes their policies (the agent zoo, from the composition
   * root) and the per-step budget. Without it the scenario's social agents are not simulated.
   */
  social?: SocialAgentsOptions;
  /** The bubble phase (phase 5; `bubbles/BubbleManager`, wired in by the composition root). @default none */
  bubbles?: SimulationBubbles;
}

/** Options of {@link Simulation.reset}. */
export interface ResetOptions {
  /** Episode seed. @default the scenario's seed */
  seed?: number;
  /** Variation index or name. @default seed mod the number of variations */
  variation?: number | string;
}

/** How an agent's episode stands. */
export type AgentPhase = "pending" | "live" | "done";

/** An agent's outcome at the last tick. */
export interface AgentStepResult {
  /** Route progress this step (m): the default reward. */
  progressM: number;
  /** The episode ended for a reason other than the step limit. */
  terminated: boolean;
  /** The episode was cut short by the step limit or the scenario's duration. */
  truncated: boolean;
  /** Why it ended (done criteria that held, plus `duration`), empty while it goes on. */
  reasons: (DoneReason | "duration")[];
  /** This step's road events (a copy). */
  events: Events;
}

/** Why an agent's episode ended: a done criterion or the scenario's duration. */
export type AgentDoneReason = DoneReason | "duration";

/** Room an appearing agent needs around its box, from every other vehicle (m). */
const START_CLEARANCE_M = 1;

interface VehicleRecord {
  id: string;
  type: VehicleType;
  owner: string;
  role: number;
  /** Physics handle. */
  handle: number;
  /** Collision box id (per-simulation counter). */
  boxId: number;
  x: number;
  y: number;
  headingRad: number;
  speedMps: number;
  accelerationMps2: number;
  laneId: string;
  provider: TrafficProvider | null;
  agent: AgentVehicle | null;
  /** Generation mark for spotting vehicles a provider stopped reporting. */
  seen: number;
}

/** Everything needed to continue a simulation bit-identically. */
export interface SimulationSnapshot {
  tick: number;
  seed: number;
  variationIndex: number;
  rng: RngState;
  physics: PhysicsSnapshot;
  vehicles: Omit<VehicleRecord, "provider" | "agent" | "type">[];
  vehicleTypes: string[];
  vehicleProviders: (string | null)[];
  agents: { id: string; phase: AgentPhase; state: AgentVehicleState | null; result: AgentStepResult | null }[];
  providers: { name: string; state: unknown }[];
  collisions: CollisionTrackerState<number>;
  ownership: [string, string][];
  nextBoxId: number;
  episodeOver: boolean;
  social: SocialAgentsSnapshot | null;
  bubbles: unknown;
  frame: SimFrame;
}

const PHASES = ["clock", "act", "providers", "physics", "events", "bubbles", "observe", "record"] as const;

/** A running simulation of one scenario. */
export class Simulation {
  readonly network: RoadNetwork;
  readonly dtS: number;
  private readonly providers: TrafficProvider[];
  private readonly sinks: FrameSink[];
  private readonly physicsOptions: Omit<PhysicsWorldOptions, "stepS">;
  private readonly agentDoneVehicle: "remove" | "traffic";
  private readonly onObserve: (() => void) | undefined;
  /** The social agents (null without `options.social`); bubbles attach policies to vehicles through it. */
  readonly social: SocialAgentManager | null;
  /** The bubble phase (null without `options.bubbles`). */
  readonly bubbles: SimulationBubbles | null;
  private readonly bubbleHostView: BubbleHost;
  private readonly types = new Map<string, VehicleType>();
  private readonly signals: SignalSchedule;
  private readonly timer = new PhaseTimer(PHASES);
  private readonly phaseFns: (() => void | Promise<void>)[];

  private world: PhysicsWorld;
  private rng: Rng = new Rng(0);
  private seedValue = 0;
  private variationValue: EpisodeVariation | undefined;
  private tickValue = 0;
  private vehicles: VehicleRecord[] = [];
  private readonly byId = new Map<string, VehicleRecord>();
  private readonly byBoxId = new Map<number, VehicleRecord>();
  private readonly ownership = new Ownership();
  private nextBoxId = 0;
  private generation = 0;
  private readonly agentList: AgentVehicle[];
  /** Vehicles the agents take the place of (Agent.replaces): no provider reports them. */
  private readonly replacedIds: readonly string[];
  private readonly agentPhase = new Map<string, AgentPhase>();
  private readonly agentDepartTick = new Map<string, number>();
  private readonly results = new Map<string, AgentStepResult>();
  private pendingActions = new Map<string, ParsedAction>();
  private actionsThisStep = new Map<string, ParsedAction>();
  private readonly boxes = new VehicleBoxes();
  private readonly pairs = new CollisionPairs();
  private readonly scratch = new CollisionScratch();
  private tracker = new CollisionTracker<number>();
  private collidedBoxes = new Set<number>();
  /** Bridges drawn flat: overlapping boxes on lanes that cross at different levels are no collision. */
  private readonly levels: GradeSeparation;
  private collisionsThisTick: CollisionRecord[] = [];
  private eventsThisTick: SimEvent[] = [];
  private frameValue: SimFrame | undefined;
  private episodeOverValue = false;
  private readonly endTick: number | null;
  private readonly pose: Pose2 = { xM: 0, yM: 0, headingRad: 0 };

  constructor(
    readonly scenario: CompiledScenario,
    network: RoadNetwork,
    options: SimulationOptions = {},
  ) {
    this.network = network;
    this.levels = new GradeSeparation(network);
    this.dtS = scenario.dtS;
    this.providers = options.providers ?? [];
    this.sinks = options.sinks ?? [];
    this.physicsOptions = options.physics ?? {};
    this.agentDoneVehicle = options.agentDoneVehicle ?? "remove";
    this.onObserve = options.onObserve;
    this.social = options.social
      ? new SocialAgentManager(this.socialHost(), scenario.socialAgents, options.social)
      : null;
    this.bubbles = options.bubbles ?? null;
    this.bubbleHostView = this.bubbleHost();
    const names = new Set<string>();
    for (const p of this.providers) {
      if (names.has(p.name)) throw new Error(`two traffic providers are both named "${p.name}"`);
      names.add(p.name);
    }
    for (const t of scenario.vehicleTypes) this.types.set(t.name, resolveVehicleType(t));
    this.signals = SignalSchedule.of(network);
    this.world = new PhysicsWorld({ ...this.physicsOptions, stepS: this.dtS });
    this.endTick = scenario.durationS === null ? null : Math.round(scenario.durationS / this.dtS);
    this.agentList = [...scenario.agents]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map(
        (spec) =>
          new AgentVehicle(spec, this.vehicleType(spec.vehicle, `agent "${spec.name}"`), network, this.dtS, (p) =>
            this.resolvePosition(p, spec.name),
          ),
      );
    this.replacedIds = scenario.agents.flatMap((a) => (a.replaces === null ? [] : [a.replaces]));
    this.phaseFns = [
      () => this.phaseClock(),
      () => this.phaseAct(),
      () => this.phaseProviders(),
      () => this.phasePhysics(),
      () => this.phaseEvents(),
      () => this.bubbles?.step(this.bubbleHostView),
      () => this.phaseObserve(),
      () => this.phaseRecord(),
    ];
  }

  /** The current tick (0 after reset). */
  get tick(): number {
    return this.tickValue;
  }

  /** The episode's seed. */
  get seed(): number {
    return this.seedValue;
  }

  /** The episode's variation (index −1 when the scenario has none). */
  get variation(): EpisodeVariation {
    if (!this.variationValue) throw new Error("simulation: reset() first");
    return this.variationValue;
  }

  /** The last frame. */
  get frame(): SimFrame {
    if (!this.frameValue) throw new Error("simulation: reset() first");
    return this.frameValue;
  }

  /** Whether the scenario's duration has passed or every agent is done (scenarios with agents). */
  get episodeOver(): boolean {
    return this.episodeOverValue;
  }

  /** Every agent of the scenario, sorted by id. */
  get agents(): readonly AgentVehicle[] {
    return this.agentList;
  }

  /** Agents driving now, sorted by id. */
  liveAgents(): AgentVehicle[] {
    return this.agentList.filter((a) => this.agentPhase.get(a.id) === "live");
  }

  /** How agent `id`'s episode stands. */
  agentPhaseOf(id: string): AgentPhase | undefined {
    return this.agentPhase.get(id);
  }

  /** Agent `id`'s outcome at the last tick (undefined before it appeared). */
  agentResult(id: string): AgentStepResult | undefined {
    return this.results.get(id);
  }

  /** Per-phase wall time since construction (or the last `clearProfile`). */
  profile(): PhaseTiming[] {
    return this.timer.report();
  }

  /** Clears the phase timers. */
  clearProfile(): void {
    this.timer.clear();
  }

  /** The owner of vehicle `id` (a provider name or `agent:<id>`). */
  ownerOf(id: string): string | undefined {
    return this.ownership.ownerOf(id);
  }

  /** A fork of the episode RNG for a consumer outside the simulation (e.g. the env's action sampling). */
  forkRng(label: string): Rng {
    return this.rng.fork(label);
  }

  /** Starts an episode: tick 0, providers set up, agents due at time 0 placed; returns frame 0. */
  async reset(options: ResetOptions = {}): Promise<SimFrame> {
    const seed = options.seed ?? this.scenario.seed;
    if (!Number.isInteger(seed) || seed < 0) throw new Error(`seed must be a non-negative integer, got ${seed}`);
    for (const p of this.providers) await p.teardown();
    this.seedValue = seed;
    this.rng = new Rng(seed);
    this.variationValue = pickVariation(this.scenario, seed, options.variation);
    this.tickValue = 0;
    this.world = new PhysicsWorld({ ...this.physicsOptions, stepS: this.dtS });
    this.vehicles = [];
    this.byId.clear();
    this.byBoxId.clear();
    this.ownership.clear();
    this.nextBoxId = 0;
    this.tracker = new CollisionTracker<number>();
    this.collidedBoxes = new Set();
    this.results.clear();
    this.pendingActions.clear();
    this.episodeOverValue = false;
    this.collisionsThisTick = [];
    this.eventsThisTick = [];
    this.signals.update(0);
    for (const a of this.agentList) {
      this.agentPhase.set(a.id, "pending");
      this.agentDepartTick.set(a.id, Math.round(a.spec.mission.departS / this.dtS));
    }
    const v = this.variationValue;
    // Agents due at time 0 take their places first: the providers' first insertions must not land on them.
    this.spawnDueAgents();
    const placed = this.buildFrame();
    for (const p of this.providers) {
      await p.setup({
        placed,
        network: this.network,
        rng: this.rng.fork(`traffic:${p.name}`),
        dtS: this.dtS,
        traffic: v.traffic,
        vehicleTypes: this.scenario.vehicleTypes,
        drivers: v.drivers,
        durationS: this.scenario.durationS,
        scenarioDir: this.scenario.source.dir,
        excludedIds: this.replacedIds,
      });
    }
    this.syncProviderVehicles(false);
    if (this.social) await this.social.reset();
    await this.bubbles?.reset(this.bubbleHostView);
    this.frameValue = this.buildFrame();
    for (const a of this.liveAgents())
      this.results.set(a.id, {
        progressM: 0,
        terminated: false,
        truncated: false,
        reasons: [],
        events: copyEvents(a.progress.lastEvents),
      });
    this.onObserve?.();
    for (const s of this.sinks) await s.onFrame(this.frameValue);
    return this.frameValue;
  }

  /**
   * Advances one tick. `actions` holds one checked action per live agent (see
   * `AgentActionSpace.parse`); a live agent without an action is an error naming it.
   */
  async step(actions: ReadonlyMap<string, ParsedAction>): Promise<SimFrame> {
    if (!this.frameValue) throw new Error("simulation: reset() first");
    if (this.episodeOverValue)
      throw new Error(`simulation: the episode ended at tick ${this.tickValue}; reset() to start another`);
    for (const a of this.agentList) {
      if (this.agentPhase.get(a.id) !== "live" || this.results.get(a.id)?.reasons.length) continue;
      if (!actions.has(a.id)) throw new Error(`agent "${a.id}" is live but was given no action`);
    }
    for (const id of actions.keys()) {
      const phase = this.agentPhase.get(id);
      if (phase === undefined)
        throw new Error(
          `agent "${id}" does not exist; agents: ${this.agentList.map((a) => a.id).join(", ") || "(none)"}`,
        );
    }
    this.pendingActions = new Map(actions);
    const fns = this.phaseFns;
    for (let i = 0; i < fns.length; i++) {
      const t0 = performance.now();
      const r = fns[i]();
      if (r) await r;
      this.timer.add(i, performance.now() - t0);
    }
    this.timer.countStep();
    return this.frameValue!;
  }

  /** Ends the episode: providers torn down, sinks closed (each of them, even when one fails: the first error is thrown). */
  async close(): Promise<void> {
    for (const p of this.providers) await p.teardown();
    let failure: { error: unknown } | undefined;
    for (const s of this.sinks) {
      try {
        await s.close?.();
      } catch (error) {
        failure ??= { error };
      }
    }
    await this.social?.close();
    if (failure) throw failure.error;
  }

  // ---- phases -------------------------------------------------------------------------------

  private phaseClock(): void {
    this.tickValue++;
    this.signals.update(this.tickValue * this.dtS);
    this.collisionsThisTick = [];
    this.eventsThisTick = [];
  }

  private async phaseAct(): Promise<void> {
    // Agents whose episode ended at the last tick leave now (their final frame showed them).
    for (const a of this.agentList) {
      if (this.agentPhase.get(a.id) === "live" && this.results.get(a.id)?.reasons.length) {
        this.agentPhase.set(a.id, "done");
        const rec = this.byId.get(a.id)!;
        if (this.agentDoneVehicle === "traffic") await this.releaseToTraffic(rec, a.routeRemainingRoadIds());
        else this.removeVehicle(rec, "agentDone");
      }
    }
    this.actionsThisStep = this.pendingActions;
    if (this.social) await this.social.act();
  }

  /**
   * Hands an agent's vehicle to the first provider that accepts it, with its pose, speed and
   * remaining route; removes it when none does. The body becomes kinematic (traffic is kinematic).
   */
  private async releaseToTraffic(rec: VehicleRecord, routeRoadIds: readonly string[]): Promise<void> {
    const handover = {
      id: rec.id,
      typeId: rec.type.id,
      x: rec.x,
      y: rec.y,
      headingRad: rec.headingRad,
      speedMps: rec.speedMps,
      accelerationMps2: rec.accelerationMps2,
      laneId: rec.laneId,
      routeRoadIds,
    };
    const taker = this.providers.find((p) => p.canAccept(handover));
    if (!taker) {
      this.removeVehicle(rec, "released");
      return;
    }
    await taker.add(handover);
    this.ownership.transfer(rec.id, rec.owner, taker.name);
    this.eventsThisTick.push({ kind: "ownerChanged", vehicleId: rec.id, from: rec.owner, to: taker.name });
    this.world.remove(rec.handle);
    rec.handle = this.world.addKinematic(
      { xM: rec.x, yM: rec.y, headingRad: rec.headingRad },
      { lengthM: rec.type.lengthM, widthM: rec.type.widthM, heightM: rec.type.heightM },
    );
    rec.owner = taker.name;
    rec.role = VehicleRoleCode.traffic;
    rec.agent = null;
    rec.provider = taker;
    rec.seen = this.generation;
  }

  private async phaseProviders(): Promise<void> {
    const prev = this.frameValue!;
    const sig = this.signals.states();
    for (const p of this.providers) {
      const r = p.step({ tick: this.tickValue, dtS: this.dtS, frame: prev, signals: sig });
      if (r) await r;
    }
    this.syncProviderVehicles(true);
    for (const a of this.agentList) {
      if (this.agentPhase.get(a.id) !== "live") continue;
      const action = this.actionsThisStep.get(a.id);
      if (action) a.applyAction(this.world, action);
    }
    this.spawnDueAgents();
    this.social?.applyAndSpawn();
  }

  private phasePhysics(): void {
    this.world.step();
    for (const a of this.agentList) {
      if (this.agentPhase.get(a.id) !== "live") continue;
      const rec = this.byId.get(a.id)!;
      if (rec.handle !== a.handle) continue;
      a.readState(this.world);
      copyMotion(rec, a.state);
    }
    this.social?.readStates();
  }

  /** Removes contacts between vehicles on lanes that cross at different levels (order kept). */
  private dropGradeSeparatedPairs(): void {
    const p = this.pairs,
      ids = this.boxes.ids;
    let kept = 0;
    for (let k = 0; k < p.count; k++) {
      const i = p.first(k),
        j = p.second(k);
      if (this.levels.separates(this.byBoxId.get(ids[i])!.laneId, this.byBoxId.get(ids[j])!.laneId)) continue;
      p.data[2 * kept] = i;
      p.data[2 * kept + 1] = j;
      kept++;
    }
    p.count = kept;
  }

  private phaseEvents(): void {
    const boxes = this.boxes;
    boxes.clear();
    for (const r of this.vehicles) boxes.add(r.boxId, r.x, r.y, r.headingRad, r.type.lengthM, r.type.widthM);
    detectCollisions(boxes, this.pairs, this.scratch);
    if (this.pairs.count > 0 && this.levels.size > 0) this.dropGradeSeparatedPairs();
    const collided = this.collidedBoxes;
    collided.clear();
    for (let k = 0; k < this.pairs.count; k++) {
      collided.add(boxes.ids[this.pairs.first(k)]);
      collided.add(boxes.ids[this.pairs.second(k)]);
    }
    for (const e of this.tracker.updateFromPairs(this.tickValue, this.pairs, boxes)) {
      const a = this.byBoxId.get(e.a)!.id;
      const b = this.byBoxId.get(e.b)!.id;
      this.collisionsThisTick.push(a < b ? { a, b } : { a: b, b: a });
    }
    for (const a of this.agentList) {
      if (this.agentPhase.get(a.id) !== "live") continue;
      const rec = this.byId.get(a.id)!;
      a.observeRoad(this.tickValue, collided.has(rec.boxId));
      rec.laneId = a.progress.lane?.id ?? "";
    }
    this.social?.observeRoad((id) => collided.has(this.byId.get(id)!.boxId));
  }

  private phaseObserve(): void {
    const durationOver = this.endTick !== null && this.tickValue >= this.endTick;
    for (const a of this.agentList) {
      if (this.agentPhase.get(a.id) !== "live") continue;
      const reasons: AgentDoneReason[] = a.progress.done(a.spec.interface.done);
      if (durationOver && reasons.length === 0) reasons.push("duration");
      const truncated = reasons.length > 0 && reasons.every((r) => r === "maxSteps" || r === "duration");
      const result: AgentStepResult = {
        progressM: a.progress.progressM,
        terminated: reasons.length > 0 && !truncated,
        truncated,
        reasons,
        events: copyEvents(a.progress.lastEvents),
      };
      this.results.set(a.id, result);
      if (reasons.length) this.eventsThisTick.push({ kind: "agentDone", agentId: a.id, reasons, truncated });
    }
    this.frameValue = this.buildFrame();
    const anyAgents = this.agentList.length > 0;
    const allDone =
      anyAgents &&
      this.agentList.every((a) => {
        const ph = this.agentPhase.get(a.id);
        return ph === "done" || (ph === "live" && (this.results.get(a.id)?.reasons.length ?? 0) > 0);
      });
    this.episodeOverValue = durationOver || allDone;
    this.onObserve?.();
  }

  private async phaseRecord(): Promise<void> {
    for (const s of this.sinks) {
      const r = s.onFrame(this.frameValue!);
      if (r) await r;
    }
  }

  // ---- vehicles -----------------------------------------------------------------------------

  /** The view of this simulation that its social-agent manager works through (one writer of ownership: this class). */
  private socialHost(): SocialAgentHost {
    const rec = (id: string): VehicleRecord => {
      const r = this.byId.get(id);
      if (!r) throw new Error(`vehicle "${id}" does not exist`);
      return r;
    };
    return {
      network: this.network,
      dtS: this.dtS,
      scenarioDir: this.scenario.source.dir,
      tick: () => this.tickValue,
      frame: () => this.frame,
      world: () => this.world,
      vehicleType: (name, who) => this.vehicleType(name, who),
      lanePlace: (p, agentId) => this.lanePlace(p, agentId),
      forkRng: (label) => this.rng.fork(label),
      vehicle: (id) => {
        const r = this.byId.get(id);
        return (
          r && {
            id: r.id,
            typeId: r.type.id,
            owner: r.owner,
            byProvider: r.provider !== null,
            x: r.x,
            y: r.y,
            headingRad: r.headingRad,
            speedMps: r.speedMps,
            laneId: r.laneId,
          }
        );
      },
      addAgentVehicle: (agent, owner, laneId) => {
        const st = agent.state;
        this.addVehicle(
          agent.id,
          agent.type,
          owner,
          VehicleRoleCode.socialAgent,
          { x: st.x, y: st.y, headingRad: st.headingRad, speedMps: st.speedMps, accelerationMps2: 0, laneId },
          agent,
          null,
        );
      },
      takeOver: async (agent, owner, role) => {
        const r = rec(agent.id);
        if (!r.provider) throw new Error(`vehicle "${r.id}" is owned by "${r.owner}", not a traffic provider`);
        await r.provider.release(r.id);
        this.ownership.transfer(r.id, r.owner, owner);
        this.eventsThisTick.push({ kind: "ownerChanged", vehicleId: r.id, from: r.owner, to: owner });
        this.world.remove(r.handle);
        agent.spawn(this.world, r.x, r.y, r.headingRad, r.speedMps, this.tickValue);
        Object.assign(r, {
          handle: agent.handle,
          owner,
          role: role === "learning" ? VehicleRoleCode.learningAgent : VehicleRoleCode.socialAgent,
          agent,
          provider: null,
        });
      },
      syncAgentVehicle: (agent) => {
        const r = rec(agent.id);
        copyMotion(r, agent.state);
        r.laneId = agent.progress.lane?.id ?? "";
      },
      removeVehicle: (id, reason) => this.removeVehicle(rec(id), reason),
      releaseToTraffic: (id, routeRoadIds) => this.releaseToTraffic(rec(id), routeRoadIds),
      pushEvent: (e) => {
        this.eventsThisTick.push(e);
      },
    };
  }

  /** The view of this simulation that its bubble phase works through (ownership changes: this class's functions). */
  private bubbleHost(): BubbleHost {
    return {
      network: this.network,
      dtS: this.dtS,
      tick: () => this.tickValue,
      vehicles: () => this.vehicles,
      vehicle: (id) => this.byId.get(id),
      providerNames: () => this.providers.map((p) => p.name),
      social: this.social,
      handToProvider: async (vehicleId, name) => {
        const r = this.byId.get(vehicleId);
        if (!r?.provider)
          throw new Error(
            `bubbles: vehicle "${vehicleId}" is not driven by a traffic provider (owner "${r?.owner ?? "none"}")`,
          );
        const taker = this.providers.find((p) => p.name === name);
        if (!taker) throw new Error(`bubbles: no traffic provider "${name}" in this simulation`);
        if (taker === r.provider) return true;
        const handover = {
          id: r.id,
          typeId: r.type.id,
          x: r.x,
          y: r.y,
          headingRad: r.headingRad,
          speedMps: r.speedMps,
          accelerationMps2: r.accelerationMps2,
          laneId: r.laneId,
          routeRoadIds: [],
        };
        if (!taker.canAccept(handover)) return false;
        await r.provider.release(r.id);
        await taker.add(handover);
        this.ownership.transfer(r.id, r.owner, taker.name);
        this.eventsThisTick.push({ kind: "ownerChanged", vehicleId: r.id, from: r.owner, to: taker.name });
        r.owner = taker.name;
        r.provider = taker;
        r.seen = this.generation;
        return true;
      },
      pushEvent: (e) => {
        this.eventsThisTick.push(e);
      },
    };
  }

  /** Takes in the providers' vehicles: new ids are insertions, vanished ids arrivals (when `removeMissing`). */
  private syncProviderVehicles(removeMissing: boolean): void {
    const gen = ++this.generation;
    for (const p of this.providers) {
      const list: readonly ProviderVehicleState[] = p.vehicles();
      for (let i = 0; i < list.length; i++) {
        const pv = list[i];
        let rec = this.byId.get(pv.id);
        if (!rec) {
          rec = this.addVehicle(
            pv.id,
            this.vehicleType(pv.typeId, `vehicle "${pv.id}" of provider "${p.name}"`),
            p.name,
            VehicleRoleCode.traffic,
            pv,
            null,
            p,
          );
        } else if (rec.provider !== p) {
          throw new Error(`provider "${p.name}" reports vehicle "${pv.id}", which is owned by "${rec.owner}"`);
        } else if (rec.seen === gen) {
          throw new Error(`provider "${p.name}" reports vehicle "${pv.id}" twice`);
        } else {
          copyMotion(rec, pv);
          rec.laneId = pv.laneId;
          const pose = this.pose;
          pose.xM = pv.x;
          pose.yM = pv.y;
          pose.headingRad = pv.headingRad;
          this.world.moveKinematic(rec.handle, pose);
        }
        rec.seen = gen;
      }
    }
    if (!removeMissing) return;
    for (let i = this.vehicles.length - 1; i >= 0; i--) {
      const r = this.vehicles[i];
      if (r.provider && r.seen !== gen) this.removeVehicle(r, "arrived");
    }
  }

  private addVehicle(
    id: string,
    type: VehicleType,
    owner: string,
    role: number,
    s: Omit<ProviderVehicleState, "id" | "typeId">,
    agent: AgentVehicle | null,
    provider: TrafficProvider | null,
  ): VehicleRecord {
    this.ownership.assign(id, owner);
    let handle: number;
    if (agent) handle = agent.handle;
    else {
      handle = this.world.addKinematic(
        { xM: s.x, yM: s.y, headingRad: s.headingRad },
        { lengthM: type.lengthM, widthM: type.widthM, heightM: type.heightM },
      );
    }
    const rec: VehicleRecord = {
      id,
      type,
      owner,
      role,
      handle,
      boxId: this.nextBoxId++,
      x: s.x,
      y: s.y,
      headingRad: s.headingRad,
      speedMps: s.speedMps,
      accelerationMps2: s.accelerationMps2,
      laneId: s.laneId,
      provider,
      agent,
      seen: this.generation,
    };
    this.vehicles.push(rec);
    this.byId.set(id, rec);
    this.byBoxId.set(rec.boxId, rec);
    this.eventsThisTick.push({ kind: "vehicleAdded", vehicleId: id, owner });
    return rec;
  }

  private removeVehicle(rec: VehicleRecord, reason: string): void {
    this.ownership.remove(rec.id, rec.owner);
    this.world.remove(rec.handle);
    this.vehicles.splice(this.vehicles.indexOf(rec), 1);
    this.byId.delete(rec.id);
    this.byBoxId.delete(rec.boxId);
    this.eventsThisTick.push({ kind: "vehicleRemoved", vehicleId: rec.id, owner: rec.owner, reason });
  }

  /**
   * Agents whose departure tick has come appear at their mission start, at rest (or at the speed of
   * the recorded vehicle an agent replaces) — once nobody is on
   * that spot: an agent whose start is taken (a traffic vehicle driving or standing there) waits,
   * as SUMO's insertion does, and appears in the first step it is free.
   */
  private spawnDueAgents(): void {
    for (const a of this.agentList) {
      if (this.agentPhase.get(a.id) !== "pending" || this.agentDepartTick.get(a.id)! > this.tickValue) continue;
      if (this.byId.has(a.id)) throw new Error(`agent "${a.id}" cannot appear: a vehicle with that id exists already`);
      const start = this.startPose(a);
      if (this.spotTaken(a.type, start)) continue;
      const speedMps = a.spec.mission.departSpeedMps;
      a.spawn(this.world, start.x, start.y, start.headingRad, speedMps, this.tickValue);
      const rec = this.addVehicle(
        a.id,
        a.type,
        `agent:${a.id}`,
        VehicleRoleCode.learningAgent,
        { x: start.x, y: start.y, headingRad: start.headingRad, speedMps, accelerationMps2: 0, laneId: start.laneId },
        a,
        null,
      );
      rec.laneId = a.progress.lane?.id ?? start.laneId;
      this.agentPhase.set(a.id, "live");
      this.results.set(a.id, {
        progressM: 0,
        terminated: false,
        truncated: false,
        reasons: [],
        events: copyEvents(a.progress.lastEvents),
      });
    }
  }

  /** Whether a vehicle's box, grown by {@link START_CLEARANCE_M}, overlaps a body of `type` at `pose`. */
  private spotTaken(type: VehicleType, pose: { x: number; y: number; headingRad: number }): boolean {
    const c = Math.cos(pose.headingRad),
      sn = Math.sin(pose.headingRad);
    const hl = type.lengthM / 2 + START_CLEARANCE_M,
      hw = type.widthM / 2 + START_CLEARANCE_M;
    for (const v of this.vehicles) {
      const reach = hl + hw + v.type.lengthM / 2 + v.type.widthM / 2;
      if (Math.abs(v.x - pose.x) > reach || Math.abs(v.y - pose.y) > reach) continue;
      if (
        orientedBoxesOverlap(
          pose.x,
          pose.y,
          c,
          sn,
          hl,
          hw,
          v.x,
          v.y,
          Math.cos(v.headingRad),
          Math.sin(v.headingRad),
          v.type.lengthM / 2,
          v.type.widthM / 2,
        )
      )
        return true;
    }
    return false;
  }

  private startPose(a: AgentVehicle): { x: number; y: number; headingRad: number; laneId: string } {
    const m = a.spec.mission;
    const { lane, s } = this.lanePlace(m.start, a.id);
    const p = lane.toWorld(s, 0);
    return { x: p.x, y: p.y, headingRad: p.headingRad, laneId: lane.id };
  }

  /** Lane and offset of a scenario position; `random` parts drawn from the agent's RNG fork. */
  private lanePlace(p: LanePosition, agentId: string): { lane: import("../road/Lane.js").Lane; s: number } {
    const road = this.network.road(p.roadId);
    if (!road) throw new Error(`agent "${agentId}": road "${p.roadId}" does not exist`);
    const rng = this.rng.fork(`agent:${agentId}:${p.roadId}`);
    const laneIndex = p.laneIndex === "random" ? rng.int(road.lanes.length) : p.laneIndex;
    const lane = road.lanes[laneIndex];
    if (!lane) throw new Error(`agent "${agentId}": road "${p.roadId}" has no lane ${laneIndex}`);
    const len = lane.centreline.length;
    const s = p.offsetM === "end" ? len : p.offsetM === "random" ? rng.range(0, len) : Math.min(p.offsetM, len);
    return { lane, s };
  }

  private resolvePosition(p: LanePosition, agentId: string): { x: number; y: number } {
    const { lane, s } = this.lanePlace(p, agentId);
    return lane.toWorld(s, 0);
  }

  private vehicleType(name: string, who: string): VehicleType {
    const t = this.types.get(name);
    if (!t) throw new Error(`${who}: vehicle type "${name}" is not defined in scenario "${this.scenario.name}"`);
    return t;
  }

  private buildFrame(): SimFrame {
    const vs = this.vehicles;
    const n = vs.length;
    const ids: string[] = new Array(n);
    const typeIds: string[] = new Array(n);
    const owners: string[] = new Array(n);
    const laneIds: string[] = new Array(n);
    const roles = new Uint8Array(n);
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    const h = new Float64Array(n);
    const v = new Float64Array(n);
    const acc = new Float64Array(n);
    const hl = new Float64Array(n);
    const hw = new Float64Array(n);
    const hz = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = vs[i];
      ids[i] = r.id;
      typeIds[i] = r.type.id;
      owners[i] = r.owner;
      laneIds[i] = r.laneId;
      roles[i] = r.role;
      x[i] = r.x;
      y[i] = r.y;
      h[i] = r.headingRad;
      v[i] = r.speedMps;
      acc[i] = r.accelerationMps2;
      hl[i] = r.type.lengthM / 2;
      hw[i] = r.type.widthM / 2;
      hz[i] = r.type.heightM;
    }
    return new SimFrame({
      tick: this.tickValue,
      timeS: this.tickValue * this.dtS,
      ids,
      typeIds,
      owners,
      roles,
      x,
      y,
      headingRad: h,
      speedMps: v,
      accelerationMps2: acc,
      halfLength: hl,
      halfWidth: hw,
      heightM: hz,
      laneIds,
      signals: new Map(this.signals.states()),
      collisions: this.collisionsThisTick,
      events: this.eventsThisTick,
      bubbles: this.bubbles?.zones(),
    });
  }

  // ---- snapshots ------------------------------------------------------------------------------

  /** The whole state, enough to continue bit-identically with {@link restore}. Keep it in memory (or `structuredClone` it). */
  snapshot(): SimulationSnapshot {
    if (!this.frameValue || !this.variationValue) throw new Error("simulation: reset() first");
    return { ...this.snapshotData(), frame: this.frameValue };
  }

  private snapshotData(): Omit<SimulationSnapshot, "frame"> {
    return structuredClone({
      tick: this.tickValue,
      seed: this.seedValue,
      variationIndex: this.variationValue!.index,
      rng: this.rng.getState(),
      physics: this.world.snapshot(),
      vehicles: this.vehicles.map(({ provider: _p, agent: _a, type: _t, ...rest }) => rest),
      vehicleTypes: this.vehicles.map((r) => r.type.id),
      vehicleProviders: this.vehicles.map((r) => r.provider?.name ?? null),
      agents: this.agentList.map((a) => {
        const phase = this.agentPhase.get(a.id)!;
        return {
          id: a.id,
          phase,
          state: phase === "live" ? a.getState() : null,
          result: this.results.get(a.id) ?? null,
        };
      }),
      providers: this.providers.map((p) => ({ name: p.name, state: p.snapshot() })),
      collisions: this.tracker.getState(),
      ownership: this.ownership.entries(),
      nextBoxId: this.nextBoxId,
      episodeOver: this.episodeOverValue,
      social: this.social?.snapshot() ?? null,
      bubbles: this.bubbles?.snapshot() ?? null,
    });
  }

  /** Returns to a snapshot taken from this simulation (same scenario, network and providers). */
  async restore(snap: SimulationSnapshot): Promise<void> {
    const s = structuredClone({ ...snap, frame: undefined });
    this.seedValue = s.seed;
    this.variationValue =
      s.variationIndex >= 0
        ? pickVariation(this.scenario, s.seed, s.variationIndex)
        : pickVariation(this.scenario, s.seed);
    this.tickValue = s.tick;
    this.rng.setState(s.rng);
    this.world.restore(s.physics);
    for (const ps of s.providers) {
      const p = this.providers.find((q) => q.name === ps.name);
      if (!p) throw new Error(`snapshot has provider "${ps.name}", which this simulation does not have`);
      await p.restore(ps.state);
    }
    if (this.social && s.social) await this.social.restore(s.social);
    if (this.bubbles && s.bubbles != null) this.bubbles.restore(s.bubbles);
    this.vehicles = [];
    this.byId.clear();
    this.byBoxId.clear();
    s.vehicles.forEach((v, i) => {
      const providerName = s.vehicleProviders[i];
      const rec: VehicleRecord = {
        ...v,
        type: this.vehicleType(s.vehicleTypes[i], `vehicle "${v.id}"`),
        provider: providerName === null ? null : this.providers.find((p) => p.name === providerName)!,
        agent:
          this.agentList.find((a) => a.id === v.id && v.owner === `agent:${a.id}`) ??
          this.social?.agentForVehicle(v.id, v.owner) ??
          null,
      };
      this.vehicles.push(rec);
      this.byId.set(rec.id, rec);
      this.byBoxId.set(rec.boxId, rec);
    });
    for (const a of s.agents) {
      const agent = this.agentList.find((x) => x.id === a.id)!;
      this.agentPhase.set(a.id, a.phase);
      if (a.state) agent.setState(a.state);
      if (a.result) this.results.set(a.id, a.result);
      else this.results.delete(a.id);
    }
    this.tracker.setState(s.collisions);
    this.ownership.setEntries(s.ownership);
    this.nextBoxId = s.nextBoxId;
    this.episodeOverValue = s.episodeOver;
    this.signals.update(this.tickValue * this.dtS);
    this.frameValue = snap.frame;
  }

  /** sha256 of the frame's vehicle ids, owners and exact float bits: equal hashes ⇔ identical states. */
  stateHash(): string {
    const f = this.frame;
    const h = new Sha256();
    h.update(`${f.tick}|${f.ids.join(",")}|${f.owners.join(",")}|${f.laneIds.join(",")}`);
    for (const arr of [f.x, f.y, f.headingRad, f.speedMps, f.accelerationMps2])
      h.update(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
    return h.hex();
  }
}

/** The motion a vehicle record keeps: pose, speed and acceleration (world frame, SI units). */
interface Motion {
  x: number;
  y: number;
  headingRad: number;
  speedMps: number;
  accelerationMps2: number;
}

/** Copies `src`'s pose, speed and acceleration into `dst` (agent state or provider state → record). */
function copyMotion(dst: Motion, src: Readonly<Motion>): void {
  dst.x = src.x;
  dst.y = src.y;
  dst.headingRad = src.headingRad;
  dst.speedMps = src.speedMps;
  dst.accelerationMps2 = src.accelerationMps2;
}
