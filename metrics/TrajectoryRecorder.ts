/**
 * A frame sink (DESIGN.md §4, record phase) that records every agent's {@link AgentTrajectory}
 * from a running simulation — the scenario's learning agents and the learners that learning-agent
 * bubbles give vehicles to (under their learner ids; a learner released by its bubble ends with the
 * reason `released`): pose and motion from the frame, lane position, route position, goal
 * distance and road events from the agent's mission progress, the action that produced the step
 * (noted by the driver of the episode), and the vehicles within `radiusM`.
 *
 * The simulation takes its sinks at construction, so the recorder is created first and attached
 * to the simulation once that exists: `const rec = new TrajectoryRecorder(); const env = new
 * ParallelEnv(…, { sinks: [rec] }); rec.attach(env.sim);`. A frame of tick 0 (a reset) starts new
 * trajectories.
 */
import type { FrameSink } from "../core/simulation/FrameSink.js";
import type { SimFrame } from "../core/simulation/SimFrame.js";
import type { Simulation } from "../core/simulation/Simulation.js";
import type { AgentVehicle } from "../core/simulation/AgentVehicle.js";
import type { Events } from "../core/events/road/Events.js";
import type { AgentStep, AgentTrajectory, NeighbourSample } from "./AgentTrajectory.js";

/** Options of a {@link TrajectoryRecorder}. */
export interface TrajectoryRecorderOptions {
  /** Vehicles within this centre distance of the ego are recorded as its neighbours (m). @default 50 */
  radiusM?: number;
}

/** Records agent trajectories; see the file comment. */
export class TrajectoryRecorder implements FrameSink {
  private readonly radiusM: number;
  private sim: Simulation | undefined;
  private pending: Readonly<Record<string, unknown>> = {};
  private readonly byAgent = new Map<string, AgentTrajectory>();

  constructor(options: TrajectoryRecorderOptions = {}) {
    this.radiusM = options.radiusM ?? 50;
  }

  /** Connects the recorder to the simulation whose agents it reads. */
  attach(sim: Simulation): void {
    this.sim = sim;
  }

  /** The actions about to be given for the next step, by agent id. */
  noteActions(actions: Readonly<Record<string, unknown>>): void {
    this.pending = actions;
  }

  /** Record phase: one sample per live agent in the frame. */
  onFrame(frame: SimFrame): void {
    const sim = this.sim;
    if (!sim) throw new Error("TrajectoryRecorder: attach(sim) before the simulation records frames");
    if (frame.tick === 0) this.byAgent.clear();
    for (const a of sim.agents) {
      if (sim.agentPhaseOf(a.id) !== "live") continue;
      const result = sim.agentResult(a.id);
      this.sample(frame, a.id, a, result ? [...result.reasons] : [], result?.events ?? a.progress.lastEvents);
    }
    for (const l of sim.social?.learners() ?? []) {
      if (l.phase === "live" || l.phase === "leaving")
        this.sample(frame, l.id, l.vehicle, [...l.reasons], l.vehicle.progress.lastEvents);
      else if (l.phase === "detached") {
        const traj = this.byAgent.get(l.id);
        if (traj && traj.doneReasons.length === 0) traj.doneReasons = ["released"];
      }
    }
    this.pending = {};
  }

  /** One sample of agent `agentId`, driving `a`, in `frame`. */
  private sample(frame: SimFrame, agentId: string, a: AgentVehicle, doneReasons: string[], ev: Events): void {
    const sim = this.sim!;
    const r2 = this.radiusM * this.radiusM;
    const i = frame.indexOf(a.id);
    if (i < 0) return;
    let traj = this.byAgent.get(agentId);
    if (!traj) {
      traj = {
        agentId,
        dtS: sim.dtS,
        halfLengthM: frame.halfLength[i],
        halfWidthM: frame.halfWidth[i],
        routeLengthM: a.progress.routeLengthM,
        maxSteps: a.spec.interface.maxSteps,
        doneReasons: [],
        steps: [],
      };
      this.byAgent.set(agentId, traj);
    }
    traj.doneReasons = doneReasons;
    const lane = a.progress.lane;
    const goal = a.progress.goal;
    const x = frame.x[i];
    const y = frame.y[i];
    const neighbours: NeighbourSample[] = [];
    for (let j = 0; j < frame.count; j++) {
      if (j === i) continue;
      const dx = frame.x[j] - x;
      const dy = frame.y[j] - y;
      if (dx * dx + dy * dy > r2) continue;
      neighbours.push({
        id: frame.ids[j],
        x: frame.x[j],
        y: frame.y[j],
        headingRad: frame.headingRad[j],
        speedMps: frame.speedMps[j],
        halfLengthM: frame.halfLength[j],
        halfWidthM: frame.halfWidth[j],
        laneId: frame.laneIds[j],
      });
    }
    const step: AgentStep = {
      tick: frame.tick,
      x,
      y,
      headingRad: frame.headingRad[i],
      speedMps: frame.speedMps[i],
      accelerationMps2: frame.accelerationMps2[i],
      laneId: lane?.id ?? "",
      roadId: lane?.road.id ?? "",
      laneIndex: lane?.index ?? -1,
      internalLane: lane?.isInternal ?? false,
      laneOffsetM: lane ? a.progress.laneT : 0,
      laneWidthM: lane?.widthM ?? 0,
      speedLimitMps: lane?.speedLimitMps ?? 0,
      routePositionM: a.progress.routePositionM,
      goalDistanceM: goal ? Math.hypot(goal.x - x, goal.y - y) : Number.NaN,
      events: {
        collision: ev.collision,
        offRoad: ev.offRoad,
        onShoulder: ev.onShoulder,
        offRoute: ev.offRoute,
        wrongWay: ev.wrongWay,
        reachedGoal: ev.reachedGoal,
      },
      action: traj.steps.length === 0 ? null : (this.pending[agentId] ?? null),
      neighbours,
    };
    traj.steps.push(step);
  }

  /** The trajectories recorded since the last reset, sorted by agent id. */
  trajectories(): AgentTrajectory[] {
    return [...this.byAgent.values()].sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0));
  }
}
