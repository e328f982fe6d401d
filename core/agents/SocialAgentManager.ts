/**
 * Social agents (DESIGN.md §7): zoo policies driving vehicles of their own. The manager holds one
 * runtime per social agent — its policy, its {@link AgentVehicle} (controller of the policy's action
 * space, mission progress) and its observation builder — and runs them through the simulation's
 * phases, working on the vehicle table only through the {@link SocialAgentHost}:
 *
 * - phase 1 (`act`): agents whose episode ended leave; every live agent's policy gets its
 *   observation of the *previous* frame (one step of latency, like learning agents) and answers;
 *   answers are checked against the action space. A policy that throws, runs past its step budget
 *   or answers with an invalid action is stopped: an `agentFailed` event, its vehicle handed to the
 *   first provider that accepts it (else removed). The run goes on.
 * - phase 2 (`applyAndSpawn`): actions go to the controllers; agents whose departure has come appear.
 * - phase 3 (`readStates`), phase 4 (`observeRoad`): state read back; road events, route progress
 *   and done criteria (goal reached or off road; an `agentDone` event, the vehicle leaves next tick).
 *
 * Scenario social agents appear on their missions. {@link attach} starts a policy on a vehicle that a
 * traffic provider drives now (bubbles), {@link detach} hands it back to traffic. Agents are visited
 * in sorted id order everywhere.
 *
 * Bubbles add two modes (docs/bubbles.md):
 * - *shadowing* ({@link shadow}): the policy is made and runs every step on its observation of a
 *   vehicle that traffic still drives (its state mirrored from the vehicle table), but its actions
 *   are only checked, not applied. A later {@link attach} with the same agent id promotes it: the
 *   same policy instance then drives. {@link detach} of a shadowing agent just stops the policy.
 * - *learners* ({@link attachLearner}): the vehicle is driven by actions the environment hands in
 *   with {@link setLearnerActions} (no policy); the owner is `agent:<id>` and the role that of a
 *   learning agent. Their done criteria are their interface's; the env reads {@link learners}.
 */
import type {
  Agent,
  AgentInterface,
  DoneCriteria,
  Mission,
  PolicyRef,
  SocialAgent,
} from "../../spec/CompiledScenario.js";
import { ActionError, type ParsedAction } from "../controllers/actionSpaces.js";
import { DrivableAreaMap } from "../sensors/DrivableAreaMap.js";
import { AgentVehicle, type AgentVehicleState } from "../simulation/AgentVehicle.js";
import type { VehicleType } from "../../spec/VehicleType.js";
import { AgentVehicleObserver } from "./AgentVehicleObserver.js";
import { callPolicies, errorText, type PolicyCall } from "./callPolicies.js";
import type { HostVehicle, SocialAgentHost } from "./SocialAgentHost.js";
import type { SocialPolicy, SocialPolicyResolver } from "./SocialPolicy.js";

/** Options of the social agents of a simulation (`SimulationOptions.social`). */
export interface SocialAgentsOptions {
  /** Makes each social agent's policy from its locator (the agent zoo, wired in by the composition root). */
  resolver: SocialPolicyResolver;
  /**
   * Wall-time budget of one policy call (ms); a policy over it is stopped. null: no budget. Runs
   * stay deterministic unless a budget fires (see `callPolicies`). @default null
   */
  stepBudgetMs?: number | null;
}

/** How a social agent stands. */
export type SocialAgentPhase = "pending" | "shadowing" | "live" | "leaving" | "done" | "failed" | "detached";

/** Options of {@link SocialAgentManager.attach}. */
export interface AttachOptions {
  /** The social agent's id. @default the vehicle id */
  agentId?: string;
  /** The mission to drive. @default endless, from the vehicle's lane */
  mission?: Mission;
}

/** A learning agent a bubble attached, as the environment reads it. */
export interface LearnerInfo {
  id: string;
  /** Its vehicle (state, action space, mission progress). */
  vehicle: AgentVehicle;
  phase: SocialAgentPhase;
  /** Done criteria that held at the last step (empty while it goes on). */
  reasons: string[];
}

