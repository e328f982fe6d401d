/**
 * Vehicles as instanced meshes, one per vehicle class (car-like boxes, a slim box for motorcycles,
 * a cylinder for pedestrians), scaled per instance to the type's length, width and height and
 * coloured by role. Between two frames each vehicle is interpolated (position, and heading the
 * short way round), so playback is smooth at any display rate; a jump (seek) is not interpolated.
 */
import {
  BoxGeometry,
  CylinderGeometry,
  DynamicDrawUsage,
  Float32BufferAttribute,
  Group,
  InstancedMesh,
  MeshBasicMaterial,
  Vector3,
  type BufferGeometry,
  type Raycaster,
} from "three";
import type { ReplayFrame } from "../../../replay/ReplayFrame.js";
import type { ReplayVehicleType } from "../../../replay/ReplayHeader.js";
import { roleColor, SELECTED_COLOR } from "./roleColors.js";

/** The mesh classes and the vClasses each draws. */
const SHAPES = ["car", "motorcycle", "pedestrian"] as const;
type Shape = (typeof SHAPES)[number];

function shapeOf(vClass: string): Shape {
  if (vClass === "motorcycle" || vClass === "bicycle" || vClass === "moped") return "motorcycle";
  if (vClass === "pedestrian") return "pedestrian";
  return "car";
}

/** Direction of the light baked into the vehicle meshes. */
const _light = new Vector3(0.4, -0.6, 1).normalize();

/**
 * Unit size, base at z = 0, length along +x (instance scale gives the type's dimensions), with
 * the shading of a fixed sun baked into vertex colours: instances are drawn unlit, which software
 * WebGL renders several times faster than per-pixel lighting.
 */
function geometryOf(shape: Shape): BufferGeometry {
  const g =
    shape === "pedestrian"
      ? new CylinderGeometry(0.5, 0.5, 1, 10).rotateX(Math.PI / 2).translate(0, 0, 0.5)
      : new BoxGeometry(1, 1, 1).translate(0, 0, 0.5);
  const normals = g.getAttribute("normal");
  const colors = new Float32Array(normals.count * 3);
  const n = new Vector3();
  for (let i = 0; i < normals.count; i++) {
    n.fromBufferAttribute(normals, i);
    const b = 0.55 + 0.45 * Math.max(0, n.dot(_light));
    colors[i * 3] = colors[i * 3 + 1] = colors[i * 3 + 2] = b;
  }
  g.setAttribute("color", new Float32BufferAttribute(colors, 3));
  return g;
}

const PASSENGER: ReplayVehicleType = {
  id: "passenger",
  vClass: "passenger",
  lengthM: 3.68,
  widthM: 1.47,
  heightM: 1.4,
};

interface ShapeMesh {
  mesh: InstancedMesh;
  capacity: number;
  /** Frame index of each instance. */
  index: Int32Array;
}

/** Draws the vehicles of the current frame. */
export class VehicleLayer {
  readonly group = new Group();
  private readonly types: Map<string, ReplayVehicleType>;
  private readonly meshes = new Map<Shape, ShapeMesh>();
  private frame: ReplayFrame | undefined;
  /** Interpolation start per vehicle (the previous frame's pose, or the current one for new vehicles). */
  private x0 = new Float64Array(0);
  private y0 = new Float64Array(0);
  private h0 = new Float64Array(0);
  private selected = -1;

  constructor(types: readonly ReplayVehicleType[]) {
    this.group.name = "vehicles";
    this.types = new Map(types.map((t) => [t.id, t]));
    for (const s of SHAPES) this.meshes.set(s, this.makeMesh(s, 256));
  }

  private makeMesh(shape: Shape, capacity: number): ShapeMesh {
    const mesh = new InstancedMesh(
      geometryOf(shape),
      new MeshBasicMaterial({ color: 0xffffff, vertexColors: true }),
      capacity,
    );
    mesh.instanceMatrix.setUsage(DynamicDrawUsage);
    mesh.count = 0;
    mesh.frustumCulled = false;
    mesh.name = `vehicles-${shape}`;
    mesh.setColorAt(0, roleColor(0));
    this.group.add(mesh);
    return { mesh, capacity, index: new Int32Array(capacity) };
  }

