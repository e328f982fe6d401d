/**
 * What surrounds the roads: a sky dome (a vertical gradient from a hazy horizon to a blue zenith,
 * fading just below the horizon into the grass; it moves with the camera), the grass (the
 * renderer's clear colour, {@link GRASS}: no ground mesh, as software WebGL would pay to fill every
 * pixel twice), distance fog in the horizon's colour, and trees scattered beside the roads (not on
 * them). All unlit with vertex colours, the trees one merged mesh: a handful of draw calls.
 * Tree placement is a fixed function of the map, so screenshots are reproducible.
 */
import {
  BackSide,
  BufferGeometry,
  Color,
  ConeGeometry,
  CylinderGeometry,
  Float32BufferAttribute,
  Fog,
  Group,
  Matrix4,
  Mesh,
  MeshBasicMaterial,
  Quaternion,
  SphereGeometry,
  Vector3,
} from "three";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";
import type { ReplayMap } from "../../../replay/ReplayHeader.js";
import type { Bounds } from "./MapView.js";
import { SUN_DIRECTION } from "./VehicleModels.js";

/** Horizon colour of the sky, also the fog's. */
export const HORIZON = new Color(0xc9dced);
const ZENITH = new Color(0x4f8fd8);
/** The ground's colour: the renderer clears to it. */
export const GRASS = new Color(0x5d7f45);
/** Trees keep this far (m) from a lane's edge. */
const TREE_CLEARANCE_M = 4.5;
/** Trees grow at most this far (m) from a lane: beyond, nobody looks. */
const TREE_BAND_M = 60;
/** Spacing (m) of the grid the trees are jittered from. */
const TREE_SPACING_M = 11;
const MAX_TREES = 500;

/** The scenery of a map. */
export interface Scenery {
  group: Group;
  /** The sky dome: place it at the camera each frame. */
  sky: Mesh;
  fog: Fog;
  /** Trees placed. */
  trees: number;
}

/** A fixed pseudo-random sequence in [0, 1) (xorshift32). */
function sequence(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

function shade(g: BufferGeometry, base: Color): BufferGeometry {
  const flat = g.index ? g.toNonIndexed() : g;
  flat.deleteAttribute("uv");
  const normals = flat.getAttribute("normal");
  const colors = new Float32Array(normals.count * 3);
  const n = new Vector3();
  for (let i = 0; i < normals.count; i++) {
    n.fromBufferAttribute(normals, i);
    const k = 0.55 + 0.1 * n.z + 0.4 * Math.max(0, n.dot(SUN_DIRECTION));
    colors[i * 3] = base.r * k;
    colors[i * 3 + 1] = base.g * k;
    colors[i * 3 + 2] = base.b * k;
  }
  flat.setAttribute("color", new Float32BufferAttribute(colors, 3));
  return flat;
}

/** A tree of unit height: trunk and two cones of foliage. */
function treeGeometry(): BufferGeometry {
  const g = mergeGeometries([
    shade(
      new CylinderGeometry(0.04, 0.06, 0.35, 4, 1, true).rotateX(Math.PI / 2).translate(0, 0, 0.175),
      new Color(0x6b4a2f),
    ),
    shade(new ConeGeometry(0.3, 0.55, 6, 1, true).rotateX(Math.PI / 2).translate(0, 0, 0.52), new Color(0x2f6b34)),
    shade(new ConeGeometry(0.22, 0.4, 6, 1, true).rotateX(Math.PI / 2).translate(0, 0, 0.8), new Color(0x3a7d3c)),
  ]);
  if (!g) throw new Error("tree geometry: parts differ");
  return g;
}

/** Lane centreline samples in a grid of cells, for "how far is the nearest lane" queries. */
class LaneIndex {
  private readonly cells = new Map<string, number[]>();
  constructor(
    map: ReplayMap,
    private readonly cellM: number,
  ) {
    for (const r of map.roads) {
      for (const l of r.lanes) {
        for (let k = 0; k + 1 < l.shape.length; k++) {
          const [x0, y0] = l.shape[k];
          const [x1, y1] = l.shape[k + 1];
          const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 2));
          for (let s = 0; s <= steps; s++) {
            const x = x0 + ((x1 - x0) * s) / steps;
            const y = y0 + ((y1 - y0) * s) / steps;
            const key = `${Math.floor(x / cellM)},${Math.floor(y / cellM)}`;
            let cell = this.cells.get(key);
            if (!cell) this.cells.set(key, (cell = []));
            cell.push(x, y, l.widthM / 2);
          }
        }
      }
    }
    for (const j of map.junctions) {
      if (j.shape.length < 3) continue;
      const key = `${Math.floor(j.x / cellM)},${Math.floor(j.y / cellM)}`;
      let cell = this.cells.get(key);
      if (!cell) this.cells.set(key, (cell = []));
      const radius = Math.max(...j.shape.map((p) => Math.hypot(p[0] - j.x, p[1] - j.y)));
      cell.push(j.x, j.y, radius);
    }
  }

  /** Distance (m) from (x, y) to the nearest lane edge (negative inside a lane), up to about one cell. */
  clearance(x: number, y: number): number {
    const cx = Math.floor(x / this.cellM);
    const cy = Math.floor(y / this.cellM);
    let best = Infinity;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const cell = this.cells.get(`${cx + dx},${cy + dy}`);
        if (!cell) continue;
        for (let k = 0; k < cell.length; k += 3)
          best = Math.min(best, Math.hypot(cell[k] - x, cell[k + 1] - y) - cell[k + 2]);
      }
    }
    return best;
  }
}

