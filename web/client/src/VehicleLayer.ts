/**
 * The vehicles, each drawn with a model of its family — car, bus, truck, motorcycle, pedestrian —
 * built to its type's length, width and height (VehicleModels.ts), painted in its role colour, at
 * one of two levels of detail: up to {@link NEAR_MAX} vehicles within {@link NEAR_M} of the camera
 * get the full model (one instanced mesh per vehicle type), interpolated at every render frame,
 * with lit brake lights and blinking turn signals (VehicleLights.ts; an instanced mesh of small
 * lamps); the others two boxes, all of them merged into one mesh (MergedMesh.ts: software WebGL
 * pays per instance) redone only when a replay frame arrives (they step at the replay's rate,
 * 10 Hz at 1×: a step of a vehicle 70 m away is a few pixels) or the camera moved. Every vehicle
 * has a soft blob shadow (instanced near, merged far).
 *
 * Between two frames each vehicle is interpolated (position, and heading the short way round), so
 * playback is smooth at any display rate; a jump (seek) is not interpolated.
 */
import {
  BoxGeometry,
  Color,
  DataTexture,
  DynamicDrawUsage,
  Group,
  InstancedMesh,
  LinearFilter,
  MeshBasicMaterial,
  PlaneGeometry,
  RGBAFormat,
  type Ray,
} from "three";
import type { ReplayFrame } from "../../../replay/ReplayFrame.js";
import type { ReplayVehicleType } from "../../../replay/ReplayHeader.js";
import { roleColor, SELECTED_COLOR } from "./roleColors.js";
import { VehicleLights } from "./VehicleLights.js";
import { MergedMesh, templateOf, type Template } from "./MergedMesh.js";
import {
  buildVehicleModel,
  paintedMaterial,
  vehicleKind,
  type VehicleKind,
  type VehicleModel,
} from "./VehicleModels.js";

const PASSENGER: ReplayVehicleType = {
  id: "passenger",
  vClass: "passenger",
  lengthM: 3.68,
  widthM: 1.47,
  heightM: 1.4,
};

const BRAKE_COLOR = new Color(0xff2414);
const SIGNAL_COLOR = new Color(0xffa010);
/** Turn signals blink at this rate (Hz), as road rules require (1–2 Hz). */
const BLINK_HZ = 1.5;
/** Vehicles within this distance (m) of the camera get the full model… */
export const NEAR_M = 70;
/** …at most this many (the nearest first is not guaranteed: the first found in frame order). */
export const NEAR_MAX = 80;
/** The far vehicles are redone when the camera moved this far (m) since they were last. */
const FAR_REBUILD_M = 10;

/** What draws one vehicle type: the full model's instances, the far model and the shadow templates. */
interface TypeMesh {
  type: ReplayVehicleType;
  model: VehicleModel;
  near: InstancedMesh;
  /** The near instances' shadows: the same instance matrices. */
  nearShadow: InstancedMesh;
  capacity: number;
  far: Template;
  shadow: Template;
  /** Vehicles of this type in the current frame. */
  count: number;
}

/** What one vehicle type draws, for tests and the HUD. */
export interface TypeDraw {
  typeId: string;
  kind: VehicleKind;
  /** Vehicles of the type in the frame. */
  count: number;
  /** Of those, drawn with the full model at the last update. */
  near: number;
  /** Wheels of the full model. */
  wheels: number;
}

/** A soft-edged dark rectangle: the alpha of a blob shadow. */
function shadowTexture(): DataTexture {
  const size = 32;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Distance into the rectangle from its nearest edge, 0..1 over the outer quarter.
      const ex = Math.min(x + 0.5, size - x - 0.5) / (size * 0.25);
      const ey = Math.min(y + 0.5, size - y - 0.5) / (size * 0.25);
      const a = Math.min(1, ex) * Math.min(1, ey);
      data[(y * size + x) * 4 + 3] = Math.round(255 * a * a);
    }
  }
  const t = new DataTexture(data, size, size, RGBAFormat);
  t.magFilter = LinearFilter;
  t.minFilter = LinearFilter;
  t.needsUpdate = true;
  return t;
}