/** A social agent as the manager reports it. */
export interface SocialAgentInfo {
  id: string;
  vehicleId: string;
  locator: string;
  phase: SocialAgentPhase;
}

/** Done criteria of social agents: they leave at their goal or when off the road; collisions do not stop them (as traffic). */
const SOCIAL_DONE: DoneCriteria = {
  collision: false,
  offRoad: true,
  offRoute: false,
  onShoulder: false,
  wrongWay: false,
  notMoving: false,
  goal: true,
  maxSteps: false,
};

interface Runtime {
  id: string;
  ref: PolicyRef;
  /** The scenario's spec, or null for an attached agent. */
  spec: SocialAgent | null;
  mission: Mission;
  departTick: number;
  phase: SocialAgentPhase;
  policy: SocialPolicy;
  vehicle: AgentVehicle;
  observer: AgentVehicleObserver;
  action: ParsedAction | null;
  /** True once `policy.close` was called. */
  policyClosed: boolean;
  /** Owner name in ownership records: `social:<id>`, or `agent:<id>` for a learner. */
  owner: string;
  /** The interface of a learner (driven by the env's actions), null for a policy. */
  learner: AgentInterface | null;
  /** Done criteria that held at the last step. */
  reasons: string[];
  /**
   * What was left of the traffic provider's route when the vehicle was taken (normal road ids; empty
   * for a scenario agent or where the provider had none): handed back on release where the agent's
   * own mission has no route (endless), so the vehicle drives on to where it was going.
   */
  trafficRoute: readonly string[];
}

/** The social agents' part of a simulation snapshot. */
export interface SocialAgentsSnapshot {
  agents: {
    id: string;
    vehicleId: string;
    ref: PolicyRef;
    fromScenario: boolean;
    mission: Mission;
    typeId: string;
    departTick: number;
    phase: SocialAgentPhase;
    vehicle: AgentVehicleState | null;
    policy: unknown;
    learner: AgentInterface | null;
    reasons: string[];
    /** Runtime.trafficRoute (absent in snapshots made before it existed: none). */
    trafficRoute?: readonly string[];
  }[];
}

/** The social agents of one simulation. */
export class SocialAgentManager {
  private readonly resolver: SocialPolicyResolver;
  private readonly budgetMs: number | null;
  private readonly specs: readonly SocialAgent[];
  private runtimes: Runtime[] = [];
  private drivable: DrivableAreaMap | undefined;
  private learnerActions: ReadonlyMap<string, ParsedAction> = new Map();

  constructor(
    private readonly host: SocialAgentHost,
    specs: readonly SocialAgent[],
    options: SocialAgentsOptions,
  ) {
    this.resolver = options.resolver;
    this.budgetMs = options.stepBudgetMs ?? null;
    this.specs = [...specs].sort((a, b) => cmp(a.name, b.name));
  }

  /** Every social agent of the episode so far, sorted by id. */
  list(): SocialAgentInfo[] {
    return this.runtimes.map((r) => ({ id: r.id, vehicleId: r.vehicle.id, locator: r.ref.locator, phase: r.phase }));
  }

  /** How social agent `id` stands, or undefined when there is none. */
  phaseOf(id: string): SocialAgentPhase | undefined {
    return this.find(id)?.phase;
  }

  /** Social agents driving now, sorted by id. */
  live(): AgentVehicle[] {
    return this.runtimes.filter((r) => r.phase === "live" || r.phase === "leaving").map((r) => r.vehicle);
  }

  /** Social agent `id`'s vehicle (its state, mission progress), or undefined. */
  vehicleOf(id: string): AgentVehicle | undefined {
    return this.find(id)?.vehicle;
  }