  /** The frame shown. */
  get current(): ReplayFrame | undefined {
    return this.frame;
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
    // Group instances by shape and colour them.
    const counts = new Map<Shape, number>(SHAPES.map((s) => [s, 0]));
    const shapes: Shape[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const s = shapeOf(this.typeOf(frame.typeIds[i]).vClass);
      shapes[i] = s;
      counts.set(s, counts.get(s)! + 1);
    }
    for (const s of SHAPES) {
      let m = this.meshes.get(s)!;
      const need = counts.get(s)!;
      if (need > m.capacity) {
        this.group.remove(m.mesh);
        m.mesh.geometry.dispose();
        m.mesh.dispose();
        m = this.makeMesh(s, Math.max(need, m.capacity * 2));
        this.meshes.set(s, m);
      }
      m.mesh.count = 0;
    }
    for (let i = 0; i < n; i++) {
      const m = this.meshes.get(shapes[i])!;
      const k = m.mesh.count++;
      m.index[k] = i;
    }
    this.recolor();
  }

  /** Highlights frame index `i` of the current frame (−1: none). */
  select(i: number): void {
    this.selected = i;
    this.recolor();
  }

  private recolor(): void {
    const f = this.frame;
    if (!f) return;
    for (const m of this.meshes.values()) {
      for (let k = 0; k < m.mesh.count; k++) {
        const i = m.index[k];
        m.mesh.setColorAt(k, i === this.selected ? SELECTED_COLOR : roleColor(f.roles[i]));
      }
      if (m.mesh.instanceColor) m.mesh.instanceColor.needsUpdate = true;
    }
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

  /** Writes every instance's matrix for interpolation `alpha` in [0, 1]. */
  update(alpha: number): void {
    const f = this.frame;
    if (!f) return;
    for (const m of this.meshes.values()) {
      const arr = m.mesh.instanceMatrix.array as Float32Array;
      for (let k = 0; k < m.mesh.count; k++) {
        const i = m.index[k];
        const t = this.typeOf(f.typeIds[i]);
        let dh = f.headingRad[i] - this.h0[i];
        dh = Math.atan2(Math.sin(dh), Math.cos(dh));
        const h = this.h0[i] + dh * alpha;
        const c = Math.cos(h);
        const s = Math.sin(h);
        const o = k * 16;
        // Column-major: rotation about z by h, scaled by length (x), width (y), height (z).
        arr[o] = t.lengthM * c;
        arr[o + 1] = t.lengthM * s;
        arr[o + 2] = 0;
        arr[o + 3] = 0;
        arr[o + 4] = -t.widthM * s;
        arr[o + 5] = t.widthM * c;
        arr[o + 6] = 0;
        arr[o + 7] = 0;
        arr[o + 8] = 0;
        arr[o + 9] = 0;
        arr[o + 10] = t.heightM;
        arr[o + 11] = 0;
        arr[o + 12] = this.x0[i] + (f.x[i] - this.x0[i]) * alpha;
        arr[o + 13] = this.y0[i] + (f.y[i] - this.y0[i]) * alpha;
        arr[o + 14] = 0;
        arr[o + 15] = 1;
      }
      m.mesh.instanceMatrix.needsUpdate = true;
    }
  }

  /** The frame index of the vehicle under the ray, or −1. */
  pick(raycaster: Raycaster): number {
    let best = -1;
    let bestDist = Infinity;
    for (const m of this.meshes.values()) {
      if (m.mesh.count === 0) continue;
      m.mesh.computeBoundingSphere(); // instances moved since the last pick
      for (const hit of raycaster.intersectObject(m.mesh, false)) {
        if (hit.instanceId !== undefined && hit.distance < bestDist) {
          bestDist = hit.distance;
          best = m.index[hit.instanceId];
        }
      }
    }
    return best;
  }

  /** Dimensions of a type id (passenger-car dimensions for an unknown one). */
  typeOf(id: string): ReplayVehicleType {
    return this.types.get(id) ?? PASSENGER;
  }
}