/** Draws the vehicles of the current frame. */
export class VehicleLayer {
  readonly group = new Group();
  private readonly types: Map<string, ReplayVehicleType>;
  private readonly meshes = new Map<string, TypeMesh>();
  private readonly bodyMaterial = paintedMaterial();
  private readonly far = new MergedMesh("vehicles-far", paintedMaterial(false), true, false);
  private readonly shadowMaterial = new MeshBasicMaterial({
    color: 0x000000,
    map: shadowTexture(),
    transparent: true,
    opacity: 0.42,
    depthWrite: false,
  });
  private readonly farShadows = new MergedMesh("vehicle-shadows-far", this.shadowMaterial, false, true);
  /** Whether the far vehicles must be redone at the next update, and the camera position they were done for. */
  private farDirty = true;
  private farCamera = [NaN, NaN, NaN];
  private lamps: InstancedMesh;
  private lampCapacity = 0;
  private readonly lights: VehicleLights;
  private frame: ReplayFrame | undefined;
  /** Type mesh of each vehicle of the current frame. */
  private meshOf: TypeMesh[] = [];
  /** Interpolation start per vehicle (the previous frame's pose, or the current one for new vehicles). */
  private x0 = new Float64Array(0);
  private y0 = new Float64Array(0);
  private h0 = new Float64Array(0);
  private selected = -1;
  /** 1 where a vehicle of the current frame was drawn with the full model at the last update. */
  private isNear = new Uint8Array(0);

  /**
   * @param types the replay's vehicle types.
   * @param dtS seconds per tick (for deceleration and yaw rate).
   * @param laneRoad lane id → [road id, lane index] (lane changes turn the signals on).
   */
  constructor(
    types: readonly ReplayVehicleType[],
    dtS = 0.1,
    laneRoad: ReadonlyMap<string, readonly [string, number]> = new Map(),
  ) {
    this.group.name = "vehicles";
    this.types = new Map(types.map((t) => [t.id, t]));
    this.lights = new VehicleLights(dtS, laneRoad);
    this.lamps = this.makeLamps(64);
    this.farShadows.mesh.renderOrder = -1;
    this.group.add(this.farShadows.mesh, this.far.mesh);
  }

  private makeLamps(capacity: number): InstancedMesh {
    const lamps = new InstancedMesh(new BoxGeometry(1, 1, 1), new MeshBasicMaterial({ color: 0xffffff }), capacity);
    lamps.name = "vehicle-lamps";
    lamps.instanceMatrix.setUsage(DynamicDrawUsage);
    lamps.frustumCulled = false;
    lamps.count = 0;
    lamps.setColorAt(0, BRAKE_COLOR);
    this.lampCapacity = capacity;
    this.group.add(lamps);
    return lamps;
  }

  private makeNear(typeId: string, model: VehicleModel, capacity: number): [InstancedMesh, InstancedMesh] {
    const near = new InstancedMesh(model.geometry, this.bodyMaterial, capacity);
    near.instanceMatrix.setUsage(DynamicDrawUsage);
    near.count = 0;
    near.frustumCulled = false;
    near.name = `vehicles-${typeId}`;
    near.setColorAt(0, roleColor(0));
    const type = this.typeOf(typeId);
    const pad = type.lengthM < 1 ? 0.25 : 0.45;
    const shadow = new InstancedMesh(
      new PlaneGeometry(type.lengthM + pad, type.widthM + pad).translate(0, 0, 0.04),
      this.shadowMaterial,
      capacity,
    );
    shadow.instanceMatrix = near.instanceMatrix;
    shadow.count = 0;
    shadow.frustumCulled = false;
    shadow.renderOrder = -1;
    shadow.name = `shadows-${typeId}`;
    this.group.add(shadow, near);
    return [near, shadow];
  }

