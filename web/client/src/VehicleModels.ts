/**
 * Vehicle models built from a few boxes and cylinders, in metres for one vehicle type's length,
 * width and height: a car (body, glass cabin, roof, four wheels, head and tail lights), a bus
 * (body, window band, roof, six wheels), a truck (cab and cargo box), a motorcycle (two wheels,
 * frame, rider with a helmet) and a pedestrian. Each model is one merged geometry, so a vehicle
 * type costs one instanced draw call. Base x forward, y left, z up, centred on the vehicle's box
 * centre at ground level.
 *
 * Vertex attributes: `color` (the part's colour times the shading of a fixed sun, baked: drawn
 * unlit, which software WebGL renders several times faster than per-pixel lighting) and `paint`
 * (1 where the role colour applies, 0 for glass, tyres and lamps; see {@link paintedMaterial}).
 */
import {
  BoxGeometry,
  BufferGeometry,
  Color,
  CylinderGeometry,
  Float32BufferAttribute,
  MeshBasicMaterial,
  SphereGeometry,
  Vector3,
} from "three";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";

/** The model families. */
export const VEHICLE_KINDS = ["car", "bus", "truck", "motorcycle", "pedestrian"] as const;
/** A model family. */
export type VehicleKind = (typeof VEHICLE_KINDS)[number];

/** The model family that draws a SUMO vehicle class. */
export function vehicleKind(vClass: string): VehicleKind {
  switch (vClass) {
    case "bus":
    case "coach":
    case "tram":
      return "bus";
    case "truck":
    case "trailer":
    case "delivery":
    case "army":
      return "truck";
    case "motorcycle":
    case "moped":
    case "bicycle":
      return "motorcycle";
    case "pedestrian":
      return "pedestrian";
    default:
      return "car";
  }
}

/** Where a model's lamps sit (m, model frame): rear and front faces, lamp offset from the centre line, height. */
export interface LampAnchors {
  rearX: number;
  frontX: number;
  sideY: number;
  z: number;
}

/** A built model: its merged geometry, how many wheels it has and where its lamps go. */
export interface VehicleModel {
  kind: VehicleKind;
  geometry: BufferGeometry;
  wheels: number;
  /** Undefined for pedestrians (no lamps). */
  lamps: LampAnchors | undefined;
}

/** Direction towards the sun (x east, y north, z up), shared with the blob shadows' offset. */
export const SUN_DIRECTION = new Vector3(-0.45, -0.55, 1).normalize();

const GLASS = new Color(0x2a3644);
const TYRE = new Color(0x1b1c1e);
const RIM = new Color(0x8a9096);
const HEADLAMP = new Color(0xf4f1dc);
const TAILLAMP = new Color(0x6e1212);
const TRIM = new Color(0x2c2f33);
const RIDER = new Color(0x30343a);
const WHITE = new Color(0xffffff);

/** Parts collected for one model. */
class PartList {
  readonly parts: BufferGeometry[] = [];
  wheels = 0;

  /**
   * An axis-aligned box from (x0, y0, z0) to (x1, y1, z1) (m); with `top`, its upward face has that
   * colour instead (painted or not).
   */
  box(
    x0: number,
    x1: number,
    y0: number,
    y1: number,
    z0: number,
    z1: number,
    color: Color,
    paint: boolean,
    top?: { color: Color; paint: boolean },
  ): void {
    const g = new BoxGeometry(x1 - x0, y1 - y0, z1 - z0).translate((x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2);
    this.add(g, color, paint, top);
  }

  /** A wheel of radius `r` and width `w` (m) centred at (x, y), axle along y, resting on the ground. */
  wheel(x: number, y: number, r: number, w: number): void {
    this.add(new CylinderGeometry(r, r, w, 8).translate(x, y, r), TYRE, false);
    // The hub: a smaller disc just outside the tyre on the outer side.
    const side = Math.sign(y) || 1;
    this.add(new CylinderGeometry(r * 0.5, r * 0.5, 0.02, 6).translate(x, y + side * (w / 2 + 0.01), r), RIM, false);
    this.wheels++;
  }

  /** A sphere of radius `r` at (x, y, z). */
  sphere(x: number, y: number, z: number, r: number, color: Color, paint: boolean): void {
    this.add(new SphereGeometry(r, 6, 4).translate(x, y, z), color, paint);
  }

  private add(flat: BufferGeometry, color: Color, paint: boolean, top?: { color: Color; paint: boolean }): void {
    const n = flat.getAttribute("position").count;
    const normals = flat.getAttribute("normal");
    const colors = new Float32Array(n * 3);
    const paints = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const up = top !== undefined && normals.getZ(i) > 0.5;
      const c = up ? top.color : color;
      colors[i * 3] = c.r;
      colors[i * 3 + 1] = c.g;
      colors[i * 3 + 2] = c.b;
      paints[i] = (up ? top.paint : paint) ? 1 : 0;
    }
    flat.setAttribute("color", new Float32BufferAttribute(colors, 3));
    flat.setAttribute("paint", new Float32BufferAttribute(paints, 1));
    flat.deleteAttribute("uv");
    this.parts.push(flat);
  }

