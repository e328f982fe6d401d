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
 *   4. events    — collisions: boxes overlapping at the end of the step (broadphase + oriented boxes)
 *                  and every contact the physics had during it (a brush that bounced apart), then
 *                  each agent's road events and route progress (which need the collision flag).
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
 *
 * This class runs the phases; each job lives in a file of its own: the vehicles and their owners,
 * with the one function that hands a vehicle between owners ({@link VehicleTable}); the scenario's
 * learning agents' life ({@link ScenarioAgents}); the provider boundary ({@link syncProviderVehicles});
 * the views the social agents and the bubbles work through (`simulationHosts.ts`); and snapshots
 * ({@link SimulationSnapshot}).
 */
import { createHash } from "node:crypto";
import type { CompiledScenario, LanePosition } from "../../spec/CompiledScenario.js";
import type { VehicleType } from "../../spec/VehicleType.js";
import type { ParsedAction } from "../controllers/actionSpaces.js";
import { CollisionPairs } from "../events/CollisionPairs.js";
import { CollisionTracker } from "../events/CollisionTracker.js";
import { CollisionScratch, detectCollisions } from "../events/detectCollisions.js";
import { mergeContactPairs } from "../events/mergeContactPairs.js";
import { GradeSeparation } from "../road/GradeSeparation.js";
import { PhysicsWorld, type PhysicsWorldOptions } from "../physics/PhysicsWorld.js";
import { Rng } from "../random/Rng.js";
import type { Lane } from "../road/Lane.js";
import type { RoadNetwork } from "../road/RoadNetwork.js";
import { SignalSchedule } from "../road/SignalSchedule.js";
import { resolveVehicleType } from "../vehicles/resolveVehicleType.js";
import { VehicleBoxes } from "../vehicles/VehicleBoxes.js";
import { SocialAgentManager, type SocialAgentsOptions } from "../agents/SocialAgentManager.js";
import type { AgentVehicle } from "./AgentVehicle.js";
import { pickVariation, type EpisodeVariation } from "./applyVariation.js";
import type { BubbleHost, SimulationBubbles } from "./BubblePhase.js";
import type { FrameSink } from "./FrameSink.js";
import { PhaseTimer, type PhaseTiming } from "./PhaseTimer.js";
import { ScenarioAgents, type AgentPhase, type AgentStepResult } from "./ScenarioAgents.js";
import type { CollisionRecord, SimEvent } from "./SimEvent.js";
import { SimFrame } from "./SimFrame.js";
import { bubbleHost, socialAgentHost, type HostContext } from "./simulationHosts.js";
import type { SimulationSnapshot } from "./SimulationSnapshot.js";
import { syncProviderVehicles } from "./syncProviderVehicles.js";
import type { TrafficProvider } from "./TrafficProvider.js";
import { VehicleTable, type VehicleOwner, type VehicleRecordData } from "./VehicleTable.js";