  private makeTypeMesh(typeId: string): TypeMesh {
    const type = this.typeOf(typeId);
    const kind = vehicleKind(type.vClass);
    const model = buildVehicleModel(kind, type.lengthM, type.widthM, type.heightM);
    const pad = type.lengthM < 1 ? 0.25 : 0.45;
    const [near, nearShadow] = this.makeNear(typeId, model, 16);
    return {
      type,
      model,
      near,
      nearShadow,
      capacity: 16,
      far: templateOf(buildVehicleModel(kind, type.lengthM, type.widthM, type.heightM, "low").geometry, true),
      shadow: templateOf(new PlaneGeometry(type.lengthM + pad, type.widthM + pad).translate(0, 0, 0.04)),
      count: 0,
    };
  }

  /** The frame shown. */
  get current(): ReplayFrame | undefined {
    return this.frame;
  }

  /** Brake and signal states of the current frame's vehicles. */
  get lightStates(): { braking: Uint8Array; turn: Int8Array } {
    return this.lights;
  }

  /** What each vehicle type draws now. */
  draws(): TypeDraw[] {
    return [...this.meshes].map(([typeId, m]) => ({
      typeId,
      kind: m.model.kind,
      count: m.count,
      near: m.near.count,
      wheels: m.model.wheels,
    }));
  }

  /** Lamps lit at the last {@link update}. */
  get litLamps(): number {
    return this.lamps.count;
  }

  /** Shows `frame` with frame index `selected` highlighted (−1: none); with `smooth`, vehicles glide from their pose in the previous frame. */
  setFrame(frame: ReplayFrame, smooth: boolean, selected: number): void {
    this.selected = selected;
    const prev = this.frame;
    const n = frame.ids.length;
    const x0 = new Float64Array(n);
    const y0 = new Float64Array(n);
    const h0 = new Float64Array(n);
    let prevIndex: Map<string, number> | undefined;
    if (smooth && prev) {
      prevIndex = new Map();
      for (let i = 0; i < prev.ids.length; i++) prevIndex.set(prev.ids[i], i);
    }
    for (let i = 0; i < n; i++) {
      const j = prevIndex?.get(frame.ids[i]);
      if (j === undefined || !prev) {
        x0[i] = frame.x[i];
        y0[i] = frame.y[i];
        h0[i] = frame.headingRad[i];
      } else {
        x0[i] = prev.x[j];
        y0[i] = prev.y[j];
        h0[i] = prev.headingRad[j];
      }
    }
    this.x0 = x0;
    this.y0 = y0;
    this.h0 = h0;
    this.frame = frame;
    this.lights.update(frame, prevIndex ? prev : undefined, prevIndex);
    // Vehicles by type; a type's meshes grow when it has more vehicles than room.
    for (const m of this.meshes.values()) m.count = 0;
    this.meshOf = new Array<TypeMesh>(n);
    this.isNear = new Uint8Array(n);
    this.farDirty = true;
    for (let i = 0; i < n; i++) {
      let m = this.meshes.get(frame.typeIds[i]);
      if (!m) this.meshes.set(frame.typeIds[i], (m = this.makeTypeMesh(frame.typeIds[i])));
      m.count++;
      this.meshOf[i] = m;
    }
    for (const [typeId, m] of this.meshes) {
      const need = Math.min(m.count, NEAR_MAX);
      if (need <= m.capacity) continue;
      this.group.remove(m.near, m.nearShadow);
      m.near.dispose();
      m.nearShadow.geometry.dispose();
      m.nearShadow.dispose();
      m.capacity = Math.max(need, m.capacity * 2);
      [m.near, m.nearShadow] = this.makeNear(typeId, m.model, m.capacity);
    }
  }

  /** Highlights frame index `i` of the current frame (−1: none). */
  select(i: number): void {
    this.selected = i;
    this.farDirty = true;
  }

  /** The pose of frame index `i` at interpolation `alpha` (0: previous frame, 1: this frame). */
  poseOf(i: number, alpha: number): { x: number; y: number; headingRad: number } {
    const f = this.frame!;
    let dh = f.headingRad[i] - this.h0[i];
    dh = Math.atan2(Math.sin(dh), Math.cos(dh));
    return {
      x: this.x0[i] + (f.x[i] - this.x0[i]) * alpha,
      y: this.y0[i] + (f.y[i] - this.y0[i]) * alpha,
      headingRad: this.h0[i] + dh * alpha,
    };
  }