  /** The merged geometry, with the sun's shading baked into its colours. */
  merge(): BufferGeometry {
    const g = mergeGeometries(this.parts, false);
    if (!g) throw new Error("vehicle model: parts have different attributes");
    const normals = g.getAttribute("normal");
    const colors = g.getAttribute("color");
    const n = new Vector3();
    for (let i = 0; i < normals.count; i++) {
      n.fromBufferAttribute(normals, i);
      // Ambient sky light, more from above, plus the sun.
      const shade = 0.5 + 0.12 * n.z + 0.42 * Math.max(0, n.dot(SUN_DIRECTION));
      colors.setXYZ(i, colors.getX(i) * shade, colors.getY(i) * shade, colors.getZ(i) * shade);
    }
    g.computeBoundingBox();
    g.computeBoundingSphere();
    return g;
  }
}

function car(p: PartList, l: number, w: number, h: number): LampAnchors {
  const r = Math.min(0.34, h * 0.24);
  const sill = r * 0.9;
  const belt = h * 0.58;
  p.box(-l / 2, l / 2, -w / 2, w / 2, sill, belt, WHITE, true);
  // Glass cabin set back from the nose, and the roof on top of it.
  p.box(-l * 0.36, l * 0.16, -w * 0.44, w * 0.44, belt, h * 0.93, GLASS, false);
  p.box(-l * 0.33, l * 0.12, -w * 0.45, w * 0.45, h * 0.93, h, WHITE, true);
  // Bumpers.
  p.box(l / 2 - 0.08, l / 2 + 0.04, -w * 0.48, w * 0.48, sill * 0.7, sill * 1.3, TRIM, false);
  p.box(-l / 2 - 0.04, -l / 2 + 0.08, -w * 0.48, w * 0.48, sill * 0.7, sill * 1.3, TRIM, false);
  const lampZ = (sill + belt) / 2 + 0.05;
  for (const s of [-1, 1]) {
    p.box(
      l / 2 - 0.02,
      l / 2 + 0.02,
      s * w * 0.3 - 0.14,
      s * w * 0.3 + 0.14,
      lampZ - 0.06,
      lampZ + 0.06,
      HEADLAMP,
      false,
    );
    p.box(
      -l / 2 - 0.02,
      -l / 2 + 0.02,
      s * w * 0.34 - 0.12,
      s * w * 0.34 + 0.12,
      lampZ - 0.06,
      lampZ + 0.06,
      TAILLAMP,
      false,
    );
  }
  const ax = l / 2 - r * 1.5;
  for (const x of [-ax, ax]) for (const s of [-1, 1]) p.wheel(x, s * (w / 2 - 0.1), r, 0.22);
  return { rearX: -l / 2, frontX: l / 2, sideY: w * 0.34, z: lampZ };
}

function bus(p: PartList, l: number, w: number, h: number): LampAnchors {
  const r = Math.min(0.5, h * 0.16);
  const sill = r * 0.8;
  const band0 = h * 0.5;
  const band1 = h * 0.86;
  p.box(-l / 2, l / 2, -w / 2, w / 2, sill, band0, WHITE, true);
  // Window band all round (slightly inset so the body's pillars frame it), roof above.
  p.box(-l / 2 + 0.05, l / 2 + 0.01, -w * 0.495, w * 0.495, band0, band1, GLASS, false);
  p.box(-l / 2, l / 2, -w / 2, w / 2, band1, h, WHITE, true);
  for (let k = 1; k < Math.floor(l / 1.6); k++) {
    const x = -l / 2 + k * 1.6;
    p.box(x - 0.06, x + 0.06, -w / 2, w / 2, band0, band1, WHITE, true);
  }
  const lampZ = sill + 0.35;
  for (const s of [-1, 1]) {
    p.box(
      l / 2 - 0.02,
      l / 2 + 0.02,
      s * w * 0.36 - 0.15,
      s * w * 0.36 + 0.15,
      lampZ - 0.08,
      lampZ + 0.08,
      HEADLAMP,
      false,
    );
    p.box(
      -l / 2 - 0.02,
      -l / 2 + 0.02,
      s * w * 0.38 - 0.12,
      s * w * 0.38 + 0.12,
      lampZ - 0.1,
      lampZ + 0.1,
      TAILLAMP,
      false,
    );
  }
  const front = l / 2 - r * 2.2;
  const rear = -l / 2 + r * 2.8;
  for (const x of [front, rear]) for (const s of [-1, 1]) p.wheel(x, s * (w / 2 - 0.15), r, 0.3);
  for (const s of [-1, 1]) p.wheel(rear + r * 2.1, s * (w / 2 - 0.15), r, 0.3);
  return { rearX: -l / 2, frontX: l / 2, sideY: w * 0.38, z: lampZ };
}

