/**
 * The dynamic vehicle model in use: a planar dynamic bicycle model driving a cannon-es box body.
 *
 * The body is a box of the vehicle's dimensions whose height, roll and pitch are locked
 * (`linearFactor` (1,1,0), `angularFactor` (0,0,1)): the ground is flat (DESIGN §3), so the three
 * planar degrees of freedom are all the dynamics there are, and cannon-es still resolves contacts
 * with other vehicles and kinematic bodies. Before every physics substep the model computes tyre
 * and powertrain forces and adds them to the body as a force and a yaw torque; cannon-es integrates.
 *
 * Tyres (one per axle, bicycle model): lateral force `μ·Fz·sin(C·atan(B·α))` (Pacejka-lite) from the
 * slip angle α, with the axle load Fz including longitudinal load transfer, reduced by the friction
 * circle when the axle also drives or brakes (braking is shared in proportion to axle load), and never more
 * than the force that would cancel the axle's lateral velocity within the substep. That cap is what
 * keeps the model stable at any substep and any speed: at low speed the tyres behave as the
 * no-side-slip constraint of the kinematic bicycle (exact Ackermann radius), at speed the slip-angle
 * force is the smaller one and the model shows understeer and sliding. Braking and rolling
 * resistance act like friction: they stop the car and never push it backwards, so a car at rest
 * stays exactly at rest.
 */
import * as CANNON from "cannon-es";
import { GROUP_KINEMATIC, GROUP_VEHICLE } from "./collisionGroups.js";
import { setBoxInertia } from "./setBoxInertia.js";
import { AIR_DENSITY_KGPM3, GRAVITY_MPS2, driveForceN } from "./driveForceN.js";
import { VehicleActuators } from "./VehicleActuators.js";
import type { VehicleModel } from "./VehicleModel.js";
import type { VehicleParams } from "./VehicleParams.js";

/** Planar dynamic bicycle model on a cannon-es rigid body. */
export class DynamicVehicle implements VehicleModel {
  readonly body: CANNON.Body;
  private readonly act: VehicleActuators;
  /** Forward speed at the end of the previous environment step, in m/s. */
  private prevSpeedMps = 0;
  private accelMps2 = 0;
  /** Yaw moment of inertia in kg·m² (from the box shape). */
  private readonly izKgm2: number;