  /**
   * Writes every instance's matrix and colour for interpolation `alpha` in [0, 1], choosing each
   * vehicle's level of detail by its distance from the camera at (`cameraX`, `cameraY`, `cameraZ`),
   * and the lit lamps for the blink phase of `timeMs` (ms, any clock).
   */
  update(alpha: number, timeMs = 0, cameraX = 0, cameraY = 0, cameraZ = Infinity): void {
    const f = this.frame;
    if (!f) return;
    // The far vehicles (and which vehicles are far) are redone only for a new frame, a new
    // selection or a camera moved by FAR_REBUILD_M; in between, only the near ones move.
    const moved = Math.hypot(cameraX - this.farCamera[0], cameraY - this.farCamera[1], cameraZ - this.farCamera[2]);
    const rebuild = this.farDirty || !(moved < FAR_REBUILD_M);
    if (rebuild) {
      this.farDirty = false;
      this.farCamera = [cameraX, cameraY, cameraZ];
      this.far.begin();
      this.farShadows.begin();
    }
    for (const m of this.meshes.values()) m.near.count = m.nearShadow.count = 0;
    let nearCount = 0;
    const near2 = NEAR_M * NEAR_M;
    const dz2 = Number.isFinite(cameraZ) ? cameraZ * cameraZ : Infinity;
    const isNear = this.isNear;
    for (let i = 0; i < f.ids.length; i++) {
      const m = this.meshOf[i];
      if (!rebuild && !isNear[i]) continue;
      let dh = f.headingRad[i] - this.h0[i];
      dh = Math.atan2(Math.sin(dh), Math.cos(dh));
      const h = this.h0[i] + dh * alpha;
      const x = this.x0[i] + (f.x[i] - this.x0[i]) * alpha;
      const y = this.y0[i] + (f.y[i] - this.y0[i]) * alpha;
      const color = i === this.selected ? SELECTED_COLOR : roleColor(f.roles[i]);
      if (rebuild) {
        const d2 = (x - cameraX) * (x - cameraX) + (y - cameraY) * (y - cameraY) + dz2;
        isNear[i] = i === this.selected || (d2 < near2 && nearCount < NEAR_MAX && m.near.count < m.capacity) ? 1 : 0;
        if (!isNear[i]) {
          this.far.add(m.far, x, y, h, color);
          this.farShadows.add(m.shadow, x, y, h);
          continue;
        }
      }
      nearCount++;
      const k = m.near.count++;
      m.nearShadow.count = m.near.count;
      const c = Math.cos(h);
      const s = Math.sin(h);
      const arr = m.near.instanceMatrix.array as Float32Array;
      const o = k * 16;
      // Column-major: rotation about z by h, then the position.
      arr.fill(0, o, o + 16);
      arr[o] = c;
      arr[o + 1] = s;
      arr[o + 4] = -s;
      arr[o + 5] = c;
      arr[o + 10] = 1;
      arr[o + 12] = x;
      arr[o + 13] = y;
      arr[o + 15] = 1;
      m.near.setColorAt(k, color);
    }
    for (const m of this.meshes.values()) {
      m.near.instanceMatrix.needsUpdate = true;
      if (m.near.instanceColor) m.near.instanceColor.needsUpdate = true;
    }
    if (rebuild) {
      this.far.end();
      this.farShadows.end();
    }
    this.updateLamps(alpha, timeMs);
  }

