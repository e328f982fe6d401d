/**
 * The life of a scenario's learning agents in the simulation (DESIGN.md §7): each is `pending`
 * until its departure tick has come and its start spot is free (it then appears at rest, or at the
 * speed of the recorded vehicle it replaces), `live` while it drives, and `done` from the tick after
 * a done criterion or the scenario's duration ended its episode (its vehicle then leaves, or goes on
 * as traffic). Per tick the simulation calls, in phase order: {@link leaveDone} and the actions
 * (phase 1), {@link applyActions} and {@link spawnDue} (phase 2), {@link readStates} (phase 3),
 * {@link observeRoad} (phase 4) and {@link finishStep} (phase 6). Agents are visited in sorted id
 * order.
 */
import type { Agent, LanePosition } from "../../spec/CompiledScenario.js";
import type { VehicleType } from "../../spec/VehicleType.js";
import type { ParsedAction } from "../controllers/actionSpaces.js";
import { orientedBoxesOverlap } from "../events/orientedBoxesOverlap.js";
import { copyEvents, type Events } from "../events/road/Events.js";
import type { DoneReason } from "../events/road/MissionProgress.js";
import type { PhysicsWorld } from "../physics/PhysicsWorld.js";
import type { Lane } from "../road/Lane.js";
import type { RoadNetwork } from "../road/RoadNetwork.js";
import { AgentVehicle, type AgentVehicleState } from "./AgentVehicle.js";
import type { SimEvent } from "./SimEvent.js";
import { copyMotion, type VehicleRecord, type VehicleTable } from "./VehicleTable.js";

/** How an agent's episode stands. */
export type AgentPhase = "pending" | "live" | "done";

/** Why an agent's episode ended: a done criterion or the scenario's duration. */
export type AgentDoneReason = DoneReason | "duration";

/** An agent's outcome at the last tick. */
export interface AgentStepResult {
  /** Route progress this step (m): the default reward. */
  progressM: number;
  /** The episode ended for a reason other than the step limit. */
  terminated: boolean;
  /** The episode was cut short by the step limit or the scenario's duration. */
  truncated: boolean;
  /** Why it ended (done criteria that held, plus `duration`), empty while it goes on. */
  reasons: AgentDoneReason[];
  /** This step's road events (a copy). */
  events: Events;
}

/** The agents' part of a simulation snapshot. */
export interface ScenarioAgentsSnapshot {
  agents: { id: string; phase: AgentPhase; state: AgentVehicleState | null; result: AgentStepResult | null }[];
}

/** Room an appearing agent needs around its box, from every other vehicle (m). */
const START_CLEARANCE_M = 1;

/** Lane and offset of a scenario position for an agent (`random` parts drawn from the agent's RNG fork). */
export type LanePlacer = (position: LanePosition, agentId: string) => { lane: Lane; s: number };

/** The scenario's learning agents; see the file comment. */
export class ScenarioAgents {
  /** Every agent, sorted by id. */
  readonly list: readonly AgentVehicle[];
  /** Vehicles the agents take the place of (Agent.replaces): no provider reports them. */
  readonly replacedIds: readonly string[];
  private readonly phase = new Map<string, AgentPhase>();
  private readonly departTick = new Map<string, number>();
  private readonly results = new Map<string, AgentStepResult>();

  constructor(
    specs: readonly Agent[],
    network: RoadNetwork,
    private readonly dtS: number,
    vehicleType: (name: string, who: string) => VehicleType,
    private readonly lanePlace: LanePlacer,
  ) {
    this.list = [...specs]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map(
        (spec) =>
          new AgentVehicle(spec, vehicleType(spec.vehicle, `agent "${spec.name}"`), network, dtS, (p) => {
            const { lane, s } = lanePlace(p, spec.name);
            return lane.toWorld(s, 0);
          }),
      );
    this.replacedIds = specs.flatMap((a) => (a.replaces === null ? [] : [a.replaces]));
  }