  /** The agent vehicle that drives vehicle `vehicleId` for owner `owner`, if a social agent does (snapshot restore). */
  agentForVehicle(vehicleId: string, owner: string): AgentVehicle | undefined {
    return this.runtimes.find(
      (r) => r.vehicle.id === vehicleId && owner === r.owner && (r.phase === "live" || r.phase === "leaving"),
    )?.vehicle;
  }

  /** New episode: stops the last episode's policies, makes the scenario agents' policies, places those due at tick 0. */
  async reset(): Promise<void> {
    await this.closeAll();
    this.runtimes = [];
    for (const spec of this.specs) {
      const type = this.host.vehicleType(spec.vehicle, `social agent "${spec.name}"`);
      const rt = await this.makeRuntime(spec.name, spec.name, spec.policy, spec.mission, type, spec);
      rt.departTick = Math.round(spec.mission.departS / this.host.dtS);
      this.runtimes.push(rt);
    }
    this.spawnDue();
  }

  /** Phase 1: departures, then every live policy's action on the previous frame (see the file comment). */
  async act(): Promise<void> {
    for (const r of this.runtimes) {
      r.action = null;
      if (r.phase !== "leaving") continue;
      r.phase = "done";
      this.host.removeVehicle(r.vehicle.id, "agentDone");
      await closePolicy(r);
    }
    const frame = this.host.frame();
    const calls: PolicyCall[] = [];
    const failures: { r: Runtime; reason: "threw" | "invalidAction"; detail: string }[] = [];
    for (const r of this.runtimes) {
      if (r.phase === "shadowing" && !this.mirror(r)) {
        r.phase = "detached";
        await closePolicy(r);
        continue;
      }
      if (r.phase !== "live" && r.phase !== "shadowing") continue;
      if (r.learner) {
        r.action = this.learnerActions.get(r.id) ?? null;
        continue;
      }
      try {
        calls.push({ agentId: r.id, policy: r.policy, observation: r.observer.observe(frame) });
      } catch (e) {
        failures.push({ r, reason: "threw", detail: `observation: ${errorText(e)}` });
      }
    }
    const answers = await callPolicies(calls, this.budgetMs);
    for (const ans of answers) {
      const r = this.find(ans.agentId)!;
      if (!ans.ok) {
        await this.fail(r, ans.reason, ans.detail);
        continue;
      }
      try {
        const action = r.vehicle.actionSpace.parse(r.id, ans.action);
        // A shadowing policy's action is checked but not applied: traffic still drives.
        if (r.phase === "live") r.action = action;
      } catch (e) {
        if (!(e instanceof ActionError)) throw e;
        await this.fail(r, "invalidAction", e.detail);
      }
    }
    for (const f of failures) await this.fail(f.r, f.reason, f.detail);
  }

  /** Phase 2: actions to the controllers; agents due now appear. */
  applyAndSpawn(): void {
    const world = this.host.world();
    for (const r of this.runtimes) if (r.phase === "live" && r.action) r.vehicle.applyAction(world, r.action);
    this.spawnDue();
  }

  /** The actions of learners for the coming step (checked by the env), by agent id. */
  setLearnerActions(actions: ReadonlyMap<string, ParsedAction>): void {
    this.learnerActions = actions;
  }

  /** Every learner of the episode so far (live or ended), sorted by id. */
  learners(): LearnerInfo[] {
    return this.runtimes
      .filter((r) => r.learner !== null)
      .map((r) => ({ id: r.id, vehicle: r.vehicle, phase: r.phase, reasons: r.reasons }));
  }

  /** Phase 3: states read back after the physics step. */
  readStates(): void {
    const world = this.host.world();
    for (const r of this.runtimes) {
      if (r.phase !== "live") continue;
      r.vehicle.readState(world);
      this.host.syncAgentVehicle(r.vehicle);
    }
  }

