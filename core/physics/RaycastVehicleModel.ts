/**
 * The measured alternative to `DynamicVehicle`: cannon-es's `RaycastVehicle` (a 6-DOF box chassis
 * on four raycast spring-damper wheels with constraint-style tyre friction). Not used by default;
 * kept, behind `PhysicsWorldOptions.vehicleModel = "raycast"`, so that the comparison in
 * bench/physicsBenchmark.ts can be re-run. Powertrain and drag are the same as the bicycle model's.
 *
 * Axes: x forward, y left, z up. cannon-es derives a wheel's forward direction as up × axle, which
 * with the axle along +y is −x, so the engine force is applied negated.
 */
import * as CANNON from "cannon-es";
import { GROUP_GROUND, GROUP_KINEMATIC, GROUP_VEHICLE } from "./collisionGroups.js";
import { setBoxInertia } from "./setBoxInertia.js";
import { AIR_DENSITY_KGPM3, GRAVITY_MPS2, driveForceN } from "./driveForceN.js";
import { VehicleActuators } from "./VehicleActuators.js";
import type { VehicleModel } from "./VehicleModel.js";
import type { VehicleParams } from "./VehicleParams.js";

/** Wheel radius in m. */
const WHEEL_RADIUS_M = 0.3;
/** Suspension rest length in m. */
const SUSPENSION_REST_M = 0.3;
/** Ground clearance of the chassis box at rest, in m (the box is heightM minus this, raised by it). */
const CLEARANCE_M = 0.25;
/** Share of the braking force on the front axle (as in the bicycle model). */
const FRONT_BRAKE_SHARE = 0.6;

/** cannon-es RaycastVehicle wrapped in the `VehicleModel` contract. */
export class RaycastVehicleModel implements VehicleModel {
  readonly body: CANNON.Body;
  private readonly vehicle: CANNON.RaycastVehicle;
  private readonly act: VehicleActuators;
  private prevSpeedMps = 0;
  private accelMps2 = 0;
  private readonly forward = new CANNON.Vec3();

  /** Creates the chassis at (x, y) in m with heading in rad, moving forward at `speedMps`, resting on its suspension. */
  constructor(
    readonly params: VehicleParams,
    xM: number,
    yM: number,
    headingRad: number,
    speedMps = 0,
  ) {
    this.act = new VehicleActuators(params);
    const boxH = params.heightM - CLEARANCE_M;
    // Body origin = centre of the chassis box; wheels hang below it.
    const connectZ = -boxH / 2;
    const restZ = -connectZ + SUSPENSION_REST_M + WHEEL_RADIUS_M - 0.08; // approx. sag under load
    const halfExtents = new CANNON.Vec3(params.lengthM / 2, params.widthM / 2, boxH / 2);
    this.body = new CANNON.Body({
      mass: params.massKg,
      shape: new CANNON.Box(halfExtents),
      position: new CANNON.Vec3(xM, yM, restZ),
      linearDamping: 0,
      angularDamping: 0,
      allowSleep: false,
      collisionFilterGroup: GROUP_VEHICLE,
      collisionFilterMask: GROUP_GROUND | GROUP_VEHICLE | GROUP_KINEMATIC,
    });
    this.body.quaternion.setFromAxisAngle(new CANNON.Vec3(0, 0, 1), headingRad);
    this.body.velocity.set(speedMps * Math.cos(headingRad), speedMps * Math.sin(headingRad), 0);
    this.prevSpeedMps = speedMps;
    setBoxInertia(this.body, halfExtents);
    this.vehicle = new CANNON.RaycastVehicle({
      chassisBody: this.body,
      indexRightAxis: 1,
      indexForwardAxis: 0,
      indexUpAxis: 2,
    });
    const half = params.wheelbaseM / 2;
    const track = params.widthM / 2 - 0.15;
    for (const [x, y] of [
      [half, track],
      [half, -track],
      [-half, track],
      [-half, -track],
    ] as const) {
      this.vehicle.addWheel({
        radius: WHEEL_RADIUS_M,
        directionLocal: new CANNON.Vec3(0, 0, -1),
        axleLocal: new CANNON.Vec3(0, 1, 0),
        chassisConnectionPointLocal: new CANNON.Vec3(x, y, connectZ),
        suspensionStiffness: 30,
        suspensionRestLength: SUSPENSION_REST_M,
        maxSuspensionTravel: 0.3,
        dampingRelaxation: 2.3,
        dampingCompression: 4.4,
        maxSuspensionForce: 1e6,
        frictionSlip: params.tyreFriction,
        rollInfluence: 0.01,
        useCustomSlidingRotationalSpeed: true,
        customSlidingRotationalSpeed: -30,
      });
    }
  }