  /** Agents driving now, sorted by id. */
  live(): AgentVehicle[] {
    return this.list.filter((a) => this.phase.get(a.id) === "live");
  }

  /** How agent `id`'s episode stands. */
  phaseOf(id: string): AgentPhase | undefined {
    return this.phase.get(id);
  }

  /** Agent `id`'s outcome at the last tick (undefined before it appeared). */
  resultOf(id: string): AgentStepResult | undefined {
    return this.results.get(id);
  }

  /** Whether agent `id` drives now and its episode has not ended (it must be given an action). */
  needsAction(id: string): boolean {
    return this.phase.get(id) === "live" && !this.results.get(id)?.reasons.length;
  }

  /** New episode: every agent pending, departing at its mission's time. */
  reset(): void {
    this.results.clear();
    for (const a of this.list) {
      this.phase.set(a.id, "pending");
      this.departTick.set(a.id, Math.round(a.spec.mission.departS / this.dtS));
    }
  }

  /** Sets every live agent's result to "going on" (the reset frame). */
  startResults(): void {
    for (const a of this.live()) this.results.set(a.id, goingOn(a));
  }

  /**
   * Phase 1: agents whose episode ended at the last tick leave now (their final frame showed them):
   * their vehicle is removed, or goes to traffic with its remaining route.
   */
  async leaveDone(table: VehicleTable, doneVehicle: "remove" | "traffic"): Promise<void> {
    for (const a of this.list) {
      if (this.phase.get(a.id) !== "live" || !this.results.get(a.id)?.reasons.length) continue;
      this.phase.set(a.id, "done");
      const rec = table.require(a.id);
      if (doneVehicle === "traffic")
        await table.transfer(rec, { kind: "traffic", routeRoadIds: a.routeRemainingRoadIds() });
      else table.remove(rec, "agentDone");
    }
  }

  /** Phase 2: each live agent's action goes to its controller. */
  applyActions(world: PhysicsWorld, actions: ReadonlyMap<string, ParsedAction>): void {
    for (const a of this.list) {
      if (this.phase.get(a.id) !== "live") continue;
      const action = actions.get(a.id);
      if (action) a.applyAction(world, action);
    }
  }

  /**
   * Agents whose departure tick has come appear at their mission start, at rest (or at the speed of
   * the recorded vehicle an agent replaces) — once nobody is on that spot: an agent whose start is
   * taken (a traffic vehicle driving or standing there) waits, as SUMO's insertion does, and appears
   * in the first step it is free.
   */
  spawnDue(table: VehicleTable, world: PhysicsWorld, tick: number): void {
    for (const a of this.list) {
      if (this.phase.get(a.id) !== "pending" || this.departTick.get(a.id)! > tick) continue;
      if (table.get(a.id)) throw new Error(`agent "${a.id}" cannot appear: a vehicle with that id exists already`);
      const start = this.startPose(a);
      if (spotTaken(table.list, a.type, start)) continue;
      const speedMps = a.spec.mission.departSpeedMps;
      a.spawn(world, start.x, start.y, start.headingRad, speedMps, tick);
      const rec = table.add(
        a.id,
        a.type,
        { kind: "agent", name: `agent:${a.id}`, agent: a, role: "learning" },
        { x: start.x, y: start.y, headingRad: start.headingRad, speedMps, accelerationMps2: 0, laneId: start.laneId },
      );
      rec.laneId = a.progress.lane?.id ?? start.laneId;
      this.phase.set(a.id, "live");
      this.results.set(a.id, goingOn(a));
    }
  }

  /** Phase 3: each live agent's state read back after the physics step, into its vehicle record. */
  readStates(table: VehicleTable, world: PhysicsWorld): void {
    for (const a of this.list) {
      if (this.phase.get(a.id) !== "live") continue;
      const rec = table.require(a.id);
      if (rec.handle !== a.handle) continue;
      a.readState(world);
      copyMotion(rec, a.state);
    }
  }

