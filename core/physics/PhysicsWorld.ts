/**
 * The physics of one simulation (DESIGN §4 phase 3): a cannon-es world with a flat ground plane at
 * z = 0 (gravity −9.81 m/s² along z; x east, y north, z up), dynamic agent vehicles and kinematic
 * bodies, advanced by one environment step of `stepS` seconds in `substeps` fixed substeps.
 *
 * Bodies are named by per-world integer handles (cannon-es's `Body.id` is process-global and never
 * leaves this folder). Bodies live in the cannon-es world in handle order, so contact pairs, and
 * with them every result, depend only on this world's history: two worlds fed the same inputs
 * stay bit-identical, and `snapshot()` / `restore()` continue bit-identically.
 *
 * Kinematic bodies (traffic, kinematic action spaces) take part in the physics so that dynamic
 * vehicles collide with them physically; they never collide with each other (phase 4 detects those
 * collisions). Each step only the kinematic bodies that could reach a dynamic vehicle within the
 * step are put into the cannon-es world (appended after the vehicles, in handle order, and taken out
 * again after the step); the rest are simply placed at their targets. Measured on 1 dynamic + 50
 * kinematic, this cut the physics step from ~20 µs to ~5 µs (bench/physicsBenchmark.ts). A body
 * outside the cannon-es world is not written at all: its pose is kept as three numbers and copied
 * into the cannon-es body only when something reads it (it joins the world, `pose`, `snapshot`) —
 * with thousands of traffic vehicles and a few agents, writing every body's position and quaternion
 * each step was most of the physics phase.
 */
import * as CANNON from "cannon-es";
import { GROUP_GROUND, GROUP_KINEMATIC, GROUP_VEHICLE } from "./collisionGroups.js";
import { DynamicPairsBroadphase } from "./DynamicPairsBroadphase.js";
import { DynamicVehicle } from "./DynamicVehicle.js";
import type { BodySnapshot, BoxDims, PhysicsSnapshot, VehicleModelName } from "./PhysicsSnapshot.js";
import { RaycastVehicleModel } from "./RaycastVehicleModel.js";
import { SparseCollisionMatrix } from "./SparseCollisionMatrix.js";
import type { VehicleModel } from "./VehicleModel.js";
import { resolveVehicleParams, type VehicleParams, type VehicleParamsOptions } from "./VehicleParams.js";
import { createVehicleState, type VehicleState } from "./VehicleState.js";

/** Options of a `PhysicsWorld`. */
export interface PhysicsWorldOptions {
  /** Environment step in s. @default 0.1 */
  stepS?: number;
  /**
   * Physics substeps per environment step. 5 (20 ms) was chosen by measurement
   * (bench/physicsBenchmark.ts): the bicycle model is already stable at 1, but a 30 s, ~330 m
   * manoeuvre ends 2.5 m from a 40-substep reference at 1 substep, 0.2 m at 5 and 0.1 m at 10,
   * while the step costs ~0.7, 3.1 and 5.9 µs for one vehicle. @default 5
   */
  substeps?: number;
  /** Vehicle model of the dynamic vehicles (see bench/physicsBenchmark.ts for the comparison). @default "bicycle" */
  vehicleModel?: VehicleModelName;
  /** Gauss–Seidel iterations of the contact solver. @default 10 */
  solverIterations?: number;
}

/** A planar pose: position in m, heading in rad (0 = east, counter-clockwise). */
export interface Pose2 {
  xM: number;
  yM: number;
  headingRad: number;
}

/** Default kinematic box: the SMARTS passenger car, in m. */
const PASSENGER_BOX: Readonly<BoxDims> = Object.freeze({ lengthM: 3.68, widthM: 1.47, heightM: 1.4 });

interface VehicleEntry {
  handle: number;
  kind: "vehicle";
  body: CANNON.Body;
  model: VehicleModel;
}