  /** Phase 4: road events and route progress; agents done now leave at the next tick. */
  observeRoad(collided: (vehicleId: string) => boolean): void {
    const tick = this.host.tick();
    for (const r of this.runtimes) {
      if (r.phase === "shadowing") {
        if (this.mirror(r)) r.vehicle.observeRoad(tick, collided(r.vehicle.id));
        continue;
      }
      if (r.phase !== "live") continue;
      r.vehicle.observeRoad(tick, collided(r.vehicle.id));
      this.host.syncAgentVehicle(r.vehicle);
      const reasons = r.vehicle.progress.done(r.learner?.done ?? SOCIAL_DONE);
      r.reasons = reasons;
      if (reasons.length === 0) continue;
      r.phase = "leaving";
      this.host.pushEvent({ kind: "agentDone", agentId: r.id, reasons, truncated: false });
    }
  }

  /**
   * Starts a social agent with policy `ref` on vehicle `vehicleId`, which a traffic provider drives
   * now (a bubble's capture): the provider releases it and the policy drives from the next tick on,
   * from the vehicle's pose and speed. Returns the agent id.
   */
  async attach(vehicleId: string, ref: PolicyRef, options: AttachOptions = {}): Promise<string> {
    const id = options.agentId ?? vehicleId;
    const shadowing = this.find(id);
    if (shadowing?.phase === "shadowing" && shadowing.vehicle.id === vehicleId && !shadowing.learner) {
      this.usableVehicle(vehicleId, "attach");
      await this.host.takeOver(shadowing.vehicle, shadowing.owner, "social");
      shadowing.phase = "live";
      shadowing.departTick = this.host.tick();
      return id;
    }
    const rt = await this.prepare(vehicleId, ref, options, null, "attach");
    await this.host.takeOver(rt.vehicle, rt.owner, "social");
    rt.phase = "live";
    return id;
  }

  /**
   * Starts policy `ref` *shadowing* vehicle `vehicleId`, which a traffic provider still drives: the
   * policy observes and answers every step, its answers are checked but not applied. {@link attach}
   * with the same agent id later hands it the vehicle. Returns the agent id.
   */
  async shadow(vehicleId: string, ref: PolicyRef, options: AttachOptions = {}): Promise<string> {
    const rt = await this.prepare(vehicleId, ref, options, null, "shadow");
    rt.phase = "shadowing";
    const v = this.host.vehicle(vehicleId)!;
    rt.vehicle.progress.reset({ x: v.x, y: v.y, headingRad: v.headingRad, speedMps: v.speedMps }, this.host.tick());
    this.mirror(rt);
    return rt.id;
  }

  /**
   * Takes vehicle `vehicleId` from its traffic provider for a learner `agentId` with interface
   * `iface`: the environment drives it from the next step on (see {@link setLearnerActions}).
   */
  async attachLearner(vehicleId: string, agentId: string, iface: AgentInterface, mission?: Mission): Promise<string> {
    const rt = await this.prepare(
      vehicleId,
      { locator: "learner", params: {} },
      { agentId, mission },
      iface,
      "attachLearner",
    );
    await this.host.takeOver(rt.vehicle, rt.owner, "learning");
    rt.phase = "live";
    return agentId;
  }

  /** Checks that `vehicleId` can be taken from traffic and makes its (not yet placed) runtime. */
  private async prepare(
    vehicleId: string,
    ref: PolicyRef,
    options: AttachOptions,
    learner: AgentInterface | null,
    what: string,
  ): Promise<Runtime> {
    const v = this.usableVehicle(vehicleId, what);
    const id = options.agentId ?? vehicleId;
    const old = this.find(id);
    if (
      old &&
      (old.phase === "live" || old.phase === "leaving" || old.phase === "pending" || old.phase === "shadowing")
    )
      throw new Error(`${what}: social agent "${id}" exists already (${old.phase})`);
    const trafficRoute = this.host.trafficRoute(vehicleId);
    const mission = options.mission ?? onRoute(this.missionFromHere(v.laneId, v.x, v.y, vehicleId), trafficRoute);
    const rt = await this.makeRuntime(
      id,
      vehicleId,
      ref,
      mission,
      this.host.vehicleType(v.typeId, `vehicle "${vehicleId}"`),
      null,
      learner,
    );
    rt.departTick = this.host.tick();
    rt.trafficRoute = trafficRoute;
    this.runtimes = this.runtimes.filter((r) => r.id !== id);
    this.insert(rt);
    return rt;
  }