function truck(p: PartList, l: number, w: number, h: number): LampAnchors {
  const r = Math.min(0.45, h * 0.19);
  const chassis = r * 1.1;
  const cabL = Math.min(2.2, l * 0.32);
  const cabH = Math.min(h, Math.max(1.6, h * 0.8));
  const cabX = l / 2 - cabL;
  // Chassis rail under everything.
  p.box(-l / 2, l / 2, -w * 0.4, w * 0.4, r * 0.6, chassis, TRIM, false);
  // Cab: painted lower part, windscreen, painted roof.
  p.box(cabX, l / 2, -w / 2, w / 2, chassis, cabH * 0.6, WHITE, true);
  p.box(cabX + 0.05, l / 2 + 0.01, -w * 0.47, w * 0.47, cabH * 0.6, cabH * 0.92, GLASS, false);
  p.box(cabX, l / 2, -w / 2, w / 2, cabH * 0.92, cabH, WHITE, true);
  // Cargo box, a little paler than the cab.
  p.box(-l / 2, cabX - 0.12, -w / 2, w / 2, chassis, h, new Color(0xe6e6e6), true);
  const lampZ = chassis + 0.25;
  for (const s of [-1, 1]) {
    p.box(
      l / 2 - 0.02,
      l / 2 + 0.02,
      s * w * 0.34 - 0.14,
      s * w * 0.34 + 0.14,
      lampZ - 0.07,
      lampZ + 0.07,
      HEADLAMP,
      false,
    );
    p.box(
      -l / 2 - 0.02,
      -l / 2 + 0.02,
      s * w * 0.36 - 0.12,
      s * w * 0.36 + 0.12,
      lampZ - 0.08,
      lampZ + 0.08,
      TAILLAMP,
      false,
    );
  }
  const axles = l > 7 ? [l / 2 - r * 1.6, -l / 2 + r * 1.6, -l / 2 + r * 3.8] : [l / 2 - r * 1.6, -l / 2 + r * 1.8];
  for (const x of axles) for (const s of [-1, 1]) p.wheel(x, s * (w / 2 - 0.15), r, 0.3);
  return { rearX: -l / 2, frontX: l / 2, sideY: w * 0.36, z: lampZ };
}

function motorcycle(p: PartList, l: number, w: number, h: number): LampAnchors {
  const r = Math.min(0.32, l * 0.13);
  const ax = l / 2 - r * 1.05;
  p.wheel(ax, 0, r, 0.12);
  p.wheel(-ax, 0, r, 0.12);
  // Frame and tank, seat, handlebar.
  p.box(-l * 0.28, l * 0.3, -0.14, 0.14, r * 0.8, r * 2.1, WHITE, true);
  p.box(-l * 0.3, -l * 0.02, -0.13, 0.13, r * 2.1, r * 2.3, TRIM, false);
  p.box(l * 0.26, l * 0.3, -w * 0.35, w * 0.35, r * 2.6, r * 2.7, TRIM, false);
  // Rider: torso leaning forward, arms, helmet in the role colour.
  const seat = r * 2.3;
  const shoulder = Math.max(seat + 0.45, h * 0.82);
  p.box(-l * 0.2, l * 0.02, -0.2, 0.2, seat, shoulder, RIDER, false);
  p.box(l * 0.02, l * 0.27, -0.24, -0.16, shoulder - 0.2, shoulder - 0.1, RIDER, false);
  p.box(l * 0.02, l * 0.27, 0.16, 0.24, shoulder - 0.2, shoulder - 0.1, RIDER, false);
  p.sphere(-l * 0.06, 0, Math.min(h - 0.14, shoulder + 0.12), 0.15, WHITE, true);
  const lampZ = r * 2.1;
  p.box(l * 0.3, l * 0.3 + 0.06, -0.08, 0.08, lampZ - 0.1, lampZ + 0.02, HEADLAMP, false);
  p.box(-l * 0.3 - 0.04, -l * 0.3, -0.07, 0.07, r * 2.1, r * 2.25, TAILLAMP, false);
  return { rearX: -l * 0.3, frontX: l * 0.3, sideY: 0.12, z: r * 2.15 };
}

function pedestrian(p: PartList, l: number, w: number, h: number): void {
  const leg = h * 0.47;
  p.box(-l * 0.18, l * 0.18, -w * 0.3, -w * 0.04, 0, leg, RIDER, false);
  p.box(-l * 0.18, l * 0.18, w * 0.04, w * 0.3, 0, leg, RIDER, false);
  p.box(-l * 0.25, l * 0.25, -w * 0.42, w * 0.42, leg, h * 0.84, WHITE, true);
  p.sphere(0, 0, h * 0.91, Math.min(l, w) * 0.24, new Color(0xd9b38c), false);
}