interface KinematicEntry {
  handle: number;
  kind: "kinematic";
  body: CANNON.Body;
  dims: BoxDims;
  /** Whether a target pose is set for the next step. */
  pending: boolean;
  targetX: number;
  targetY: number;
  targetHeading: number;
  /** The body's pose at the end of the last step (m, rad): the cannon-es body has it when not `stale`. */
  x: number;
  y: number;
  heading: number;
  /** Whether the cannon-es body still holds an older pose than `x`, `y`, `heading`. */
  stale: boolean;
}

type Entry = VehicleEntry | KinematicEntry;

const UNIT_Z = new CANNON.Vec3(0, 0, 1);

/** Wraps an angle to (−π, π], rad. */
function wrapAngle(a: number): number {
  const w = a - 2 * Math.PI * Math.round(a / (2 * Math.PI));
  return w <= -Math.PI ? w + 2 * Math.PI : w;
}

/** The physics world of one simulation. */
export class PhysicsWorld {
  /** Environment step, s. */
  readonly stepS: number;
  /** Substeps per environment step. */
  readonly substeps: number;
  readonly vehicleModel: VehicleModelName;
  private readonly world: CANNON.World;
  /** Entries in handle order. */
  private entries: Entry[] = [];
  /** Dynamic vehicles in handle order: with the ground, the cannon-es world's bodies between steps. */
  private vehicles: VehicleEntry[] = [];
  /** Kinematic bodies in handle order. */
  private kinematics: KinematicEntry[] = [];
  /** Kinematic bodies in the cannon-es world during the current step (scratch). */
  private readonly active: KinematicEntry[] = [];
  /** Handle of each body's cannon-es body, to name contacts. */
  private readonly handleOf = new Map<CANNON.Body, number>();
  /** Contact pairs of the last step, as `lo * 2^26 + hi` keys in first-seen order. */
  private readonly contactKeys = new Set<number>();
  private readonly byHandle = new Map<number, Entry>();
  private nextHandle = 1;
  private tickCount = 0;

  constructor(options: PhysicsWorldOptions = {}) {
    this.stepS = options.stepS ?? 0.1;
    this.substeps = options.substeps ?? 5;
    this.vehicleModel = options.vehicleModel ?? "bicycle";
    if (!(this.stepS > 0) || !Number.isInteger(this.substeps) || this.substeps < 1)
      throw new Error(`PhysicsWorld needs stepS > 0 and an integer substeps ≥ 1, got ${this.stepS}, ${this.substeps}`);
    this.world = new CANNON.World({
      gravity: new CANNON.Vec3(0, 0, -9.81),
      allowSleep: false,
      broadphase: new DynamicPairsBroadphase(),
    });
    (this.world.solver as CANNON.GSSolver).iterations = options.solverIterations ?? 10;
    this.world.collisionMatrix = new SparseCollisionMatrix();
    this.world.collisionMatrixPrevious = new SparseCollisionMatrix();
    const ground = new CANNON.Body({
      type: CANNON.Body.STATIC,
      shape: new CANNON.Plane(),
      collisionFilterGroup: GROUP_GROUND,
      collisionFilterMask: GROUP_VEHICLE,
    });
    this.world.addBody(ground);
  }

  /** Environment steps taken so far. */
  get tick(): number {
    return this.tickCount;
  }

  /** Live handles in ascending order. */
  handles(): number[] {
    return this.entries.map((e) => e.handle);
  }

  /** Whether `handle` names a live body. */
  has(handle: number): boolean {
    return this.byHandle.has(handle);
  }

  /**
   * Adds a dynamic vehicle at `pose` moving forward at `speedMps` (m/s; so a vehicle handed over
   * from traffic keeps its speed) and returns its handle.
   */
  addVehicle(pose: Pose2, params: VehicleParamsOptions = {}, speedMps = 0): number {
    const handle = this.nextHandle++;
    const model = this.createModel(resolveVehicleParams(params), pose, speedMps);
    this.insert({ handle, kind: "vehicle", body: model.body, model });
    return handle;
  }

  /** Adds a kinematic box at `pose` (dimensions in m, default passenger car) and returns its handle. */
  addKinematic(pose: Pose2, dims: BoxDims = PASSENGER_BOX): number {
    const handle = this.nextHandle++;
    this.insert(this.createKinematic(handle, { ...dims }, pose));
    return handle;
  }

