/**
 * One agent's vehicle at run time: its body in the physics world, the controller of its action
 * space, and its mission progress. The simulation calls, per tick: `applyAction` (phase 2),
 * `readState` (after physics, phase 3) and `observeRoad` (phase 4).
 *
 * Dynamic action spaces (continuous, lane, lane_with_continuous_speed, actuator_dynamic) drive a
 * dynamic body (bicycle model on cannon-es); kinematic ones (direct, target_pose,
 * relative_target_pose, trajectory) move a kinematic body to the pose their controller plans.
 */
import type { Agent, Mission } from "../../spec/CompiledScenario.js";
import { applyLaneAction, applyLaneWithContinuousSpeedAction } from "../controllers/applyLaneAction.js";
import { DirectController } from "../controllers/DirectController.js";
import { createDriveControls } from "../controllers/DriveControls.js";
import { createKinematicPose, type KinematicPose } from "../../spec/KinematicPose.js";
import {
  createLaneFollowingState,
  LaneFollowingController,
  type LaneFollowingState,
} from "../controllers/LaneFollowingController.js";
import { RelativeTargetPoseController } from "../controllers/RelativeTargetPoseController.js";
import {
  createTargetPoseState,
  TargetPoseController,
  type TargetPoseState,
} from "../controllers/TargetPoseController.js";
import { TrajectoryController } from "../controllers/TrajectoryController.js";
import { wrapAngleRad } from "../../spec/wrapAngleRad.js";
import type { ParsedAction } from "../controllers/actionSpaces.js";
import { AgentActionSpace } from "../controllers/actionSpaces.js";
import { MissionProgress, type MissionProgressState } from "../events/road/MissionProgress.js";
import type { PhysicsWorld } from "../physics/PhysicsWorld.js";
import { resolveVehicleParams } from "../physics/VehicleParams.js";
import { createVehicleState, type VehicleState } from "../physics/VehicleState.js";
import type { Road } from "../road/Road.js";
import type { RoadNetwork } from "../road/RoadNetwork.js";
import { waypointPaths, type Waypoint } from "../road/waypointPaths.js";
import { vehicleParamsFor } from "../vehicles/resolveVehicleType.js";
import type { VehicleType } from "../../spec/VehicleType.js";

const DYNAMIC = new Set(["continuous", "lane", "lane_with_continuous_speed", "actuator_dynamic"]);

/** Waypoints per path the lane-following controller looks at (1 m apart). */
const CONTROLLER_PATH_POINTS = 40;
/** How far off its lane a lane-following vehicle may be and still find it (m). */
const LANE_SEARCH_M = 10;

/** The run-time state of an agent vehicle, as plain data (simulation snapshots). */
export interface AgentVehicleState {
  handle: number;
  state: VehicleState;
  prevAccelerationMps2: number;
  jerkMps3: number;
  pose: KinematicPose;
  lane: LaneFollowingState;
  targetPose: TargetPoseState;
  progress: MissionProgressState;
  stepsTaken: number;
}

/** An agent's vehicle, its controller and its mission progress. */
export class AgentVehicle {
  readonly id: string;
  readonly dynamic: boolean;
  readonly actionSpace: AgentActionSpace;
  readonly progress: MissionProgress;
  readonly routeRoads: readonly Road[];
  /** Physics handle of the body. */
  handle = -1;
  /** State after the last physics step (world frame). */
  readonly state: VehicleState = createVehicleState();
  /** d(acceleration)/dt over the last step (m/s³). */
  jerkMps3 = 0;
  /** Steps taken since the vehicle appeared. */
  stepsTaken = 0;
  private prevAccel = 0;
  private readonly pose: KinematicPose = createKinematicPose();
  private readonly laneCtrl: LaneFollowingController | undefined;
  private readonly targetPoseCtrl: TargetPoseController;
  private readonly relativeCtrl: RelativeTargetPoseController;
  private readonly directCtrl: DirectController;
  private readonly trajectoryCtrl: TrajectoryController;
  private readonly controls = createDriveControls();

  constructor(
    readonly spec: Agent,
    readonly type: VehicleType,
    private readonly net: RoadNetwork,
    private readonly dtS: number,
    resolvePosition: (p: Mission["start"]) => { x: number; y: number },
  ) {
    this.id = spec.name;
    this.dynamic = DYNAMIC.has(spec.interface.action);
    this.actionSpace = new AgentActionSpace(spec.interface.action, type, dtS);
    this.progress = new MissionProgress(net, spec.mission, {
      agentId: spec.name,
      dtS,
      vehicleLengthM: type.lengthM,
      vehicleWidthM: type.widthM,
      maxSteps: spec.interface.maxSteps,
      vehicleClass: type.vClass,
      resolvePosition,
    });
    this.routeRoads = spec.mission.kind === "route" ? spec.mission.roadIds.map((id) => net.road(id)!) : [];
    if (this.dynamic)
      this.laneCtrl = new LaneFollowingController(resolveVehicleParams(vehicleParamsFor(type)), { dtS });
    this.targetPoseCtrl = new TargetPoseController({ dtS });
    this.relativeCtrl = new RelativeTargetPoseController({ dtS });
    this.directCtrl = new DirectController({ dtS });
    this.trajectoryCtrl = new TrajectoryController({ dtS });
  }