/**
 * The distant version of a model (two boxes: painted body, glass cabin with a painted roof), for vehicles far from the camera, where the full model's wheels and lamps are a pixel.
 */
function lowDetail(p: PartList, kind: VehicleKind, l: number, w: number, h: number): void {
  if (kind === "pedestrian") {
    p.box(-l * 0.2, l * 0.2, -w * 0.3, w * 0.3, 0, h * 0.47, RIDER, false);
    p.box(-l * 0.25, l * 0.25, -w * 0.42, w * 0.42, h * 0.47, h, WHITE, true);
    return;
  }
  if (kind === "motorcycle") {
    p.box(-l / 2, l / 2, -0.06, 0.06, 0, l * 0.26, TYRE, false);
    p.box(-l * 0.28, l * 0.3, -0.14, 0.14, l * 0.1, l * 0.27, WHITE, true);
    p.box(-l * 0.2, l * 0.02, -0.2, 0.2, l * 0.27, h * 0.82, RIDER, false);
    p.box(-l * 0.12, 0, -0.14, 0.14, h * 0.82, h, WHITE, true);
    return;
  }
  const r = kind === "car" ? Math.min(0.34, h * 0.24) : Math.min(0.5, h * 0.17);
  const roof = { color: WHITE, paint: true };
  if (kind === "car") {
    p.box(-l / 2, l / 2, -w / 2, w / 2, r * 0.5, h * 0.58, WHITE, true);
    p.box(-l * 0.36, l * 0.16, -w * 0.44, w * 0.44, h * 0.58, h, GLASS, false, roof);
  } else if (kind === "bus") {
    p.box(-l / 2, l / 2, -w / 2, w / 2, r * 0.5, h * 0.5, WHITE, true);
    p.box(-l / 2, l / 2, -w / 2, w / 2, h * 0.5, h, GLASS, false, roof);
  } else {
    const cabL = Math.min(2.2, l * 0.32);
    const cabH = Math.min(h, Math.max(1.6, h * 0.8));
    p.box(l / 2 - cabL, l / 2, -w / 2, w / 2, r * 0.6, cabH, GLASS, false, roof);
    p.box(-l / 2, l / 2 - cabL - 0.12, -w / 2, w / 2, r * 0.6, h, new Color(0xe6e6e6), true);
  }
}

/** How much of a model to build: all its parts, or the few boxes seen from afar. */
export type ModelDetail = "full" | "low";

/** Builds the model of `kind` for a vehicle of `lengthM` × `widthM` × `heightM`. */
export function buildVehicleModel(
  kind: VehicleKind,
  lengthM: number,
  widthM: number,
  heightM: number,
  detail: ModelDetail = "full",
): VehicleModel {
  const p = new PartList();
  let lamps: LampAnchors | undefined;
  if (detail === "low") {
    lowDetail(p, kind, lengthM, widthM, heightM);
    const full = kind === "pedestrian" ? undefined : buildVehicleModel(kind, lengthM, widthM, heightM).lamps;
    return { kind, geometry: p.merge(), wheels: 0, lamps: full };
  }
  if (kind === "car") lamps = car(p, lengthM, widthM, heightM);
  else if (kind === "bus") lamps = bus(p, lengthM, widthM, heightM);
  else if (kind === "truck") lamps = truck(p, lengthM, widthM, heightM);
  else if (kind === "motorcycle") lamps = motorcycle(p, lengthM, widthM, heightM);
  else pedestrian(p, lengthM, widthM, heightM);
  return { kind, geometry: p.merge(), wheels: p.wheels, lamps };
}

/**
 * The unlit material of the models: vertex colours, with the instance colour (the role) applied
 * only where `paint` is 1, so glass, tyres and lamps keep their colours on every vehicle. With
 * `instanced` false, plain vertex colours.
 */
export function paintedMaterial(instanced = true): MeshBasicMaterial {
  const m = new MeshBasicMaterial({ vertexColors: true });
  // Merged meshes are tinted on the CPU (MergedMesh.ts): plain vertex colours.
  if (!instanced) return m;
  m.onBeforeCompile = (shader) => {
    shader.vertexShader = shader.vertexShader
      .replace("#include <common>", "#include <common>\nattribute float paint;")
      .replace(
        "#include <color_vertex>",
        [
          "vColor = vec4(1.0);",
          "vColor.rgb *= color;",
          "#ifdef USE_INSTANCING_COLOR",
          "vColor.rgb *= mix(vec3(1.0), instanceColor.rgb, paint);",
          "#endif",
        ].join("\n"),
      );
  };
  m.customProgramCacheKey = () => "roadgym-painted";
  return m;
}