  /** Removes a body. */
  remove(handle: number): void {
    const e = this.entry(handle);
    if (e.kind === "vehicle") {
      e.model.removeFrom(this.world);
      this.vehicles.splice(this.vehicles.indexOf(e), 1);
    } else this.kinematics.splice(this.kinematics.indexOf(e), 1);
    this.byHandle.delete(handle);
    this.handleOf.delete(e.body);
    this.entries.splice(this.entries.indexOf(e), 1);
  }

  /** Continuous action for the next step: throttle 0..1, brake 0..1, steering −1..1 (+ = left). */
  setControls(handle: number, throttle: number, brake: number, steering: number): void {
    this.vehicle(handle).model.setControls(throttle, brake, steering);
  }

  /** ActuatorDynamic action for the next step: throttle 0..1, brake 0..1, steering rate in rad/s. */
  setActuatorControls(handle: number, throttle: number, brake: number, steeringRateRadps: number): void {
    this.vehicle(handle).model.setActuatorControls(throttle, brake, steeringRateRadps);
  }

  /** Teleports a kinematic body to `pose`, at rest (on creation or hand-over). */
  placeKinematic(handle: number, pose: Pose2): void {
    const e = this.kinematic(handle);
    e.pending = false;
    e.x = pose.xM;
    e.y = pose.yM;
    e.heading = pose.headingRad;
    e.stale = false;
    e.body.position.set(pose.xM, pose.yM, e.dims.heightM / 2);
    e.body.quaternion.setFromAxisAngle(UNIT_Z, pose.headingRad);
    e.body.velocity.set(0, 0, 0);
    e.body.angularVelocity.set(0, 0, 0);
    e.body.aabbNeedsUpdate = true;
  }

  /**
   * Moves a kinematic body to `pose` over the next step: during the substeps it sweeps there at
   * constant velocity (so contacts see its motion), and it ends the step exactly at `pose`.
   * A kinematic body given no target for a step stands still.
   */
  moveKinematic(handle: number, pose: Pose2): void {
    const e = this.kinematic(handle);
    e.pending = true;
    e.targetX = pose.xM;
    e.targetY = pose.yM;
    e.targetHeading = pose.headingRad;
  }

  /** Advances one environment step (`substeps` substeps of `stepS / substeps`). */
  step(): void {
    const vehicles = this.vehicles;
    const kinematics = this.kinematics;
    const active = this.active;
    const dt = this.stepS;
    // 1. Kinematic sweeps; those within reach of a dynamic vehicle join the cannon-es world.
    active.length = 0;
    if (vehicles.length > 0) {
      for (let i = 0; i < kinematics.length; i++) {
        const k = kinematics[i];
        let sweepM = 0;
        if (k.pending) {
          const dx = k.targetX - k.x,
            dy = k.targetY - k.y;
          sweepM = Math.sqrt(dx * dx + dy * dy);
        }
        if (this.withinReach(k, sweepM, dt)) {
          this.writeBody(k);
          this.startKinematicStep(k, dt);
          this.world.addBody(k.body);
          active.push(k);
        }
      }
    }
    // 2. Substeps: vehicle forces, then cannon-es integrates and resolves contacts.
    const h = dt / this.substeps;
    this.contactKeys.clear();
    for (let s = 0; s < this.substeps; s++) {
      for (let i = 0; i < vehicles.length; i++) vehicles[i].model.beforeSubstep(h);
      this.world.step(h);
      this.recordContacts();
    }
    // 3. Kinematic bodies leave the world (last first, so no body is re-indexed) and end exactly on
    // target: those that were in it are written now, the others when next read.
    for (let i = 0; i < kinematics.length; i++) {
      const k = kinematics[i];
      if (!k.pending) continue;
      k.x = k.targetX;
      k.y = k.targetY;
      k.heading = k.targetHeading;
      k.stale = true;
      k.pending = false;
    }
    for (let i = active.length - 1; i >= 0; i--) {
      this.world.removeBody(active[i].body);
      this.writeBody(active[i]);
    }
    active.length = 0;
    for (let i = 0; i < vehicles.length; i++) vehicles[i].model.afterStep(dt);
    this.tickCount++;
  }