  private usableVehicle(vehicleId: string, what: string): HostVehicle {
    const v = this.host.vehicle(vehicleId);
    if (!v) throw new Error(`${what}: vehicle "${vehicleId}" does not exist`);
    if (!v.byProvider)
      throw new Error(`${what}: vehicle "${vehicleId}" is driven by "${v.owner}", not a traffic provider`);
    return v;
  }

  /** Copies a shadowed vehicle's state into the agent's vehicle; false when traffic no longer drives it. */
  private mirror(r: Runtime): boolean {
    const v = this.host.vehicle(r.vehicle.id);
    if (!v || !v.byProvider) return false;
    const st = r.vehicle.state;
    st.x = v.x;
    st.y = v.y;
    st.headingRad = v.headingRad;
    st.speedMps = v.speedMps;
    st.vxMps = v.speedMps * Math.cos(v.headingRad);
    st.vyMps = v.speedMps * Math.sin(v.headingRad);
    return true;
  }

  /** Stops social agent `id` and hands its vehicle to traffic (first provider that accepts it, else removed), or removes it. */
  async detach(id: string, to: "traffic" | "remove" = "traffic"): Promise<void> {
    const r = this.find(id);
    if (!r) throw new Error(`detach: no social agent "${id}"`);
    if (r.phase === "shadowing") {
      r.phase = "detached";
      await closePolicy(r);
      return;
    }
    if (r.phase !== "live" && r.phase !== "leaving")
      throw new Error(`detach: social agent "${id}" is not driving (${r.phase})`);
    r.phase = "detached";
    if (to === "traffic") await this.host.releaseToTraffic(r.vehicle.id, releaseRoute(r));
    else this.host.removeVehicle(r.vehicle.id, "removed");
    await closePolicy(r);
  }

  /** Stops every policy (end of the run). */
  async close(): Promise<void> {
    await this.closeAll();
  }

  /** The agents' state (vehicles and policies) as plain data. */
  snapshot(): SocialAgentsSnapshot {
    return {
      agents: this.runtimes.map((r) => ({
        id: r.id,
        vehicleId: r.vehicle.id,
        ref: r.ref,
        fromScenario: r.spec !== null,
        mission: r.mission,
        typeId: r.vehicle.type.id,
        departTick: r.departTick,
        phase: r.phase,
        vehicle: r.phase === "live" || r.phase === "leaving" || r.phase === "shadowing" ? r.vehicle.getState() : null,
        policy: r.policy.snapshot?.(),
        learner: r.learner,
        reasons: r.reasons,
        trafficRoute: r.trafficRoute,
      })),
    };
  }

  /** Returns to a snapshot of this manager; policies stopped since are made again. */
  async restore(snap: SocialAgentsSnapshot): Promise<void> {
    const keep = new Set<Runtime>();
    const next: Runtime[] = [];
    for (const s of snap.agents) {
      const same = this.runtimes.find(
        (r) => r.id === s.id && r.vehicle.id === s.vehicleId && r.ref.locator === s.ref.locator && !r.policyClosed,
      );
      const spec = s.fromScenario ? (this.specs.find((x) => x.name === s.id) ?? null) : null;
      const rt =
        same ??
        (await this.makeRuntime(
          s.id,
          s.vehicleId,
          s.ref,
          s.mission,
          this.host.vehicleType(s.typeId, `social agent "${s.id}"`),
          spec,
          s.learner,
        ));
      rt.reasons = [...s.reasons];
      rt.trafficRoute = s.trafficRoute ?? [];
      keep.add(rt);
      rt.phase = s.phase;
      rt.departTick = s.departTick;
      rt.action = null;
      if (s.vehicle) rt.vehicle.setState(s.vehicle);
      if (s.policy !== undefined) rt.policy.restore?.(structuredClone(s.policy));
      if (s.phase !== "live" && s.phase !== "leaving" && s.phase !== "pending" && s.phase !== "shadowing")
        await closePolicy(rt);
      next.push(rt);
    }
    for (const r of this.runtimes) if (!keep.has(r)) await closePolicy(r);
    this.runtimes = next;
  }