  private updateLamps(alpha: number, timeMs: number): void {
    const f = this.frame!;
    const { braking, turn } = this.lights;
    const blinkOn = Math.floor((timeMs / 1000) * BLINK_HZ * 2) % 2 === 0;
    let need = 0;
    for (let i = 0; i < f.ids.length; i++) {
      if (!this.isNear[i] || !this.meshOf[i].model.lamps) continue;
      need += braking[i] ? 2 : 0;
      need += turn[i] !== 0 && blinkOn ? 2 : 0;
    }
    if (need > this.lampCapacity) {
      this.group.remove(this.lamps);
      this.lamps.dispose();
      this.lamps = this.makeLamps(Math.max(need, this.lampCapacity * 2));
    }
    const arr = this.lamps.instanceMatrix.array as Float32Array;
    let k = 0;
    const put = (i: number, lx: number, ly: number, lz: number, sx: number, color: Color) => {
      const p = this.poseOf(i, alpha);
      const c = Math.cos(p.headingRad);
      const s = Math.sin(p.headingRad);
      const o = k * 16;
      // Scaled box (0.12 m deep, sx wide, 0.14 m high) at the model-frame point (lx, ly, lz).
      arr.fill(0, o, o + 16);
      arr[o] = 0.12 * c;
      arr[o + 1] = 0.12 * s;
      arr[o + 4] = -sx * s;
      arr[o + 5] = sx * c;
      arr[o + 10] = 0.14;
      arr[o + 12] = p.x + lx * c - ly * s;
      arr[o + 13] = p.y + lx * s + ly * c;
      arr[o + 14] = lz;
      arr[o + 15] = 1;
      this.lamps.setColorAt(k, color);
      k++;
    };
    for (let i = 0; i < f.ids.length; i++) {
      const a = this.meshOf[i].model.lamps;
      if (!a || !this.isNear[i]) continue;
      if (braking[i]) {
        put(i, a.rearX - 0.04, a.sideY, a.z, 0.26, BRAKE_COLOR);
        put(i, a.rearX - 0.04, -a.sideY, a.z, 0.26, BRAKE_COLOR);
      }
      if (turn[i] !== 0 && blinkOn) {
        // Both corners of the signalling side, outside the brake lights.
        const y = turn[i] * (a.sideY + 0.18);
        put(i, a.rearX - 0.05, y, a.z, 0.16, SIGNAL_COLOR);
        put(i, a.frontX + 0.05, y, a.z, 0.16, SIGNAL_COLOR);
      }
    }
    this.lamps.count = k;
    this.lamps.instanceMatrix.needsUpdate = true;
    if (this.lamps.instanceColor) this.lamps.instanceColor.needsUpdate = true;
  }

  /** The frame index of the nearest vehicle whose box the ray passes through (at interpolation `alpha`), or −1. */
  pick(ray: Ray, alpha = 1): number {
    const f = this.frame;
    if (!f) return -1;
    let best = -1;
    let bestT = Infinity;
    for (let i = 0; i < f.ids.length; i++) {
      const t = this.meshOf[i].type;
      const p = this.poseOf(i, alpha);
      // The ray in the vehicle's frame (x forward, y left), then a slab test against its box.
      const c = Math.cos(-p.headingRad);
      const s = Math.sin(-p.headingRad);
      const ox = ray.origin.x - p.x;
      const oy = ray.origin.y - p.y;
      const o = [ox * c - oy * s, ox * s + oy * c, ray.origin.z];
      const d = [ray.direction.x * c - ray.direction.y * s, ray.direction.x * s + ray.direction.y * c, ray.direction.z];
      const lo = [-t.lengthM / 2, -t.widthM / 2, 0];
      const hi = [t.lengthM / 2, t.widthM / 2, t.heightM];
      let t0 = 0;
      let t1 = bestT;
      for (let a = 0; a < 3 && t0 <= t1; a++) {
        if (Math.abs(d[a]) < 1e-12) {
          if (o[a] < lo[a] || o[a] > hi[a]) t0 = Infinity;
          continue;
        }
        const ta = (lo[a] - o[a]) / d[a];
        const tb = (hi[a] - o[a]) / d[a];
        t0 = Math.max(t0, Math.min(ta, tb));
        t1 = Math.min(t1, Math.max(ta, tb));
      }
      if (t0 <= t1 && t0 < bestT) {
        bestT = t0;
        best = i;
      }
    }
    return best;
  }

  /** Dimensions of a type id (passenger-car dimensions for an unknown one). */
  typeOf(id: string): ReplayVehicleType {
    return this.types.get(id) ?? PASSENGER;
  }
}