  /** Creates the body at (x, y) in m with heading in rad, moving forward at `speedMps`; it sits on the ground (z = heightM / 2). */
  constructor(
    readonly params: VehicleParams,
    xM: number,
    yM: number,
    headingRad: number,
    speedMps = 0,
  ) {
    this.act = new VehicleActuators(params);
    const halfExtents = new CANNON.Vec3(params.lengthM / 2, params.widthM / 2, params.heightM / 2);
    this.body = new CANNON.Body({
      mass: params.massKg,
      type: CANNON.Body.DYNAMIC,
      shape: new CANNON.Box(halfExtents),
      position: new CANNON.Vec3(xM, yM, params.heightM / 2),
      linearFactor: new CANNON.Vec3(1, 1, 0),
      angularFactor: new CANNON.Vec3(0, 0, 1),
      linearDamping: 0,
      angularDamping: 0,
      allowSleep: false,
      collisionFilterGroup: GROUP_VEHICLE,
      collisionFilterMask: GROUP_VEHICLE | GROUP_KINEMATIC,
    });
    this.body.quaternion.setFromAxisAngle(new CANNON.Vec3(0, 0, 1), headingRad);
    this.body.velocity.set(speedMps * Math.cos(headingRad), speedMps * Math.sin(headingRad), 0);
    this.prevSpeedMps = speedMps;
    setBoxInertia(this.body, halfExtents);
    this.izKgm2 = this.body.inertia.z;
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
    const m = p.massKg;
    const iz = this.izKgm2;
    const half = p.wheelbaseM / 2; // both axles are half a wheelbase from the centre of mass, m
    const mu = p.tyreFriction;
    const fzStatic = (m * GRAVITY_MPS2) / 2; // static load per axle, N

    // Heading from the yaw-only quaternion (roll and pitch are locked, so q = (0, 0, sin ψ/2, cos ψ/2)).
    const qz = b.quaternion.z;
    const qw = b.quaternion.w;
    const cosH = 1 - 2 * qz * qz;
    const sinH = 2 * qw * qz;
    const vxW = b.velocity.x;
    const vyW = b.velocity.y;
    // Body-frame velocities: forward vx, left vy (m/s), yaw rate r (rad/s). Updated impulse by impulse below.
    let vx = cosH * vxW + sinH * vyW;
    let vy = -sinH * vxW + cosH * vyW;
    let r = b.angularVelocity.z;
    const vx0 = vx;
    const vy0 = vy;
    const r0 = r;

    const delta = act.steeringRad;
    const cd = Math.cos(delta);
    const sd = Math.sin(delta);

    // 1. Powertrain and drag. Drive force is split by axle and limited by each axle's static grip.
    const drive = driveForceN(p, act.throttle, vx);
    const gripAxle = mu * fzStatic;
    let driveF = drive * p.frontDriveShare;
    let driveR = drive - driveF;
    if (driveF > gripAxle) driveF = gripAxle;
    if (driveR > gripAxle) driveR = gripAxle;
    const drag = 0.5 * AIR_DENSITY_KGPM3 * p.dragAreaM2 * vx * (vx < 0 ? -vx : vx);
    vx += ((driveF * cd + driveR - drag) * hS) / m;
    vy += (driveF * sd * hS) / m;
    r += (half * driveF * sd * hS) / iz;

    // Expected braking force this substep (at most what stops the car), and the axle loads with
    // the load transfer of this substep's longitudinal acceleration (for the friction circles).
    const resistMax = act.brake * m * p.maxDecelMps2 + p.rollingResistance * m * GRAVITY_MPS2;
    const stopForce = (m * (vx < 0 ? -vx : vx)) / hS;
    const resist = resistMax < stopForce ? resistMax : stopForce;
    const transfer = ((driveF * cd + driveR - drag - (vx < 0 ? -resist : resist)) * p.cgHeightM) / p.wheelbaseM; // N, + = to the rear
    const fzF = fzStatic - transfer > 0 ? fzStatic - transfer : 0;
    const fzR = fzStatic + transfer > 0 ? fzStatic + transfer : 0;
    const frontBrakeShare = fzF / (fzF + fzR);

    // 2. Front tyre lateral force, along the front wheel's left axis (−sin δ, cos δ).
    {
      const vyAxle = vy + half * r;
      const u = -sd * vx + cd * vyAxle; // lateral velocity of the wheel, m/s
      const w = cd * vx + sd * vyAxle; // rolling velocity of the wheel, m/s
      const fx = driveF + frontBrakeShare * resist;
      const f = lateralForce(
        mu * fzF,
        fx,
        p.tyreStiffnessB,
        p.tyreShapeC,
        u,
        w,
        1 / (1 / m + (half * half * cd * cd) / iz),
        hS,
      );
      vx += (-sd * f * hS) / m;
      vy += (cd * f * hS) / m;
      r += (half * cd * f * hS) / iz;
    }
    // 3. Rear tyre lateral force, along the body's left axis; sees the front impulse (sequential impulses).
    {
      const u = vy - half * r;
      const fx = driveR + (1 - frontBrakeShare) * resist;
      const f = lateralForce(mu * fzR, fx, p.tyreStiffnessB, p.tyreShapeC, u, vx, 1 / (1 / m + (half * half) / iz), hS);
      vy += (f * hS) / m;
      r -= (half * f * hS) / iz;
    }
    // 4. Brakes and rolling resistance: friction-like, they can stop the car but never reverse it.
    {
      const stop = (m * (vx < 0 ? -vx : vx)) / hS;
      const f = resistMax < stop ? resistMax : stop;
      vx += ((vx > 0 ? -f : vx < 0 ? f : 0) * hS) / m;
    }

    // Net force and torque that produce these velocity changes over the substep; cannon-es integrates.
    const fxB = ((vx - vx0) * m) / hS;
    const fyB = ((vy - vy0) * m) / hS;
    b.force.x += cosH * fxB - sinH * fyB;
    b.force.y += sinH * fxB + cosH * fyB;
    b.torque.z += ((r - r0) * iz) / hS;
  }

  afterStep(dtS: number): void {
    const b = this.body;
    const qz = b.quaternion.z;
    const qw = b.quaternion.w;
    const speed = (1 - 2 * qz * qz) * b.velocity.x + 2 * qw * qz * b.velocity.y;
    this.accelMps2 = (speed - this.prevSpeedMps) / dtS;
    this.prevSpeedMps = speed;
  }

  saveInternal(): number[] {
    const out: number[] = [];
    this.act.save(out);
    out.push(this.prevSpeedMps, this.accelMps2);
    return out;
  }

  loadInternal(data: readonly number[]): void {
    const at = this.act.load(data, 0);
    this.prevSpeedMps = data[at];
    this.accelMps2 = data[at + 1];
  }

  addTo(world: CANNON.World): void {
    world.addBody(this.body);
  }

  removeFrom(world: CANNON.World): void {
    world.removeBody(this.body);
  }
}

/**
 * Lateral tyre force in N along the wheel's left axis, opposing the wheel's lateral velocity `u`
 * (m/s) at rolling velocity `w` (m/s): Pacejka-lite on the slip angle, inside the friction circle
 * left over by longitudinal force `fx` (N) out of `maxN` (μ·Fz, N), and capped at the force that
 * would cancel `u` within the substep `hS` for a wheel of effective mass `massEffKg`.
 */
function lateralForce(
  maxN: number,
  fx: number,
  stiffB: number,
  shapeC: number,
  u: number,
  w: number,
  massEffKg: number,
  hS: number,
): number {
  if (u === 0) return 0;
  const uAbs = u < 0 ? -u : u;
  const left = maxN * maxN - fx * fx;
  const peak = left > 0 ? Math.sqrt(left) : 0;
  const slip = Math.atan2(uAbs, w < 0 ? -w : w); // rad, 0..π/2
  const tyre = peak * Math.sin(shapeC * Math.atan(stiffB * slip));
  const cancel = (massEffKg * uAbs) / hS;
  const f = tyre < cancel ? tyre : cancel;
  return u > 0 ? -f : f;
}