  // ---- internals --------------------------------------------------------------------------

  private find(id: string): Runtime | undefined {
    return this.runtimes.find((r) => r.id === id);
  }

  private insert(rt: Runtime): void {
    const i = this.runtimes.findIndex((r) => cmp(r.id, rt.id) > 0);
    if (i < 0) this.runtimes.push(rt);
    else this.runtimes.splice(i, 0, rt);
  }

  private async makeRuntime(
    id: string,
    vehicleId: string,
    ref: PolicyRef,
    mission: Mission,
    type: VehicleType,
    spec: SocialAgent | null,
    learner: AgentInterface | null = null,
  ): Promise<Runtime> {
    const host = this.host;
    const viaPoints = mission.viaPoints.map((v) => {
      const { lane, s } = host.lanePlace(v.position, id);
      const p = lane.toWorld(s, 0);
      return { x: p.x, y: p.y, speedMps: v.speedMps };
    });
    let policy: SocialPolicy;
    try {
      policy = learner
        ? learnerPolicy(id, learner)
        : await this.resolver({
            agentId: id,
            ref,
            vehicleType: type,
            dtS: host.dtS,
            baseDir: host.scenarioDir,
            viaPoints,
            seed: host.forkRng(`social:${id}`).uint32(),
          });
    } catch (e) {
      throw new Error(`social agent "${id}": ${errorText(e)}`, { cause: e });
    }
    const agentSpec: Agent = {
      name: vehicleId,
      vehicle: type.id,
      mission,
      interface: learner ?? {
        action: policy.actionSpace,
        maxSteps: null,
        observation: policy.observation,
        done: SOCIAL_DONE,
      },
      replaces: null,
    };
    const vehicle = new AgentVehicle(agentSpec, type, host.network, host.dtS, (p) => {
      const { lane, s } = host.lanePlace(p, id);
      return lane.toWorld(s, 0);
    });
    const observer = new AgentVehicleObserver(
      vehicle,
      policy.observation,
      host.network,
      () => (this.drivable ??= new DrivableAreaMap(host.network)),
    );
    return {
      id,
      ref,
      spec,
      mission,
      departTick: 0,
      phase: "pending",
      policy,
      vehicle,
      observer,
      action: null,
      policyClosed: false,
      owner: learner ? `agent:${id}` : ownerName(id),
      learner,
      reasons: [],
      trafficRoute: [],
    };
  }

  private spawnDue(): void {
    const tick = this.host.tick();
    for (const r of this.runtimes) {
      if (r.phase !== "pending" || r.departTick > tick) continue;
      if (this.host.vehicle(r.vehicle.id))
        throw new Error(`social agent "${r.id}" cannot appear: a vehicle "${r.vehicle.id}" exists already`);
      const { lane, s } = this.host.lanePlace(r.mission.start, r.id);
      const p = lane.toWorld(s, 0);
      r.vehicle.spawn(this.host.world(), p.x, p.y, p.headingRad, 0, tick);
      this.host.addAgentVehicle(r.vehicle, r.owner, r.vehicle.progress.lane?.id ?? lane.id);
      r.phase = "live";
    }
  }

  /** Stops `r`: event, vehicle to traffic (or removed), policy closed. */
  private async fail(r: Runtime, reason: "threw" | "timeout" | "invalidAction", detail: string): Promise<void> {
    if (r.phase !== "live" && r.phase !== "shadowing") return;
    const driving = r.phase === "live";
    r.phase = "failed";
    r.action = null;
    this.host.pushEvent({ kind: "agentFailed", agentId: r.id, vehicleId: r.vehicle.id, reason, detail });
    // A shadowing policy never drove: traffic keeps the vehicle.
    if (driving) await this.host.releaseToTraffic(r.vehicle.id, releaseRoute(r));
    await closePolicy(r);
  }