  get steeringRad(): number {
    return this.act.steeringRad;
  }

  get accelerationMps2(): number {
    return this.accelMps2;
  }

  setControls(throttle: number, brake: number, steering: number): void {
    this.act.setControls(throttle, brake, steering);
  }

  setActuatorControls(throttle: number, brake: number, steeringRateRadps: number): void {
    this.act.setActuatorControls(throttle, brake, steeringRateRadps);
  }

  beforeSubstep(hS: number): void {
    const act = this.act;
    act.advanceSteering(hS);
    const p = this.params;
    const b = this.body;
    const v = this.vehicle;
    b.vectorToWorldFrame(CANNON.Vec3.UNIT_X, this.forward);
    const speed = this.forward.dot(b.velocity);
    const drive = driveForceN(p, act.throttle, speed);
    const brakeN = act.brake * p.massKg * p.maxDecelMps2 + p.rollingResistance * p.massKg * GRAVITY_MPS2;
    for (let i = 0; i < 4; i++) {
      const front = i < 2;
      v.setSteeringValue(front ? act.steeringRad : 0, i);
      v.applyEngineForce(-(front ? p.frontDriveShare : 1 - p.frontDriveShare) * drive * 0.5, i);
      // cannon-es takes the brake as the largest rolling-friction impulse per substep, N·s.
      v.setBrake((front ? FRONT_BRAKE_SHARE : 1 - FRONT_BRAKE_SHARE) * 0.5 * brakeN * hS, i);
    }
    const drag = 0.5 * AIR_DENSITY_KGPM3 * p.dragAreaM2 * speed * Math.abs(speed);
    b.force.x -= drag * this.forward.x;
    b.force.y -= drag * this.forward.y;
  }

  afterStep(dtS: number): void {
    this.body.vectorToWorldFrame(CANNON.Vec3.UNIT_X, this.forward);
    const speed = this.forward.dot(this.body.velocity);
    this.accelMps2 = (speed - this.prevSpeedMps) / dtS;
    this.prevSpeedMps = speed;
  }

  saveInternal(): number[] {
    const out: number[] = [];
    this.act.save(out);
    out.push(this.prevSpeedMps, this.accelMps2);
    for (const w of this.vehicle.wheelInfos)
      out.push(
        w.suspensionLength,
        w.rotation,
        w.deltaRotation,
        w.suspensionRelativeVelocity,
        w.clippedInvContactDotSuspension,
        w.suspensionForce,
        w.isInContact ? 1 : 0,
      );
    return out;
  }

  loadInternal(data: readonly number[]): void {
    let at = this.act.load(data, 0);
    this.prevSpeedMps = data[at++];
    this.accelMps2 = data[at++];
    for (const w of this.vehicle.wheelInfos) {
      w.suspensionLength = data[at++];
      w.rotation = data[at++];
      w.deltaRotation = data[at++];
      w.suspensionRelativeVelocity = data[at++];
      w.clippedInvContactDotSuspension = data[at++];
      w.suspensionForce = data[at++];
      w.isInContact = data[at++] === 1;
    }
  }

  addTo(world: CANNON.World): void {
    this.vehicle.addToWorld(world);
  }

  removeFrom(world: CANNON.World): void {
    this.vehicle.removeFromWorld(world);
  }
}