  /** The state of a dynamic vehicle (written into `out` when given). */
  vehicleState(handle: number, out: VehicleState = createVehicleState()): VehicleState {
    const e = this.vehicle(handle);
    const b = e.body;
    const { x: qx, y: qy, z: qz, w: qw } = b.quaternion;
    // Body x axis in the world: the vehicle's forward direction.
    const fx = 1 - 2 * (qy * qy + qz * qz);
    const fy = 2 * (qx * qy + qw * qz);
    const fz = 2 * (qx * qz - qw * qy);
    out.x = b.position.x;
    out.y = b.position.y;
    out.z = b.position.z;
    out.headingRad = Math.atan2(fy, fx);
    out.pitchRad = -Math.asin(fz > 1 ? 1 : fz < -1 ? -1 : fz);
    out.rollRad = Math.atan2(2 * (qw * qx + qy * qz), 1 - 2 * (qx * qx + qy * qy));
    out.speedMps = fx * b.velocity.x + fy * b.velocity.y + fz * b.velocity.z;
    out.accelerationMps2 = e.model.accelerationMps2;
    out.yawRateRadps = b.angularVelocity.z;
    out.steeringRad = e.model.steeringRad;
    out.vxMps = b.velocity.x;
    out.vyMps = b.velocity.y;
    return out;
  }

  /** The pose of any body (written into `out` when given). */
  pose(handle: number, out: Pose2 = { xM: 0, yM: 0, headingRad: 0 }): Pose2 {
    const e = this.entry(handle);
    if (e.kind === "kinematic") this.writeBody(e);
    const b = e.body;
    const { x: qx, y: qy, z: qz, w: qw } = b.quaternion;
    out.xM = b.position.x;
    out.yM = b.position.y;
    out.headingRad = Math.atan2(2 * (qx * qy + qw * qz), 1 - 2 * (qy * qy + qz * qz));
    return out;
  }

  /**
   * Pairs of handles `[lo, hi]` whose bodies touched in any substep of the last step, sorted
   * (ground contacts are not listed). Physical contact only: DESIGN §4 phase 4 still decides what
   * counts as a collision event.
   */
  lastStepContacts(): [number, number][] {
    const pairs: [number, number][] = [];
    for (const key of this.contactKeys) pairs.push([Math.floor(key / 2 ** 26), key % 2 ** 26]);
    return pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  }

  /** Every body's state as plain data. */
  snapshot(): PhysicsSnapshot {
    const bodies: BodySnapshot[] = this.entries.map((e) => {
      if (e.kind === "kinematic") this.writeBody(e);
      const b = e.body;
      const common = {
        handle: e.handle,
        position: [b.position.x, b.position.y, b.position.z] as [number, number, number],
        quaternion: [b.quaternion.x, b.quaternion.y, b.quaternion.z, b.quaternion.w] as [
          number,
          number,
          number,
          number,
        ],
        velocity: [b.velocity.x, b.velocity.y, b.velocity.z] as [number, number, number],
        angularVelocity: [b.angularVelocity.x, b.angularVelocity.y, b.angularVelocity.z] as [number, number, number],
      };
      return e.kind === "vehicle"
        ? { ...common, kind: "vehicle", vehicleParams: { ...e.model.params }, internal: e.model.saveInternal() }
        : {
            ...common,
            kind: "kinematic",
            dims: { ...e.dims },
            internal: [e.pending ? 1 : 0, e.targetX, e.targetY, e.targetHeading],
          };
    });
    return { vehicleModel: this.vehicleModel, tick: this.tickCount, nextHandle: this.nextHandle, bodies };
  }