  /** Phase 4: road events and route progress (`collided`: whether a vehicle's box touched another). */
  observeRoad(table: VehicleTable, tick: number, collided: (rec: VehicleRecord) => boolean): void {
    for (const a of this.list) {
      if (this.phase.get(a.id) !== "live") continue;
      const rec = table.require(a.id);
      a.observeRoad(tick, collided(rec));
      rec.laneId = a.progress.lane?.id ?? "";
    }
  }

  /**
   * Phase 6: each live agent's result (done criteria, and the scenario's duration when
   * `durationOver`), with an `agentDone` event for each that ended. Returns whether every agent is
   * done (false for a scenario without agents).
   */
  finishStep(durationOver: boolean, pushEvent: (e: SimEvent) => void): boolean {
    for (const a of this.list) {
      if (this.phase.get(a.id) !== "live") continue;
      const reasons: AgentDoneReason[] = a.progress.done(a.spec.interface.done);
      if (durationOver && reasons.length === 0) reasons.push("duration");
      const truncated = reasons.length > 0 && reasons.every((r) => r === "maxSteps" || r === "duration");
      this.results.set(a.id, {
        progressM: a.progress.progressM,
        terminated: reasons.length > 0 && !truncated,
        truncated,
        reasons,
        events: copyEvents(a.progress.lastEvents),
      });
      if (reasons.length) pushEvent({ kind: "agentDone", agentId: a.id, reasons, truncated });
    }
    return (
      this.list.length > 0 &&
      this.list.every((a) => {
        const ph = this.phase.get(a.id);
        return ph === "done" || (ph === "live" && (this.results.get(a.id)?.reasons.length ?? 0) > 0);
      })
    );
  }

  /** The agents' state as plain data. */
  snapshot(): ScenarioAgentsSnapshot {
    return {
      agents: this.list.map((a) => {
        const phase = this.phase.get(a.id)!;
        return {
          id: a.id,
          phase,
          state: phase === "live" ? a.getState() : null,
          result: this.results.get(a.id) ?? null,
        };
      }),
    };
  }

  /** Returns to a snapshot of these agents. */
  restore(snap: ScenarioAgentsSnapshot): void {
    for (const s of snap.agents) {
      const agent = this.list.find((x) => x.id === s.id)!;
      this.phase.set(s.id, s.phase);
      if (s.state) agent.setState(s.state);
      if (s.result) this.results.set(s.id, s.result);
      else this.results.delete(s.id);
    }
  }

  private startPose(a: AgentVehicle): { x: number; y: number; headingRad: number; laneId: string } {
    const { lane, s } = this.lanePlace(a.spec.mission.start, a.id);
    const p = lane.toWorld(s, 0);
    return { x: p.x, y: p.y, headingRad: p.headingRad, laneId: lane.id };
  }
}

/** The result of an agent whose episode goes on. */
function goingOn(a: AgentVehicle): AgentStepResult {
  return { progressM: 0, terminated: false, truncated: false, reasons: [], events: copyEvents(a.progress.lastEvents) };
}

/** Whether a vehicle's box, grown by {@link START_CLEARANCE_M}, overlaps a body of `type` at `pose`. */
function spotTaken(
  vehicles: readonly VehicleRecord[],
  type: VehicleType,
  pose: { x: number; y: number; headingRad: number },
): boolean {
  const c = Math.cos(pose.headingRad),
    sn = Math.sin(pose.headingRad);
  const hl = type.lengthM / 2 + START_CLEARANCE_M,
    hw = type.widthM / 2 + START_CLEARANCE_M;
  for (const v of vehicles) {
    const reach = hl + hw + v.type.lengthM / 2 + v.type.widthM / 2;
    if (Math.abs(v.x - pose.x) > reach || Math.abs(v.y - pose.y) > reach) continue;
    const vc = Math.cos(v.headingRad),
      vs = Math.sin(v.headingRad);
    if (orientedBoxesOverlap(pose.x, pose.y, c, sn, hl, hw, v.x, v.y, vc, vs, v.type.lengthM / 2, v.type.widthM / 2))
      return true;
  }
  return false;
}