  /** An endless mission from where vehicle `who` is now. */
  private missionFromHere(laneId: string, x: number, y: number, who: string): Mission {
    const net = this.host.network;
    let lane = laneId ? net.lane(laneId) : undefined;
    // On a junction connector: the mission starts at the road it leads to.
    const after = lane?.isInternal ? lane.successors.find((l) => !l.isInternal) : undefined;
    if (after)
      return {
        kind: "endless",
        start: { roadId: after.road.id, laneIndex: after.index, offsetM: 0 },
        departS: 0,
        viaPoints: [],
        departSpeedMps: 0,
      };
    if (!lane || lane.isInternal) lane = net.nearestLane(x, y, { maxDistM: 10 })?.lane;
    if (!lane || lane.isInternal) throw new Error(`attach: vehicle "${who}" is on no normal lane; give a mission`);
    const s = Math.max(0, lane.toLane(x, y).s);
    return {
      kind: "endless",
      start: { roadId: lane.road.id, laneIndex: lane.index, offsetM: s },
      departS: 0,
      viaPoints: [],
      departSpeedMps: 0,
    };
  }

  private async closeAll(): Promise<void> {
    for (const r of this.runtimes) await closePolicy(r);
  }
}

/**
 * An endless mission from where a vehicle is, made a route mission along `route` (what is left of the
 * route traffic drove it on, from its road on): a bubble's zoo actor then turns where the vehicle was
 * going. Unchanged where there is no such route or it does not start on the mission's road.
 */
function onRoute(mission: Mission, route: readonly string[]): Mission {
  if (mission.kind !== "endless" || route.length === 0 || route[0] !== mission.start.roadId) return mission;
  const last = route[route.length - 1];
  return {
    kind: "route",
    start: mission.start,
    end: { roadId: last, laneIndex: 0, offsetM: "end" },
    viaRoadIds: [],
    roadIds: [...route],
    departS: mission.departS,
    viaPoints: mission.viaPoints,
    departSpeedMps: mission.departSpeedMps,
  };
}

/**
 * The route `r`'s vehicle goes back to traffic with: what is left of its mission's route, else (an
 * endless mission) what is left of the route traffic had given it, from the road it is on now
 * (inside a junction: the road it enters); empty when traffic had none.
 */
function releaseRoute(r: Runtime): readonly string[] {
  const own = r.vehicle.routeRemainingRoadIds();
  if (own.length > 0 || r.trafficRoute.length === 0) return own;
  const lane = r.vehicle.progress.lane;
  if (!lane) return [];
  const road = lane.isInternal ? lane.successors.find((l) => !l.isInternal)?.road : lane.road;
  if (!road) return [];
  const i = r.trafficRoute.indexOf(road.id);
  // Off that route: from here to where it was going (providers bridge the gap with a planned route).
  return i >= 0 ? r.trafficRoute.slice(i) : [road.id, r.trafficRoute[r.trafficRoute.length - 1]];
}

/** The stand-in policy of a learner: the env supplies its actions, so it is never asked. */
function learnerPolicy(id: string, iface: AgentInterface): SocialPolicy {
  return {
    actionSpace: iface.action,
    observation: iface.observation,
    act() {
      throw new Error(`learner "${id}" is driven by the environment's actions, not a policy`);
    },
  };
}

/** Owner name of social agent `id` in ownership records and frames. */
export function ownerName(id: string): string {
  return `social:${id}`;
}

async function closePolicy(r: Runtime): Promise<void> {
  if (r.policyClosed) return;
  r.policyClosed = true;
  try {
    await r.policy.close?.();
  } catch {
    // A policy that fails to close is already stopped; nothing depends on its cleanup.
  }
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