  /**
   * Returns the world to `snap`: bodies missing from it are removed, missing bodies created, and
   * every state overwritten. The cannon-es body list is rebuilt in handle order.
   */
  restore(snap: PhysicsSnapshot): void {
    if (snap.vehicleModel !== this.vehicleModel)
      throw new Error(
        `snapshot of a "${snap.vehicleModel}" world cannot be restored into a "${this.vehicleModel}" world`,
      );
    for (const v of this.vehicles) v.model.removeFrom(this.world);
    const old = this.byHandle;
    const entries: Entry[] = [];
    for (const s of snap.bodies) {
      const prev = old.get(s.handle);
      const zeroPose = { xM: 0, yM: 0, headingRad: 0 };
      let e: Entry;
      if (s.kind === "vehicle") {
        if (!s.vehicleParams) throw new Error(`snapshot body ${s.handle} is a vehicle without parameters`);
        let v: VehicleEntry;
        if (prev?.kind === "vehicle" && sameParams(prev.model.params, s.vehicleParams)) v = prev;
        else {
          const model = this.createModel({ ...s.vehicleParams }, zeroPose);
          v = { handle: s.handle, kind: "vehicle", body: model.body, model };
        }
        v.model.loadInternal(s.internal);
        e = v;
      } else {
        if (!s.dims) throw new Error(`snapshot body ${s.handle} is kinematic without dimensions`);
        const dims = s.dims;
        const same =
          prev?.kind === "kinematic" &&
          prev.dims.lengthM === dims.lengthM &&
          prev.dims.widthM === dims.widthM &&
          prev.dims.heightM === dims.heightM;
        const k = same ? (prev as KinematicEntry) : this.createKinematic(s.handle, { ...dims }, zeroPose);
        k.pending = s.internal[0] === 1;
        k.targetX = s.internal[1];
        k.targetY = s.internal[2];
        k.targetHeading = s.internal[3];
        const [qx, qy, qz, qw] = s.quaternion;
        k.x = s.position[0];
        k.y = s.position[1];
        k.heading = Math.atan2(2 * (qx * qy + qw * qz), 1 - 2 * (qy * qy + qz * qz));
        k.stale = false;
        e = k;
      }
      const b = e.body;
      b.position.set(s.position[0], s.position[1], s.position[2]);
      b.quaternion.set(s.quaternion[0], s.quaternion[1], s.quaternion[2], s.quaternion[3]);
      b.velocity.set(s.velocity[0], s.velocity[1], s.velocity[2]);
      b.angularVelocity.set(s.angularVelocity[0], s.angularVelocity[1], s.angularVelocity[2]);
      b.force.set(0, 0, 0);
      b.torque.set(0, 0, 0);
      b.previousPosition.copy(b.position);
      b.previousQuaternion.copy(b.quaternion);
      b.aabbNeedsUpdate = true;
      b.updateInertiaWorld(true);
      entries.push(e);
    }
    this.entries = [];
    this.vehicles = [];
    this.kinematics = [];
    this.byHandle.clear();
    this.handleOf.clear();
    this.contactKeys.clear();
    for (const e of entries) this.insert(e);
    this.nextHandle = snap.nextHandle;
    this.tickCount = snap.tick;
  }

  private createModel(params: VehicleParams, pose: Pose2, speedMps = 0): VehicleModel {
    return this.vehicleModel === "bicycle"
      ? new DynamicVehicle(params, pose.xM, pose.yM, pose.headingRad, speedMps)
      : new RaycastVehicleModel(params, pose.xM, pose.yM, pose.headingRad, speedMps);
  }

  private createKinematic(handle: number, dims: BoxDims, pose: Pose2): KinematicEntry {
    const body = new CANNON.Body({
      type: CANNON.Body.KINEMATIC,
      mass: 0,
      shape: new CANNON.Box(new CANNON.Vec3(dims.lengthM / 2, dims.widthM / 2, dims.heightM / 2)),
      position: new CANNON.Vec3(pose.xM, pose.yM, dims.heightM / 2),
      allowSleep: false,
      collisionFilterGroup: GROUP_KINEMATIC,
      collisionFilterMask: GROUP_VEHICLE,
    });
    body.quaternion.setFromAxisAngle(UNIT_Z, pose.headingRad);
    return {
      handle,
      kind: "kinematic",
      body,
      dims,
      pending: false,
      targetX: pose.xM,
      targetY: pose.yM,
      targetHeading: pose.headingRad,
      x: pose.xM,
      y: pose.yM,
      heading: pose.headingRad,
      stale: false,
    };
  }

