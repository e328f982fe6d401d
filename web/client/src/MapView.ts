/**
 * The static map, built once from the replay header's geometry: road surfaces (one strip per lane,
 * junction connectors included), roadside strips (shoulders, sidewalks), junction outlines and lane markings (dashed between lanes of a
 * road, solid at its edges, yellow where the left edge borders the opposite direction), on the
 * scene's grass-coloured background (no ground mesh: software WebGL would fill every pixel twice).
 * Everything is merged into a few unlit geometries, so the map costs a handful of draw calls.
 */
import {
  BufferGeometry,
  DoubleSide,
  Float32BufferAttribute,
  Group,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  MeshBasicMaterial,
  ShapeUtils,
  Vector2,
} from "three";
import type { ReplayMap, ReplayPoint } from "../../../replay/ReplayHeader.js";

/** Heights (m) that keep the layers from z-fighting. */
const Z_ROADSIDE = -0.01;
const Z_ROAD = 0;
const Z_JUNCTION = 0.01;
const Z_MARKING = 0.03;
/** Dash and gap lengths of lane dividers (m). */
const DASH_M = 3;
const GAP_M = 6;

/** World bounds of the map `[minX, minY, maxX, maxY]`. */
export type Bounds = [number, number, number, number];

/** The drawn map and its bounds. */
export interface MapView {
  group: Group;
  bounds: Bounds;
}

/** Left/right edge points of a centreline offset by ±halfWidth (normals averaged at joints). */
function offsetLine(shape: readonly ReplayPoint[], offset: number): ReplayPoint[] {
  const n = shape.length;
  const out: ReplayPoint[] = [];
  for (let i = 0; i < n; i++) {
    const a = shape[Math.max(0, i - 1)];
    const b = shape[Math.min(n - 1, i + 1)];
    let dx = b[0] - a[0];
    let dy = b[1] - a[1];
    const len = Math.hypot(dx, dy) || 1;
    dx /= len;
    dy /= len;
    // Left normal of the driving direction is (−dy, dx).
    out.push([shape[i][0] - dy * offset, shape[i][1] + dx * offset]);
  }
  return out;
}

function pushStrip(pos: number[], left: readonly ReplayPoint[], right: readonly ReplayPoint[], z: number): void {
  for (let i = 0; i + 1 < left.length; i++) {
    const l0 = left[i];
    const l1 = left[i + 1];
    const r0 = right[i];
    const r1 = right[i + 1];
    // Counter-clockwise seen from above (+z), so the faces point up.
    pos.push(r0[0], r0[1], z, r1[0], r1[1], z, l1[0], l1[1], z);
    pos.push(r0[0], r0[1], z, l1[0], l1[1], z, l0[0], l0[1], z);
  }
}

function pushSolid(pos: number[], line: readonly ReplayPoint[], z: number): void {
  for (let i = 0; i + 1 < line.length; i++) pos.push(line[i][0], line[i][1], z, line[i + 1][0], line[i + 1][1], z);
}

function pushDashed(pos: number[], line: readonly ReplayPoint[], z: number): void {
  let phase = 0; // distance into the current dash+gap period
  for (let i = 0; i + 1 < line.length; i++) {
    const [x0, y0] = line[i];
    const [x1, y1] = line[i + 1];
    const len = Math.hypot(x1 - x0, y1 - y0);
    let s = 0;
    while (s < len) {
      const inDash = phase < DASH_M;
      const step = Math.min(len - s, (inDash ? DASH_M : DASH_M + GAP_M) - phase);
      if (inDash) {
        const a = s / len;
        const b = (s + step) / len;
        pos.push(x0 + (x1 - x0) * a, y0 + (y1 - y0) * a, z, x0 + (x1 - x0) * b, y0 + (y1 - y0) * b, z);
      }
      s += step;
      phase = (phase + step) % (DASH_M + GAP_M);
    }
  }
}

function geometry(positions: number[]): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute("position", new Float32BufferAttribute(positions, 3));
  return g;
}

/** Builds the map's meshes. */
export function buildMapView(map: ReplayMap): MapView {
  const group = new Group();
  group.name = "map";
  const road: number[] = [];
  const junction: number[] = [];
  const shoulder: number[] = [];
  const verge: number[] = [];
  const white: number[] = [];
  const dashed: number[] = [];
  const yellow: number[] = [];
  const bounds: Bounds = [Infinity, Infinity, -Infinity, -Infinity];
  const grow = (p: ReplayPoint) => {
    bounds[0] = Math.min(bounds[0], p[0]);
    bounds[1] = Math.min(bounds[1], p[1]);
    bounds[2] = Math.max(bounds[2], p[0]);
    bounds[3] = Math.max(bounds[3], p[1]);
  };
  for (const r of map.roads) {
    const lanes = [...r.lanes].sort((a, b) => a.index - b.index);
    const normal = r.kind === "normal";
    for (const lane of lanes) {
      const half = lane.widthM / 2;
      const left = offsetLine(lane.shape, half);
      const right = offsetLine(lane.shape, -half);
      left.forEach(grow);
      right.forEach(grow);
      pushStrip(road, left, right, normal ? Z_ROAD : Z_JUNCTION);
      if (!normal) continue;
      if (lane.index === 0) pushSolid(white, right, Z_MARKING);
      if (lane.index === lanes.length - 1) {
        const opposite = typeof (lane as { neighLaneId?: unknown }).neighLaneId === "string";
        pushSolid(opposite ? yellow : white, left, Z_MARKING);
      } else {
        pushDashed(dashed, left, Z_MARKING);
      }
    }
  }
  for (const r of map.roadside ?? []) {
    if (r.type === "none") continue;
    pushStrip(
      r.shoulder ? shoulder : verge,
      offsetLine(r.shape, r.widthM / 2),
      offsetLine(r.shape, -r.widthM / 2),
      Z_ROADSIDE,
    );
  }
  for (const j of map.junctions) {
    if (j.shape.length < 3) continue;
    const contour = j.shape.map((p) => new Vector2(p[0], p[1]));
    for (const tri of ShapeUtils.triangulateShape(contour, [])) {
      for (const k of tri) junction.push(contour[k].x, contour[k].y, Z_JUNCTION);
    }
    j.shape.forEach(grow);
  }
  if (!Number.isFinite(bounds[0])) bounds.splice(0, 4, -50, -50, 50, 50);
  // Double-sided: junction outlines come in either orientation.
  // Unlit materials: the map is flat, and per-pixel lighting is what software WebGL pays most for.
  if (shoulder.length > 0)
    group.add(new Mesh(geometry(shoulder), new MeshBasicMaterial({ color: 0x4a4e54, side: DoubleSide })));
  if (verge.length > 0)
    group.add(new Mesh(geometry(verge), new MeshBasicMaterial({ color: 0x85807a, side: DoubleSide })));
  group.add(new Mesh(geometry(road), new MeshBasicMaterial({ color: 0x34383d, side: DoubleSide })));
  group.add(new Mesh(geometry(junction), new MeshBasicMaterial({ color: 0x3d4146, side: DoubleSide })));
  group.add(new LineSegments(geometry([...white, ...dashed]), new LineBasicMaterial({ color: 0xe9edf0 })));
  group.add(new LineSegments(geometry(yellow), new LineBasicMaterial({ color: 0xf2c440 })));
  return { group, bounds };
}