  /** Puts the vehicle's body into `world` at (x, y, heading) moving at `speedMps`, and starts its mission at `tick`. */
  spawn(world: PhysicsWorld, x: number, y: number, headingRad: number, speedMps: number, tick: number): void {
    const pose = { xM: x, yM: y, headingRad };
    this.handle = this.dynamic
      ? world.addVehicle(pose, vehicleParamsFor(this.type), speedMps)
      : world.addKinematic(pose, { lengthM: this.type.lengthM, widthM: this.type.widthM, heightM: this.type.heightM });
    Object.assign(this.pose, { xM: x, yM: y, headingRad, speedMps });
    Object.assign(this.state, createVehicleState(), { x, y, headingRad, speedMps, z: this.type.heightM / 2 });
    this.prevAccel = 0;
    this.jerkMps3 = 0;
    this.stepsTaken = 0;
    // The controllers outlive episodes (one agent vehicle per simulation): nothing of the last
    // episode — a lane change under way, the integrators, a pose target — may steer this one.
    if (this.laneCtrl) this.laneCtrl.state = createLaneFollowingState();
    this.targetPoseCtrl.state = createTargetPoseState();
    this.progress.reset({ x, y, headingRad, speedMps }, tick);
  }

  /** The route's roads from the one the vehicle is on to the end (empty off the route or for endless missions). */
  routeRemainingRoadIds(): string[] {
    const lane = this.progress.lane;
    if (!lane || this.routeRoads.length === 0) return [];
    const i = this.routeRoads.findIndex((r) => r === lane.road);
    return i < 0 ? [] : this.routeRoads.slice(i).map((r) => r.id);
  }

  /** Phase 2: hands `action` to the controller, which commands the body for the coming physics step. */
  applyAction(world: PhysicsWorld, action: ParsedAction): void {
    const st = this.state;
    switch (action.kind) {
      case "continuous":
        world.setControls(this.handle, action.throttle, action.brake, action.steering);
        return;
      case "actuator_dynamic":
        world.setActuatorControls(this.handle, action.throttle, action.brake, action.steeringRateRadps);
        return;
      case "lane":
      case "lane_with_continuous_speed": {
        const paths = this.controllerPaths();
        const c = this.controls;
        if (paths.length === 0) {
          // Nowhere to follow (far off the road): brake to a stop.
          c.throttle = 0;
          c.brake = 1;
          c.steering = 0;
        } else if (action.kind === "lane") applyLaneAction(this.laneCtrl!, st, paths, action.action, c);
        else applyLaneWithContinuousSpeedAction(this.laneCtrl!, st, paths, action, c);
        world.setControls(this.handle, c.throttle, c.brake, c.steering);
        return;
      }
      case "direct":
        this.directCtrl.step(this.pose, action, this.pose);
        break;
      case "target_pose":
        this.targetPoseCtrl.step(this.pose, action, this.pose);
        break;
      case "relative_target_pose":
        this.relativeCtrl.step(this.pose, action, this.pose);
        break;
      case "trajectory":
        this.trajectoryCtrl.step(this.pose, action.points, this.pose);
        break;
    }
    world.moveKinematic(this.handle, this.pose);
  }

  /** After the physics step: reads the body's state (dynamic) or derives it from the planned pose (kinematic). */
  readState(world: PhysicsWorld): void {
    const st = this.state;
    if (this.dynamic) {
      world.vehicleState(this.handle, st);
    } else {
      const p = this.pose;
      const prevSpeed = st.speedMps;
      st.yawRateRadps = wrapAngleRad(p.headingRad - st.headingRad) / this.dtS;
      st.x = p.xM;
      st.y = p.yM;
      st.headingRad = p.headingRad;
      st.speedMps = p.speedMps;
      st.accelerationMps2 = (p.speedMps - prevSpeed) / this.dtS;
      st.vxMps = p.speedMps * Math.cos(p.headingRad);
      st.vyMps = p.speedMps * Math.sin(p.headingRad);
    }
    this.jerkMps3 = (st.accelerationMps2 - this.prevAccel) / this.dtS;
    this.prevAccel = st.accelerationMps2;
    this.stepsTaken++;
  }

  /** Phase 4: road events and route progress of this step. */
  observeRoad(tick: number, collided: boolean): void {
    this.progress.step(this.state, tick, collided);
  }

  /** The state as plain data. */
  getState(): AgentVehicleState {
    return {
      handle: this.handle,
      state: { ...this.state },
      prevAccelerationMps2: this.prevAccel,
      jerkMps3: this.jerkMps3,
      pose: { ...this.pose },
      lane: this.laneCtrl ? { ...this.laneCtrl.state } : ({} as LaneFollowingState),
      targetPose: { ...this.targetPoseCtrl.state },
      progress: this.progress.getState(),
      stepsTaken: this.stepsTaken,
    };
  }

  /** Returns to a state from {@link getState}. */
  setState(s: AgentVehicleState): void {
    this.handle = s.handle;
    Object.assign(this.state, s.state);
    this.prevAccel = s.prevAccelerationMps2;
    this.jerkMps3 = s.jerkMps3;
    Object.assign(this.pose, s.pose);
    if (this.laneCtrl) this.laneCtrl.state = { ...s.lane };
    this.targetPoseCtrl.state = { ...s.targetPose };
    this.progress.setState(s.progress);
    this.stepsTaken = s.stepsTaken;
  }

  /** Waypoint paths of the road the vehicle is on, following its route (for the lane-following controller). */
  private controllerPaths(): Waypoint[][] {
    let lane = this.progress.lane;
    let s = this.progress.laneS;
    if (!lane) {
      const near = this.net.nearestLane(this.state.x, this.state.y, { maxDistM: LANE_SEARCH_M });
      if (!near) return [];
      lane = near.lane;
      s = near.s;
    }
    // At the end of the route a path may have shrunk to a single point: nothing left to follow.
    return waypointPaths(this.net, lane, Math.max(0, s), this.routeRoads as Road[], {
      count: CONTROLLER_PATH_POINTS,
    }).filter((p) => p.length >= 2);
  }
}