  /** Copies a kinematic body's kept pose into its cannon-es body, if that is behind. */
  private writeBody(k: KinematicEntry): void {
    if (!k.stale) return;
    k.stale = false;
    k.body.position.set(k.x, k.y, k.dims.heightM / 2);
    k.body.quaternion.setFromAxisAngle(UNIT_Z, k.heading);
    k.body.aabbNeedsUpdate = true;
  }

  /** Notes the handle pairs of the contacts the last substep produced. */
  private recordContacts(): void {
    const contacts = this.world.contacts;
    for (let i = 0; i < contacts.length; i++) {
      const a = this.handleOf.get(contacts[i].bi);
      const b = this.handleOf.get(contacts[i].bj);
      if (a === undefined || b === undefined) continue;
      this.contactKeys.add(a < b ? a * 2 ** 26 + b : b * 2 ** 26 + a);
    }
  }

  /** Appends an entry: handles only grow, so the cannon-es body order stays the handle order. */
  private insert(e: Entry): void {
    this.entries.push(e);
    this.byHandle.set(e.handle, e);
    this.handleOf.set(e.body, e.handle);
    if (e.kind === "vehicle") {
      this.vehicles.push(e);
      e.model.addTo(this.world);
    } else this.kinematics.push(e);
  }

  /** Sets a kinematic body's velocities for this step: towards its target, or at rest. */
  private startKinematicStep(e: KinematicEntry, dtS: number): void {
    const b = e.body;
    if (!e.pending) {
      b.velocity.set(0, 0, 0);
      b.angularVelocity.set(0, 0, 0);
      return;
    }
    const { x: qx, y: qy, z: qz, w: qw } = b.quaternion;
    const heading = Math.atan2(2 * (qx * qy + qw * qz), 1 - 2 * (qy * qy + qz * qz));
    const dx = e.targetX - b.position.x;
    const dy = e.targetY - b.position.y;
    b.velocity.set(dx / dtS, dy / dtS, 0);
    b.angularVelocity.set(0, 0, wrapAngle(e.targetHeading - heading) / dtS);
  }

  /**
   * Whether kinematic body `k`, sweeping `sweepM` metres this step, could touch a dynamic vehicle
   * before the step ends: centre distance below both bounding radii, both travel distances (the
   * vehicle's with its current speed plus 10 m/s² of acceleration) and a 0.5 m margin.
   */
  private withinReach(k: KinematicEntry, sweepM: number, dtS: number): boolean {
    const vehicles = this.vehicles;
    const kz = k.dims.heightM / 2;
    for (let i = 0; i < vehicles.length; i++) {
      const b = vehicles[i].body;
      const v = b.velocity;
      const reach =
        k.body.boundingRadius +
        b.boundingRadius +
        sweepM +
        Math.sqrt(v.x * v.x + v.y * v.y + v.z * v.z) * dtS +
        5 * dtS * dtS +
        0.5;
      const dx = b.position.x - k.x;
      const dy = b.position.y - k.y;
      const dz = b.position.z - kz;
      if (dx * dx + dy * dy + dz * dz < reach * reach) return true;
    }
    return false;
  }

  private entry(handle: number): Entry {
    const e = this.byHandle.get(handle);
    if (!e) throw new Error(`physics: no body with handle ${handle}`);
    return e;
  }

  private vehicle(handle: number): VehicleEntry {
    const e = this.entry(handle);
    if (e.kind !== "vehicle") throw new Error(`physics: body ${handle} is kinematic, not a dynamic vehicle`);
    return e;
  }

  private kinematic(handle: number): KinematicEntry {
    const e = this.entry(handle);
    if (e.kind !== "kinematic") throw new Error(`physics: body ${handle} is a dynamic vehicle, not a kinematic body`);
    return e;
  }
}

function sameParams(a: VehicleParams, b: VehicleParams): boolean {
  for (const k of Object.keys(a) as (keyof VehicleParams)[]) if (a[k] !== b[k]) return false;
  return true;
}