/** Builds the sky, ground, fog and trees around a map with these bounds. */
export function buildScenery(map: ReplayMap, bounds: Bounds): Scenery {
  const group = new Group();
  group.name = "scenery";
  const size = Math.max(bounds[2] - bounds[0], bounds[3] - bounds[1], 200);

  // Sky: a sphere seen from inside, coloured by height; drawn first, writes no depth.
  // Only the upper half and a band just below the horizon (where the far grass fades into haze).
  const skyGeometry = new SphereGeometry(1, 24, 8, 0, Math.PI * 2, 0, Math.PI / 2 + 0.12);
  const pos = skyGeometry.getAttribute("position");
  const skyColors = new Float32Array(pos.count * 3);
  const c = new Color();
  for (let i = 0; i < pos.count; i++) {
    const up = pos.getY(i);
    if (up >= 0) c.copy(HORIZON).lerp(ZENITH, Math.pow(up, 0.6));
    else c.copy(HORIZON).lerp(GRASS, Math.min(1, -up * 12));
    skyColors.set([c.r, c.g, c.b], i * 3);
  }
  skyGeometry.setAttribute("color", new Float32BufferAttribute(skyColors, 3));
  skyGeometry.rotateX(Math.PI / 2); // the sphere's +y pole to +z (up)
  const sky = new Mesh(
    skyGeometry,
    new MeshBasicMaterial({ vertexColors: true, side: BackSide, depthWrite: false, depthTest: false, fog: false }),
  );
  sky.name = "sky";
  sky.renderOrder = -10;
  sky.frustumCulled = false;
  sky.scale.setScalar(size * 4);
  group.add(sky);

  // Trees beside the roads.
  const index = new LaneIndex(map, TREE_BAND_M);
  const place = sequence(12345);
  let matrices: Matrix4[] = [];
  const q = new Quaternion();
  const axis = new Vector3(0, 0, 1);
  for (let x = bounds[0] - TREE_BAND_M; x < bounds[2] + TREE_BAND_M; x += TREE_SPACING_M) {
    for (let y = bounds[1] - TREE_BAND_M; y < bounds[3] + TREE_BAND_M; y += TREE_SPACING_M) {
      const px = x + (place() - 0.5) * TREE_SPACING_M * 0.9;
      const py = y + (place() - 0.5) * TREE_SPACING_M * 0.9;
      const h = 6 + place() * 7;
      const keep = place();
      const d = index.clearance(px, py);
      // Denser near the road, thinning out with distance.
      if (d < TREE_CLEARANCE_M || d > TREE_BAND_M || keep > 1 - d / (TREE_BAND_M * 1.6)) continue;
      q.setFromAxisAngle(axis, place() * Math.PI * 2);
      matrices.push(new Matrix4().compose(new Vector3(px, py, 0), q, new Vector3(h, h, h)));
    }
  }
  // A large map: every k-th tree, evenly over the map rather than the first ones found.
  if (matrices.length > MAX_TREES) {
    const keep = matrices.length / MAX_TREES;
    matrices = Array.from({ length: MAX_TREES }, (_, k) => matrices[Math.floor(k * keep)]);
  }
  if (matrices.length > 0) {
    // One static merged geometry: software WebGL pays per instance of an instanced draw.
    const tree = treeGeometry();
    const forest = mergeGeometries(matrices.map((m) => tree.clone().applyMatrix4(m)));
    if (!forest) throw new Error("trees: parts differ");
    const trees = new Mesh(forest, new MeshBasicMaterial({ vertexColors: true }));
    trees.name = "trees";
    group.add(trees);
  }

  // The camera sets the fog's distances (CameraRig.fitFog).
  const fog = new Fog(HORIZON, size, size * 4);
  return { group, sky, fog, trees: matrices.length };
}