export type { AgentDoneReason, AgentPhase, AgentStepResult } from "./ScenarioAgents.js";
export type { SimulationSnapshot } from "./SimulationSnapshot.js";

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
  /** Every vehicle and its owner. */
  private readonly table: VehicleTable;
  /** The scenario's learning agents. */
  private readonly scenarioAgents: ScenarioAgents;
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
  /** A step's phases are running (a second step() before the first resolves is refused). */
  private stepping = false;
  private eventsThisTick: SimEvent[] = [];
  private frameValue: SimFrame | undefined;
  private episodeOverValue = false;
  private readonly endTick: number | null;

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
    const names = new Set<string>();
    for (const p of this.providers) {
      if (names.has(p.name)) throw new Error(`two traffic providers are both named "${p.name}"`);
      names.add(p.name);
    }
    for (const t of scenario.vehicleTypes) this.types.set(t.name, resolveVehicleType(t));
    this.signals = SignalSchedule.of(network);
    this.world = new PhysicsWorld({ ...this.physicsOptions, stepS: this.dtS });
    this.endTick = scenario.durationS === null ? null : Math.round(scenario.durationS / this.dtS);
    const pushEvent = (e: SimEvent) => {
      this.eventsThisTick.push(e);
    };
    this.table = new VehicleTable({
      world: () => this.world,
      tick: () => this.tickValue,
      providers: this.providers,
      pushEvent,
    });
    this.scenarioAgents = new ScenarioAgents(
      scenario.agents,
      network,
      this.dtS,
      (name, who) => this.vehicleType(name, who),
      (p, agentId) => this.lanePlace(p, agentId),
    );
    const hosts: HostContext = {
      network,
      dtS: this.dtS,
      scenarioDir: scenario.source.dir,
      table: this.table,
      tick: () => this.tickValue,
      frame: () => this.frame,
      world: () => this.world,
      vehicleType: (name, who) => this.vehicleType(name, who),
      lanePlace: (p, agentId) => this.lanePlace(p, agentId),
      forkRng: (label) => this.rng.fork(label),
      providerNames: () => this.providers.map((p) => p.name),
      pushEvent,
    };
    this.social = options.social
      ? new SocialAgentManager(socialAgentHost(hosts), scenario.socialAgents, options.social)
      : null;
    this.bubbles = options.bubbles ?? null;
    this.bubbleHostView = bubbleHost(hosts, this.social);
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
    return this.scenarioAgents.list;
  }

  /** Agents driving now, sorted by id. */
  liveAgents(): AgentVehicle[] {
    return this.scenarioAgents.live();
  }

  /** How agent `id`'s episode stands. */
  agentPhaseOf(id: string): AgentPhase | undefined {
    return this.scenarioAgents.phaseOf(id);
  }

  /** Agent `id`'s outcome at the last tick (undefined before it appeared). */
  agentResult(id: string): AgentStepResult | undefined {
    return this.scenarioAgents.resultOf(id);
  }

  /** Per-phase wall time since construction (or the last `clearProfile`). */
  profile(): PhaseTiming[] {
    return this.timer.report();
  }

  /** Clears the phase timers. */
  clearProfile(): void {
    this.timer.clear();
  }

  /** The owner of vehicle `id` (a provider name, `agent:<id>` or `social:<id>`). */
  ownerOf(id: string): string | undefined {
    return this.table.ownerOf(id);
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
    this.table.clear();
    this.tracker = new CollisionTracker<number>();
    this.collidedBoxes = new Set();
    this.pendingActions.clear();
    this.episodeOverValue = false;
    this.collisionsThisTick = [];
    this.eventsThisTick = [];
    this.signals.update(0);
    this.scenarioAgents.reset();
    const v = this.variationValue;
    // Agents due at time 0 take their places first: the providers' first insertions must not land on them.
    this.scenarioAgents.spawnDue(this.table, this.world, this.tickValue);
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
        excludedIds: this.scenarioAgents.replacedIds,
      });
    }
    this.syncProviders(false);
    if (this.social) await this.social.reset();
    await this.bubbles?.reset(this.bubbleHostView);
    this.frameValue = this.buildFrame();
    this.scenarioAgents.startResults();
    this.onObserve?.();
    for (const s of this.sinks) await s.onFrame(this.frameValue);
    return this.frameValue;
  }

  /**
   * Advances one tick. `actions` holds one checked action per live agent (see
   * `AgentActionSpace.parse`); a live agent without an action is an error naming it.
   */
  async step(actions: ReadonlyMap<string, ParsedAction>): Promise<SimFrame> {
    if (this.stepping)
      throw new Error("simulation: step() called while the previous step() is still running; await each step first");
    if (!this.frameValue) throw new Error("simulation: reset() first");
    if (this.episodeOverValue)
      throw new Error(`simulation: the episode ended at tick ${this.tickValue}; reset() to start another`);
    const agents = this.scenarioAgents;
    for (const a of agents.list)
      if (agents.needsAction(a.id) && !actions.has(a.id))
        throw new Error(`agent "${a.id}" is live but was given no action`);
    for (const id of actions.keys()) {
      if (agents.phaseOf(id) === undefined)
        throw new Error(`agent "${id}" does not exist; agents: ${agents.list.map((a) => a.id).join(", ") || "(none)"}`);
    }
    this.pendingActions = new Map(actions);
    const fns = this.phaseFns;
    this.stepping = true;
    try {
      for (let i = 0; i < fns.length; i++) {
        const t0 = performance.now();
        const r = fns[i]();
        if (r) await r;
        this.timer.add(i, performance.now() - t0);
      }
    } finally {
      this.stepping = false;
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
    await this.scenarioAgents.leaveDone(this.table, this.agentDoneVehicle);
    this.actionsThisStep = this.pendingActions;
    if (this.social) await this.social.act();
  }

  private async phaseProviders(): Promise<void> {
    const prev = this.frameValue!;
    const sig = this.signals.states();
    for (const p of this.providers) {
      const r = p.step({ tick: this.tickValue, dtS: this.dtS, frame: prev, signals: sig });
      if (r) await r;
    }
    this.syncProviders(true);
    this.scenarioAgents.applyActions(this.world, this.actionsThisStep);
    this.scenarioAgents.spawnDue(this.table, this.world, this.tickValue);
    this.social?.applyAndSpawn();
  }

  private phasePhysics(): void {
    this.world.step();
    this.scenarioAgents.readStates(this.table, this.world);
    this.social?.readStates();
  }

  /**
   * Physics contacts (pairs of body handles) as pairs of positions in this step's boxes (which
   * follow the vehicle table's order); bodies that are no vehicle of the frame are left out.
   */
  private boxPositionsOf(contacts: readonly (readonly [number, number])[]): [number, number][] {
    const wanted = new Set<number>();
    for (const [a, b] of contacts) wanted.add(a).add(b);
    const position = new Map<number, number>();
    this.table.list.forEach((r, i) => {
      if (wanted.has(r.handle)) position.set(r.handle, i);
    });
    const out: [number, number][] = [];
    for (const [a, b] of contacts) {
      const i = position.get(a);
      const j = position.get(b);
      if (i !== undefined && j !== undefined && i !== j) out.push([i, j]);
    }
    return out;
  }

  /** Removes contacts between vehicles on lanes that cross at different levels (order kept). */
  private dropGradeSeparatedPairs(): void {
    const p = this.pairs,
      ids = this.boxes.ids;
    let kept = 0;
    for (let k = 0; k < p.count; k++) {
      const i = p.first(k),
        j = p.second(k);
      if (this.levels.separates(this.table.byBox(ids[i])!.laneId, this.table.byBox(ids[j])!.laneId)) continue;
      p.data[2 * kept] = i;
      p.data[2 * kept + 1] = j;
      kept++;
    }
    p.count = kept;
  }

  private phaseEvents(): void {
    const boxes = this.boxes;
    boxes.clear();
    for (const r of this.table.list) boxes.add(r.boxId, r.x, r.y, r.headingRad, r.type.lengthM, r.type.widthM);
    detectCollisions(boxes, this.pairs, this.scratch);
    const contacts = this.world.lastStepContacts();
    if (contacts.length > 0) mergeContactPairs(this.pairs, this.boxPositionsOf(contacts));
    if (this.pairs.count > 0 && this.levels.size > 0) this.dropGradeSeparatedPairs();
    const collided = this.collidedBoxes;
    collided.clear();
    for (let k = 0; k < this.pairs.count; k++) {
      collided.add(boxes.ids[this.pairs.first(k)]);
      collided.add(boxes.ids[this.pairs.second(k)]);
    }
    for (const e of this.tracker.updateFromPairs(this.tickValue, this.pairs, boxes)) {
      const a = this.table.byBox(e.a)!.id;
      const b = this.table.byBox(e.b)!.id;
      this.collisionsThisTick.push(a < b ? { a, b } : { a: b, b: a });
    }
    this.scenarioAgents.observeRoad(this.table, this.tickValue, (rec) => collided.has(rec.boxId));
    this.social?.observeRoad((id) => collided.has(this.table.require(id).boxId));
  }

  private phaseObserve(): void {
    const durationOver = this.endTick !== null && this.tickValue >= this.endTick;
    const allDone = this.scenarioAgents.finishStep(durationOver, (e) => this.eventsThisTick.push(e));
    this.frameValue = this.buildFrame();
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

  private syncProviders(removeMissing: boolean): void {
    syncProviderVehicles(
      this.table,
      this.providers,
      this.world,
      (name, who) => this.vehicleType(name, who),
      removeMissing,
    );
  }

  /** Lane and offset of a scenario position; `random` parts drawn from the agent's RNG fork. */
  private lanePlace(p: LanePosition, agentId: string): { lane: Lane; s: number } {
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

  private vehicleType(name: string, who: string): VehicleType {
    const t = this.types.get(name);
    if (!t) throw new Error(`${who}: vehicle type "${name}" is not defined in scenario "${this.scenario.name}"`);
    return t;
  }

  /** The frame of this tick: every vehicle's columns, in the table's order. */
  private buildFrame(): SimFrame {
    const vs = this.table.list;
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
    const data: Omit<SimulationSnapshot, "frame"> = structuredClone({
      tick: this.tickValue,
      seed: this.seedValue,
      variationIndex: this.variationValue.index,
      rng: this.rng.getState(),
      physics: this.world.snapshot(),
      vehicles: this.table.snapshot(),
      agents: this.scenarioAgents.snapshot(),
      providers: this.providers.map((p) => ({ name: p.name, state: p.snapshot() })),
      collisions: this.tracker.getState(),
      episodeOver: this.episodeOverValue,
      social: this.social?.snapshot() ?? null,
      bubbles: this.bubbles?.snapshot() ?? null,
    });
    return { ...data, frame: this.frameValue };
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
    this.table.restore(s.vehicles, {
      type: (v) => this.vehicleType(v.typeId, `vehicle "${v.id}"`),
      owner: (v) => this.ownerFromSnapshot(v),
    });
    this.scenarioAgents.restore(s.agents);
    this.tracker.setState(s.collisions);
    this.episodeOverValue = s.episodeOver;
    this.signals.update(this.tickValue * this.dtS);
    this.frameValue = snap.frame;
  }

  /** The owner of a vehicle in a snapshot: its provider, a scenario agent, or a social agent (learners too). */
  private ownerFromSnapshot(v: VehicleRecordData): VehicleOwner {
    if (v.agentRole === null) {
      const provider = this.providers.find((p) => p.name === v.owner);
      if (!provider)
        throw new Error(
          `snapshot: vehicle "${v.id}" is owned by provider "${v.owner}", which this simulation does not have`,
        );
      return { kind: "provider", provider };
    }
    const agent =
      this.scenarioAgents.list.find((a) => a.id === v.id && v.owner === `agent:${a.id}`) ??
      this.social?.agentForVehicle(v.id, v.owner);
    if (!agent)
      throw new Error(`snapshot: vehicle "${v.id}" is driven by "${v.owner}", which this simulation does not have`);
    return { kind: "agent", name: v.owner, agent, role: v.agentRole };
  }

  /** sha256 of the frame's vehicle ids, owners and exact float bits: equal hashes ⇔ identical states. */
  stateHash(): string {
    const f = this.frame;
    const h = createHash("sha256");
    h.update(`${f.tick}|${f.ids.join(",")}|${f.owners.join(",")}|${f.laneIds.join(",")}`);
    for (const arr of [f.x, f.y, f.headingRad, f.speedMps, f.accelerationMps2])
      h.update(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
    return h.digest("hex");
  }
}
